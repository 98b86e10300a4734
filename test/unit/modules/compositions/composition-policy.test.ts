import { describe, expect, it } from 'vitest';
import { can, COMPOSITION_ACTIONS, type CompositionAction, type PieceFacts } from '../../../../server/modules/compositions/composition.policy.js';

const OWNER = { id: 1 };
const EDITOR = { id: 2 };
const VIEWER = { id: 3 };
const OTHER = { id: 4 };
type Who = 'owner' | 'editor' | 'viewer' | 'other' | 'anonymous';
const people: Record<Who, { id: number } | null> = { owner: OWNER, editor: EDITOR, viewer: VIEWER, other: OTHER, anonymous: null };

function piece(who: Who, visibility: string, license: string): PieceFacts {
  return { ownerId: OWNER.id, visibility, license, collaboratorRole: who === 'editor' ? 'EDITOR' : who === 'viewer' ? 'VIEWER' : null };
}

/** Who may do each action, in the order owner, editor, viewer (collaborator), other, anonymous. */
const table: Record<CompositionAction, [string, string, string]> = {
  //              PUBLIC CC BY       PRIVATE CC BY      PUBLIC ALL RIGHTS RESERVED
  view: ['OEVXA', 'OEV--', 'OEVXA'],
  edit: ['OE---', 'OE---', 'OE---'],
  setVisibility: ['O----', 'O----', 'O----'],
  setLicence: ['O----', 'O----', 'O----'],
  delete: ['O----', 'O----', 'O----'],
  invite: ['O----', 'O----', 'O----'],
  enterContest: ['O----', 'O----', 'O----'],
  comment: ['OEVX-', 'OEV--', 'OEVX-'],
  export: ['OEVX-', 'OEV--', 'OEV--'],
  remix: ['OEVX-', 'OEV--', 'O----'],
};
const columns: [string, string][] = [
  ['PUBLIC', 'CC_BY_4_0'],
  ['PRIVATE', 'CC_BY_4_0'],
  ['PUBLIC', 'ALL_RIGHTS_RESERVED'],
];
const order: Who[] = ['owner', 'editor', 'viewer', 'other', 'anonymous'];

describe('composition policy', () => {
  it('covers every action in the table', () => {
    expect(Object.keys(table).sort()).toEqual([...COMPOSITION_ACTIONS].sort());
  });

  for (const action of COMPOSITION_ACTIONS) {
    it(`decides ${action} as the table says`, () => {
      const decided = columns.map(([visibility, license]) => order.map((who, i) => (can(people[who], action, piece(who, visibility, license)) ? 'OEVXA'[i] : '-')).join(''));
      expect(decided).toEqual(table[action]);
    });
  }

  it('treats UNLISTED like PUBLIC: anyone with the link may see it', () => {
    expect(can(null, 'view', piece('anonymous', 'UNLISTED', 'CC_BY_4_0'))).toBe(true);
    expect(can(OTHER, 'remix', piece('other', 'UNLISTED', 'CC_BY_NC_4_0'))).toBe(true);
  });

  it('gives no rights over a piece whose owner left, beyond reading it', () => {
    const orphan: PieceFacts = { ownerId: null, visibility: 'PUBLIC', license: 'ALL_RIGHTS_RESERVED', collaboratorRole: null };
    expect(COMPOSITION_ACTIONS.filter((action) => can(OTHER, action, orphan))).toEqual(['view', 'comment']);
  });
});
