import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { demoDatasetSpecs } from '../../demo/datasets/index.js';
import { parseModel, type ModelInput } from '../model/model-spec.js';
import { builtinModels } from '../models/index.js';
import { compileModel, type DatasetInfo } from './model-sql.js';

const DATASETS = new Map<string, DatasetInfo>(demoDatasetSpecs().map((s, i) => [s.name, { id: i + 1, name: s.name, fields: new Map(s.fields.map((f) => [f.name, f.type])) }]));
const db = new Kysely<object>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() } });
const passport = builtinModels().find((m) => m.id === 'border.passport-not-in-custody')!;
const sqlOf = (m: ModelInput) => compileModel({ model: parseModel(m), datasets: DATASETS, asOf: '2025-06-30' }).query.compile(db).sql;

describe('compiling exists and notExists', () => {
  it('runs a subquery tied to the outer row by equal keys alone as one uncorrelated IN', () => {
    const sql = sqlOf(passport);
    expect(sql).toContain(`NOT COALESCE(((s_t.data->>'document_no')) IN (SELECT (s_k.data->>'document_no') FROM ingest_row s_k`);
    expect(sql).not.toContain('EXISTS');
  });

  it('keeps a correlated EXISTS when the subquery also compares with the outer row', () => {
    const notExists = { notExists: { sources: [{ as: 'k', dataset: 'zuzhi.document_custody', join: { equal: [['document_no', 't.document_no']] } }], where: [['k.handed_in_on', '>=', { field: 't.issued_on' }]] } };
    const sql = sqlOf({ ...passport, where: [notExists] } as ModelInput);
    expect(sql).toMatch(/NOT EXISTS \(SELECT 1 FROM ingest_row s_k .*\(s_k\.data->>'document_no'\) = \(s_t\.data->>'document_no'\)/);
    expect(sql).not.toContain(' IN (SELECT');
  });

  it('keeps a correlated EXISTS for a subquery joined to an outer person', () => {
    const sql = sqlOf(builtinModels().find((m) => m.id === 'border.exit-without-approval')!);
    expect(sql).toContain('NOT EXISTS (SELECT 1 FROM identity_record');
  });
});

describe('compiling a group over a range of the same dataset', () => {
  const split = builtinModels().find((m) => m.id === 'engineering.split-contracts')!;
  const c2 = split.sources[1] as { where: unknown[] };

  it('runs contracts split under a threshold as one window over the contracts', () => {
    const sql = sqlOf(split);
    expect(sql).toContain(`PARTITION BY (s_c2.data->>'unit_code'), (s_c2.data->>'contractor_credit_code') ORDER BY (s_c2.data->>'signed_on')::date RANGE BETWEEN CURRENT ROW AND INTERVAL '90 days' FOLLOWING`);
    expect(sql).toContain(`(s_c2.data->>'signed_on')::date IS NOT NULL`);
    expect(sql).toMatch(/WHERE s_c1\.agg_count > 0 AND s_c1\.agg_count >= \$\d+ AND s_c1\.agg_sum >= \$\d+ ORDER BY/);
    expect(sql).not.toContain('GROUP BY');
  });

  it('turns the range conditions into the frame, either side of the anchor', () => {
    const where = [...c2.where.slice(0, 3), ['c2.signed_on', '>=', { field: 'c1.signed_on', days: -30 }]];
    const sql = sqlOf({ ...split, sources: [split.sources[0], { ...split.sources[1], where }] } as ModelInput);
    expect(sql).toContain(`RANGE BETWEEN INTERVAL '30 days' PRECEDING AND UNBOUNDED FOLLOWING`);
    const byAmount = [...c2.where.slice(0, 3), ['c2.amount', '<=', { field: 'c1.amount', days: 1000 }]];
    expect(sqlOf({ ...split, sources: [split.sources[0], { ...split.sources[1], where: byAmount }] } as ModelInput)).toContain(`ORDER BY (s_c2.data->>'amount')::numeric RANGE BETWEEN UNBOUNDED PRECEDING AND 1000 FOLLOWING`);
  });

  it('keeps the join and GROUP BY when the collected rows are not the anchors over a range', () => {
    const fewer = { ...split, sources: [split.sources[0], { ...split.sources[1], where: c2.where.slice(1) }] };
    const otherField = { ...split, sources: [split.sources[0], { ...split.sources[1], where: [...c2.where.slice(0, 3), ['c2.signed_on', '>=', { field: 'c1.amount' }]] }] };
    const namedAtTop = { ...split, where: [['c2.approver_name', 'not_null']] };
    for (const m of [fewer, otherField, namedAtTop]) expect(sqlOf(m as ModelInput)).toMatch(/GROUP BY .* HAVING count\(\*\) >= \$\d+ AND sum\(/);
  });
});

describe('compiling a join to the same person', () => {
  it('joins rows of the same dataset about the same person as one unit of record and row', () => {
    const sql = sqlOf(builtinModels().find((m) => m.id === 'livelihood.paid-by-two-towns')!);
    expect(sql).toContain(`JOIN (identity_record i_p2 JOIN ingest_row s_p2 ON s_p2.id = i_p2.row_id AND s_p2.valid_to IS NULL) ON i_p2.entity_id = a1_p1.entity_id AND i_p2.dataset = 'minzheng.subsidy_payments'`);
  });

  it('looks up rows of another dataset person by person', () => {
    const sql = sqlOf(builtinModels().find((m) => m.id === 'housing.tenant-deceased')!);
    expect(sql).toMatch(/JOIN identity_record i_d ON i_d\.entity_id = a\d+_l\.entity_id AND i_d\.dataset = 'gongan\.deaths' AND i_d\.party = '' AND i_d\.active JOIN ingest_row s_d ON s_d\.id = i_d\.row_id AND s_d\.valid_to IS NULL /);
    expect(sql).not.toContain('JOIN (identity_record');
    expect(sql).not.toContain('s_d.dataset_id');
  });
});

describe('compiling the driving source', () => {
  const officials = builtinModels().find((m) => m.id === 'officials.enterprise-contracts-own-unit')!;

  it('reads it from its persons\' identity records when the query joins them anyway', () => {
    const sql = sqlOf(officials);
    expect(sql).toContain(`FROM identity_record a1_o JOIN ingest_row s_o ON a1_o.dataset = 'zuzhi.officials' AND a1_o.row_id = s_o.id AND a1_o.party IN ('') AND a1_o.active AND a1_o.entity_id IS NOT NULL AND s_o.valid_to IS NULL JOIN LATERAL`);
    expect(sql).not.toContain('s_o.dataset_id');
    expect(sql).not.toContain('JOIN identity_record a1_o');
  });

  it('takes the first of several record joins on it and keeps the others as joins', () => {
    const both = { ...officials, subject: { kind: 'person', source: 'o', party: 'x' } } as ModelInput;
    const sql = compileModel({ model: parseModel(both), datasets: DATASETS, asOf: '2025-06-30' }).query.compile(db).sql;
    expect(sql).toMatch(/^SELECT a2_o\.entity_id AS subject, .* FROM identity_record a1_o JOIN ingest_row s_o ON .* JOIN identity_record a2_o ON a2_o\.dataset = 'zuzhi\.officials' AND a2_o\.row_id = s_o\.id AND a2_o\.party IN \('x'\)/);
  });

  it('keeps the rows of its dataset when nothing reads its persons', () => {
    const sql = sqlOf(builtinModels().find((m) => m.id === 'engineering.bidders-share-rep')!);
    expect(sql).toMatch(/ FROM ingest_row s_b1 JOIN ingest_row s_e1 ON .* WHERE s_b1\.dataset_id = \d+ AND s_b1\.valid_to IS NULL/);
  });
});
