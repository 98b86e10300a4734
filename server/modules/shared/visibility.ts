import { registerEnumType } from 'type-graphql';

export const Visibility = { PUBLIC: 'PUBLIC', UNLISTED: 'UNLISTED', PRIVATE: 'PRIVATE' } as const;
export type Visibility = keyof typeof Visibility;
registerEnumType(Visibility, {
  name: 'Visibility',
  valuesConfig: {
    PRIVATE: { description: 'The owner and invited collaborators only.' },
    PUBLIC: { description: 'Listed for everyone.' },
    UNLISTED: { description: 'Anyone with the id; never listed.' },
  },
  description: 'PUBLIC: listed for everyone; UNLISTED: anyone with the id, never listed; PRIVATE: the owner and invited collaborators only.',
});

export const License = { CC_BY_4_0: 'CC_BY_4_0', CC_BY_NC_4_0: 'CC_BY_NC_4_0', ALL_RIGHTS_RESERVED: 'ALL_RIGHTS_RESERVED' } as const;
export type License = keyof typeof License;
registerEnumType(License, {
  name: 'License',
  valuesConfig: {
    ALL_RIGHTS_RESERVED: { description: 'No remixes by others.' },
    CC_BY_4_0: { description: 'Creative Commons Attribution 4.0: remix with credit.' },
    CC_BY_NC_4_0: { description: 'Creative Commons Attribution-NonCommercial 4.0: remix with credit, not commercially.' },
  },
  description: 'CC_BY_4_0 (default) and CC_BY_NC_4_0 allow remixes with attribution; ALL_RIGHTS_RESERVED does not.',
});
