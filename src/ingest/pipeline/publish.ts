import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/transaction.js';
import { withTransaction } from '../../platform/db/transaction.js';
import { isSliced, joinRowByRow, joinWholeBatch, measureStage, stageSlices, type SliceOptions } from './stage-slices.js';
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
 * of staging at a time (stage-slices.ts), all in the one transaction.
 */
export async function publishBatch(db: Db, datasetId: number, districtCode: string, batchId: number, mode: 'snapshot' | 'incremental', opts: SliceOptions = {}): Promise<PublishCounts> {
  const settle = opts.settle ?? (async () => undefined);
  const blocks = await measureStage(db, { rows: true });
  return withTransaction(db, async (tx) => {
    // One publisher per dataset at a time: versions of a key must not interleave.
    await sql`SELECT pg_advisory_xact_lock(7243002, ${datasetId})`.execute(tx);
    const now = new Date();
    await joinWholeBatch(tx);
    // Deletions are one statement, a hash anti-join over the whole batch (staging has no index on
    // the key): its size is the keys gone from the file, not the file's. Disjoint from the changed
    // keys below, so it may come first.
    let deleted = 0;
    if (mode === 'snapshot') {
      const d = await sql`UPDATE ingest_row r SET valid_to = ${now}, deleted_by_batch = ${batchId}
        WHERE r.dataset_id = ${datasetId} AND r.valid_to IS NULL
          AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.batch_id = ${batchId} AND s.key_hash = r.key_hash)`.execute(tx);
      deleted = Number(d.numAffectedRows ?? 0);
      await settle(tx);
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
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) throw new Error(`batch ${batchId} does not belong to dataset ${datasetId}`);
    // A resubmission's fixes are resolved with its publication, not a moment after it.
    await closeClaimedRejects(tx, batchId);
    return counts;
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
