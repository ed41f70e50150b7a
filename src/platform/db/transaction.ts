import { sql, type Kysely, type Transaction } from 'kysely';
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
  return retrying(attempts, () => (db as Kysely<Database>).transaction().execute(fn));
}

/**
 * Like `withTransaction`, with `opening` — statements without parameters — sent in the same round
 * trip as BEGIN (the simple query protocol takes several statements at once). For hot paths where a
 * round trip is a good share of the work, e.g. event intake taking its advisory locks. `fn` gets the
 * transaction's connection and must not open another transaction on it.
 */
export async function withTransactionOpening<T>(db: Db, opening: string, fn: (tx: Executor) => Promise<T>, attempts = 3): Promise<T> {
  return retrying(attempts, () =>
    db.connection().execute(async (conn) => {
      try {
        await sql.raw(`BEGIN; ${opening}`).execute(conn);
        const result = await fn(conn);
        await sql.raw('COMMIT').execute(conn);
        return result;
      } catch (err) {
        // Also after a failed BEGIN; …: the connection goes back to the pool outside any transaction.
        await sql.raw('ROLLBACK').execute(conn).catch(() => undefined);
        throw err;
      }
    }),
  );
}

async function retrying<T>(attempts: number, run: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (i >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * i * i));
    }
  }
}
