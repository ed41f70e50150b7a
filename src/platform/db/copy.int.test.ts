import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { copyField, copyRows } from './copy.js';
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
});
