import { type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
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
 * A transaction in two round trips, for hot paths where round trips are much of the work (event
 * intake): `BEGIN; <first>` goes as one query and `fn` gets the rows of its last statement; the
 * statements `fn` returns go with COMMIT as a second query (with a null `first`, BEGIN goes with
 * them and the transaction is one round trip). Both use the simple query protocol, which takes
 * several statements at once but no parameters, so values are written in with `inlineSql`. The
 * connection is taken from the pool directly: Kysely reads only a single statement's rows. Retried
 * like `withTransaction`, so `fn` must be safe to run again.
 */
export async function withTwoTripTransaction<T>(pool: pg.Pool, first: string | null, fn: (rows: Record<string, unknown>[]) => { finish: string; result: T }, attempts = 3): Promise<T> {
  return retrying(attempts, async () => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      const rows = first ? lastOf(await client.query(`BEGIN; ${first}`)).rows : [];
      const { finish, result } = fn(rows);
      const done = lastOf(await client.query(`${first ? '' : 'BEGIN; '}${finish}; COMMIT`));
      // COMMIT of a transaction that an error left aborted answers ROLLBACK instead of failing.
      if (done.command !== 'COMMIT') throw new Error(`transaction ended with ${done.command}`);
      return result;
    } catch (err) {
      // Also after a failed BEGIN; …: the connection goes back to the pool outside any transaction.
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      client.release(broken);
    }
  });
}

/** A query of several statements answers with one result per statement. */
function lastOf(r: pg.QueryResult | pg.QueryResult[]): pg.QueryResult {
  return Array.isArray(r) ? r[r.length - 1] : r;
}

/**
 * A compiled query with its parameters written into the text as literals, for the simple query
 * protocol (`withTwoTripTransaction`). The text must hold no `$n` but the placeholders.
 */
export function inlineSql(q: { sql: string; parameters: readonly unknown[] }): string {
  return q.sql.replace(/\$(\d+)/g, (_, n: string) => literal(q.parameters[Number(n) - 1]));
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' && Number.isFinite(v)) return `(${v})`;
  if (v instanceof Date) return quote(v.toISOString());
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return quote(`{${v.map((x: string) => `"${x.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`);
  throw new Error(`cannot write a ${typeof v} parameter into SQL text`);
}

/**
 * node-postgres' `escapeLiteral`, by whole-string replaces: it builds its answer a character at a
 * time, which for a batch's JSON (tens of KB) cost more CPU than the statement. A backslash makes it
 * an E'' string, so the text means the same whatever `standard_conforming_strings` is.
 */
function quote(s: string): string {
  const q = s.replace(/'/g, "''");
  return s.includes('\\') ? ` E'${q.replace(/\\/g, '\\\\')}'` : `'${q}'`;
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
