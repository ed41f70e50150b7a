import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/principal.js';
import { CLI_PRINCIPAL } from '../ingest.cli.js';
import { ingestOf } from '../ingest.module.js';
import { DIBAO_SPEC, person } from '../testing/fixtures.js';
import { testEngines } from '../../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../../platform/testing/test-platform.js';

// The source is a table on the test PostgreSQL server: a department database Tianmu pulls from.
const SOURCE_URL = process.env.TEST_DATABASE_URL;
const TABLE = `dept_dibao_${process.pid}`;

describe.skipIf(!SOURCE_URL).each(testEngines())('pulling from a PostgreSQL source on %s', (engine) => {
  let t: TestPlatform;
  let src: pg.Client;
  beforeAll(async () => {
    src = new pg.Client({ connectionString: SOURCE_URL });
    await src.connect();
    await src.query(`DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} (姓名 text, 身份证号 text, 月补助金额 numeric, 发放日期 date)`);
    for (let i = 0; i < 30; i++) await src.query(`INSERT INTO ${TABLE} VALUES ($1, $2, $3, $4)`, [`张${i}`, person(i + 100).id, 100 + i, '2024-01-01']);
    t = await createTestPlatform(engine);
    await ingestOf(t.p).catalog.register(DIBAO_SPEC, CLI_PRINCIPAL);
    await t.p.jobs.start(50);
  });
  afterAll(async () => {
    await src.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await src.end();
    await t.close();
  });

  it('pulls by query into a batch, keeping the connection URL encrypted', async () => {
    const { id } = await ingestOf(t.p).sources.create({ name: 'minzheng-db', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `SELECT 姓名, 身份证号, 月补助金额 FROM ${TABLE} WHERE 月补助金额 >= 110`, everyMinutes: 60 }, CLI_PRINCIPAL);
    const stored = await t.p.db.selectFrom('ingest_source').select('url_sealed').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.url_sealed).not.toContain('postgres://');
    const job = await ingestOf(t.p).sources.runNow(id, CLI_PRINCIPAL);
    const end = await t.p.jobs.waitFor(job.id);
    expect(end).toMatchObject({ status: 'succeeded', result: { read: 20, accepted: 20, format: 'ndjson' } });
    const b = await t.p.db.selectFrom('ingest_batch').select(['source', 'file_name']).where('id', '=', (end.result as { batch: number }).batch).executeTakeFirstOrThrow();
    expect(b).toEqual({ source: 'pull', file_name: 'minzheng-db.ndjson' });
  });

  it('holds a pull that finds most rows gone, keeps one such batch waiting, and publishes once the table is whole', async () => {
    const { id } = await ingestOf(t.p).sources.create({ name: 'minzheng-all', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `SELECT 姓名, 身份证号, 月补助金额 FROM ${TABLE} WHERE 月补助金额 < 1000`, everyMinutes: 60 }, CLI_PRINCIPAL);
    const pull = async () => (await t.p.jobs.waitFor((await ingestOf(t.p).sources.runNow(id, CLI_PRINCIPAL)).id)).result as { batch: number; status: string; superseded: number[]; read: number };
    const whole = await pull();
    expect(whole).toMatchObject({ status: 'published', read: 30 });
    // The department's table is being reloaded: most of it missing for a while, over two scheduled pulls.
    await src.query(`UPDATE ${TABLE} SET 月补助金额 = 月补助金额 + 1000 WHERE 月补助金额 >= 105`);
    const first = await pull();
    expect(first).toMatchObject({ status: 'held', read: 5 });
    const second = await pull();
    expect(second).toMatchObject({ status: 'held', superseded: [first.batch] });
    const listed = async () => (await ingestOf(t.p).sources.list(CLI_PRINCIPAL)).find((s) => s.id === id)!;
    expect(await listed()).toMatchObject({ lastBatchId: second.batch, lastBatchStatus: 'held', lastError: null });
    await src.query(`UPDATE ${TABLE} SET 月补助金额 = 月补助金额 - 1000 WHERE 月补助金额 >= 1000`);
    expect(await pull()).toMatchObject({ status: 'published', read: 30, deleted: 0, superseded: [second.batch] });
    expect(await listed()).toMatchObject({ lastBatchStatus: 'published' });
  });

  it("keeps a department to its own sources: another department's steward neither sees nor runs them", async () => {
    const code = async (short: string) => (await t.p.db.selectFrom('org_unit').select('code').where('short_name', '=', short).executeTakeFirstOrThrow()).code;
    const steward = async (short: string): Promise<Principal> => ({ kind: 'user', id: `steward-${short}`, name: `steward-${short}`, displayName: short, role: 'data_steward', scope: { kind: 'department', code: await code(short) } });
    const [own, other] = [await steward('民政局'), await steward('卫健局')];
    const { id } = await ingestOf(t.p).sources.create({ name: 'minzheng-scoped', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `SELECT 姓名, 身份证号 FROM ${TABLE}`, everyMinutes: 60 }, own);
    expect((await ingestOf(t.p).sources.list(own)).map((x) => x.name)).toContain('minzheng-scoped');
    expect(await ingestOf(t.p).sources.list(other)).toEqual([]);
    await expect(ingestOf(t.p).sources.runNow(id, other)).rejects.toMatchObject({ code: 'out_of_scope' });
    const before = await t.p.db.selectFrom('job').select('id').where('kind', '=', 'ingest.pull').execute();
    await expect(ingestOf(t.p).sources.runNow(id, { ...other, scope: { kind: 'town', code: '330112116' } })).rejects.toMatchObject({ code: 'out_of_scope' });
    expect(await t.p.db.selectFrom('job').select('id').where('kind', '=', 'ingest.pull').execute()).toHaveLength(before.length);
  });

  it('pauses a schedule, which the scheduler then passes over, and resumes it from now', async () => {
    const { id } = await ingestOf(t.p).sources.create({ name: 'minzheng-paused', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `SELECT 姓名, 身份证号 FROM ${TABLE}`, everyMinutes: 60 }, CLI_PRINCIPAL);
    await ingestOf(t.p).sources.setEnabled(id, false, CLI_PRINCIPAL);
    await t.p.db.updateTable('ingest_source').set({ next_run_at: new Date(Date.now() - 60_000) }).where('id', '=', id).execute();
    const pulls = async () => (await t.p.db.selectFrom('job').select('params').where('kind', '=', 'ingest.pull').execute()).filter((j) => (j.params as { sourceId: number }).sourceId === id).length;
    ingestOf(t.p).sources.startScheduler(60_000);
    try {
      await new Promise((r) => setTimeout(r, 1500)); // its first look comes after a second
      expect(await pulls()).toBe(0);
    } finally {
      ingestOf(t.p).sources.stopScheduler();
    }
    expect((await ingestOf(t.p).sources.list(CLI_PRINCIPAL)).find((x) => x.id === id)).toMatchObject({ enabled: false });
    await ingestOf(t.p).sources.setEnabled(id, true, CLI_PRINCIPAL);
    const resumed = (await ingestOf(t.p).sources.list(CLI_PRINCIPAL)).find((x) => x.id === id)!;
    expect(resumed.enabled).toBe(true);
    expect(new Date(resumed.nextRunAt!).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const audit = await t.p.audit.find({ action: 'source.disable' }, 1, 10);
    expect(audit.items.map((a) => a.target)).toContain('source:minzheng-paused');
  });

  it('refuses anything but one SELECT, and runs even a SELECT read-only', async () => {
    await expect(ingestOf(t.p).sources.create({ name: 'evil', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `DELETE FROM ${TABLE}`, everyMinutes: 60 }, CLI_PRINCIPAL)).rejects.toThrow(/invalid source/);
    await expect(ingestOf(t.p).sources.create({ name: 'evil2', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `SELECT 1; DROP TABLE ${TABLE}`, everyMinutes: 60 }, CLI_PRINCIPAL)).rejects.toThrow(/invalid source/);
    const { id } = await ingestOf(t.p).sources.create({ name: 'sneaky', dataset: 'minzheng.dibao_members', url: SOURCE_URL!, query: `WITH gone AS (DELETE FROM ${TABLE} RETURNING *) SELECT * FROM gone`, everyMinutes: 60 }, CLI_PRINCIPAL);
    const end = await t.p.jobs.waitFor((await ingestOf(t.p).sources.runNow(id, CLI_PRINCIPAL)).id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/read-only|read only|DECLARE CURSOR/i);
    expect((await src.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0].n).toBe(30);
  });
});
