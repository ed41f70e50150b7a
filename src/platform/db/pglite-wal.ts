import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Executor } from './transaction.js';

/** When PGlite checkpoints: WAL accrued since the last checkpoint, checked every `everyMs`. */
export interface WalGuardOptions {
  everyMs: number;
  maxBytes: number;
}

/**
 * PGlite is a single PostgreSQL backend with no checkpointer process, and a backend of its own only
 * checkpoints when asked (or on close): neither `checkpoint_timeout` nor `max_wal_size` ever fires.
 * So its WAL kept everything written since it opened: 23 GB of the data folder's 58 GB, and
 * growing, when a 2 GiB file's ingest was stopped for the disk filling up (2026-11-30), and a
 * server left running for weeks would do the same. A checkpoint lets PostgreSQL recycle the
 * segments before it; CHECKPOINT goes through the pool, so it waits for a running transaction.
 */
export const PGLITE_WAL_GUARD: WalGuardOptions = { everyMs: 15_000, maxBytes: 256 * 2 ** 20 };

/** Starts checkpointing `db` (PGlite) as WAL accrues; returns the function that stops it. */
export function startWalGuard(db: Kysely<Database>, opts: WalGuardOptions = PGLITE_WAL_GUARD): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    checkpointIfDue(db, opts.maxBytes)
      .catch(() => undefined) // closing, or PGlite busy with an error of its own: the next turn tries again
      .finally(() => (busy = false));
  }, opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Checkpoints when more than `maxBytes` of WAL lie past the last checkpoint's redo point; true if it
 * did. Also inside a transaction: PostgreSQL recycles the segments before the new redo point while
 * the transaction is still open (PGlite, one long INSERT in eight slices with a CHECKPOINT after
 * each: 177 MB of pg_wal against 1,233 MB without).
 */
export async function checkpointIfDue(db: Executor, maxBytes: number): Promise<boolean> {
  if ((await walSinceCheckpoint(db)) <= maxBytes) return false;
  await sql`CHECKPOINT`.execute(db);
  return true;
}

/** Bytes of WAL written since the last checkpoint's redo point. */
export async function walSinceCheckpoint(db: Executor): Promise<number> {
  const r = await sql<{ n: string | number }>`SELECT pg_current_wal_lsn() - redo_lsn AS n FROM pg_control_checkpoint()`.execute(db);
  return Number(r.rows[0].n);
}
