import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from './ingest.cli.js';
import { ingestOf } from './ingest.module.js';
import type { BatchSummary } from './pipeline/batch-runner.js';
import { DirectPublisher } from './pipeline/direct-publish.js';
import { rejectRaw } from './pipeline/reject-raw.js';
import { isSliced, joinRowByRow, measureStage, stageSlices, stageSlicing } from './pipeline/stage-slices.js';
import { findRepeats, moveRepeats } from './pipeline/batch-quality.js';
import { closeChanged, insertVersions } from './pipeline/publish.js';
import type { DatasetSpec } from './contract.js';
import { csv, DIBAO_SPEC, person, tempFile } from './testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';

/** Rows of a few chunks (the reader hands out 1,000 rows at a time). */
const ROWS = 2500;
const row = (i: number, amount = 100 + (i % 7)) => [`人${i}`, person(i).id, '1980-01-02', String(amount), i % 3 ? '' : '138 0000 1111', '330112116217'];

const v1 = () => tempFile('v1.csv', csv(Array.from({ length: ROWS }, (_, i) => row(i))));
/**
 * The next snapshot: every tenth row changed (245 of those kept), rows 100–149 gone, 30 new ones, and line 2,102
 * repeating the key of line 7 (a chunk and more apart) with other content.
 */
const v2 = () => {
  const rows = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i < 100 || i >= 150).map((i) => row(i, i % 10 === 0 ? 999 : undefined));
  rows.splice(2100, 0, row(5, 555));
  for (let i = 0; i < 30; i++) rows.push(row(5000 + i));
  return tempFile('v2.csv', csv(rows));
};

describe.each(testEngines())('publishing a batch directly or through staging, on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.direct' }, CLI_PRINCIPAL);
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.staged' }, CLI_PRINCIPAL);
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.sliced' }, CLI_PRINCIPAL);
    // Set-based rules: the person must be in a registry (which knows rows below 2,000 only), and a
    // phone may belong to one row (a third of the rows share one).
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.registry', rules: [] }, CLI_PRINCIPAL);
    const rules = [...DIBAO_SPEC.rules, { name: 'registered', field: 'id_number', check: 'ref', value: 'paths.registry.id_number', action: 'flag' }, { name: 'one_phone', field: 'phone', check: 'unique', action: 'flag' }];
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.rules_direct', rules }, CLI_PRINCIPAL);
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.rules_staged', rules }, CLI_PRINCIPAL);
  });
  afterAll(() => t.close());
  afterEach(() => {
    delete process.env.TIANMU_INGEST_DIRECT;
    Object.assign(stageSlicing, defaultSlicing);
    vi.restoreAllMocks();
  });
  const defaultSlicing = { ...stageSlicing };

  /** The load, the reload and the same reload again, into one dataset directly and into the other staged. */
  async function loadBothWays(directName: string, stagedName: string) {
    const files = [v1(), v2(), v2()];
    const direct: BatchSummary[] = [];
    for (const f of files) direct.push(await ingestFileNow(t.p, directName, f, { quiet: true }));
    process.env.TIANMU_INGEST_DIRECT = 'off';
    const staged: BatchSummary[] = [];
    for (const f of files) staged.push(await ingestFileNow(t.p, stagedName, f, { quiet: true }));
    return { direct, staged };
  }

  const counts = (s: BatchSummary) => ({ read: s.read, accepted: s.accepted, rejected: s.rejected, rejectedByReason: s.rejectedByReason, flagged: s.flagged, flagsByKind: s.flagsByKind, inserted: s.inserted, changed: s.changed, unchanged: s.unchanged, deleted: s.deleted, qualityScore: s.qualityScore, status: s.status });

  /** What a dataset holds, without what differs by nature between two loads (ids, times, random IVs). */
  async function contents(name: string) {
    const d = await ingestOf(t.p).catalog.get(name);
    const rows = await t.p.db.selectFrom('ingest_row').selectAll().where('dataset_id', '=', d.id).orderBy('key_hash').orderBy('valid_from').execute();
    const rejects = await t.p.db.selectFrom('ingest_reject').select(['line', 'reason', 'detail', 'raw_sealed', 'row_data', 'row_sealed', 'row_original']).where('dataset_id', '=', d.id).orderBy('batch_id').orderBy('line').execute();
    return {
      rows: rows.map((r) => ({ key: r.key_hash, content: r.content_hash, data: r.data, masked: r.masked, original: r.original, flags: r.flags, line: r.line, current: r.valid_to === null, deleted: r.deleted_by_batch !== null, sealed: r.sealed && t.p.cipher.decrypt(r.sealed) })),
      rejects: rejects.map((r) => ({ line: r.line, reason: r.reason, detail: r.detail, raw: rejectRaw(d.spec as unknown as DatasetSpec, t.p.cipher, r) })),
    };
  }

  it('gives the same versions, counts and quarantine either way, over a load, a reload and the same file again', async () => {
    const { direct, staged } = await loadBothWays('paths.direct', 'paths.staged');
    expect(direct.map(counts)).toEqual(staged.map(counts));
    expect(direct.map((s) => [s.inserted, s.changed, s.unchanged, s.deleted, s.rejectedByReason])).toEqual([
      [ROWS, 0, 0, 0, {}],
      [30, 245, 2205, 50, { duplicate_key: 1 }],
      [0, 0, 2480, 0, { duplicate_key: 1 }],
    ]);
    const [a, b] = [await contents('paths.direct'), await contents('paths.staged')];
    expect(a.rows).toHaveLength(ROWS + 30 + 245);
    expect(a.rows).toEqual(b.rows);
    expect(a.rejects).toEqual(b.rejects);
    expect(a.rejects[0]).toMatchObject({ line: 2102, reason: 'duplicate_key', detail: expect.stringContaining('第 7 行') });
    expect(a.rejects[0].raw).toMatchObject({ 姓名: '人5', 身份证号: person(5).id, 月补助金额: '555' });
    // Published batches leave nothing staged; PGlite, which has no autovacuum, gets the space back too.
    const stage = await sql<{ n: string; bytes: string }>`SELECT (SELECT count(*) FROM ingest_stage) AS n, pg_relation_size('ingest_stage') AS bytes`.execute(t.p.db);
    expect(Number(stage.rows[0].n)).toBe(0);
    if (engine === 'pglite') expect(Number(stage.rows[0].bytes)).toBe(0);
  });

  it('gives the same when the staged writes go a few pages of staging at a time, settling the WAL between them', async () => {
    process.env.TIANMU_INGEST_DIRECT = 'off';
    // About 300 pages a file: dozens of slices for each of the repeats' move, the changed rows' closing
    // and the insert; the reload's 50 deletions in slices of 7 (the last one short).
    stageSlicing.blocks = 8;
    stageSlicing.goneRows = 7;
    const settled = vi.spyOn(t.p.database, 'settleWal');
    const sliced: BatchSummary[] = [];
    for (const f of [v1(), v2(), v2()]) sliced.push(await ingestFileNow(t.p, 'paths.sliced', f, { quiet: true }));
    expect(settled.mock.calls.length).toBeGreaterThan(3 * 2 * 20);
    const staged = await t.p.db.selectFrom('ingest_batch').innerJoin('dataset', 'dataset.id', 'ingest_batch.dataset_id').select(['inserted', 'changed', 'unchanged', 'deleted', 'rejected_by_reason']).where('dataset.name', '=', 'paths.staged').orderBy('ingest_batch.id').execute();
    expect(sliced.map((s) => [s.inserted, s.changed, s.unchanged, s.deleted, s.rejectedByReason])).toEqual(staged.map((s) => [s.inserted, s.changed, s.unchanged, s.deleted, s.rejected_by_reason]));
    const [a, b] = [await contents('paths.staged'), await contents('paths.sliced')];
    expect(b.rows).toEqual(a.rows);
    expect(b.rejects).toEqual(a.rejects);
  });

  it('flags and counts set-based rules (ref, unique) the same either way, unchanged rows included', async () => {
    await ingestFileNow(t.p, 'paths.registry', tempFile('registry.csv', csv(Array.from({ length: 2000 }, (_, i) => row(i)))), { quiet: true });
    const { direct, staged } = await loadBothWays('paths.rules_direct', 'paths.rules_staged');
    expect(direct.map(counts)).toEqual(staged.map(counts));
    // The first load: rows from 2,000 are unknown to the registry, and every shared phone is flagged.
    expect(direct[0].flagsByKind).toMatchObject({ 'rule:registered': ROWS - 2000, 'rule:one_phone': Math.ceil(ROWS / 3) });
    expect(direct[0].flagged).toBe(ROWS - 2000 + Math.ceil(ROWS / 3) - Math.ceil(500 / 3));
    // The same file again: every row unchanged, and still counted.
    expect(direct[2].flagsByKind['rule:registered']).toBe(direct[1].flagsByKind['rule:registered']);
    const [a, b] = [await contents('paths.rules_direct'), await contents('paths.rules_staged')];
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.filter((r) => r.current && r.flags?.id_number?.includes('rule:registered')).length).toBe(ROWS - 2000 + 30);
  });

  it('reads each slice of staging by its pages and joins it row by row, never a whole table', async () => {
    const name = 'paths.plans';
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name, qualityThreshold: 0.5 }, CLI_PRINCIPAL);
    process.env.TIANMU_INGEST_DIRECT = 'off';
    await ingestFileNow(t.p, name, v1(), { quiet: true });
    // The next file held (more bad lines than good), so its rows stay staged: the reload's changes, deletions and repeat.
    const bad = Array.from({ length: ROWS + 100 }, (_, i) => { const r = row(9000 + i); r[2] = 'bad'; return r; });
    const held = await ingestFileNow(t.p, name, tempFile('held.csv', csv([...Array.from({ length: ROWS }, (_, i) => row(i, i % 10 === 0 ? 999 : undefined)), row(5, 555), ...bad])), { quiet: true });
    expect(held.status).toBe('held');
    const d = await ingestOf(t.p).catalog.get(name);
    // As publishBatch plans them for a batch of several slices: measured and analysed first, then one transaction.
    stageSlicing.blocks = 8;
    const blocks = await measureStage(t.p.db, { rows: true });
    expect(isSliced(blocks)).toBe(true);
    const plans = await t.p.db.transaction().execute(async (tx) => {
      // Staging already quarantined the file's repeat; one more, for the move's plan.
      await sql`INSERT INTO ingest_stage (batch_id, line, key_hash, content_hash, data, masked, sealed, original, flags, problem)
        SELECT batch_id, line + 100000, key_hash, content_hash, data, masked, sealed, original, flags, problem FROM ingest_stage WHERE batch_id = ${held.batch} AND line = 7`.execute(tx);
      expect(await findRepeats(tx, held.batch)).toBe(true);
      await joinRowByRow(tx);
      const [slice] = stageSlices(blocks);
      const now = new Date();
      const explain = async (q: ReturnType<typeof sql>) => (await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${q}`.execute(tx)).rows.map((r) => r['QUERY PLAN']).join('\n');
      return [await explain(closeChanged(slice, d.id, held.batch, now)), await explain(insertVersions(slice, d.id, '330112', held.batch, now)), await explain(moveRepeats(slice, d.id, held.batch, 'id_number'))];
    });
    for (const plan of plans) {
      expect(plan).toMatch(/Tid (Range )?Scan on ingest_stage/);
      expect(plan).not.toMatch(/Seq Scan|Materialize|Hash|Merge|Bitmap|ingest_stage_batch_idx/);
    }
    expect(plans[0]).toMatch(/Index Scan using ingest_row_current_idx/);
    await ingestOf(t.p).ingest.discardHeld(held.batch, CLI_PRINCIPAL);
  });

  // Staged: the repeats move to quarantine in one statement. Direct (on a server): their rejects
  // are inserted between chunks, each time ending the COPY the rows stream into and opening another.
  it.each([['staged', 'off'], ['direct', 'on']])('quarantines repeated keys (%s), each naming the line that kept its key', async (mode, direct) => {
    const name = `paths.repeats_${mode}`;
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name }, CLI_PRINCIPAL);
    // Each of 1,000 keys on three lines (the file's thirds), so 2,000 repeats: direct, four flushes of 600.
    const keys = 1000;
    const file = tempFile('repeats.csv', csv(Array.from({ length: 3 * keys }, (_, i) => row(80_000 + (i % keys), 100 + Math.floor(i / keys)))));
    process.env.TIANMU_INGEST_DIRECT = direct;
    // Staged, the repeats move a few pages at a time, each repeat still naming its key's first line in the whole file.
    stageSlicing.blocks = 8;
    const saved = { flush: DirectPublisher.rejectFlush };
    DirectPublisher.rejectFlush = 600;
    try {
      const s = await ingestFileNow(t.p, name, file, { quiet: true });
      expect(s).toMatchObject({ status: 'published', read: 3 * keys, inserted: keys, rejected: 2 * keys, rejectedByReason: { duplicate_key: 2 * keys } });
    } finally {
      DirectPublisher.rejectFlush = saved.flush;
    }
    const d = await ingestOf(t.p).catalog.get(name);
    const rejects = await t.p.db.selectFrom('ingest_reject').select(['line', 'detail', 'raw_sealed', 'row_data', 'row_sealed', 'row_original']).where('dataset_id', '=', d.id).orderBy('line').execute();
    expect(rejects).toHaveLength(2 * keys);
    // File line n + 1 holds row n (the header is line 1); the first third keeps every key.
    expect(new Set(rejects.map((r) => r.line)).size).toBe(2 * keys);
    for (const r of rejects) expect(r.detail).toBe(`主键与第 ${((r.line - 2) % keys) + 2} 行重复 (key repeats line ${((r.line - 2) % keys) + 2}: id_number)`);
    // Kept as staged (nothing sealed again), and rebuilt on export to the file's own cells, the phone's spaces included.
    const columns = DIBAO_SPEC.fields.map((f) => f.column);
    for (const r of rejects) {
      expect(r.raw_sealed).toBeNull();
      const n = r.line - 2;
      expect(rejectRaw(d.spec as unknown as DatasetSpec, t.p.cipher, r)).toEqual(Object.fromEntries(columns.map((c, i) => [c, row(80_000 + (n % keys), 100 + Math.floor(n / keys))[i]])));
    }
    const kept = await t.p.db.selectFrom('ingest_row').select('line').where('dataset_id', '=', d.id).execute();
    expect(kept.map((r) => r.line).sort((a, b) => a - b)).toEqual(Array.from({ length: keys }, (_, i) => i + 2));
  });
});

// Only a server writes batches directly (PGlite stages them: see writesDirect in batch-runner.ts).
describe.each(testEngines().filter((e) => e === 'postgres'))('a batch written directly on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());

  it('leaves nothing of a batch that fails part-way: no rows, no rejects, the batch failed', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.broken' }, CLI_PRINCIPAL);
    const d = await ingestOf(t.p).catalog.get('paths.broken');
    const rows = Array.from({ length: ROWS }, (_, i) => row(20_000 + i));
    rows[10] = ['', person(1).id, '', '1', '', ''];
    const file = tempFile('broken.csv', csv(rows));
    // The second chunk fails after the first one's rows and reject were written.
    const apply = DirectPublisher.prototype.apply;
    let calls = 0;
    vi.spyOn(DirectPublisher.prototype, 'apply').mockImplementation(function (this: DirectPublisher, chunk) {
      if (++calls === 2) throw new Error('disk full');
      return apply.call(this, chunk);
    });
    await expect(ingestOf(t.p).ingest.runNow('paths.broken', { path: file }, CLI_PRINCIPAL, 'test')).rejects.toThrow(/disk full/);
    vi.restoreAllMocks();
    expect(calls).toBe(2);
    expect(await t.p.db.selectFrom('ingest_row').select('id').where('dataset_id', '=', d.id).execute()).toHaveLength(0);
    expect(await t.p.db.selectFrom('ingest_reject').select('id').where('dataset_id', '=', d.id).execute()).toHaveLength(0);
    const batch = await t.p.db.selectFrom('ingest_batch').select(['status', 'error']).where('dataset_id', '=', d.id).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'failed', error: 'disk full' });
    // And the same file, fixed, goes through afterwards: nothing of the failed run is in its way.
    const s = await ingestOf(t.p).ingest.runNow('paths.broken', { path: file }, CLI_PRINCIPAL, 'test');
    expect(s).toMatchObject({ status: 'published', inserted: ROWS - 1, rejected: 1 });
  });

  it('stages a batch with more keys than direct writing holds in memory, rolling back what it began', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.big' }, CLI_PRINCIPAL);
    const d = await ingestOf(t.p).catalog.get('paths.big');
    const file = tempFile('big.csv', csv(Array.from({ length: ROWS }, (_, i) => row(30_000 + i))));
    const max = DirectPublisher.maxKeys;
    DirectPublisher.maxKeys = 1500;
    const applied = vi.spyOn(DirectPublisher.prototype, 'apply');
    const finished = vi.spyOn(DirectPublisher.prototype, 'finish');
    try {
      const s = await ingestOf(t.p).ingest.runNow('paths.big', { path: file }, CLI_PRINCIPAL, 'test');
      expect(s).toMatchObject({ status: 'published', inserted: ROWS, read: ROWS });
      // The direct attempt wrote its first chunk and gave way in the second, never publishing.
      expect(applied).toHaveBeenCalledTimes(2);
      expect(finished).not.toHaveBeenCalled();
    } finally {
      DirectPublisher.maxKeys = max;
      vi.restoreAllMocks();
    }
    const rows = await t.p.db.selectFrom('ingest_row').select(['line', 'batch_id']).where('dataset_id', '=', d.id).execute();
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.line)).size).toBe(ROWS);
    // Staging cleared after its publish.
    expect(await t.p.db.selectFrom('ingest_stage').select('line').execute()).toHaveLength(0);
  });

  /**
   * Ingests `file` with the direct path's cap at `maxKeys`, its projection after 500 rows, and the
   * file seeming 200 times larger than it is (each chunk's share read divided by 200): after its
   * first chunk of 1,000 rows, each new key counts as 200. Gives the summary and the spies.
   */
  async function ingestAsIfLarger(name: string, file: string, maxKeys: number) {
    const saved = { maxKeys: DirectPublisher.maxKeys, projectAfterRows: DirectPublisher.projectAfterRows };
    Object.assign(DirectPublisher, { maxKeys, projectAfterRows: 500 });
    const apply = DirectPublisher.prototype.apply;
    const applied = vi.spyOn(DirectPublisher.prototype, 'apply').mockImplementation(function (this: DirectPublisher, chunk, readFraction = 1) {
      return apply.call(this, chunk, readFraction / 200);
    });
    const finished = vi.spyOn(DirectPublisher.prototype, 'finish');
    try {
      const summary = await ingestOf(t.p).ingest.runNow(name, { path: file }, CLI_PRINCIPAL, 'test');
      return { summary, applied: applied.mock.calls.length, finished: finished.mock.calls.length };
    } finally {
      Object.assign(DirectPublisher, saved);
      vi.restoreAllMocks();
    }
  }

  it('stages a batch whose keys are projected past the cap once a sample of it is read, before it holds them', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.projected' }, CLI_PRINCIPAL);
    const file = tempFile('projected.csv', csv(Array.from({ length: ROWS }, (_, i) => row(60_000 + i))));
    // A cap this file cannot reach; after its first chunk the projection is 200,000 keys.
    const r = await ingestAsIfLarger('paths.projected', file, 100_000);
    expect(r.summary).toMatchObject({ status: 'published', inserted: ROWS, read: ROWS });
    expect(r.applied).toBe(2);
    expect(r.finished).toBe(0);
    const d = await ingestOf(t.p).catalog.get('paths.projected');
    expect(await t.p.db.selectFrom('ingest_row').select('id').where('dataset_id', '=', d.id).execute()).toHaveLength(ROWS);
  });

  it('keeps writing directly a reload whose keys the dataset already holds, however small the share read', async () => {
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'paths.reload' }, CLI_PRINCIPAL);
    const file = tempFile('reload.csv', csv(Array.from({ length: ROWS }, (_, i) => row(70_000 + i))));
    await ingestOf(t.p).ingest.runNow('paths.reload', { path: file }, CLI_PRINCIPAL, 'test');
    // 2,500 current keys and no new one: the projection stays at 2,500, under a cap of 3,000.
    const r = await ingestAsIfLarger('paths.reload', file, 3000);
    expect(r.summary).toMatchObject({ status: 'published', unchanged: ROWS, inserted: 0 });
    expect(r.finished).toBe(1);
  });
});
