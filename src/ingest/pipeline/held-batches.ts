import { sql } from 'kysely';
import { Conflict } from '../../platform/errors.js';
import { withTransaction, type Db, type Executor } from '../../platform/db/transaction.js';
import type { BatchHold } from './deletion-guard.js';
import { releaseClaimedRejects } from './stage.store.js';

/** The same lock publishBatch and DirectPublisher take: one writer of a dataset's batches at a time. */
export async function lockDataset(tx: Executor, datasetId: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7243002, ${datasetId})`.execute(tx);
}

/**
 * Throws away what held batches staged: their rows in staging, their own open rejects (nobody will
 * fix rows of a file thrown away), their claims on other batches' rejects. Their status is the
 * caller's to set, in the same transaction.
 */
export async function dropHeldWork(tx: Executor, batchIds: number[]): Promise<void> {
  if (batchIds.length === 0) return;
  await sql`DELETE FROM ingest_stage WHERE batch_id = ANY(${batchIds}::bigint[])`.execute(tx);
  await sql`UPDATE ingest_reject SET status = 'dismissed' WHERE batch_id = ANY(${batchIds}::bigint[]) AND status = 'open'`.execute(tx);
  for (const id of batchIds) await releaseClaimedRejects(tx, id);
}

/**
 * Discards one held batch; false if it is no longer held (published or discarded meanwhile, by a
 * reviewer or a newer snapshot).
 */
export async function discardHeldBatch(db: Db, datasetId: number, batchId: number): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    await lockDataset(tx, datasetId);
    const r = await sql`UPDATE ingest_batch SET status = 'discarded', finished_at = now() WHERE id = ${batchId} AND status = 'held'`.execute(tx);
    if (Number(r.numAffectedRows ?? 0) !== 1) return false;
    await dropHeldWork(tx, [batchId]);
    return true;
  });
}

/**
 * A snapshot is the whole dataset as its department last sent it. Once a newer one has been
 * published or held, an earlier batch of the dataset still held (a snapshot, or a resubmission of
 * fixes to an older file) describes data since replaced: publishing it would put back rows and
 * values the newer file changed or dropped, and each scheduled pull held for the same cause would
 * leave one more batch staged. So those are discarded, their hold marked `supersededBy`; returns
 * their ids. Under the dataset's lock: a reviewer publishing one of them at the same moment either
 * finishes first (it is then no longer held) or fails (publishBatch checks the batch is still held).
 */
export async function supersedeHeld(db: Db, datasetId: number, batchId: number): Promise<number[]> {
  return withTransaction(db, async (tx) => {
    await lockDataset(tx, datasetId);
    const r = await sql<{ id: string | number }>`UPDATE ingest_batch
      SET status = 'discarded', finished_at = now(), hold = coalesce(hold, '{"cause":"quality"}'::jsonb) || jsonb_build_object('supersededBy', ${batchId}::bigint)
      WHERE dataset_id = ${datasetId} AND status = 'held' AND id < ${batchId}
      RETURNING id`.execute(tx);
    const ids = r.rows.map((x) => Number(x.id)).sort((a, b) => a - b);
    await dropHeldWork(tx, ids);
    return ids;
  });
}

/**
 * Throws a Conflict (`superseded`) when a snapshot newer than batch `batchId` has been published or
 * held: publishing `batchId` would put its older file back. Call under the lock.
 */
export async function refuseIfSuperseded(tx: Executor, datasetId: number, batchId: number): Promise<void> {
  const r = await sql<{ id: string | number | null }>`SELECT min(id) AS id FROM ingest_batch
    WHERE dataset_id = ${datasetId} AND id > ${batchId} AND mode = 'snapshot' AND status IN ('published', 'held')`.execute(tx);
  const newer = r.rows[0]?.id;
  if (newer != null) throw new Conflict(`批次 #${batchId} 已被更新的全量批次 #${newer} 取代 (superseded by the newer snapshot, batch #${newer})`, 'superseded');
}

/**
 * Holds a batch for review, under the dataset's lock. A snapshot older than one already published or
 * held is refused instead (refuseIfSuperseded): nobody could publish it, and the newer one's
 * superseding, which ran before this batch was held, would never discard it.
 */
export async function holdBatch(db: Db, datasetId: number, batchId: number, hold: BatchHold, snapshot: boolean): Promise<void> {
  await withTransaction(db, async (tx) => {
    await lockDataset(tx, datasetId);
    if (snapshot) await refuseIfSuperseded(tx, datasetId, batchId);
    await sql`UPDATE ingest_batch SET status = 'held', hold = ${JSON.stringify(hold)}::jsonb, finished_at = now() WHERE id = ${batchId}`.execute(tx);
  });
}
