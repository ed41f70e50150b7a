import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from '../platform/db/column-types.js';
import type { BatchHold } from './pipeline/deletion-guard.js';

export interface DatasetTable {
  id: Generated<number>;
  name: string;
  department_code: string;
  title: string;
  description: string | null;
  mode: 'snapshot' | 'incremental';
  level: 'L1' | 'L2' | 'L3' | 'L4';
  /** The whole contract as registered (DatasetSpec). */
  spec: Json<object>;
  version: Generated<number>;
  district_code: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type BatchStatus = 'running' | 'held' | 'published' | 'discarded' | 'failed';

export interface IngestBatchTable {
  id: Generated<number>;
  dataset_id: number;
  status: BatchStatus;
  source: string;
  file_name: string | null;
  file_sha256: string | null;
  file_bytes: number | null;
  format: string | null;
  encoding: string | null;
  dataset_version: number;
  /** How it publishes (a resubmission merges); null for batches from before migration 008. */
  mode: ColumnType<'snapshot' | 'incremental' | null, 'snapshot' | 'incremental' | undefined, 'snapshot' | 'incremental'>;
  /** Why the batch was held for review (pipeline/deletion-guard.ts), kept once it is published or discarded; null if never held. */
  hold: ColumnType<BatchHold | null, string | null | undefined, string | null>;
  read: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  flagged: Generated<number>;
  inserted: Generated<number>;
  changed: Generated<number>;
  unchanged: Generated<number>;
  deleted: Generated<number>;
  rejected_by_reason: ColumnType<Record<string, number>, string | undefined, string>;
  flags_by_kind: ColumnType<Record<string, number>, string | undefined, string>;
  field_stats: ColumnType<Record<string, unknown>, string | undefined, string>;
  quality_score: number | null;
  error: string | null;
  job_id: string | null;
  created_by: string | null;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  published_at: Timestamp | null;
}

/** What a standardised row carries, in staging and once published. */
interface RowContent {
  key_hash: string;
  content_hash: string;
  /** Standardised values; a sealed field (ID number, phone) holds its keyed hash here. */
  data: Json<Record<string, unknown>>;
  /** Masks of the sealed fields, for lists. */
  masked: Json<Record<string, string>>;
  /** Sealed token of { sealed standardised values, original values that differ }. */
  sealed: string | null;
  /** Original values of non-sealed fields that standardisation changed. */
  original: Json<Record<string, string>> | null;
  flags: Json<Record<string, string[]>> | null;
  line: number;
}

/** Every version of every row: valid_to is null for the current version. */
export interface IngestRowTable extends RowContent {
  id: Generated<number>;
  dataset_id: number;
  district_code: string;
  batch_id: number;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  deleted_by_batch: number | null;
}

export interface IngestStageTable extends RowContent {
  batch_id: number;
  /** A flag that counts against quality (not a mere note of what standardisation did). */
  problem: boolean;
}

export interface IngestRejectTable {
  id: Generated<number>;
  dataset_id: number;
  batch_id: number;
  line: number;
  reason: string;
  detail: string;
  /** Sealed token of the raw cells (JSON), which may hold personal data; null for a stored-form reject. */
  raw_sealed: string | null;
  /** A repeated key's row as it was staged (its cells are rebuilt from these on export): values, sealed token, originals. */
  row_data: Json<Record<string, unknown>> | null;
  row_sealed: string | null;
  row_original: Json<Record<string, string>> | null;
  status: Generated<'open' | 'resubmitted' | 'dismissed'>;
  /** The latest held resubmission claiming an open reject, then the batch that resolved it. */
  resolved_batch_id: number | null;
  created_at: DefaultTimestamp;
}

/** Each resubmission's claim on an open reject it fixes, while the resubmission is not yet published (stage.store.ts). */
export interface IngestRejectClaimTable {
  batch_id: number;
  reject_id: number;
}

export interface DatasetGrantTable {
  id: Generated<number>;
  dataset_id: number;
  grantee_kind: 'department' | 'role';
  grantee: string;
  /** Field names granted; null means all fields. */
  fields: Json<string[]> | null;
  purpose: string;
  expires_at: Timestamp;
  status: 'requested' | 'approved' | 'refused' | 'revoked';
  requested_by: string;
  requested_at: DefaultTimestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface IngestSourceTable {
  id: Generated<number>;
  dataset_id: number;
  name: string;
  kind: 'postgres';
  /** The connection URL, encrypted: it usually carries a password. */
  url_sealed: string;
  query: string;
  every_minutes: number;
  enabled: Generated<boolean>;
  next_run_at: DefaultTimestamp;
  last_run_at: Timestamp | null;
  last_batch_id: number | null;
  last_error: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

declare module '../platform/db/schema.js' {
  interface Database {
    ingest_source: IngestSourceTable;
    dataset_grant: DatasetGrantTable;
    dataset: DatasetTable;
    ingest_batch: IngestBatchTable;
    ingest_row: IngestRowTable;
    ingest_stage: IngestStageTable;
    ingest_reject: IngestRejectTable;
    ingest_reject_claim: IngestRejectClaimTable;
  }
}
