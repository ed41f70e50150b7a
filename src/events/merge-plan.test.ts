import { describe, expect, it } from 'vitest';
import { boundingBox } from './geo.js';
import { planMerges, type Incoming, type OpenCase } from './merge-plan.js';
import { near } from './testing/fixtures.js';

const NOW = new Date('2026-11-29T08:00:00Z');
const AT = new Date('2026-11-29T07:00:00Z');

/** A road-damage report (50 m, 3 days) at `north` metres, or a keyed report without a place. */
function report(o: { north?: number; key?: string; severity?: Incoming['severity']; at?: Date; category?: string } = {}): Incoming {
  const at = o.at ?? AT;
  const p = o.north === undefined ? null : near(o.north);
  const window = 3 * 86_400_000;
  return {
    category: o.category ?? 'road-damage', severity: o.severity ?? 'medium', occurredAt: at, dedupKey: o.key ?? null, lat: p?.lat ?? null, lon: p?.lon ?? null,
    near: p ? { category: o.category ?? 'road-damage', lat: p.lat, lon: p.lon, radiusM: 50, box: boundingBox(p.lat, p.lon, 50), since: new Date(at.getTime() - window), until: new Date(at.getTime() + window) } : null,
  };
}

function openCase(id: string, o: Partial<OpenCase> = {}): OpenCase {
  return { id, category: 'road-damage', severity: 'medium', count: 1, lat: null, lon: null, dedupKey: null, occurredAt: AT, lastEventAt: AT, openedAt: new Date('2026-11-29T06:00:00Z'), ...o };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `new-${i}`);

describe('merge plan for a batch of events', () => {
  it('lets the second of two events with one dedup key join the case the first opens', () => {
    const plan = planMerges([report({ key: 'cam-7:smoke' }), report({ key: 'cam-7:smoke', severity: 'high' })], [], ids(2), NOW);
    expect(plan.decisions).toEqual([
      { caseId: 'new-0', merged: false, count: 1, severity: 'medium', seq: 0 },
      { caseId: 'new-0', merged: true, count: 2, severity: 'high', seq: 1 },
    ]);
    expect(plan.opened).toMatchObject([{ id: 'new-0', count: 2, severity: 'high', dedupKey: 'cam-7:smoke' }]);
    expect(plan.grown).toEqual([]);
  });

  it('mixes new events and duplicates of open cases, counting each case up in publishing order', () => {
    const known = [openCase('old-key', { dedupKey: 'k1', count: 4 }), openCase('old-place', { ...near(1_000), count: 2, severity: 'high' })];
    const plan = planMerges([report({ key: 'k1' }), report({ north: 5_000 }), report({ north: 1_020 }), report({ key: 'k1', severity: 'critical' }), report({ north: 5_030 })], known, ids(5), NOW);
    expect(plan.decisions.map((d) => [d.caseId, d.merged, d.count, d.severity])).toEqual([
      ['old-key', true, 5, 'medium'],
      ['new-1', false, 1, 'medium'],
      ['old-place', true, 3, 'high'],
      ['old-key', true, 6, 'critical'],
      ['new-1', true, 2, 'medium'],
    ]);
    expect(plan.grown.map((c) => [c.id, c.count, c.severity])).toEqual([['old-key', 6, 'critical'], ['old-place', 3, 'high']]);
    expect(plan.opened.map((c) => [c.id, c.count])).toEqual([['new-1', 2]]);
    expect(known[0].count).toBe(4); // the fetched state is left as it was
  });

  it('gives a case merged by place the key of its first keyed event, which later events of the batch then find', () => {
    const known = [openCase('placed', near(2_000))];
    const plan = planMerges([report({ north: 2_010, key: 'pothole-9' }), report({ key: 'pothole-9' })], known, ids(2), NOW);
    expect(plan.decisions.map((d) => d.caseId)).toEqual(['placed', 'placed']);
    expect(plan.grown).toMatchObject([{ id: 'placed', dedupKey: 'pothole-9', count: 3 }]);
  });

  it('joins the nearest case in radius, and none beyond the radius, outside the window or of another category', () => {
    const known = [openCase('a', near(3_000)), openCase('b', near(3_040)), openCase('old', { ...near(4_000), lastEventAt: new Date('2026-11-20T00:00:00Z') }), openCase('other', { ...near(6_000), category: 'sanitation' })];
    const plan = planMerges([report({ north: 3_030 }), report({ north: 3_100 }), report({ north: 4_000 }), report({ north: 6_000 })], known, ids(4), NOW);
    expect(plan.decisions.map((d) => d.caseId)).toEqual(['b', 'new-1', 'new-2', 'new-3']);
  });

  it('widens a case\'s span with each event, so a later event of the batch inside the widened window joins it', () => {
    const early = new Date('2026-11-24T07:00:00Z'); // 5 days before AT: outside a 3-day window of a case last seen at AT…
    const known = [openCase('c', near(7_000))];
    const plan = planMerges([report({ north: 7_000, at: new Date('2026-11-26T07:00:00Z') }), report({ north: 7_010, at: early })], known, ids(2), NOW);
    // …but the first event moved the case's first occurrence to 26 Nov, within 3 days of 24 Nov.
    expect(plan.decisions.map((d) => [d.caseId, d.count])).toEqual([['c', 2], ['c', 3]]);
    expect(plan.grown[0].occurredAt).toEqual(early);
  });
});
