/**
 * 护廉天目 end to end on a small generated district: every department file through ingest, person
 * files resolved, the built-in models run; warnings scored against the generator's planted cases
 * and look-alikes, then re-runs, verification, dispatch, access and the model editor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { builtinModels } from './models/index.js';
import type { RunResult } from './run/run.service.js';
import { supervisionOf } from './supervision.module.js';
import { loadDemoDistrict, readTruth, scoreWarnings, truthIdsOfFiles, type TruthCase } from './testing/demo-district.js';

const PASSWORD = 'Inspect-2025!';

describe.each(testEngines())('supervision on %s', (engine) => {
  let t: TestPlatform;
  let dir: string;
  let truth: TruthCase[];
  let first: RunResult;
  let inspector: string;
  let discipline: string;
  let analyst: string;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    dir = mkdtempSync(join(tmpdir(), 'tianmu-supervision-int-'));
    // Seed 21 at this scale gives the two 低保 models (which can only find what the older files hold) a case each.
    await loadDemoDistrict(t.p, dir, 0.01, 21);
    truth = readTruth(dir);
    first = await supervisionOf(t.p).runs.run({ actor: 'test' });
    const users = [
      { username: 'insp', role: 'inspector' }, { username: 'disc', role: 'discipline_inspector' }, { username: 'ana', role: 'analyst' },
    ] as const;
    for (const u of users) await t.p.users.create(null, { ...u, displayName: u.username, password: PASSWORD, scope: { kind: 'district', code: '330112' } });
    [inspector, discipline, analyst] = await Promise.all(users.map((u) => t.login(u.username, PASSWORD)));
  }, 600_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const allWarnings = async () => (await t.p.db.selectFrom('supervision_warning').select(['id', 'model_id', 'subject_id', 'status', 'severity', 'subject_official', 'code']).execute()).map((w) => ({ ...w, id: Number(w.id), model: w.model_id, subjectId: w.subject_id }));

  it('finds every planted case and flags no look-alike, for every built-in model', async () => {
    const models = builtinModels().map((m) => m.id);
    expect(first.models.filter((m) => m.skipped)).toEqual([]);
    const scores = scoreWarnings(truth, await allWarnings(), await truthIdsOfFiles(t.p.db, dir), models);
    expect(scores.reduce((n, s) => n + s.lookalikes, 0)).toBeGreaterThan(30);
    for (const s of scores) {
      expect.soft(s.cases, `${s.model} has cases`).toBeGreaterThan(0);
      expect.soft({ model: s.model, recall: s.recall, precision: s.precision, lookalikesWarned: s.lookalikesWarned }).toEqual({ model: s.model, recall: 1, precision: 1, lookalikesWarned: 0 });
    }
  });

  it('dispatches red warnings as events to a town or department and keeps others for an inspector', async () => {
    const ws = await allWarnings();
    const red = ws.filter((w) => w.severity === 'red');
    expect(red.length).toBeGreaterThan(0);
    expect(red.every((w) => w.status === 'dispatched')).toBe(true);
    expect(ws.filter((w) => w.severity !== 'red').every((w) => w.status === 'open')).toBe(true);
    const events = await t.p.db.selectFrom('event').select(['category', 'title', 'subjects']).where('source', '=', 'supervision').execute();
    expect(events).toHaveLength(red.length);
    // An official's warning goes out without a name.
    const officials = red.filter((w) => w.subject_official);
    if (officials.length) {
      const e = events.find((x) => x.title.includes(officials[0].code))!;
      expect(JSON.stringify(e.subjects)).not.toContain('label');
    }
  });

  it('shows warnings to inspectors only, officials only to discipline inspectors, and audits each view', async () => {
    const listOf = async (cookie: string) => (await t.as(cookie, { url: '/api/supervision/warnings?pageSize=200' })).json() as { total: number; items: Array<{ id: number; official: boolean; subjectName: string | null }> };
    const insp = await listOf(inspector);
    const disc = await listOf(discipline);
    expect(insp.items.some((w) => w.official)).toBe(false);
    expect(disc.items.some((w) => w.official)).toBe(true);
    expect(disc.total).toBeGreaterThan(insp.total);
    expect((await t.as(analyst, { url: '/api/supervision/warnings' })).statusCode).toBe(403);
    const official = disc.items.find((w) => w.official)!;
    expect((await t.as(inspector, { url: `/api/supervision/warnings/${official.id}` })).statusCode).toBe(404);
    const detail = await t.as(discipline, { url: `/api/supervision/warnings/${official.id}` });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.model.legalBasis).toMatch(/《/);
    expect(body.facts.sources[0]).toMatchObject({ dataset: expect.any(String), batch: expect.any(Number), row: expect.any(Number), line: expect.any(Number) });
    const audit = await t.p.db.selectFrom('audit_log').select(['action', 'target', 'actor']).where('action', '=', 'supervision.warning.read').where('actor', '=', 'disc').execute();
    expect(audit.some((a) => a.target === `person:${body.subject.id}`)).toBe(true);
    // Personal numbers are masked in the facts.
    expect(JSON.stringify(body.facts)).not.toMatch(/\d{17}[\dX]/);
  });

  it('records verification; a re-run raises nothing new and keeps a false positive closed; outcomes count in the statistics', { timeout: 300_000 }, async () => {
    const open = (await allWarnings()).filter((w) => !w.subject_official);
    const [a, b] = open;
    const verify = (id: number, payload: unknown) => t.as(inspector, { method: 'POST', url: `/api/supervision/warnings/${id}/verify`, payload });
    expect((await verify(a.id, { outcome: 'confirmed', action: 'correction', recoveredYuan: 12_345.6, ruleImprovement: '低保年审增加企业登记比对' })).statusCode).toBe(204);
    expect((await verify(b.id, { outcome: 'false_positive', note: '已核实为合法情形' })).statusCode).toBe(204);
    expect((await verify(b.id, { outcome: 'false_positive', recoveredYuan: 'lots' })).statusCode).toBe(400);
    expect((await verify(b.id, { outcome: 'confirmed' })).statusCode).toBe(400);
    expect((await t.as(analyst, { method: 'POST', url: `/api/supervision/warnings/${a.id}/verify`, payload: { outcome: 'false_positive' } })).statusCode).toBe(403);

    // One re-run checks both: nothing new is raised, and the false positive stays closed.
    const before = await allWarnings();
    const rerun = await supervisionOf(t.p).runs.run({ actor: 'test' });
    expect(rerun.totals).toMatchObject({ raised: 0, reraised: 0, updated: 0, cleared: 0 });
    expect(rerun.totals.unchanged).toBe(first.totals.raised);
    expect((await allWarnings()).length).toBe(before.length);
    const after = await t.p.db.selectFrom('supervision_warning').select(['status']).where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('false_positive');

    const stats = (await t.as(inspector, { url: '/api/supervision/stats?by=domain' })).json();
    expect(stats.total).toMatchObject({ confirmed: 1, falsePositive: 1, recoveredYuan: 12_345.6, ruleImprovements: 1, confirmedRate: 0.5 });
    expect(stats.total.issued).toBe((await allWarnings()).length);
    const byMonth = (await t.as(inspector, { url: '/api/supervision/stats?by=month' })).json();
    expect(byMonth.rows.length).toBeGreaterThan(0);
    expect((await t.as(inspector, { url: '/api/supervision/stats?by=subject_id' })).statusCode).toBe(400);
  });

  it('edits a model: rejects a bad draft naming the field, test-runs a draft without raising, publishes a new version', { timeout: 300_000 }, async () => {
    const admin = await t.login('admin');
    const model = builtinModels().find((m) => m.id === 'livelihood.dibao-legal-rep')!;
    const bad = await t.as(admin, { method: 'PUT', url: `/api/supervision/models/${model.id}/draft`, payload: { ...model, evidence: [...model.evidence, { name: 'x', label: 'x', field: 'e.no_such_field' }] } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('no_such_field');
    const inject = await t.as(admin, { method: 'PUT', url: `/api/supervision/models/${model.id}/draft`, payload: { ...model, sources: [{ ...model.sources[0], as: "d'; drop table dataset; --" }] } });
    expect(inject.statusCode).toBe(400);

    const looser = { ...model, params: { capitalWan: 1 } };
    const before = (await allWarnings()).length;
    const preview = await t.as(admin, { method: 'POST', url: '/api/supervision/models/test-run', payload: { model: looser } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().total).toBeGreaterThanOrEqual(first.models.find((m) => m.model === model.id)!.hits);
    expect((await allWarnings()).length).toBe(before);

    expect((await t.as(admin, { method: 'PUT', url: `/api/supervision/models/${model.id}/draft`, payload: looser })).statusCode).toBe(200);
    expect((await t.as(inspector, { method: 'POST', url: `/api/supervision/models/${model.id}/publish` })).statusCode).toBe(403);
    const pub = await t.as(admin, { method: 'POST', url: `/api/supervision/models/${model.id}/publish` });
    expect(pub.json()).toEqual({ version: 2 });
    const r = await supervisionOf(t.p).runs.run({ actor: 'test', modelIds: [model.id], dispatch: false });
    expect(r.models[0].version).toBe(2);
    const v2 = await t.p.db.selectFrom('supervision_warning').select(['model_version']).where('model_id', '=', model.id).where('last_run', '=', r.run).execute();
    expect(v2.length).toBeGreaterThan(0);
    expect((await t.as(admin, { url: `/api/supervision/models/${model.id}?version=1` })).json().spec.params.capitalWan).toBe(20);
  });

  it('rejects a draft that reads a dataset that is not registered, naming it', async () => {
    const base = builtinModels().find((m) => m.id === 'livelihood.dibao-legal-rep')!;
    const ghost = { ...base, id: 'livelihood.ghost-model', sources: [base.sources[0], { ...base.sources[1], dataset: 'shichang.no_such_dataset' }] };
    const admin = await t.login('admin');
    const res = await t.as(admin, { method: 'PUT', url: '/api/supervision/models/livelihood.ghost-model/draft', payload: ghost });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('shichang.no_such_dataset');
  });
});

describe.each(testEngines())('supervision without the datasets on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('skips every model whose datasets a bureau has not registered, naming them, and raises nothing', async () => {
    const r = await supervisionOf(t.p).runs.run({ actor: 'test' });
    expect(r.models).toHaveLength(builtinModels().length);
    for (const m of r.models) expect(m.skipped).toMatch(/datasets not registered\): [a-z_]+\.[a-z_]+/);
    expect(r.totals.raised).toBe(0);
  });
});
