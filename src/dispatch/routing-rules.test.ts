import { describe, expect, it } from 'vitest';
import { decide, type Place, type Rule } from './routing-rules.js';

const place: Place = { districtCode: '330112', townCode: '330112116', villageCode: '330112116217', gridCode: '330112116217002' };
const rule = (id: number, r: Partial<Rule>): Rule => ({ id, position: id, name: `r${id}`, enabled: true, match: { categories: [], severities: [], regions: [] }, target: { kind: 'grid' }, alsoNotify: [], ...r });

describe('routing rules', () => {
  it('takes the first enabled match by position and names it in the reasons', () => {
    const rules = [
      rule(3, { position: 1, enabled: false, match: { categories: ['noise'], severities: [], regions: [] }, target: { kind: 'district_centre' } }),
      rule(1, { position: 3, match: { categories: ['noise'], severities: [], regions: [] }, target: { kind: 'town_centre' } }),
      rule(2, { position: 2, match: { categories: ['no*'], severities: ['high'], regions: [] }, target: { kind: 'department', code: 'D330112019' } }),
    ];
    expect(decide(rules, 'noise', 'low', place)).toMatchObject({ unit: { kind: 'command_centre', code: 'C330112116' }, ruleId: 1 });
    const high = decide(rules, 'noise', 'high', place);
    expect(high).toMatchObject({ unit: { kind: 'department', code: 'D330112019' }, ruleId: 2 });
    expect(high.reasons[0]).toMatch(/rule #2 matched noise\/high/);
  });

  it('matches regions by code prefix of the finest known place', () => {
    const rules = [rule(1, { match: { categories: [], severities: [], regions: ['330112006'] }, target: { kind: 'district_centre' } }), rule(2, { match: { categories: [], severities: [], regions: ['330112116217'] } })];
    expect(decide(rules, 'x', 'low', place)).toMatchObject({ ruleId: 2, unit: { kind: 'grid', code: place.gridCode } });
    expect(decide(rules, 'x', 'low', { ...place, townCode: null, villageCode: null, gridCode: null }).ruleId).toBeNull();
  });

  it('falls back up the ladder for a target finer than the known place, and says why', () => {
    const d = decide([rule(1, {})], 'x', 'low', { ...place, gridCode: null });
    expect(d.unit).toEqual({ kind: 'village', code: place.villageCode });
    expect(d.reasons[1]).toMatch(/no grid known/);
    expect(decide([rule(1, {})], 'x', 'low', { districtCode: '330112', townCode: null, villageCode: null, gridCode: null }).unit).toEqual({ kind: 'district_centre', code: 'C330112' });
  });

  it('falls back to the district centre when nothing matches', () => {
    const d = decide([], 'x', 'critical', place);
    expect(d).toMatchObject({ unit: { kind: 'district_centre', code: 'C330112' }, ruleId: null });
    expect(d.reasons[0]).toMatch(/district fallback/);
  });

  it('resolves also-notify targets and drops the handling unit from them', () => {
    const d = decide([rule(1, { target: { kind: 'town_centre' }, alsoNotify: [{ kind: 'town_centre' }, { kind: 'district_centre' }] })], 'x', 'low', place);
    expect(d.alsoNotify).toEqual([{ kind: 'district_centre', code: 'C330112' }]);
  });
});
