import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from './ingest.cli.js';
import { ingestOf } from './ingest.module.js';
import { csv, DIBAO_SPEC, person, tempFile } from './testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';

const SPEC = { ...DIBAO_SPEC, name: 'minzheng.reader_pages', mode: 'incremental' };
const row = (i: number, amount = 100) => [`人${i}`, person(i).id, '', String(amount), '', ''];

describe.each(testEngines())('DatasetReader.current on %s', (engine) => {
  let t: TestPlatform;
  let first: number;
  let second: number;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await ingestOf(t.p).catalog.register(SPEC, CLI_PRINCIPAL);
    // Another dataset's rows in between, so the dataset's ids are not one run.
    await ingestOf(t.p).catalog.register(DIBAO_SPEC, CLI_PRINCIPAL);
    const ingest = (name: string, rows: string[][]) => ingestFileNow(t.p, name, tempFile('r.csv', csv(rows)), { quiet: true });
    first = (await ingest(SPEC.name, Array.from({ length: 12 }, (_, i) => row(i)))).batch;
    await ingest(DIBAO_SPEC.name, [row(50), row(51)]);
    // Changes two rows (their first versions retire) and adds three.
    second = (await ingest(SPEC.name, [row(3, 300), row(7, 700), row(12), row(13), row(14)])).batch;
  });
  afterAll(() => t.close());

  const read = async (opts: Parameters<ReturnType<typeof ingestOf>['reader']['current']>[1]) => {
    const pages = [];
    for await (const p of ingestOf(t.p).reader.current(SPEC.name, opts)) pages.push(p);
    return pages;
  };

  it('returns every current row once, in id order, in pages of at most the page size', async () => {
    const pages = await read({ pageSize: 4, unseal: true });
    const rows = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 3]);
    expect(rows.map((r) => r.rowId)).toEqual([...rows.map((r) => r.rowId)].sort((a, b) => a - b));
    expect(rows.map((r) => r.data.name).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `人${i}`).sort());
    expect(rows.find((r) => r.data.name === '人3')).toMatchObject({ batchId: second, data: { monthly_amount: 300 }, plain: { id_number: person(3).id } });
  });

  it('reads only rows that became current after a batch, and nothing when there are none', async () => {
    const pages = await read({ pageSize: 2, sinceBatch: first });
    const rows = pages.flat();
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(rows.map((r) => r.rowId)).toEqual([...rows.map((r) => r.rowId)].sort((a, b) => a - b));
    expect(rows.map((r) => r.data.name).sort()).toEqual(['人12', '人13', '人14', '人3', '人7']);
    expect(rows.every((r) => Object.keys(r.plain).length === 0)).toBe(true);
    expect(await read({ sinceBatch: second })).toEqual([]);
  });
});
