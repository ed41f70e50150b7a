import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from './ingest.cli.js';
import { ingestOf } from './ingest.module.js';
import { publishBatch } from './pipeline/publish.js';
import { csv, DIBAO_SPEC, person, tempFile } from './testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';

describe.each(testEngines())('ingest pipeline on %s', (engine) => {
  let t: TestPlatform;
  const a = person(1);
  const b = person(2);
  const c = person(3);
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    // Three rows whose reloads drop two on purpose: no deletion guard (held-snapshots.int.test.ts has it).
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, maxDeletedShare: 1 }, CLI_PRINCIPAL);
  });
  afterAll(() => t.close());

  /** Bytes ingest_stage takes on disk: PGlite, which has no autovacuum, must get them back itself. */
  const stagedBytes = async () => Number((await sql<{ b: string }>`SELECT pg_relation_size('ingest_stage') AS b`.execute(t.p.db)).rows[0].b);

  it('standardises, flags and rejects with reasons, keeping the original beside the value', async () => {
    const badCheck = a.id.slice(0, 17) + (a.id[17] === '0' ? '1' : '0');
    const file = tempFile('dibao.csv', csv([
      ['張 三', ` ${a.id} `, '1960年2月2日', '1,230.00', '138 0000 1111', '一都村'],
      ['李四', b.id, '2023/5/1', '0.123万元', '', '330112116217'],
      ['王五', badCheck, '20230501', '300', '', ''],
      ['赵六', c.id, 'not a date', '100', '', ''],
      ['', person(4).id, '', '100', '', ''],
      ['钱七', person(5).id, '', '-5', '', ''],
    ]), 'gbk');
    const s = await ingestFileNow(t.p, 'minzheng.dibao_members', file, { quiet: true });
    expect(s).toMatchObject({ status: 'published', read: 6, accepted: 3, rejected: 3, inserted: 3, changed: 0, unchanged: 0, deleted: 0, encoding: 'gb18030' });
    expect(s.rejectedByReason).toEqual({ unparseable_date: 1, missing_required: 1, 'rule:amount_positive': 1 });
    // Only the bad check digit is a quality problem; conversions are notes kept on the row.
    expect(s.flagged).toBe(1);
    expect(s.flagsByKind).toMatchObject({ check_digit: 1, traditional_converted: 1, unit_converted: 1 });

    const rows = await t.p.db.selectFrom('ingest_row').selectAll().where('valid_to', 'is', null).orderBy('line').execute();
    const first = rows[0];
    expect(first.data).toMatchObject({ name: '张三', birth_date: '1960-02-02', monthly_amount: 1230, village: '330112116217' });
    expect(first.data.id_number).toBe(t.p.cipher.hash('resident_id', a.id));
    expect(first.masked.id_number).toBe(`${a.id.slice(0, 6)}********${a.id.slice(14)}`);
    expect(first.original).toMatchObject({ name: '張 三', birth_date: '1960年2月2日', monthly_amount: '1,230.00', village: '一都村' });
    expect(JSON.stringify(first)).not.toContain(a.id);
    expect(JSON.parse(t.p.cipher.decrypt(first.sealed!))).toEqual({ v: { id_number: a.id, phone: '13800001111' }, o: { id_number: ` ${a.id} `, phone: '138 0000 1111' } });
    expect(rows[1].data.monthly_amount).toBe(1230);
    expect(rows[2].flags).toEqual({ id_number: ['check_digit'] });
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it('refuses to publish a batch under another dataset, rolling the whole publish back', async () => {
    // ingest_row keeps no foreign keys to dataset and batch: publish itself checks they belong together.
    const ds = await t.p.db.selectFrom('dataset').select('id').where('name', '=', 'minzheng.dibao_members').executeTakeFirstOrThrow();
    const batch = await t.p.db.selectFrom('ingest_batch').select('id').where('dataset_id', '=', ds.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const before = await t.p.db.selectFrom('ingest_row').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(publishBatch(t.p.db, ds.id + 1000, '330112', Number(batch.id), 'incremental')).rejects.toThrow(/does not belong to dataset/);
    const after = await t.p.db.selectFrom('ingest_row').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('changes nothing when the same file is ingested again', async () => {
    const file = tempFile('same.csv', csv([['李四', b.id, '2023/5/1', '0.123万元', '', '330112116217']]));
    const once = await ingestFileNow(t.p, 'minzheng.dibao_members', file, { quiet: true });
    expect(once).toMatchObject({ unchanged: 1, deleted: 2 });
    const twice = await ingestFileNow(t.p, 'minzheng.dibao_members', file, { quiet: true });
    expect(twice).toMatchObject({ inserted: 0, changed: 0, unchanged: 1, deleted: 0 });
  });

  it('keeps every version with valid-from and valid-to, and detects deletions in snapshots', async () => {
    const v2 = tempFile('v2.csv', csv([['李四', b.id, '2023/5/1', '800', '', '330112116217'], ['孙八', person(9).id, '', '50', '', '']]));
    const s = await ingestFileNow(t.p, 'minzheng.dibao_members', v2, { quiet: true });
    expect(s).toMatchObject({ inserted: 1, changed: 1, unchanged: 0, deleted: 0 });
    const versions = await t.p.db.selectFrom('ingest_row').select(['data', 'valid_from', 'valid_to', 'batch_id']).where('key_hash', '=', (await t.p.db.selectFrom('ingest_row').select('key_hash').where('data', '@>', JSON.stringify({ id_number: t.p.cipher.hash('resident_id', b.id) }) as never).executeTakeFirstOrThrow()).key_hash).orderBy('valid_from').execute();
    expect(versions.map((v) => v.data.monthly_amount)).toEqual([1230, 1230, 800].slice(-versions.length));
    expect(versions.at(-1)!.valid_to).toBeNull();
    expect(versions.slice(0, -1).every((v) => v.valid_to !== null)).toBe(true);
  });

  it('rejects a repeated key in one batch, keeping the first', async () => {
    const f = tempFile('dup.csv', csv([['李四', b.id, '', '800', '', ''], ['李四', b.id, '', '900', '', ''], ['孙八', person(9).id, '', '50', '', '']]));
    const s = await ingestFileNow(t.p, 'minzheng.dibao_members', f, { quiet: true });
    expect(s.rejectedByReason).toEqual({ duplicate_key: 1 });
    const rejects = await ingestOf(t.p).views.rejects('minzheng.dibao_members', CLI_PRINCIPAL, { batch: s.batch }, 1, 10);
    expect(rejects.items[0]).toMatchObject({ line: 3, reason: 'duplicate_key' });
  });

  it('refuses a file whose header misses a required column, and publishes nothing', async () => {
    const before = await t.p.db.selectFrom('ingest_row').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const f = tempFile('bad-header.csv', csv([['x', 'y']], ['名字', '号码']));
    await expect(ingestFileNow(t.p, 'minzheng.dibao_members', f, { quiet: true })).rejects.toThrow(/缺少必填列 姓名、身份证号/);
    const after = await t.p.db.selectFrom('ingest_row').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const failed = await t.p.db.selectFrom('ingest_batch').select(['status', 'error']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
  });

  it('holds a batch below the quality threshold for review, then publishes it on approval', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'minzheng.strict', qualityThreshold: 0.99 }, CLI_PRINCIPAL);
    const f = tempFile('strict.csv', csv([['甲', person(20).id, 'bad', '1', '', ''], ['乙', person(21).id, '', '1', '', '']]));
    const s = await ingestFileNow(t.p, 'minzheng.strict', f, { quiet: true });
    expect(s.status).toBe('held');
    // A snapshot: what publishing it would delete is shown beside the reason, nothing here yet.
    expect(s.hold).toEqual({ cause: 'quality', deleting: 0, current: 0 });
    const d = await ingestOf(t.p).catalog.get('minzheng.strict');
    const published = await t.p.db.selectFrom('ingest_row').select('id').where('dataset_id', '=', d.id).execute();
    expect(published).toHaveLength(0);
    const counts = await ingestOf(t.p).ingest.publishHeld(s.batch, CLI_PRINCIPAL);
    expect(counts.inserted).toBe(1);
    if (engine === 'pglite') expect(await stagedBytes()).toBe(0);
  });

  it('marks a dataset stale when its last batch is older than the expected update cycle', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'minzheng.monthly', updateCycleDays: 30 }, CLI_PRINCIPAL);
    const s = await ingestFileNow(t.p, 'minzheng.monthly', tempFile('m.csv', csv([['甲', person(50).id, '', '1', '', '']])), { quiet: true });
    const fresh = (await ingestOf(t.p).catalog.list(null)).find((d) => d.name === 'minzheng.monthly')!;
    expect(fresh).toMatchObject({ stale: false, updateCycleDays: 30 });
    await t.p.db.updateTable('ingest_batch').set({ published_at: new Date(Date.now() - 40 * 86_400_000) }).where('id', '=', s.batch).execute();
    const old = (await ingestOf(t.p).catalog.list(null)).find((d) => d.name === 'minzheng.monthly')!;
    expect(old.stale).toBe(true);
    expect((await ingestOf(t.p).catalog.list(null)).find((d) => d.name === 'minzheng.dibao_members')!.stale).toBeNull();
  });

  it('fails a batch whose file breaks off after rows were staged, and leaves nothing of it, its space included', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'minzheng.cut' }, CLI_PRINCIPAL);
    // Three chunks of rows, gzipped and cut short: zlib finds the end missing after they were read.
    const gz = gzipSync(Buffer.from(csv(Array.from({ length: 3000 }, (_, i) => [`人${i}`, person(70_000 + i).id, '', '1', '', '']))));
    const f = tempFile('cut.csv.gz', gz.subarray(0, gz.length - 12));
    await expect(ingestFileNow(t.p, 'minzheng.cut', f, { quiet: true })).rejects.toThrow(/cut short/);
    const d = await ingestOf(t.p).catalog.get('minzheng.cut');
    const batch = await t.p.db.selectFrom('ingest_batch').select(['id', 'status', 'error']).where('dataset_id', '=', d.id).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'failed', error: expect.stringMatching(/cut short/) });
    expect(await t.p.db.selectFrom('ingest_row').select('id').where('dataset_id', '=', d.id).execute()).toHaveLength(0);
    expect(await t.p.db.selectFrom('ingest_stage').select('line').where('batch_id', '=', batch.id).execute()).toHaveLength(0);
    if (engine === 'pglite') expect(await stagedBytes()).toBe(0);
  });

  it('discards a held batch with its rejected rows', async () => {
    const f = tempFile('strict2.csv', csv([['丙', person(60).id, 'bad', '1', '', ''], ['丁', person(61).id, '', '1', '', '']]));
    const s = await ingestFileNow(t.p, 'minzheng.strict', f, { quiet: true });
    expect(s.status).toBe('held');
    // Publishing it would close the one row the approved batch above published.
    expect(s.hold).toEqual({ cause: 'quality', deleting: 1, current: 1 });
    await ingestOf(t.p).ingest.discardHeld(s.batch, CLI_PRINCIPAL);
    const rejects = await ingestOf(t.p).views.rejects('minzheng.strict', CLI_PRINCIPAL, { batch: s.batch }, 1, 10);
    expect(rejects.items.map((r) => r.status)).toEqual(['dismissed']);
    expect(await t.p.db.selectFrom('ingest_stage').select('line').where('batch_id', '=', s.batch).execute()).toHaveLength(0);
    if (engine === 'pglite') expect(await stagedBytes()).toBe(0);
  });
});
