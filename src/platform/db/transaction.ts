import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Anything a store can run a query on: the pool or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `fn` in one transaction and retries it on serialization failures and deadlocks, which
 * PostgreSQL asks the client to retry. `fn` must therefore be safe to run again.
 */
export async function withTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>, attempts = 3): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  for (let i = 1; ; i++) {
    try {
      return await (db as Kysely<Database>).transaction().execute(fn);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * i * i));
    }
  }
}
