import { sql } from 'kysely';
import type { DatabaseHandle } from '../../platform/db/database.js';
import type { Executor } from '../../platform/db/transaction.js';

/** A quarantined row: its raw cells sealed, or (a repeated key) the row as it was staged. */
export interface RejectRow {
  line: number;
  reason: string;
  detail: string;
  raw_sealed?: string;
  row_data?: Record<string, unknown>;
  row_sealed?: string | null;
  row_original?: Record<string, string> | null;
}

export async function insertRejects(db: Executor, datasetId: number, batchId: number, rows: RejectRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows);
  await sql`INSERT INTO ingest_reject (dataset_id, batch_id, line, reason, detail, raw_sealed, row_data, row_sealed, row_original)
    SELECT ${datasetId}, ${batchId}, x.line, x.reason, x.detail, x.raw_sealed, x.row_data, x.row_sealed, x.row_original
    FROM jsonb_to_recordset(${payload}::jsonb) AS x(line int, reason text, detail text, raw_sealed text, row_data jsonb, row_sealed text, row_original jsonb)`.execute(db);
}

/** Removes what an interrupted run of this batch left behind, so a retry starts clean. */
export async function clearBatchWork(db: Executor, batchId: number): Promise<void> {
  await db.deleteFrom('ingest_stage').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('ingest_reject').where('batch_id', '=', batchId).execute();
  await releaseClaimedRejects(db, batchId);
}

/**
 * Marks the open rejects a resubmitted file fixes (`_batch`, `_line` of each of its rows) as claimed
 * by `batchId` (ingest_reject_claim); they stay open until the batch is published
 * (`closeClaimedRejects`), so a held resubmission that is then discarded leaves them to be fixed
 * again, or to another held resubmission that claims them too. A reject shows its latest claim.
 */
export async function claimFixedRejects(db: Executor, datasetId: number, batchId: number, fixed: Array<[number, number]>): Promise<void> {
  const valid = fixed.filter(([batch, line]) => Number.isInteger(batch) && Number.isInteger(line));
  for (let i = 0; i < valid.length; i += 5000) {
    const pairs = JSON.stringify(valid.slice(i, i + 5000).map(([b, l]) => ({ b, l })));
    await sql`WITH claimed AS (
        UPDATE ingest_reject r SET resolved_batch_id = ${batchId}
        FROM jsonb_to_recordset(${pairs}::jsonb) AS f(b bigint, l int)
        WHERE r.dataset_id = ${datasetId} AND r.status = 'open' AND r.batch_id = f.b AND r.line = f.l
        RETURNING r.id)
      INSERT INTO ingest_reject_claim (batch_id, reject_id) SELECT ${batchId}, id FROM claimed ON CONFLICT DO NOTHING`.execute(db);
  }
}

/**
 * The rejects `batchId` claimed are resolved by it: called once it is published. Other held
 * resubmissions' claims on them end: there is nothing left for those to fix.
 */
export async function closeClaimedRejects(db: Executor, batchId: number): Promise<void> {
  await sql`UPDATE ingest_reject r SET status = 'resubmitted', resolved_batch_id = ${batchId}
    FROM ingest_reject_claim c WHERE c.batch_id = ${batchId} AND c.reject_id = r.id AND r.status = 'open'`.execute(db);
  await sql`DELETE FROM ingest_reject_claim WHERE reject_id IN (SELECT reject_id FROM ingest_reject_claim WHERE batch_id = ${batchId})`.execute(db);
}

/**
 * A discarded or re-run batch no longer claims the rejects it would have fixed; each shows the
 * latest claim left on it, if another held resubmission fixes it too.
 */
export async function releaseClaimedRejects(db: Executor, batchId: number): Promise<void> {
  // Found through the batch's claims, not by resolved_batch_id, which no index covers: this runs at
  // the start of every batch (clearBatchWork), and a dataset can hold millions of rejects. The
  // deleted claims are still visible to the subquery (one snapshot a statement), hence the <>.
  await sql`WITH gone AS (DELETE FROM ingest_reject_claim WHERE batch_id = ${batchId} RETURNING reject_id)
    UPDATE ingest_reject r
    SET resolved_batch_id = (SELECT max(c.batch_id) FROM ingest_reject_claim c WHERE c.reject_id = r.id AND c.batch_id <> ${batchId})
    FROM gone WHERE r.id = gone.reject_id AND r.resolved_batch_id = ${batchId} AND r.status = 'open'`.execute(db);
}

/**
 * Gives back the space of staged rows once their batch is published, discarded or failed. A
 * server's autovacuum does this by itself; PGlite runs none, so every staged batch stayed in
 * ingest_stage as dead rows (710 MB after a million-row file, another such with each reload).
 * VACUUM truncates the emptied table's file: about 2-4 s for a million rows. Run after the
 * batch's own transaction, since VACUUM cannot run inside one.
 */
export async function reclaimStagedSpace(database: DatabaseHandle): Promise<void> {
  if (database.pglite) await sql`VACUUM ingest_stage`.execute(database.db);
}
