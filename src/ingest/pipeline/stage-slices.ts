import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

/**
 * How much of `ingest_stage` one statement of a batch-wide write covers: 512 MB of its pages, about
 * 450,000 rows of person records. Between slices the database may checkpoint (DatabaseHandle.settleWal),
 * which PGlite cannot do inside one statement: the 2 GiB file's publish, one INSERT…SELECT of 15.5
 * million rows, left 23 GB of WAL that no checkpoint could recycle until it ended.
 */
export const stageSlicing = { blocks: 65_536 };

/** What runs between the slices of a long batch-wide write (DatabaseHandle.settleWal). */
export interface SliceOptions {
  settle?: (tx: Executor) => Promise<void>;
}

/**
 * The page ranges of `ingest_stage` as it is now, each as a condition on `tid`: by default the row
 * aliased `s` (a TID range scan then reads only those pages), or a column holding staged rows' TIDs. Called once a batch is staged: its rows all lie within
 * the table's size then, wherever free space put them, and rows other batches add later are
 * filtered out by `batch_id` as before.
 */
export async function stageSlices(ex: Executor, tid: RawBuilder<unknown> = sql`s.ctid`, sliceBlocks = stageSlicing.blocks): Promise<RawBuilder<unknown>[]> {
  const r = await sql<{ blocks: number }>`SELECT (pg_relation_size('ingest_stage') / current_setting('block_size')::int)::int AS blocks`.execute(ex);
  const blocks = Number(r.rows[0].blocks);
  const out: RawBuilder<unknown>[] = [];
  for (let lo = 0; lo < Math.max(blocks, 1); lo += sliceBlocks) {
    const hi = lo + sliceBlocks;
    // The last slice is open-ended, so that no page is missed whatever the table's size is by then.
    out.push(hi >= blocks ? sql`${tid} >= ${`(${lo},0)`}::tid` : sql`${tid} >= ${`(${lo},0)`}::tid AND ${tid} < ${`(${hi},0)`}::tid`);
  }
  return out;
}

/**
 * Makes the rest of `tx` join a slice to its other side row by row, through an index or a TID: with
 * a slice's true size (hundreds of thousands of rows) the planner otherwise hashes the slice and reads
 * the whole other table for each one, so a batch of n slices read ingest_row, or staging, n times
 * (the 2 GiB file's repeats took 20 s a slice so, reading all of staging each time). Set once the
 * statements that need a hash join (the batch-wide scans) have run.
 */
export async function joinRowByRow(tx: Executor): Promise<void> {
  await sql`SET LOCAL enable_hashjoin = off`.execute(tx);
  await sql`SET LOCAL enable_mergejoin = off`.execute(tx);
}
