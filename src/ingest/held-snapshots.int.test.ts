import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from './ingest.cli.js';
import { ingestOf } from './ingest.module.js';
import { DirectPublisher } from './pipeline/direct-publish.js';
import { publishBatch } from './pipeline/publish.js';
import { csv, DIBAO_SPEC, HEADER, person, tempFile } from './testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';

const row = (i: number, amount = '100') => [`人${i}`, person(i).id, '', amount, '', ''];
/** The snapshot of rows [from, to). */
const rows = (from: number, to: number, amount?: string) => tempFile('s.csv', csv(Array.from({ length: to - from }, (_, i) => row(from + i, amount))));
/** Rows 0–4 only, of the twenty loaded: held for deleting fifteen. */
const cut = () => rows(0, 5);

/** Both ways a batch is written: directly (PostgreSQL only) and staged. */
const paths = (engine: string) => (engine === 'pglite' ? ['staged'] : ['direct', 'staged']);

/** Snapshots held for review (pipeline/deletion-guard.ts) and replaced by newer ones (pipeline/held-batches.ts). */
describe.each(testEngines())('held snapshot batches, on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());
  afterEach(() => {
    delete process.env.TIANMU_INGEST_DIRECT;
    vi.restoreAllMocks();
  });

  let n = 0;
  /** A fresh snapshot dataset holding rows 0–19, written from here on staged if `path` says so, else as the engine chooses. */
  async function dataset(path: string, extra: Record<string, unknown> = {}) {
    const name = `minzheng.held_${++n}`;
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name, ...extra }, CLI_PRINCIPAL);
    expect(await ingestFileNow(t.p, name, rows(0, 20), { quiet: true })).toMatchObject({ status: 'published', inserted: 20 });
    if (path === 'staged') process.env.TIANMU_INGEST_DIRECT = 'off';
    return name;
  }
  const current = async (name: string) => {
    const d = await ingestOf(t.p).catalog.get(name);
    const r = await t.p.db.selectFrom('ingest_row').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', d.id).where('valid_to', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const batch = (id: number) => ingestOf(t.p).views.batch(id, CLI_PRINCIPAL);
  const staged = async (id: number) => (await t.p.db.selectFrom('ingest_stage').select('line').where('batch_id', '=', id).execute()).length;

  describe('the deletion guard', () => {
    it.each(paths(engine))('holds a snapshot that would delete more than half the rows, written %s, until a reviewer publishes it', async (path) => {
      const name = await dataset(path);
      // Rows 0–7 and two new ones: twelve of twenty gone, a file cut short.
      const s = await ingestFileNow(t.p, name, tempFile('cut.csv', csv([...Array.from({ length: 8 }, (_, i) => row(i)), row(100), row(101)])), { quiet: true });
      expect(s).toMatchObject({ status: 'held', hold: { cause: 'deletions', deleting: 12, current: 20, maxShare: 0.5 }, inserted: 0, deleted: 0 });
      expect(await current(name)).toBe(20);
      const batch = await ingestOf(t.p).views.batch(s.batch, CLI_PRINCIPAL);
      expect(batch).toMatchObject({ status: 'held', hold: { cause: 'deletions', deleting: 12, current: 20 } });
      const listed = async () => (await ingestOf(t.p).catalog.list(null)).find((d) => d.name === name)!;
      expect(await listed()).toMatchObject({ rows: 20, heldBatches: 1 });

      const counts = await ingestOf(t.p).ingest.publishHeld(s.batch, CLI_PRINCIPAL);
      expect(counts).toEqual({ inserted: 2, changed: 0, unchanged: 8, deleted: 12 });
      expect(await current(name)).toBe(10);
      expect(await listed()).toMatchObject({ rows: 10, heldBatches: 0 });
      // The reason stays on the published batch: the record of what the reviewer let through.
      expect(await ingestOf(t.p).views.batch(s.batch, CLI_PRINCIPAL)).toMatchObject({ status: 'published', hold: { cause: 'deletions' }, deleted: 12 });
    });

    it.each(paths(engine))('holds a file with its header and no rows, which would delete everything, written %s', async (path) => {
      const name = await dataset(path);
      const s = await ingestFileNow(t.p, name, tempFile('empty.csv', csv([])), { quiet: true });
      expect(s).toMatchObject({ status: 'held', read: 0, hold: { cause: 'deletions', deleting: 20, current: 20 } });
      expect(await current(name)).toBe(20);
    });

    it.each(paths(engine))('publishes a snapshot deleting exactly the allowed share, written %s', async (path) => {
      const name = await dataset(path);
      const s = await ingestFileNow(t.p, name, rows(10, 20), { quiet: true });
      expect(s).toMatchObject({ status: 'published', hold: null, deleted: 10 });
      expect(await current(name)).toBe(10);
    });

    it.each(paths(engine))('follows the contract: a lower share holds less, 1 never holds, written %s', async (path) => {
      const strict = await dataset(path, { maxDeletedShare: 0.1 });
      expect(await ingestFileNow(t.p, strict, rows(3, 20), { quiet: true })).toMatchObject({ status: 'held', hold: { deleting: 3, current: 20, maxShare: 0.1 } });
      const free = await dataset(path, { maxDeletedShare: 1 });
      expect(await ingestFileNow(t.p, free, rows(19, 20), { quiet: true })).toMatchObject({ status: 'published', deleted: 19 });
      expect(await current(free)).toBe(1);
    });

    it('leaves incremental loads alone: they delete nothing', async () => {
      const name = `minzheng.guard_incr`;
      await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name, mode: 'incremental' }, CLI_PRINCIPAL);
      await ingestFileNow(t.p, name, rows(0, 20), { quiet: true });
      expect(await ingestFileNow(t.p, name, rows(0, 2), { quiet: true })).toMatchObject({ status: 'published', hold: null, deleted: 0, unchanged: 2 });
      expect(await current(name)).toBe(20);
    });

    it('says what publishing would delete beside a batch held for its quality', async () => {
      const name = await dataset('staged', { qualityThreshold: 0.99 });
      const bad = [['', person(500).id, '', '1', '', '']];
      const s = await ingestFileNow(t.p, name, tempFile('bad.csv', csv([...Array.from({ length: 15 }, (_, i) => row(i)), ...bad])), { quiet: true });
      expect(s).toMatchObject({ status: 'held', hold: { cause: 'quality', deleting: 5, current: 20 } });
    });

    it('refuses a share outside 0–1, or not a number, in the contract, naming the field', async () => {
      for (const maxDeletedShare of [1.5, -0.1, '0.5']) {
        const err = await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name: 'minzheng.guard_bad', maxDeletedShare }, CLI_PRINCIPAL).catch((e: unknown) => e);
        expect(err).toMatchObject({ message: expect.stringMatching(/invalid dataset contract/) });
        expect(Object.keys((err as { fields: Record<string, string> }).fields).join()).toContain('maxDeletedShare');
      }
      await expect(ingestOf(t.p).catalog.get('minzheng.guard_bad')).rejects.toThrow();
    });
  });

  describe('superseded by a newer snapshot', () => {
    it('discards a held snapshot once a newer one is published, so the old file can no longer be put back', async () => {
      const name = await dataset('auto');
      const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
      expect(held).toMatchObject({ status: 'held', superseded: [] });
      expect(await staged(held.batch)).toBe(5);
      // The department's next whole file, with new amounts.
      const next = await ingestFileNow(t.p, name, rows(0, 20, '200'), { quiet: true });
      expect(next).toMatchObject({ status: 'published', changed: 20, superseded: [held.batch] });
      expect(await batch(held.batch)).toMatchObject({ status: 'discarded', hold: { cause: 'deletions', supersededBy: next.batch } });
      expect(await staged(held.batch)).toBe(0);
      const audit = await t.p.audit.find({ action: 'ingest.supersede' }, 1, 50);
      expect(audit.items.find((a) => a.target === `dataset:${name}`)).toMatchObject({ actor: CLI_PRINCIPAL.name, detail: { batch: next.batch, superseded: [held.batch] } });
      await expect(ingestOf(t.p).ingest.publishHeld(held.batch, CLI_PRINCIPAL)).rejects.toMatchObject({ code: 'not_held' });
      expect((await ingestOf(t.p).catalog.list(null)).find((d) => d.name === name)).toMatchObject({ rows: 20, heldBatches: 0 });
    });

    it('keeps one held snapshot at a time: a newer held one replaces the older', async () => {
      const name = await dataset('auto');
      const first = await ingestFileNow(t.p, name, cut(), { quiet: true });
      const second = await ingestFileNow(t.p, name, rows(0, 4), { quiet: true });
      expect(second).toMatchObject({ status: 'held', superseded: [first.batch] });
      expect(await batch(first.batch)).toMatchObject({ status: 'discarded', hold: { supersededBy: second.batch } });
      expect((await ingestOf(t.p).catalog.list(null)).find((d) => d.name === name)).toMatchObject({ heldBatches: 1 });
      expect(await ingestOf(t.p).ingest.publishHeld(second.batch, CLI_PRINCIPAL)).toMatchObject({ deleted: 16 });
    });

    it('replaces a held resubmission of fixes to an older file, freeing the rejects it claimed', async () => {
      const name = await dataset('auto', { qualityThreshold: 0.8 });
      const withBad = await ingestFileNow(t.p, name, tempFile('bad.csv', csv([...Array.from({ length: 20 }, (_, i) => row(i)), ['', person(90).id, '', '1', '', '']])), { quiet: true });
      expect(withBad).toMatchObject({ status: 'published', rejected: 1 });
      // The fix among enough bad rows to be held.
      // Line 22 of that file (after the header and twenty rows) with its name filled in.
      const fix = csv([[String(withBad.batch), '22', ...row(90)], ...Array.from({ length: 3 }, (_, i) => ['', '', '', person(91 + i).id, '', '1', '', ''])], ['_batch', '_line', ...HEADER]);
      const resubmitted = await ingestFileNow(t.p, name, tempFile('fix.csv', fix), { quiet: true, resubmit: true });
      expect(resubmitted).toMatchObject({ status: 'held', superseded: [] });
      const claimed = () => ingestOf(t.p).views.rejects(name, CLI_PRINCIPAL, { batch: withBad.batch, status: 'open' }, 1, 10);
      expect((await claimed()).items.map((r) => r.resolvedBatch)).toEqual([resubmitted.batch]);
      const next = await ingestFileNow(t.p, name, rows(0, 21), { quiet: true });
      expect(next).toMatchObject({ status: 'published', superseded: [resubmitted.batch] });
      expect((await claimed()).items.map((r) => r.resolvedBatch)).toEqual([null]);
    });

    it('leaves held batches of an incremental dataset alone: each carries its own changes', async () => {
      const name = await dataset('auto', { mode: 'incremental', qualityThreshold: 0.99 });
      const held = await ingestFileNow(t.p, name, tempFile('bad.csv', csv([row(30), ['', person(31).id, '', '1', '', '']])), { quiet: true });
      expect(held.status).toBe('held');
      const next = await ingestFileNow(t.p, name, rows(40, 45), { quiet: true });
      expect(next).toMatchObject({ status: 'published', superseded: [] });
      expect(await batch(held.batch)).toMatchObject({ status: 'held' });
    });

    it('refuses a reviewer\'s publish of a held batch that a newer snapshot has replaced but not yet discarded', async () => {
      const name = await dataset('auto');
      const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
      const d = await ingestOf(t.p).catalog.get(name);
      // The moment between a newer snapshot's commit and its superseding of the held batches.
      await t.p.db.insertInto('ingest_batch').values({ dataset_id: d.id, status: 'published', mode: 'snapshot', source: 'cli', file_name: 'newer.csv', dataset_version: 1, created_by: 'cli' }).execute();
      await expect(ingestOf(t.p).ingest.publishHeld(held.batch, CLI_PRINCIPAL)).rejects.toMatchObject({ code: 'superseded' });
      // So is a staged snapshot's own publish, when a later one finished first.
      await expect(publishBatch(t.p.db, d.id, '330112', held.batch, 'snapshot')).rejects.toMatchObject({ code: 'superseded' });
      expect(await current(name)).toBe(20);
      expect(await batch(held.batch)).toMatchObject({ status: 'held' });
    });

    it('fails a snapshot that would be held when a later one was already published: nobody could publish it', async () => {
      const name = await dataset('auto', { qualityThreshold: 0.99 });
      const d = await ingestOf(t.p).catalog.get(name);
      // A snapshot started after the one below and published before it ends (a later id).
      await t.p.db.insertInto('ingest_batch').values({ id: 1_000_000 + d.id, dataset_id: d.id, status: 'published', mode: 'snapshot', source: 'cli', file_name: 'newer.csv', dataset_version: 1, created_by: 'cli' }).execute();
      const poor = tempFile('poor.csv', csv([...Array.from({ length: 10 }, (_, i) => row(i)), ['', person(95).id, '', '1', '', '']]));
      await expect(ingestFileNow(t.p, name, poor, { quiet: true })).rejects.toThrow(/已被更新的全量批次 #\d+ 取代/);
      const mine = await t.p.db.selectFrom('ingest_batch').select(['id', 'status']).where('dataset_id', '=', d.id).where('file_name', '=', 'poor.csv').executeTakeFirstOrThrow();
      expect(mine.status).toBe('failed');
      expect(await staged(Number(mine.id))).toBe(0);
      expect(await current(name)).toBe(20);
    });

    it('refuses to publish a held batch that was replaced while its publishing waited', async () => {
      const name = await dataset('auto');
      const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
      const d = await ingestOf(t.p).catalog.get(name);
      await ingestFileNow(t.p, name, rows(0, 20, '300'), { quiet: true });
      // What a reviewer's publish that had passed its status check runs into.
      // As an incremental merge, which no newer snapshot refuses: the batch's status alone stops it.
      await expect(publishBatch(t.p.db, d.id, '330112', held.batch, 'incremental')).rejects.toThrow(/no longer running or held/);
      await expect(ingestOf(t.p).ingest.discardHeld(held.batch, CLI_PRINCIPAL)).rejects.toMatchObject({ code: 'not_held' });
    });

    if (engine !== 'pglite') {
      it('supersedes after a snapshot written directly too', async () => {
        const name = await dataset('auto');
        const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
        const next = await ingestFileNow(t.p, name, rows(0, 20, '250'), { quiet: true });
        expect(next).toMatchObject({ status: 'published', superseded: [held.batch] });
        expect(next.phasesMs.duplicates).toBe(0); // written directly: no staged duplicate pass
      });

      it('fails a snapshot written directly when one started after it was published first', async () => {
        const name = await dataset('auto');
        const d = await ingestOf(t.p).catalog.get(name);
        // While this batch is written, a snapshot started after it is published (another connection).
        const original = DirectPublisher.prototype.applySetRules;
        vi.spyOn(DirectPublisher.prototype, 'applySetRules').mockImplementationOnce(async function (this: DirectPublisher) {
          await t.p.db.insertInto('ingest_batch').values({ dataset_id: d.id, status: 'published', mode: 'snapshot', source: 'cli', file_name: 'newer.csv', dataset_version: 1, created_by: 'cli' }).execute();
          return original.call(this);
        });
        await expect(ingestFileNow(t.p, name, rows(0, 20, '400'), { quiet: true })).rejects.toThrow(/已被更新的全量批次 #\d+ 取代/);
        const amounts = await t.p.db.selectFrom('ingest_row').select('data').where('dataset_id', '=', d.id).where('valid_to', 'is', null).execute();
        expect(amounts.map((r) => r.data.monthly_amount)).toEqual(Array(20).fill(100));
      });
    }
  });
});
