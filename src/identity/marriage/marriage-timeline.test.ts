import { describe, expect, it } from 'vitest';
import { buildTimeline, type MarriageFact } from './marriage-timeline.js';

let row = 0;
const NAMES: Record<string, string> = { P2: '李娜', P3: '王芳', P9: '赵敏' };
const reg = (type: string, date: string, partner: string, prior?: string): MarriageFact => ({
  dataset: 'minzheng.marriage_registrations', batch: 1, row: ++row, line: row + 1, party: 'husband', partnerEntity: partner, partnerName: NAMES[partner],
  context: { event_type: type, registered_on: date, office: '临安区民政局', ...(prior ? { husband_prior_status: prior } : {}) },
});
const court = (effective: string, partner: string, marriedOn = '2001-01-01', decided = effective): MarriageFact => ({
  dataset: 'fayuan.divorce_judgments', batch: 1, row: ++row, line: row + 1, party: 'plaintiff', partnerEntity: partner, partnerName: NAMES[partner],
  context: { effective_on: effective, decided_on: decided, married_on: marriedOn, court: '临安区人民法院' },
});
const archive = (category: string, date: string, partner: string): MarriageFact => ({
  dataset: 'danganguan.marriage_archive', batch: 1, row: ++row, line: row + 1, party: 'husband', partnerEntity: partner, partnerName: NAMES[partner],
  context: { category, registered_on: date },
});

describe('marriage timeline', () => {
  it('is 已婚 with high confidence when one marriage and the registry agree, each fact citing its source', () => {
    const t = buildTimeline([reg('结婚登记', '2005-05-01', 'P2')], '已婚');
    expect(t.marriages).toHaveLength(1);
    expect(t.marriages[0]).toMatchObject({ partnerEntity: 'P2', marriedOn: '2005-05-01', endedOn: null, sources: [{ dataset: 'minzheng.marriage_registrations' }] });
    expect(t.status).toMatchObject({ value: '已婚' });
    expect(t.status.confidence).toBeGreaterThan(0.9);
    expect(t.conflicts).toEqual([]);
  });

  it('follows a divorce in court and a remarriage', () => {
    const t = buildTimeline([archive('结婚', '1990-03-03', 'P2'), court('2008-06-01', 'P2', '1990-03-03'), reg('结婚登记', '2010-10-10', 'P3', '离婚')], '再婚');
    expect(t.marriages.map((m) => [m.partnerEntity, m.marriedOn, m.endedOn, m.endKind])).toEqual([
      ['P2', '1990-03-03', '2008-06-01', 'divorce_judgment'],
      ['P3', '2010-10-10', null, null],
    ]);
    expect(t.status.value).toBe('已婚');
    expect(t.conflicts).toEqual([]);
  });

  it('takes a marriage recorded by both 民政 and the archive as one marriage with two sources', () => {
    const t = buildTimeline([archive('结婚', '1999-01-01', 'P2'), reg('结婚登记', '1999-01-01', 'P2')], null);
    expect(t.marriages).toHaveLength(1);
    expect(t.marriages[0].sources).toHaveLength(2);
  });

  it('infers widowhood when the next registration declares 丧偶, without a conflict', () => {
    const t = buildTimeline([reg('结婚登记', '1995-01-01', 'P2'), reg('结婚登记', '2012-01-01', 'P3', '丧偶')], '已婚');
    expect(t.marriages[0]).toMatchObject({ endKind: 'death_inferred', endedOn: '2012-01-01' });
    expect(t.conflicts).toEqual([]);
  });

  it('finds overlapping marriages when no divorce ends the first', () => {
    const t = buildTimeline([reg('结婚登记', '1995-01-01', 'P2'), reg('结婚登记', '2012-01-01', 'P3', '离婚')], '已婚');
    expect(t.conflicts.map((c) => c.kind)).toEqual(['overlapping_marriages']);
  });

  it('finds a divorce without a marriage, and keeps the marriage date the court gives', () => {
    const t = buildTimeline([court('2015-01-01', 'P9', '2003-02-02')], '离婚');
    expect(t.conflicts.map((c) => c.kind)).toEqual(['divorce_without_marriage']);
    expect(t.marriages[0]).toMatchObject({ marriedOn: '2003-02-02', endedOn: '2015-01-01' });
    expect(t.status.value).toBe('离婚');
  });

  it('finds dates out of order: a divorce dated before the marriage, or a judgment effective before it was decided', () => {
    expect(buildTimeline([reg('结婚登记', '2010-01-01', 'P2'), reg('离婚登记', '2009-01-01', 'P2')], '离婚').conflicts.map((c) => c.kind)).toEqual(['dates_out_of_order']);
    expect(buildTimeline([reg('结婚登记', '2001-01-01', 'P2'), court('2010-01-01', 'P2', '2001-01-01', '2010-02-01')], '离婚').conflicts.map((c) => c.kind)).toEqual(['dates_out_of_order']);
  });

  it('flags a registry that still says 已婚 after a registered divorce, and trusts the records', () => {
    const t = buildTimeline([reg('结婚登记', '2000-01-01', 'P2'), reg('离婚登记', '2011-01-01', 'P2')], '已婚');
    expect(t.status.value).toBe('离婚');
    expect(t.conflicts.map((c) => c.kind)).toEqual(['registry_status_stale']);
  });

  it('believes the registry on widowhood, which marriage files cannot show', () => {
    const t = buildTimeline([reg('结婚登记', '1980-01-01', 'P2')], '丧偶');
    expect(t.status.value).toBe('丧偶');
    expect(t.conflicts).toEqual([]);
  });
});

