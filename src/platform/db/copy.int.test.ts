import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { blobOf, BytesBlob, copyField, copyLines, copyRows, Utf8Lines, withCopyTransaction } from './copy.js';
import type { DatabaseHandle } from './database.js';
import { openTestDatabase, testEngines } from '../testing/engines.js';

describe.each(testEngines())('COPY on %s', (engine) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDatabase(engine);
    await migrateToLatest(h.db, []);
    await sql`CREATE TABLE copy_probe (a text, b jsonb, c int)`.execute(h.db);
  });
  afterAll(() => h.close());

  it('round-trips tabs, newlines, backslashes, quotes, Chinese and NULL', async () => {
    const tricky = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', '"quoted", \'single\'', '张三 臨安', ''];
    const text = tricky.map((s, i) => `${copyField(s)}\t${copyField(JSON.stringify({ s }))}\t${copyField(i === 0 ? null : i)}\n`).join('');
    await copyRows(h, 'copy_probe', ['a', 'b', 'c'], text);
    const rows = await sql<{ a: string; b: { s: string }; c: number | null }>`SELECT a, b, c FROM copy_probe`.execute(h.db);
    expect(rows.rows.map((r) => r.a)).toEqual(tricky);
    expect(rows.rows.map((r) => r.b.s)).toEqual(tricky);
    expect(rows.rows[0].c).toBeNull();
  });

  it('copies a chunk copied out of a reused buffer, each chunk its own rows', async () => {
    await sql`CREATE TABLE copy_out (a text, n int)`.execute(h.db);
    const lines = new Utf8Lines();
    const chunks: Buffer[] = [];
    for (const word of ['甲', 'second chunk, longer than the first', '丙']) {
      lines.clear();
      for (let i = 0; i < 3; i++) lines.append(`${copyField(`${word}\t${i}`)}\t${i}\n`);
      chunks.push(lines.copyOut());
    }
    // Each chunk fills an ArrayBuffer of its own, so the buffer's reuse cannot touch it.
    expect(chunks.every((c) => c.byteOffset === 0 && c.byteLength === c.buffer.byteLength)).toBe(true);
    for (const c of chunks) await copyRows(h, 'copy_out', ['a', 'n'], c);
    const rows = await sql<{ a: string }>`SELECT a FROM copy_out ORDER BY a`.execute(h.db);
    expect(rows.rows.map((r) => r.a).sort()).toEqual(['甲', 'second chunk, longer than the first', '丙'].flatMap((w) => [0, 1, 2].map((i) => `${w}\t${i}`)).sort());
  });

  it('copies inside a transaction that keeps its other statements, and rolls both back on failure', async () => {
    await sql`CREATE TABLE copy_tx (a text PRIMARY KEY)`.execute(h.db);
    await withCopyTransaction(h, async (tx, copy) => {
      await sql`INSERT INTO copy_tx VALUES ('before')`.execute(tx);
      await copy('copy_tx', ['a'], 'one\ntwo\n');
      // The transaction sees what it copied.
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_tx`.execute(tx)).rows[0].n).toBe(3);
    });
    await expect(
      withCopyTransaction(h, async (tx, copy) => {
        await sql`INSERT INTO copy_tx VALUES ('lost')`.execute(tx);
        await copy('copy_tx', ['a'], 'three\n');
        await copy('copy_tx', ['a'], 'one\n'); // duplicate key: the whole transaction goes
      }),
    ).rejects.toThrow(/duplicate key/);
    await expect(withCopyTransaction(h, (_tx, copy) => copy('copy_tx; DROP TABLE copy_tx', ['a'], 'x\n'))).rejects.toThrow(/bad identifier/);
    const rows = await sql<{ a: string }>`SELECT a FROM copy_tx ORDER BY a`.execute(h.db);
    expect(rows.rows.map((r) => r.a)).toEqual(['before', 'one', 'two']);
    // The pool's connection came back usable (PGlite has only one).
    await copyRows(h, 'copy_tx', ['a'], 'after\n');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_tx`.execute(h.db)).rows[0].n).toBe(4);
  });

  it('copies several streams in turns, each in its own order and complete', async () => {
    await sql`CREATE TABLE copy_big (seq serial, n int, pad text)`.execute(h.db);
    await sql`CREATE TABLE copy_small (seq serial, n int)`.execute(h.db);
    const pad = 'x'.repeat(400);
    const calls: string[] = [];
    await withCopyTransaction(h, (_tx, copy) =>
      copyLines(
        (table, columns, text) => (calls.push(table), copy(table, columns, text)),
        { table: 'copy_big', columns: ['n', 'pad'], count: 50_000, line: (i) => `${i}\t${pad}\n` },
        { table: 'copy_small', columns: ['n'], count: 3_000, line: (i) => `${i}\n` },
        { table: 'copy_small', columns: ['n'], count: 0, line: () => { throw new Error('an empty stream makes no line'); } },
      ),
    );
    // 20 MB of the big stream: several slices, and the small one copied between them, not last.
    expect(calls.filter((c) => c === 'copy_big').length).toBeGreaterThan(1);
    expect(calls.indexOf('copy_small')).toBeLessThan(calls.lastIndexOf('copy_big'));
    for (const [table, count] of [['copy_big', 50_000], ['copy_small', 3_000]] as const) {
      const r = await sql<{ n: number; ordered: boolean }>`SELECT count(*)::int AS n, bool_and(n = seq - 1) AS ordered FROM ${sql.table(table)}`.execute(h.db);
      expect(r.rows[0]).toEqual({ n: count, ordered: true });
    }
  });
  it('streams appends into one COPY that any later statement waits for', async () => {
    await sql`CREATE TABLE copy_append (a int PRIMARY KEY, pad text)`.execute(h.db);
    await sql`CREATE TABLE copy_other (a int)`.execute(h.db);
    const lines = (from: number, n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `${from + i}\t${'y'.repeat(300)}\n`).join(''));
    await withCopyTransaction(h, async (tx, _copy, append) => {
      // 6 MB in 30 appends: more than a socket takes at once, so some appends wait for the server.
      for (let k = 0; k < 30; k++) await append('copy_append', ['a', 'pad'], lines(k * 600, 600));
      // A query in the same transaction sees every appended row: the COPY was ended first.
      expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_append`.execute(tx)).rows[0].n).toBe(18_000);
      await append('copy_append', ['a', 'pad'], lines(18_000, 10));
      await append('copy_other', ['a'], Buffer.from('1\n2\n')); // another table ends the first COPY
      await append('copy_append', ['a', 'pad'], lines(18_010, 10));
    });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_append`.execute(h.db)).rows[0].n).toBe(18_020);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_other`.execute(h.db)).rows[0].n).toBe(2);
  });

  it('rolls back an open COPY whatever ends the transaction, and the connection stays usable', async () => {
    await sql`CREATE TABLE copy_fail (a int PRIMARY KEY)`.execute(h.db);
    // The server rejects a line: the error surfaces at the next statement (or the commit).
    await expect(
      withCopyTransaction(h, async (tx, _copy, append) => {
        await append('copy_fail', ['a'], Buffer.from('1\n2\nnot a number\n'));
        await sql`SELECT 1`.execute(tx);
      }),
    ).rejects.toThrow(/invalid input syntax/);
    await expect(withCopyTransaction(h, (_tx, _copy, append) => append('copy_fail', ['a'], Buffer.from('1\n1\n')))).rejects.toThrow(/duplicate key/);
    // The caller fails with a COPY open and healthy: nothing of it stays.
    await expect(
      withCopyTransaction(h, async (_tx, _copy, append) => {
        await append('copy_fail', ['a'], Buffer.from('5\n6\n'));
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow(/gave up/);
    await expect(withCopyTransaction(h, (_tx, _copy, append) => append('copy_fail; DROP TABLE copy_fail', ['a'], Buffer.from('7\n')))).rejects.toThrow(/bad identifier/);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM copy_fail`.execute(h.db)).rows[0].n).toBe(0);
    // An append that outlives its transaction is refused rather than sent on a released connection.
    let late: ((t: string, c: string[], x: Uint8Array) => Promise<void>) | undefined;
    await withCopyTransaction(h, async (_tx, _copy, append) => {
      late = append;
    });
    if (engine !== 'pglite') await expect(late!('copy_fail', ['a'], Buffer.from('8\n'))).rejects.toThrow(/transaction has ended/);
    await copyRows(h, 'copy_fail', ['a'], '9\n');
    expect((await sql<{ a: number }>`SELECT a FROM copy_fail`.execute(h.db)).rows).toEqual([{ a: 9 }]);
  });
});

describe('the Blob PGlite reads a COPY from', () => {
  it('hands over bytes that fill their own ArrayBuffer without a copy, and is a Blob of them otherwise', async () => {
    const whole = new TextEncoder().encode('张三\t1\n');
    const blob = blobOf(whole);
    expect(blob).toBeInstanceOf(BytesBlob);
    expect(await blob.arrayBuffer()).toBe(whole.buffer);
    expect(blob.size).toBe(whole.byteLength);
    expect(Buffer.from(await blob.bytes()).toString()).toBe('张三\t1\n');
    expect(await blob.text()).toBe('张三\t1\n');
    expect(await blob.slice(0, 6).text()).toBe('张三');
    const chunks: Uint8Array[] = [];
    for await (const c of blob.stream()) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('张三\t1\n');
    // A view into a larger buffer (Utf8Lines.take) must not hand over the rest of that buffer.
    const view = Buffer.from('xx张三\t1\nyy').subarray(2, 2 + whole.byteLength);
    const copied = blobOf(view);
    expect(copied).not.toBeInstanceOf(BytesBlob);
    expect(Buffer.from(await copied.arrayBuffer()).toString()).toBe('张三\t1\n');
    expect(await blobOf('文本').text()).toBe('文本');
  });
});
