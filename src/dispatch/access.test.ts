import { describe, expect, it } from 'vitest';
import type { Principal } from '../platform/auth/principal.js';
import { actsAs, canSee, type CasePlace } from './access.js';

const who = (name: string, role: string, kind: Principal['scope']['kind'], code: string): Principal => ({ kind: 'user', id: name, name, displayName: name, role, scope: { kind, code } });
const gridYidu = who('grid.yidu', 'grid_worker', 'village', '330112116217');
const gridOther = who('grid.other', 'grid_worker', 'village', '330112116217');
const gridJc = who('grid.jc', 'grid_worker', 'village', '330112006001');
const tms = who('tms', 'town_operator', 'town', '330112116');
const jc = who('jc', 'town_operator', 'town', '330112006');
const admin = who('admin', 'admin', 'district', '330112');
const env = who('env', 'town_operator', 'department', 'D330112019');

const place = (over: Partial<CasePlace> = {}): CasePlace => ({
  districtCode: '330112', townCode: '330112116', villageCode: '330112116217', gridCode: '330112116217001',
  unitKind: 'grid', unitCode: '330112116217001', unitRegion: '330112116217001', assignee: 'grid.yidu', escalatedCode: null, alsoNotify: [], ...over,
});

describe('who sees and acts on a case', () => {
  it('lets the assignee, their town and the district handle a grid case; not another village, town or another grid worker', () => {
    const c = place();
    expect([gridYidu, tms, admin].map((p) => actsAs(p, c, 'handler'))).toEqual([true, true, true]);
    expect([gridOther, gridJc, jc, env].map((p) => actsAs(p, c, 'handler'))).toEqual([false, false, false, false]);
    expect(actsAs(gridOther, place({ assignee: null }), 'handler')).toBe(true);
  });

  it('keeps dispatching and verifying with the command centres', () => {
    const c = place();
    expect([tms, admin].map((p) => actsAs(p, c, 'dispatcher'))).toEqual([true, true]);
    expect([gridYidu, jc, env].map((p) => actsAs(p, c, 'dispatcher'))).toEqual([false, false, false]);
  });

  it('gives a department its own cases and the ones it is told about, and nothing by place', () => {
    const atDept = place({ unitKind: 'department', unitCode: 'D330112019', unitRegion: null, assignee: null });
    expect(actsAs(env, atDept, 'handler')).toBe(true);
    expect(canSee(env, atDept)).toBe(true);
    expect(canSee(env, place())).toBe(false);
    expect(canSee(env, place({ alsoNotify: ['D330112019'] }))).toBe(true);
    expect(actsAs(env, place({ alsoNotify: ['D330112019'] }), 'handler')).toBe(false);
  });

  it('shows a town the cases located in it or handled within it, and another town none of them', () => {
    expect(canSee(tms, place())).toBe(true);
    expect(canSee(jc, place())).toBe(false);
    expect(canSee(jc, place({ alsoNotify: ['C330112006'] }))).toBe(true);
    expect(canSee(gridJc, place())).toBe(false);
    expect(canSee(admin, place())).toBe(true);
    expect(canSee(who('x', 'admin', 'district', '330110'), place())).toBe(false);
  });
});
