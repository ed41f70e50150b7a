import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

/**
 * How much of `ingest_stage` one statement of a batch-wide write covers: 512 MB of its pages, about
 * 450,000 rows of person records. Between slices the database may checkpoint (DatabaseHandle.settleWal),
 * which PGlite cannot do inside one statement: the 2 GiB file's publish, one INSERT…SELECT of 15.5
 * million rows, left 23 GB of WAL that no checkpoint could recycle until it ended. `goneRows`: the
 * rows a snapshot closes as deleted per statement (publish.ts), about 250 MB of WAL (each row's new
 * version and its index entries).
 */
export const stageSlicing = { blocks: 65_536, goneRows: 250_000 };

/**
 * Measures staging once a batch is staged, before the batch's transaction: its size in pages, which
 * stageSlices cuts. A batch of more than one slice is also given fresh statistics of staging (and,
 * with `rows`, for the publishing, of ingest_row as it is before the batch), so that each slice is
 * read by its page range and drives the join: with statistics from before (another batch, or none:
 * PGlite has no autovacuum) `batch_id = n` looks like a handful of rows, and a slice would be read
 * through the index on batch_id, every row of the batch once a slice; and a dataset's current rows
 * look like one row, and the closing of changed rows then scanned the whole slice once for each of
 * them (caught by EXPLAIN in publish-paths.int.test.ts). ANALYZE samples a fixed number of pages, a
 * second or so for the 2 GiB file's 22 GB, but on every small batch it cost the demo's first start
 * 8-13 s (39-40 s against 27-32 s): a batch of one slice runs as one statement each, planned freely.
 * Not inside the transaction: ANALYZE's lock would be held to its end, and another dataset's batch
 * would wait that long for its own.
 */
export async function measureStage(ex: Executor, opts: { rows: boolean }): Promise<number> {
  const r = await sql<{ blocks: number }>`SELECT (pg_relation_size('ingest_stage') / current_setting('block_size')::int)::int AS blocks`.execute(ex);
  const blocks = Number(r.rows[0].blocks);
  if (isSliced(blocks)) {
    await sql`ANALYZE ingest_stage`.execute(ex);
    if (opts.rows) await sql`ANALYZE ingest_row`.execute(ex);
  }
  return blocks;
}

/** Whether staging of `blocks` pages is written in more than one slice. */
export function isSliced(blocks: number): boolean {
  return blocks > stageSlicing.blocks;
}

/** What runs between the slices of a long batch-wide write (DatabaseHandle.settleWal). */
export interface SliceOptions {
  settle?: (tx: Executor) => Promise<void>;
}

/**
 * The page ranges of staging measured at `blocks` pages (measureStage), each as a condition on `tid`:
 * by default the row aliased `s` (a TID range scan then reads only those pages), or a column holding
 * staged rows' TIDs. Measured once a batch is staged, its rows all lie within that size, wherever
 * free space put them; rows other batches add later are filtered out by `batch_id` as before.
 */
export function stageSlices(blocks: number, tid: RawBuilder<unknown> = sql`s.ctid`): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  for (let lo = 0; lo < Math.max(blocks, 1); lo += stageSlicing.blocks) {
    const hi = lo + stageSlicing.blocks;
    // The last slice is open-ended, so that no page is missed whatever the table's size is by then.
    out.push(hi >= blocks ? sql`${tid} >= ${`(${lo},0)`}::tid` : sql`${tid} >= ${`(${lo},0)`}::tid AND ${tid} < ${`(${hi},0)`}::tid`);
  }
  return out;
}

/**
 * Makes the rest of `tx` join a slice to its other side row by row: each staged key probes the
 * unique index on current keys, each repeat is fetched by its TID. Left to the planner, the slices
 * went wrong both ways (the 2 GiB file, 44 slices): with a slice's true size it hashed the slice and
 * read the whole other table once a slice (its repeats took 20 s a slice on PostgreSQL, reading all
 * of staging each time); with ingest_row's statistics from before the batch (no rows) it materialised
 * the dataset's current rows and scanned them for every staged row, a slice of the insert taking
 * minutes and more as the rows grew. Set once the statements that need a hash join (the batch-wide
 * scans) have run; it lasts until the transaction ends.
 */
export async function joinRowByRow(tx: Executor): Promise<void> {
  // Run only for a batch of several slices (isSliced): one slice is one statement, as before slicing.
  await sql`SET LOCAL enable_nestloop = on`.execute(tx);
  for (const kind of ['hashjoin', 'mergejoin', 'material', 'bitmapscan', 'seqscan']) await sql.raw(`SET LOCAL enable_${kind} = off`).execute(tx);
}

/**
 * Makes the rest of `tx` join whole sides by hashing: right for a statement over the whole batch (the
 * repeats' search, a snapshot's deletions, every step of a batch of one slice), which reads both sides
 * once. With staging's statistics from before the batch (PGlite has no autovacuum, and a batch of one
 * slice is not analysed: measureStage) the planner chose nested loops, rescanning one side for each
 * row of the other: 5 s for the repeats of 2,500 rows, and 7 s for a reload's publishing. The same
 * reason applySetRules (batch-quality.ts) gives.
 */
export async function joinWholeBatch(tx: Executor): Promise<void> {
  await sql`SET LOCAL enable_nestloop = off`.execute(tx);
}
