import { describe, expect, it } from 'vitest';
import { ACTIONS, CASE_STATUSES, higher, nextLevel, nextStatus, type Action, type CaseStatus } from './case-model.js';

// The documented transition table (docs/dispatch.md); '-' = not allowed, '=' = status unchanged.
const TABLE: Record<Action, Partial<Record<CaseStatus, CaseStatus | '='>>> = {
  dispatch: { reported: 'dispatched', returned: 'dispatched' },
  accept: { dispatched: 'accepted' },
  start: { accepted: 'in_progress' },
  resolve: { accepted: 'resolved', in_progress: 'resolved' },
  return: { dispatched: 'returned', accepted: 'returned' },
  escalate: { dispatched: '=', accepted: '=', in_progress: '=', returned: 'dispatched' },
  verify: { resolved: 'verified' },
  close: { verified: 'closed' },
  reopen: { resolved: 'dispatched', verified: 'dispatched', closed: 'dispatched' },
};

describe('case state machine', () => {
  for (const action of ACTIONS) {
    for (const from of CASE_STATUSES) {
      const expected = TABLE[action][from];
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${from}`, () => {
        expect(nextStatus(action, from)).toBe(expected === '=' ? from : (expected ?? null));
      });
    }
  }

  it('escalates grid → village → town command centre → district centre, and a department to the district', () => {
    const d = '330112';
    const grid = { kind: 'grid' as const, code: '330112116217001' };
    const village = nextLevel(grid, d)!;
    expect(village).toEqual({ kind: 'village', code: '330112116217' });
    const town = nextLevel(village, d)!;
    expect(town).toEqual({ kind: 'command_centre', code: 'C330112116' });
    expect(nextLevel(town, d)).toEqual({ kind: 'district_centre', code: 'C330112' });
    expect(nextLevel({ kind: 'district_centre', code: 'C330112' }, d)).toBeNull();
    expect(nextLevel({ kind: 'department', code: 'D330112019' }, d)).toEqual({ kind: 'district_centre', code: 'C330112' });
    expect(higher(grid, town)).toBe(town);
    expect(higher(town, grid)).toBe(town);
  });
});
