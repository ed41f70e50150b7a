import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from './ingest.cli.js';
import { ingestOf } from './ingest.module.js';
import { publishBatch } from './pipeline/publish.js';
import { csv, DIBAO_SPEC, HEADER, person, tempFile } from './testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';

const row = (i: number, amount = '100') => [`人${i}`, person(i).id, '', amount, '', ''];
const rows = (from: number, to: number, amount?: string) => tempFile('s.csv', csv(Array.from({ length: to - from }, (_, i) => row(from + i, amount))));
/** Rows 0–4 only, of the twenty loaded: held for deleting fifteen. */
const cut = () => rows(0, 5);

describe.each(testEngines())('held batches a newer snapshot replaces, on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
  });
  afterAll(() => t.close());
  afterEach(() => {
    delete process.env.TIANMU_INGEST_DIRECT;
  });

  let n = 0;
  async function dataset(extra: Record<string, unknown> = {}) {
    const name = `minzheng.held_${++n}`;
    await ingestOf(t.p).catalog.register({ ...DIBAO_SPEC, name, ...extra }, CLI_PRINCIPAL);
    expect(await ingestFileNow(t.p, name, rows(0, 20), { quiet: true })).toMatchObject({ status: 'published', inserted: 20 });
    return name;
  }
  const batch = (id: number) => ingestOf(t.p).views.batch(id, CLI_PRINCIPAL);
  const staged = async (id: number) => (await t.p.db.selectFrom('ingest_stage').select('line').where('batch_id', '=', id).execute()).length;

  it('discards a held snapshot once a newer one is published, so the old file can no longer be put back', async () => {
    const name = await dataset();
    const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
    expect(held).toMatchObject({ status: 'held', superseded: [] });
    expect(await staged(held.batch)).toBe(5);
    // The department's next whole file, with new amounts.
    const next = await ingestFileNow(t.p, name, rows(0, 20, '200'), { quiet: true });
    expect(next).toMatchObject({ status: 'published', changed: 20, superseded: [held.batch] });
    expect(await batch(held.batch)).toMatchObject({ status: 'discarded', hold: { reason: 'deletions', supersededBy: next.batch } });
    expect(await staged(held.batch)).toBe(0);
    await expect(ingestOf(t.p).ingest.publishHeld(held.batch, CLI_PRINCIPAL)).rejects.toMatchObject({ code: 'not_held' });
    expect((await ingestOf(t.p).catalog.list(null)).find((d) => d.name === name)).toMatchObject({ rows: 20, heldBatches: 0 });
  });

  it('keeps one held snapshot at a time: a newer held one replaces the older', async () => {
    const name = await dataset();
    const first = await ingestFileNow(t.p, name, cut(), { quiet: true });
    const second = await ingestFileNow(t.p, name, rows(0, 4), { quiet: true });
    expect(second).toMatchObject({ status: 'held', superseded: [first.batch] });
    expect(await batch(first.batch)).toMatchObject({ status: 'discarded', hold: { supersededBy: second.batch } });
    expect((await ingestOf(t.p).catalog.list(null)).find((d) => d.name === name)).toMatchObject({ heldBatches: 1 });
    expect(await ingestOf(t.p).ingest.publishHeld(second.batch, CLI_PRINCIPAL)).toMatchObject({ deleted: 16 });
  });

  it('replaces a held resubmission of fixes to an older file, freeing the rejects it claimed', async () => {
    const name = await dataset({ qualityThreshold: 0.8 });
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
    const name = await dataset({ mode: 'incremental', qualityThreshold: 0.99 });
    const held = await ingestFileNow(t.p, name, tempFile('bad.csv', csv([row(30), ['', person(31).id, '', '1', '', '']])), { quiet: true });
    expect(held.status).toBe('held');
    const next = await ingestFileNow(t.p, name, rows(40, 45), { quiet: true });
    expect(next).toMatchObject({ status: 'published', superseded: [] });
    expect(await batch(held.batch)).toMatchObject({ status: 'held' });
  });

  it('refuses to publish a held batch that was replaced while its publishing waited', async () => {
    const name = await dataset();
    const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
    const d = await ingestOf(t.p).catalog.get(name);
    await ingestFileNow(t.p, name, rows(0, 20, '300'), { quiet: true });
    // What a reviewer's publish that had passed its status check runs into.
    await expect(publishBatch(t.p.db, d.id, '330112', held.batch, 'snapshot')).rejects.toThrow(/no longer running or held/);
    await expect(ingestOf(t.p).ingest.discardHeld(held.batch, CLI_PRINCIPAL)).rejects.toMatchObject({ code: 'not_held' });
  });

  if (engine !== 'pglite') {
    it('supersedes after a snapshot written directly too', async () => {
      const name = await dataset();
      const held = await ingestFileNow(t.p, name, cut(), { quiet: true });
      const next = await ingestFileNow(t.p, name, rows(0, 20, '250'), { quiet: true });
      expect(next).toMatchObject({ status: 'published', superseded: [held.batch] });
      expect(next.phasesMs.duplicates).toBe(0); // written directly: no staged duplicate pass
    });
  }
});
