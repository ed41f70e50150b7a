import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

/**
 * Runs `fn` — a load that dwarfs what identity_record holds — with the table's secondary indexes
 * and foreign keys dropped, and puts them back afterwards, all in the caller's transaction (a
 * failure leaves them as they were). Building an index sorts once, where keeping a dozen through a
 * million inserts costs a random write into each per row; a foreign key is checked by one join
 * instead of a lookup per row (together 15 s against 5 s for 270,000 records). Both are read from
 * the catalogue, so one another module adds is kept too; the primary key stays.
 * Leaves the table and those its keys point to analyzed.
 */
export async function withoutSecondaryIndexes<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  const indexes = (
    await sql<{ name: string; def: string }>`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'identity_record'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`.execute(tx)
  ).rows;
  const keys = (
    await sql<{ name: string; def: string; ref: string }>`SELECT conname AS name, pg_get_constraintdef(oid) AS def, confrelid::regclass::text AS ref FROM pg_constraint
      WHERE conrelid = 'identity_record'::regclass AND contype = 'f' ORDER BY conname`.execute(tx)
  ).rows;
  // Unique constraints no key points at are rebuilt too (a lookup per row, 1.5 s of a million); the
  // primary key stays, since the review queue's keys point at it.
  const uniques = (
    await sql<{ name: string; def: string }>`SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
      WHERE c.conrelid = 'identity_record'::regclass AND c.contype = 'u'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid) ORDER BY c.conname`.execute(tx)
  ).rows;
  for (const k of [...keys, ...uniques]) await sql`ALTER TABLE identity_record DROP CONSTRAINT ${sql.id(k.name)}`.execute(tx);
  for (const ix of indexes) await sql`DROP INDEX ${sql.id(ix.name)}`.execute(tx);
  const result = await fn();
  // Enough for the largest of them to sort in memory at district scale; for this transaction only.
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(tx);
  for (const u of uniques) await sql`ALTER TABLE identity_record ADD CONSTRAINT ${sql.id(u.name)} ${sql.raw(u.def)}`.execute(tx);
  for (const ix of indexes) await sql.raw(ix.def).execute(tx);
  // Statistics first, for the table and those its keys point to: the check of a key is a join
  // planned like any query, and planned on a table the planner still took for empty it ran 3.6 s
  // for a million records against 0.8 s. They commit with the load, so callers need not analyze.
  const analyzed = ['identity_record', ...new Set(keys.map((k) => k.ref))];
  await sql`ANALYZE ${sql.join(analyzed.map((t) => sql.id(t)))}`.execute(tx);
  for (const k of keys) await sql`ALTER TABLE identity_record ADD CONSTRAINT ${sql.id(k.name)} ${sql.raw(k.def)}`.execute(tx);
  return result;
}
