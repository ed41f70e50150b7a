import { sql, type RawBuilder } from 'kysely';
import { withTransaction, type Db, type Executor, type Tx } from '../../platform/db/transaction.js';
import { checkDeletions } from './deletion-guard.js';
import { lockDataset, refuseIfSuperseded } from './held-batches.js';
import { isSliced, joinRowByRow, joinWholeBatch, measureStage, stageSlices, stageSlicing, type SliceOptions } from './stage-slices.js';
import { closeClaimedRejects } from './stage.store.js';

export interface PublishCounts {
  inserted: number;
  changed: number;
  unchanged: number;
  deleted: number;
}

/**
 * Publishes a staged batch in one transaction, all or nothing: rows whose content changed close
 * their current version and open a new one; new keys open a first version; in snapshot mode, current
 * rows absent from the batch are closed as deleted; unchanged rows are left as they are. Running the
 * same batch content twice therefore changes nothing. The writes driven by the staged rows go a slice
 * of staging at a time (stage-slices.ts), all in the one transaction. With `maxDeletedShare`, a
 * snapshot that would close more than that share of the current rows throws TooManyDeletions before
 * it writes anything (deletion-guard.ts); a reviewer's publish of a held batch (`held`) passes none.
 * A held batch, or any snapshot, is refused (409 `superseded`) once a newer snapshot of the dataset
 * has been published or held.
 */
export async function publishBatch(db: Db, datasetId: number, districtCode: string, batchId: number, mode: 'snapshot' | 'incremental', opts: SliceOptions & { maxDeletedShare?: number; held?: boolean } = {}): Promise<PublishCounts> {
  const settle = opts.settle ?? (async () => undefined);
  const blocks = await measureStage(db, { rows: true });
  return withTransaction(db, async (tx) => {
    // One publisher per dataset at a time: versions of a key must not interleave.
    await lockDataset(tx, datasetId);
    // A snapshot started later than this one and already published or held replaces it: publishing
    // this one now would put the older file back over it (a reviewer's publish of a held batch, or
    // two snapshots of a dataset staged at once and finishing out of order).
    if (opts.held || mode === 'snapshot') await refuseIfSuperseded(tx, datasetId, batchId);
    const now = new Date();
    await joinWholeBatch(tx);
    // Deletions are disjoint from the changed keys below, so they may come first.
    let deleted = 0;
    if (mode === 'snapshot') {
      const gone = await findGone(tx, datasetId, batchId);
      if (gone && opts.maxDeletedShare !== undefined) checkDeletions(gone, await currentRows(tx, datasetId), opts.maxDeletedShare);
      for (let lo = 0; lo < gone; lo += stageSlicing.goneRows) {
        const d = await closeGone(lo, lo + stageSlicing.goneRows, batchId, now).execute(tx);
        deleted += Number(d.numAffectedRows ?? 0);
        await settle(tx);
      }
    }
    const slices = stageSlices(blocks);
    if (isSliced(blocks)) await joinRowByRow(tx);
    let nChanged = 0;
    for (const slice of slices) {
      const changed = await closeChanged(slice, datasetId, batchId, now).execute(tx);
      nChanged += Number(changed.numAffectedRows ?? 0);
      await settle(tx);
    }
    let nInserted = 0;
    for (const slice of slices) {
      const ins = await insertVersions(slice, datasetId, districtCode, batchId, now).execute(tx);
      nInserted += Number(ins.numAffectedRows ?? 0);
      await settle(tx);
    }
    const staged = await tx.deleteFrom('ingest_stage').where('batch_id', '=', batchId).executeTakeFirst();
    const counts = { inserted: nInserted - nChanged, changed: nChanged, unchanged: Number(staged.numDeletedRows) - nInserted, deleted };
    // ingest_row has no foreign keys (a per-row trigger each on the insert above): the batch is
    // checked here, once, and a batch of another dataset rolls the whole publish back.
    const marked = await tx
      .updateTable('ingest_batch')
      .set({ status: 'published', published_at: now, finished_at: now, ...counts })
      .where('id', '=', batchId)
      .where('dataset_id', '=', datasetId)
      // A held batch a newer snapshot superseded (held-batches.ts) while this ran is published by no one.
      .where('status', 'in', ['running', 'held'])
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) throw new Error(`batch ${batchId} does not belong to dataset ${datasetId}, or is no longer running or held`);
    // A resubmission's fixes are resolved with its publication, not a moment after it.
    await closeClaimedRejects(tx, batchId);
    return counts;
  });
}

/**
 * Fills the transaction's temporary `batch_gone` with the id of each current row of the dataset whose
 * key the batch does not hold, numbered from 1, in one pass (a hash anti-join: staging has no index
 * on the key); returns how many. Its size is the keys gone from the file, not the file's.
 */
async function findGone(tx: Tx, datasetId: number, batchId: number): Promise<number> {
  await sql`CREATE TEMP TABLE batch_gone ON COMMIT DROP AS
    SELECT row_number() OVER () AS n, r.id FROM ingest_row r
    WHERE r.dataset_id = ${datasetId} AND r.valid_to IS NULL
      AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.batch_id = ${batchId} AND s.key_hash = r.key_hash)`.execute(tx);
  const r = await sql<{ n: string | number }>`SELECT count(*) AS n FROM batch_gone`.execute(tx);
  return Number(r.rows[0].n);
}

/**
 * Closes as deleted the rows numbered (lo, hi] in batch_gone, found by their ids: a snapshot that
 * drops millions of keys writes them a slice at a time, the WAL settled between slices, as the
 * staged rows' writes are.
 */
function closeGone(lo: number, hi: number, batchId: number, now: Date) {
  return sql`UPDATE ingest_row SET valid_to = ${now}, deleted_by_batch = ${batchId}
    WHERE id = ANY(ARRAY(SELECT id FROM batch_gone WHERE n > ${lo} AND n <= ${hi}))`;
}

async function currentRows(ex: Executor, datasetId: number): Promise<number> {
  const r = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ingest_row WHERE dataset_id = ${datasetId} AND valid_to IS NULL`.execute(ex);
  return Number(r.rows[0].n);
}

/**
 * What publishing a staged snapshot would delete: the current rows whose keys it does not hold, of
 * all the dataset's current rows. Shown beside a batch held for its quality, so a reviewer sees it
 * before deciding.
 */
export async function snapshotDeletions(db: Db, datasetId: number, batchId: number): Promise<{ deleting: number; current: number }> {
  return withTransaction(db, async (tx) => {
    await joinWholeBatch(tx);
    return { deleting: await findGone(tx, datasetId, batchId), current: await currentRows(tx, datasetId) };
  });
}

/** Closes the current version of each key of the slice whose content changed. */
export function closeChanged(slice: RawBuilder<unknown>, datasetId: number, batchId: number, now: Date) {
  return sql`UPDATE ingest_row r SET valid_to = ${now}
    FROM ingest_stage s
    WHERE s.batch_id = ${batchId} AND ${slice} AND r.dataset_id = ${datasetId} AND r.valid_to IS NULL
      AND r.key_hash = s.key_hash AND r.content_hash <> s.content_hash`;
}

/**
 * Opens a version for each key of the slice that has no current one: new keys, and changed ones
 * once closed. An unchanged row's key still has its current version, so the unique index on current
 * keys turns it away: one descent of that index a row, where NOT EXISTS probed it and then inserted
 * into it, and no join to plan. As staged, so ids follow the file chunk by chunk (key order filled
 * the (dataset, key) indexes faster, but every list in id order then came out in hash order).
 */
export function insertVersions(slice: RawBuilder<unknown>, datasetId: number, districtCode: string, batchId: number, now: Date) {
  return sql`INSERT INTO ingest_row (dataset_id, district_code, key_hash, content_hash, data, masked, sealed, original, flags, batch_id, line, valid_from)
    SELECT ${datasetId}, ${districtCode}, s.key_hash, s.content_hash, s.data, s.masked, s.sealed, s.original, s.flags, ${batchId}, s.line, ${now}
    FROM ingest_stage s
    WHERE s.batch_id = ${batchId} AND ${slice}
    ON CONFLICT (dataset_id, key_hash) WHERE valid_to IS NULL DO NOTHING`;
}
