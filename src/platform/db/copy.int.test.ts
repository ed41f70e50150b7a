import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { copyField, copyRows, withCopyTransaction } from './copy.js';
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
});
