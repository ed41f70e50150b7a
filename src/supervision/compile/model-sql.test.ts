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
