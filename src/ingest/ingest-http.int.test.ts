import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOf } from './ingest.module.js';
import { CLI_PRINCIPAL } from './ingest.cli.js';
import { csv, DIBAO_SPEC, person, tempFile } from './testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';

/** The tests' uploads replace one or two rows at a time on purpose: no deletion guard (held-snapshots.int.test.ts). */
const SPEC = { ...DIBAO_SPEC, maxDeletedShare: 1 };

describe.each(testEngines())('ingest over HTTP on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await t.p.jobs.start(50);
    admin = await t.login('admin');
    await t.p.users.create(null, { username: 'ana', displayName: 'ana', password: 'ana-password-1', role: 'analyst', scope: { kind: 'district', code: '330112' } });
    await t.p.users.create(null, { username: 'town', displayName: 'town', password: 'town-password-1', role: 'town_operator', scope: { kind: 'town', code: '330112116' } });
  });
  afterAll(() => t.close());

  async function upload(cookieOrToken: { cookie?: string; token?: string }, dataset: string, body: string | Buffer, query = '') {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/datasets/${dataset}/batches?filename=${encodeURIComponent('低保.csv')}${query}`,
      headers: { 'content-type': 'text/csv', ...(cookieOrToken.cookie ? { cookie: cookieOrToken.cookie, 'x-tianmu-csrf': '1' } : { authorization: `Bearer ${cookieOrToken.token}` }) },
      payload: body,
    });
    return res;
  }

  it('registers a contract over the API and names each problem in a bad one', async () => {
    const bad = await t.as(admin, { method: 'POST', url: '/api/datasets', payload: { ...DIBAO_SPEC, key: ['nope'], fields: [{ column: '姓名', name: 'Name!', type: 'weird' }] } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['fields.0.name', 'fields.0.type']));
    const ok = await t.as(admin, { method: 'POST', url: '/api/datasets', payload: SPEC });
    expect(ok.statusCode).toBe(201);
    const again = await t.as(admin, { method: 'POST', url: '/api/datasets', payload: SPEC });
    expect(again.json()).toMatchObject({ created: false, changed: false, version: 1 });
  });

  it('takes a streamed upload from a department system with an API key and runs it as a job', async () => {
    const dept = await t.p.db.selectFrom('org_unit').select('code').where('short_name', '=', '民政局').executeTakeFirstOrThrow();
    const { token } = await t.p.auth.createApiToken({ name: 'minzheng-system', role: 'data_steward', scope: { kind: 'department', code: dept.code }, createdBy: 'test' });
    const res = await upload({ token }, 'minzheng.dibao_members', csv([['张三', person(1).id, '', '100', '', '']]));
    expect(res.statusCode).toBe(202);
    const { batch, job } = res.json();
    const end = await t.p.jobs.waitFor(job);
    expect(end).toMatchObject({ status: 'succeeded', result: { batch, accepted: 1 } });
    const b = await t.p.db.selectFrom('ingest_batch').select(['source', 'file_name', 'created_by']).where('id', '=', batch).executeTakeFirstOrThrow();
    expect(b).toEqual({ source: 'api', file_name: '低保.csv', created_by: 'token:minzheng-system' });
    const view = await t.as(admin, { url: `/api/batches/${batch}` });
    expect(view.json()).toMatchObject({ id: batch, dataset: 'minzheng.dibao_members', status: 'published', fileName: '低保.csv', accepted: 1 });
    expect((await t.as(admin, { url: '/api/batches/999999' })).statusCode).toBe(404);
  });

  it("refuses another department's client and users without ingest.write, and audits it", async () => {
    const other = await t.p.db.selectFrom('org_unit').select('code').where('short_name', '=', '卫健局').executeTakeFirstOrThrow();
    const { token } = await t.p.auth.createApiToken({ name: 'weijian', role: 'data_steward', scope: { kind: 'department', code: other.code }, createdBy: 'test' });
    expect((await upload({ token }, 'minzheng.dibao_members', 'x')).statusCode).toBe(403);
    expect((await upload({ cookie: await t.login('ana', 'ana-password-1') }, 'minzheng.dibao_members', 'x')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/datasets/minzheng.dibao_members/batches', headers: { 'content-type': 'text/csv' }, payload: 'x' })).statusCode).toBe(401);
    const denied = await t.p.audit.find({ action: 'auth.denied' }, 1, 10);
    expect(denied.items.map((r) => r.detail.permission ?? r.target)).toEqual(expect.arrayContaining(['ingest.write', 'dataset:minzheng.dibao_members']));
  });

  it('keeps an uploaded file name from escaping the uploads folder', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/datasets/minzheng.dibao_members/batches?filename=${encodeURIComponent('../../../etc/passwd')}`, headers: { cookie: admin, 'x-tianmu-csrf': '1', 'content-type': 'text/csv' }, payload: csv([['李四', person(2).id, '', '1', '', '']]) });
    expect(res.statusCode).toBe(202);
    const b = await t.p.db.selectFrom('ingest_batch').select('file_name').where('id', '=', res.json().batch).executeTakeFirstOrThrow();
    expect(b.file_name).toBe('passwd');
    await t.p.jobs.waitFor(res.json().job);
  });

  it('fails a binary file cleanly with a reason and publishes nothing', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(2000, 0)]);
    const res = await upload({ cookie: admin }, 'minzheng.dibao_members', png);
    const end = await t.p.jobs.waitFor(res.json().job);
    expect(end.status).toBe('failed');
    const b = await t.p.db.selectFrom('ingest_batch').select(['status', 'error']).where('id', '=', res.json().batch).executeTakeFirstOrThrow();
    expect(b.status).toBe('failed');
    expect(b.error).toMatch(/NUL bytes.*not text/);
  });

  it('shows rows masked by level: names and ID numbers of an L3 dataset', async () => {
    const rows = (await t.as(admin, { url: '/api/datasets/minzheng.dibao_members/rows' })).json();
    const r = rows.items.find((x: { values: { name: string } }) => x.values.name.startsWith('李'));
    expect(r.values.name).toBe('李*');
    expect(r.values.id_number).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(r.lineage).toMatchObject({ file: 'passwd', line: 2 });
    const audit = await t.p.audit.find({ action: 'dataset.read_rows' }, 1, 5);
    expect(audit.total).toBeGreaterThan(0);
  });

  it('lets an analyst read L3 rows only after a grant is approved by someone else, limited to its fields', async () => {
    const ana = await t.login('ana', 'ana-password-1');
    const before = await t.as(ana, { url: '/api/datasets/minzheng.dibao_members/rows' });
    expect(before.statusCode).toBe(403);
    expect(before.json().error.code).toBe('grant_required');
    const req = await t.as(ana, { method: 'POST', url: '/api/datasets/minzheng.dibao_members/grants', payload: { granteeKind: 'role', grantee: 'analyst', fields: ['name', 'monthly_amount'], purpose: '低保资金统计分析', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(req.statusCode).toBe(201);
    const self = await t.as(ana, { method: 'POST', url: `/api/grants/${req.json().id}/decision`, payload: { decision: 'approved' } });
    expect(self.statusCode).toBe(403);
    expect((await t.as(admin, { method: 'POST', url: `/api/grants/${req.json().id}/decision`, payload: { decision: 'approved', note: 'ok' } })).statusCode).toBe(204);
    const after = (await t.as(ana, { url: '/api/datasets/minzheng.dibao_members/rows' })).json();
    expect(after.fields.map((f: { name: string }) => f.name)).toEqual(['name', 'monthly_amount']);
    expect(JSON.stringify(after.items)).not.toMatch(/\d{17}[\dX]/);
  });

  it('downloads the quarantine with reasons and formula cells made inert, and takes the fixed file back', async () => {
    const file = tempFile('q.csv', csv([['=cmd|\' /C calc\'!A0', person(30).id, 'bad date', '1', '', ''], ['王五', person(31).id, '', '5', '', '']]));
    const s = await ingestOf(t.p).ingest.runNow('minzheng.dibao_members', { path: file }, CLI_PRINCIPAL, 'cli');
    expect(s.rejectedByReason).toEqual({ unparseable_date: 1 });
    const res = await t.as(admin, { url: `/api/datasets/minzheng.dibao_members/rejects.csv?batch=${s.batch}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.body.replace(/^\uFEFF/, '');
    expect(text).toContain("'=cmd|");
    expect(text).toContain('unparseable_date');
    expect((await t.p.audit.find({ action: 'export.quarantine' }, 1, 5)).total).toBe(1);

    // The steward fixes the date and sends the file back.
    const fixed = text.replace(',bad date,', ',2020-01-01,').replace("'=cmd|' /C calc'!A0", '赵六');
    const back = await ingestOf(t.p).ingest.runNow('minzheng.dibao_members', { path: tempFile('fixed.csv', fixed), resubmit: true }, CLI_PRINCIPAL, 'cli');
    expect(back, JSON.stringify(back.rejectedByReason) + fixed).toMatchObject({ status: 'published', accepted: 1, deleted: 0 });
    const open = await ingestOf(t.p).views.rejects('minzheng.dibao_members', CLI_PRINCIPAL, { batch: s.batch, status: 'open' }, 1, 10);
    expect(open.total).toBe(0);
  });

  it('publishes a held resubmission as the merge it is, and only then closes the rejects it fixes', async () => {
    const spec = { ...DIBAO_SPEC, name: 'minzheng.dibao_held_fix', qualityThreshold: 0.8 };
    expect((await t.as(admin, { method: 'POST', url: '/api/datasets', payload: spec })).statusCode).toBe(201);
    const good = Array.from({ length: 9 }, (_, i) => ['张三', person(200 + i).id, '', '10', '', '']);
    const first = await ingestOf(t.p).ingest.runNow(spec.name, { path: tempFile('a.csv', csv([...good, ['李四', person(220).id, 'bad date', '1', '', '']])) }, CLI_PRINCIPAL, 'cli');
    expect(first).toMatchObject({ status: 'published', accepted: 9, rejected: 1 });
    const quarantine = (await t.as(admin, { url: `/api/datasets/${spec.name}/rejects.csv?batch=${first.batch}` })).body.replace(/^\uFEFF/, '');
    // The fixed line and a new one that is still wrong: half the file rejected, so the batch is held.
    const [head, line] = quarantine.trim().split(/\r?\n/);
    const fixed = [head, line.replace(',bad date,', ',2020-01-01,'), `${first.batch},99,x,x,王五,${person(221).id},bad date,1,,`].join('\n') + '\n';
    const back = await ingestOf(t.p).ingest.runNow(spec.name, { path: tempFile('fixed.csv', fixed), resubmit: true }, CLI_PRINCIPAL, 'cli');
    expect(back).toMatchObject({ status: 'held', accepted: 1, rejected: 1 });
    const openRejects = () => ingestOf(t.p).views.rejects(spec.name, CLI_PRINCIPAL, { batch: first.batch, status: 'open' }, 1, 10);
    expect((await openRejects()).total).toBe(1);
    // The same fixes sent again, held too: the reject shows the latest claim; discarding that one
    // gives it back to the first, which still fixes it.
    const again = await ingestOf(t.p).ingest.runNow(spec.name, { path: tempFile('fixed-again.csv', fixed), resubmit: true }, CLI_PRINCIPAL, 'cli');
    expect(again).toMatchObject({ status: 'held' });
    expect((await openRejects()).items.map((r) => r.resolvedBatch)).toEqual([again.batch]);
    await ingestOf(t.p).ingest.discardHeld(again.batch, CLI_PRINCIPAL);
    expect((await openRejects()).items.map((r) => r.resolvedBatch)).toEqual([back.batch]);

    const counts = await ingestOf(t.p).ingest.publishHeld(back.batch, CLI_PRINCIPAL);
    expect(counts).toEqual({ inserted: 1, changed: 0, unchanged: 0, deleted: 0 });
    const current = await t.p.db.selectFrom('ingest_row').innerJoin('dataset', 'dataset.id', 'ingest_row.dataset_id').select('ingest_row.id').where('dataset.name', '=', spec.name).where('valid_to', 'is', null).execute();
    expect(current).toHaveLength(10);
    expect((await openRejects()).total).toBe(0);
    const closed = await ingestOf(t.p).views.rejects(spec.name, CLI_PRINCIPAL, { batch: first.batch, status: 'resubmitted' }, 1, 10);
    expect(closed.items.map((r) => r.resolvedBatch)).toEqual([back.batch]);
    expect(await t.p.db.selectFrom('ingest_reject_claim').selectAll().where('batch_id', 'in', [back.batch, again.batch]).execute()).toEqual([]);
  });

  it('downloads a repeated key as the cells its line had, though it was kept in its stored form', async () => {
    const file = tempFile('dup.csv', csv([['孙七', person(35).id, '', '3', '', ''], ['孫七', person(35).id, '1980/1/2', '3万元', '138 0000 1111', '']]));
    const s = await ingestOf(t.p).ingest.runNow('minzheng.dibao_members', { path: file }, CLI_PRINCIPAL, 'cli');
    expect(s.rejectedByReason).toEqual({ duplicate_key: 1 });
    const stored = await t.p.db.selectFrom('ingest_reject').select(['raw_sealed', 'row_sealed']).where('batch_id', '=', s.batch).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ raw_sealed: null, row_sealed: expect.any(String) });
    const res = await t.as(admin, { url: `/api/datasets/minzheng.dibao_members/rejects.csv?batch=${s.batch}` });
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${s.batch},3,duplicate_key,主键与第 2 行重复 (key repeats line 2: id_number),孫七,${person(35).id},1980/1/2,3万元,138 0000 1111,,`);
  });

  it('reveals one sealed value to a permitted user with a purpose, audited', async () => {
    const rows = (await t.as(admin, { url: '/api/datasets/minzheng.dibao_members/rows' })).json();
    const id = rows.items[0].id;
    const res = await t.as(admin, { method: 'POST', url: `/api/datasets/minzheng.dibao_members/rows/${id}/reveal`, payload: { field: 'id_number', purpose: '核对身份' } });
    expect(res.json().value).toMatch(/^\d{17}[\dX]$/);
    const history = await t.as(admin, { url: `/api/datasets/minzheng.dibao_members/rows/${id}/history` });
    expect(history.json().versions[0].lineage).toMatchObject({ batch: expect.any(Number), line: expect.any(Number) });
  });

  it("shows every version of a row's key in order, retired ones with their end and deleting batch", async () => {
    const spec = { ...DIBAO_SPEC, name: 'minzheng.dibao_history' };
    expect((await t.as(admin, { method: 'POST', url: '/api/datasets', payload: spec })).statusCode).toBe(201);
    const run = (rows: string[][]) => ingestOf(t.p).ingest.runNow(spec.name, { path: tempFile('h.csv', csv(rows)) }, CLI_PRINCIPAL, 'cli');
    const other = ['李四', person(61).id, '', '7', '', ''];
    const b1 = await run([['张三', person(60).id, '', '100', '', ''], other]);
    const b2 = await run([['张三', person(60).id, '', '120', '', ''], other]);
    const b3 = await run([other]);
    expect([b2.changed, b3.deleted]).toEqual([1, 1]);
    const rows = await t.p.db.selectFrom('ingest_row').select(['id', 'batch_id']).where('batch_id', '=', b2.batch).execute();
    const res = await t.as(admin, { url: `/api/datasets/${spec.name}/rows/${rows[0].id}/history` });
    const versions = res.json().versions as Array<{ values: { monthly_amount: number }; lineage: { batch: number }; validTo: string | null; deletedByBatch: number | null }>;
    expect(versions.map((v) => [v.values.monthly_amount, v.lineage.batch, v.validTo != null, v.deletedByBatch])).toEqual([
      [100, b1.batch, true, null],
      [120, b2.batch, true, b3.batch],
    ]);
  });

  it('survives a crash mid-batch: the resumed job clears the staging and publishes once', async () => {
    const d = await ingestOf(t.p).catalog.get('minzheng.dibao_members');
    const path = tempFile('crash.csv', csv([['甲', person(40).id, '', '1', '', ''], ['乙', person(41).id, '', '1', '', '']]));
    // What a kill -9 leaves: a running batch with half its rows staged, and a job whose heartbeat stopped.
    const batch = await t.p.db.insertInto('ingest_batch').values({ dataset_id: d.id, status: 'running', source: 'cli', file_name: 'crash.csv', dataset_version: 1, created_by: 'cli' }).returning('id').executeTakeFirstOrThrow();
    await t.p.db.insertInto('ingest_stage').values({ batch_id: Number(batch.id), line: 2, key_hash: 'stale', content_hash: 'stale', data: '{}', masked: '{}', sealed: null, original: null, flags: null, problem: false }).execute();
    const job = await t.p.db.insertInto('job').values({ kind: 'ingest.file', title: 'crash', params: JSON.stringify({ path, batchId: Number(batch.id), datasetId: d.id }), status: 'running', attempts: 1, heartbeat_at: new Date(Date.now() - 3600_000) }).returning('id').executeTakeFirstOrThrow();
    await t.p.jobs.stop();
    await t.p.jobs.start(50);
    const end = await t.p.jobs.waitFor(job.id);
    // The error goes into the comparison so that a failure under load says why the job failed.
    expect({ status: end.status, error: end.error, result: end.result }).toMatchObject({ status: 'succeeded', error: null, result: { accepted: 2 } });
    expect(await t.p.db.selectFrom('ingest_stage').select('line').where('batch_id', '=', Number(batch.id)).execute()).toHaveLength(0);
    const published = await t.p.db.selectFrom('ingest_row').select('id').where('batch_id', '=', Number(batch.id)).execute();
    expect(published.length).toBeLessThanOrEqual(2);
  });
});
