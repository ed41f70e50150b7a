import { describe, expect, it } from 'vitest';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, DummyDriver } from 'kysely';
import type { FieldType } from '../../ingest/contract.js';
import { compileModel, ModelCompileError, type DatasetInfo } from '../compile/model-sql.js';
import { builtinModels } from '../models/index.js';
import { parseModel, type ModelInput } from './model-spec.js';
import { SeverityDecider, severityJdm } from './severity.js';

const base: ModelInput = {
  id: 'livelihood.test-model', version: 1, domain: 'livelihood', name: '测试模型', nameEn: 'Test model', legalBasis: '《社会救助暂行办法》第九条',
  subject: { kind: 'person', source: 'd' },
  sources: [
    { as: 'd', dataset: 'minzheng.dibao_members' },
    { as: 'e', dataset: 'shichang.enterprises', join: { samePerson: 'd' }, where: [['e.registered_capital_wan', '>=', { param: 'capitalWan' }]] },
  ],
  params: { capitalWan: 20 },
  evidence: [{ name: 'capital_wan', label: '注册资本', field: 'e.registered_capital_wan' }],
  severity: { inputs: ['capital_wan'], rules: [{ when: { capital_wan: '>= 50' }, severity: 'red' }, { when: {}, severity: 'orange' }] },
  dedupKey: ['e.credit_code'],
};

const info = (id: number, name: string, fields: Record<string, FieldType>): [string, DatasetInfo] => [name, { id, name, fields: new Map(Object.entries(fields)) }];
const DATASETS = new Map([
  info(1, 'minzheng.dibao_members', { name: 'text', id_number: 'resident_id', village_code: 'village_code', monthly_amount: 'money' }),
  info(2, 'shichang.enterprises', { name: 'text', credit_code: 'credit_code', registered_capital_wan: 'number', status: 'enum' }),
]);
const db = new Kysely<object>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler() } });
const compiled = (m: ModelInput, asOf = '2025-06-30'): CompiledQuery => compileModel({ model: parseModel(m), datasets: DATASETS, asOf }).query.compile(db);

describe('model definitions', () => {
  it('accepts every built-in model', () => {
    expect(builtinModels().length).toBeGreaterThanOrEqual(12);
    expect(new Set(builtinModels().map((m) => m.domain))).toEqual(new Set(['housing', 'livelihood', 'engineering', 'officials', 'border']));
  });

  it.each([
    ['a join to a later source', { sources: [{ as: 'd', dataset: 'minzheng.dibao_members', join: { samePerson: 'e' } }, { as: 'e', dataset: 'shichang.enterprises', join: { samePerson: 'd' } }] }, 'sources.0.join'],
    ['a second source without a join', { sources: [{ as: 'd', dataset: 'minzheng.dibao_members' }, { as: 'e', dataset: 'shichang.enterprises' }] }, 'sources.1.join'],
    ['an undeclared parameter', { params: {} }, 'sources'],
    ['evidence naming an unknown alias', { evidence: [{ name: 'x', label: 'x', field: 'z.name' }] }, 'evidence.0.field'],
    ['a severity input that is not evidence', { severity: { inputs: ['nope'], rules: [{ when: {}, severity: 'red' }] } }, 'severity.inputs.0'],
    ['an alias with SQL in it', { subject: { kind: 'person', source: 'd"; drop table x; --' } }, 'subject.source'],
    ['an unknown operator', { where: [['d.name', 'like', '%']] }, 'where.0'],
  ])('rejects %s, naming where', (_, patch, path) => {
    expect(() => parseModel({ ...base, ...patch })).toThrow(path);
  });
});

describe('compiling a model to SQL', () => {
  it('binds every value and inlines only checked names', () => {
    const q = compiled({ ...base, params: { capitalWan: "20'; DROP TABLE dataset; --" } });
    expect(q.sql).not.toContain('DROP TABLE');
    expect(q.parameters).toContain("20'; DROP TABLE dataset; --");
    expect(q.sql).toContain('JOIN identity_record');
    expect(q.sql).toContain('valid_to IS NULL');
  });

  it('names a dataset that is not registered and a field the contract lacks', () => {
    expect(() => compiled({ ...base, sources: [{ as: 'd', dataset: 'minzheng.unknown' }], evidence: [{ name: 'n', label: 'n', field: 'd.name' }], severity: { inputs: [], rules: [{ when: {}, severity: 'red' }] }, dedupKey: ['d.name'], params: {} })).toThrow(ModelCompileError);
    expect(() => compiled({ ...base, dedupKey: ['e.no_such_field'] })).toThrow(/no field no_such_field/);
  });

  it('reads sealed fields as their keyed hash for comparison and their mask for display', () => {
    const q = compiled({ ...base, evidence: [{ name: 'idn', label: '身份证', field: 'd.id_number' }], severity: { inputs: [], rules: [{ when: {}, severity: 'red' }] }, dedupKey: ['d.id_number'] });
    expect(q.sql).toContain(`s_d.masked->>'id_number'`);
    expect(q.sql).toContain(`s_d.data->>'id_number'`);
  });

  it('compiles a grouped model with HAVING over the collected rows', () => {
    const m = builtinModels().find((x) => x.id === 'livelihood.paid-after-death')!;
    const ds = new Map([
      info(3, 'gongan.deaths', { name: 'text', id_number: 'resident_id', village_code: 'village_code', died_on: 'date', cancelled_on: 'date' }),
      info(4, 'minzheng.subsidy_payments', { recipient_name: 'text', subsidy_type: 'enum', town: 'text', town_code: 'text', amount: 'money', paid_on: 'date' }),
    ]);
    const q = compileModel({ model: m, datasets: ds, asOf: '2025-06-30' }).query.compile(db);
    expect(q.sql).toMatch(/GROUP BY .* HAVING count\(\*\) >= \$\d+/);
  });
});

describe('severity tables on ZEN', () => {
  const zen = new SeverityDecider();

  it('takes the first matching rule', async () => {
    const m = parseModel(base);
    expect(await zen.decide(m, { capital_wan: '80' })).toBe('red');
    expect(await zen.decide(m, { capital_wan: 20 })).toBe('orange');
  });

  it('decides a table without inputs', async () => {
    expect(await zen.decide(parseModel({ ...base, severity: { inputs: [], rules: [{ when: {}, severity: 'yellow' }] } }), {})).toBe('yellow');
  });

  it('exports the table as a GoRules JDM decision', () => {
    const jdm = severityJdm(parseModel(base).severity) as { nodes: Array<{ type: string; content?: { rules: unknown[] } }> };
    expect(jdm.nodes.map((n) => n.type)).toEqual(['inputNode', 'decisionTableNode', 'outputNode']);
    expect(jdm.nodes[1].content!.rules).toHaveLength(2);
  });

  it('rejects a rule expression ZEN cannot parse', async () => {
    await expect(zen.validate({ inputs: ['x'], rules: [{ when: { x: '>= >= (' }, severity: 'red' }] })).rejects.toThrow();
  });
});

describe('severity decided like the exported JDM decision', () => {
  it('gives the same answer as the ZEN engine running the exported table', async () => {
    const { ZenEngine } = await import('@gorules/zen-engine');
    const engine = new ZenEngine();
    const zen = new SeverityDecider();
    for (const m of builtinModels()) {
      const decision = engine.createDecision(severityJdm(m.severity));
      for (const v of [0, 19.99, 20, 50, 60, 99, 100, 150000, 300000, 1_000_000, 8_000_000]) {
        const facts = Object.fromEntries(m.severity.inputs.map((n) => [n, v]));
        const expected = ((await decision.evaluate(facts)).result as { severity?: string }).severity ?? 'yellow';
        expect(await zen.decide(m, facts), `${m.id} at ${v}`).toBe(expected);
      }
    }
    engine.dispose();
  });
});
