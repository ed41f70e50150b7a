import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { copyRows, copyField } from '../../platform/db/copy.js';
import type { StageRow } from './row-transform.js';

const STAGE_COLUMNS = ['batch_id', 'line', 'key_hash', 'content_hash', 'data', 'masked', 'sealed', 'original', 'flags', 'problem'];

/** Appends rows to the staging table with COPY (see platform/db/copy.ts). */
export async function insertStage(handle: DatabaseHandle, batchId: number, rows: StageRow[]): Promise<void> {
  if (rows.length === 0) return;
  let text = '';
  for (const r of rows) {
    text += `${batchId}\t${r.line}\t${r.key_hash}\t${r.content_hash}\t${copyField(r.dataJson)}\t${copyField(JSON.stringify(r.masked))}\t${copyField(r.sealed)}\t${r.original ? copyField(JSON.stringify(r.original)) : '\\N'}\t${r.flags ? copyField(JSON.stringify(r.flags)) : '\\N'}\t${r.problem ? 't' : 'f'}\n`;
  }
  await copyRows(handle, 'ingest_stage', STAGE_COLUMNS, text);
}

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
