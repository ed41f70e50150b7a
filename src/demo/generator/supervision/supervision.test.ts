/**
 * The supervision files and their truth at the first-start size (scale 0.05, seed 1): every model
 * has planted cases and look-alikes, the truth is what the models find on the facts, and the
 * files say the same as the facts (a few models re-derived from the CSVs alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResidentId } from '../../../platform/ids/index.js';
import { buildPopulation, type Population } from '../population.js';
import { generateInTemp, readCsv, readSources, type Generated } from '../test-helpers.js';
import { supervisionFacts } from './facts.js';
import { SUPERVISION_DIRT } from './row-dirt.js';
import { supervisionTruth, type SupervisionTruth } from './supervision-truth.js';
import { MODELS } from './types.js';

/** Models 4 and 5 read only the older 低保 and enterprise files, so nothing can be planted for them. */
const FROM_EXISTING_FILES = ['livelihood.dibao-legal-rep', 'livelihood.dibao-shareholder'];
const SUPERVISION_DATASETS = [
  'zuzhi.officials', 'gongan.deaths', 'guotu.real_estate', 'gongan.vehicles', 'zhujian.rental_leases', 'minzheng.subsidy_payments',
  'caizheng.contracts', 'caizheng.bids', 'gongan.travel_documents', 'zuzhi.document_custody', 'zuzhi.exit_approvals', 'gongan.border_crossings',
];

type Row = Record<string, string>;

describe('supervision files and truth (scale 0.05, seed 1)', () => {
  let g: Generated;
  let pop: Population;
  let truth: SupervisionTruth;
  let cases: Row[];
  const parsed = new Map<string, Row[]>();
  const file = (dataset: string) => {
    let rows = parsed.get(dataset);
    if (!rows) parsed.set(dataset, (rows = readCsv(g.dir, dataset.startsWith('truth/') ? dataset : `departments/${dataset}.csv`)));
    return rows;
  };
  const subjects = (model: string, kind: string) => new Set(cases.filter((r) => r.model === model && r.kind === kind).map((r) => r.subject_id));

  beforeAll(async () => {
    g = await generateInTemp(0.05, 1);
    pop = buildPopulation(1, 0.05);
    truth = supervisionTruth(pop, supervisionFacts(pop, new Date(g.manifest.generatedAt)));
    cases = readCsv(g.dir, 'truth/supervision-cases.csv');
  });
  afterAll(() => g?.cleanup());

  it('plants at least three cases and three look-alikes for every model the new files carry', () => {
    for (const model of MODELS.filter((m) => !FROM_EXISTING_FILES.includes(m))) {
      expect(subjects(model, 'case').size, model).toBeGreaterThanOrEqual(3);
      expect(subjects(model, 'lookalike').size, model).toBeGreaterThanOrEqual(3);
    }
  });

  it('lists the 低保 enterprise models from what the existing files hold', () => {
    for (const model of FROM_EXISTING_FILES) {
      const rows = cases.filter((r) => r.model === model);
      expect(rows.filter((r) => r.kind === 'case').length, model).toBeGreaterThan(0);
      for (const r of rows) expect(r.note, model).toMatch(/^(existing files|lookalike \(existing data\))/);
    }
  });

  it('never lists a subject as both a case and a look-alike of one model', () => {
    for (const model of MODELS) {
      const both = [...subjects(model, 'case')].filter((s) => subjects(model, 'lookalike').has(s));
      expect(both, model).toEqual([]);
    }
    expect(truth.dropped).toEqual([]);
  });

  it('finds every planted case when the models are evaluated on the facts, and writes exactly that', () => {
    expect(truth.missing.map((p) => `${p.model}: ${p.note}`)).toEqual([]);
    const written = cases.map((r) => [r.model, r.subject_kind, r.subject_id, r.kind, r.key, r.note].join('|'));
    expect(written).toEqual(truth.rows.map((r) => [r.model, r.subjectKind, r.subjectId, r.kind, r.key, r.note].join('|')));
    for (const r of cases) expect(r.subject_id).toMatch(r.subject_kind === 'person' ? /^P\d{7}$/ : /^E\d{6}$/);
  });

  it('agrees with the files: paid-after-death, two towns and custody re-derived from the CSVs alone', () => {
    const personOf = new Map(file('truth/persons.csv').map((p) => [p.id_number, p.person_id]));
    const who = (raw: string) => {
      const r = parseResidentId(raw);
      return personOf.get(r.ok ? r.id : raw)!;
    };
    const died = new Map(file('gongan.deaths').map((d) => [who(d['身份证号']), Date.parse(d['死亡日期'])]));
    const payments = file('minzheng.subsidy_payments');
    const afterDeath = new Set<string>();
    const months = new Map<string, Set<string>>();
    const twoTowns = new Set<string>();
    for (const p of payments) {
      const person = who(p['身份证号']);
      const d = died.get(person);
      if (d !== undefined && (Date.parse(p['发放日期']) - d) / 86_400_000 > 31) afterDeath.add(person);
      const k = `${person}|${p['补助类别']}|${p['发放日期'].slice(0, 7)}`;
      const towns = months.get(k) ?? new Set<string>();
      towns.add(p['镇街代码']);
      months.set(k, towns);
      if (towns.size > 1) twoTowns.add(person);
    }
    expect(afterDeath).toEqual(subjects('livelihood.paid-after-death', 'case'));
    expect(twoTowns).toEqual(subjects('livelihood.paid-by-two-towns', 'case'));

    const officials = new Set(file('zuzhi.officials').map((o) => o['身份证号']));
    const held = new Set(file('zuzhi.document_custody').filter((c) => c['保管状态'] === '在保管').map((c) => c['证件号码']));
    const asOf = Date.parse(g.manifest.generatedAt.slice(0, 10));
    const loose = new Set(
      file('gongan.travel_documents')
        .filter((d) => officials.has(d['身份证号']) && d['状态'] === '有效' && (asOf - Date.parse(d['签发日期'])) / 86_400_000 > 30 && !held.has(d['证件号码']))
        .map((d) => who(d['身份证号'])),
    );
    expect(loose).toEqual(subjects('border.passport-not-in-custody', 'case'));
  });

  it('names approvers who are officials of the paying town or the contracting unit', () => {
    const officials = new Map(file('zuzhi.officials').map((o) => [o['身份证号'], o]));
    for (const p of file('minzheng.subsidy_payments')) expect(officials.get(p['审批人身份证号'])?.['所在镇街'], p['发放流水号']).toBe(p['镇街代码']);
    for (const c of file('caizheng.contracts')) expect(officials.get(c['审批人身份证号'])?.['单位代码'], c['合同编号']).toBe(c['单位代码']);
    const approver = new Map<string, string>();
    for (const p of file('minzheng.subsidy_payments')) {
      const k = `${p['身份证号']}|${p['补助类别']}|${p['镇街代码']}`;
      expect(approver.get(k) ?? p['审批人身份证号'], k).toBe(p['审批人身份证号']);
      approver.set(k, p['审批人身份证号']);
    }
  });

  it('keeps IDs recoverable: the only dirt is 15-digit IDs, traditional names and hand-typed dates', () => {
    const allowed = ['id15', 'name_traditional', 'date_slash', 'date_chinese'];
    for (const dataset of SUPERVISION_DATASETS) for (const r of readSources(g.dir, dataset)) for (const d of r.dirt) expect(allowed, dataset).toContain(d);
    for (const [dataset, rate] of Object.entries(SUPERVISION_DIRT.id15)) {
      const rows = readSources(g.dir, dataset);
      expect(rows.filter((r) => r.dirt.includes('id15')).length / rows.length, dataset).toBeLessThan(rate * 2 + 0.005);
    }
  });

  it('keeps every person in at most 50 rows of the new files', () => {
    const count = new Map<string, number>();
    for (const dataset of SUPERVISION_DATASETS) {
      for (const r of readSources(g.dir, dataset)) for (const p of [r.person_id, r.person2_id]) if (p) count.set(p, (count.get(p) ?? 0) + 1);
    }
    expect(Math.max(...count.values())).toBeLessThanOrEqual(50);
  });

  it('sizes the files as the contract says', () => {
    const m = g.manifest.counts;
    const asOf = g.manifest.generatedAt.slice(0, 10);
    const dead = file('truth/persons.csv').filter((p) => p.death_date !== '' && p.death_date <= asOf).length;
    expect(m['gongan.deaths']).toBe(dead);
    expect(m['zuzhi.officials'] / m.residents).toBeGreaterThan(0.003);
    expect(m['zuzhi.officials'] / m.residents).toBeLessThan(0.01);
    expect(m['zhujian.rental_leases'] / m.households).toBeGreaterThan(1 / 80);
    expect(m['zhujian.rental_leases'] / m.households).toBeLessThan(1 / 45);
    const homes = file('guotu.real_estate').filter((r) => r['用途'] === '住宅' && r['权属状态'] === '现势').length;
    expect(homes / m.households).toBeGreaterThan(0.8);
    expect(homes / m.households).toBeLessThan(1);
    expect(m['gongan.vehicles'] / m.households).toBeGreaterThan(0.28);
    expect(m['gongan.vehicles'] / m.households).toBeLessThan(0.42);
    const bidsPerTender = m['caizheng.bids'] / new Set(file('caizheng.bids').map((b) => b['招标项目编号'])).size;
    expect(bidsPerTender).toBeGreaterThan(3);
    expect(bidsPerTender).toBeLessThan(8);
  });
});
