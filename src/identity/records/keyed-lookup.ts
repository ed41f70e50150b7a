import { sql } from 'kysely';
import { withTransaction, type Executor } from '../../platform/db/transaction.js';

/**
 * Runs a lookup of rows by a list of keys (an unnest of the keys joined to an indexed column) as
 * one index probe per key. Given 10,000 keys the planner preferred hashing or sorting the whole of
 * identity_record (0.3–1 s a query at scale 0.2, growing with the district) to 10,000 probes
 * (about 0.1 s, growing with the keys); with hash and merge joins off it probes. JIT is off: it
 * spent 150 ms compiling a query that runs for less. The settings hold for a transaction of its
 * own. A few keys (one file shown) are planned well as they are, and inside a caller's transaction
 * (a reviewer's decision) the plan is left alone rather than change the rest of that transaction.
 */
export function keyedLookup<T>(db: Executor, keys: number, fn: (tx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction || keys < 100) return fn(db);
  return withTransaction(db, async (tx) => {
    await sql`SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(tx);
    return fn(tx);
  });
}
