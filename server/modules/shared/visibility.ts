import { registerEnumType } from 'type-graphql';

export const Visibility = { PUBLIC: 'PUBLIC', UNLISTED: 'UNLISTED', PRIVATE: 'PRIVATE' } as const;
export type Visibility = keyof typeof Visibility;
registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'PUBLIC: listed for everyone; UNLISTED: anyone with the id, never listed; PRIVATE: the owner and invited collaborators only.',
});

export const License = { CC_BY_4_0: 'CC_BY_4_0', CC_BY_NC_4_0: 'CC_BY_NC_4_0', ALL_RIGHTS_RESERVED: 'ALL_RIGHTS_RESERVED' } as const;
export type License = keyof typeof License;
registerEnumType(License, {
  name: 'License',
  description: 'CC_BY_4_0 (default) and CC_BY_NC_4_0 allow remixes with attribution; ALL_RIGHTS_RESERVED does not.',
});
