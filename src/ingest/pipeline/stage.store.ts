import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';

export interface RejectRow {
  line: number;
  reason: string;
  detail: string;
  raw_sealed: string;
}

export async function insertRejects(db: Executor, datasetId: number, batchId: number, rows: RejectRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows);
  await sql`INSERT INTO ingest_reject (dataset_id, batch_id, line, reason, detail, raw_sealed)
    SELECT ${datasetId}, ${batchId}, x.line, x.reason, x.detail, x.raw_sealed
    FROM jsonb_to_recordset(${payload}::jsonb) AS x(line int, reason text, detail text, raw_sealed text)`.execute(db);
}

/** Removes what an interrupted run of this batch left behind, so a retry starts clean. */
export async function clearBatchWork(db: Executor, batchId: number): Promise<void> {
  await db.deleteFrom('ingest_stage').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('ingest_reject').where('batch_id', '=', batchId).execute();
}
