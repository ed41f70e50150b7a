// Shapes of the ingest API as the console consumes them (src/ingest/*.service.ts, docs/ingest.md).
import type { Job } from '../api/types';

export const LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type Level = (typeof LEVELS)[number];
export type DatasetMode = 'snapshot' | 'incremental';

export interface DatasetSummary {
  id: number;
  name: string;
  title: string;
  mode: DatasetMode;
  level: Level;
  version: number;
  department: string;
  departmentCode: string;
  rows: number;
  qualityScore: number | null;
  openRejects: number;
  heldBatches: number;
  lastPublishedAt: string | null;
}

export interface FieldSpec {
  column: string;
  name: string;
  type: string;
  required?: boolean;
  values?: string[];
  aliases?: string[];
  description?: string;
}
export interface QualityRule {
  name: string;
  field: string;
  check: 'min' | 'max' | 'pattern' | 'unique' | 'not_future' | 'ref';
  value?: string | number;
  action: 'reject' | 'flag';
}
export interface DatasetSpec {
  name: string;
  department: string;
  title: string;
  description?: string;
  mode: DatasetMode;
  key: string[];
  level: Level;
  fields: FieldSpec[];
  qualityThreshold?: number;
  /** Omitted: 0.5 (src/ingest/pipeline/deletion-guard.ts). */
  maxDeletedShare?: number;
  updateCycleDays?: number;
  rules?: QualityRule[];
}

/** Field types whose values are sealed (encrypted, shown masked) and can be revealed. */
export const SEALED_TYPES: ReadonlySet<string> = new Set(['resident_id', 'phone']);

export const BATCH_STATUSES = ['running', 'held', 'published', 'discarded', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface FieldStats {
  fields?: Record<string, { present: number; flagged: number }>;
  missingColumns?: string[];
  extraColumns?: string[];
}

/** Why a batch was held for review (src/ingest/pipeline/deletion-guard.ts). */
export type BatchHold = (
  | { cause: 'quality'; deleting?: number; current?: number }
  | { cause: 'deletions'; deleting: number; current: number; maxShare: number }
) & { supersededBy?: number };

export interface Batch {
  id: number;
  status: BatchStatus;
  source: string;
  fileName: string | null;
  fileSha256: string | null;
  format: string | null;
  encoding: string | null;
  datasetVersion: number;
  read: number;
  accepted: number;
  rejected: number;
  flagged: number;
  inserted: number;
  changed: number;
  unchanged: number;
  deleted: number;
  rejectedByReason: Record<string, number> | null;
  flagsByKind: Record<string, number> | null;
  fieldStats: FieldStats | null;
  qualityScore: number | null;
  hold: BatchHold | null;
  error: string | null;
  jobId: string | null;
  createdBy: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  publishedAt: string | null;
}

export interface DatasetDetail {
  name: string;
  title: string;
  description: string | null;
  department: string;
  departmentName: string | null;
  mode: DatasetMode;
  level: Level;
  version: number;
  spec: DatasetSpec;
  batches: Batch[];
  qualityTrend: Array<{ batch: number; at: string | null; score: number; status: BatchStatus }>;
  consumers: Array<{ module: string; purpose: string }>;
}

export interface RowField { name: string; column: string; type: string }
export interface DataRow {
  id: number;
  values: Record<string, unknown>;
  flags: Record<string, string[]> | null;
  lineage: { batch: number; file: string | null; line: number; validFrom: string | null };
}
export interface RowsPage { fields: RowField[]; total: number; items: DataRow[] }

export interface RowVersion {
  id: number;
  values: Record<string, unknown>;
  /** Original text beside standardised values; only owners and stewards get it. */
  original: Record<string, string> | null;
  lineage: { batch: number; file: string | null; fileSha256: string | null; line: number };
  validFrom: string | null;
  validTo: string | null;
  deletedByBatch: number | null;
}

export const REJECT_STATUSES = ['open', 'resubmitted', 'dismissed'] as const;
export type RejectStatus = (typeof REJECT_STATUSES)[number];
export interface Reject {
  id: number;
  batch: number;
  line: number;
  reason: string;
  detail: string;
  status: RejectStatus;
  resolvedBatch: number | null;
}
export interface RejectsPage { total: number; byReason: Record<string, number>; items: Reject[] }

export type GrantStatus = 'requested' | 'approved' | 'refused' | 'revoked';
export interface Grant {
  id: number;
  dataset: string;
  granteeKind: 'department' | 'role';
  grantee: string;
  fields: string[] | null;
  purpose: string;
  expiresAt: string | null;
  status: GrantStatus;
  requestedBy: string;
  requestedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

/** The `result` of a finished ingest job (BatchSummary in src/ingest/pipeline/batch-runner.ts). */
export interface BatchSummary {
  batch: number;
  dataset: string;
  status: 'published' | 'held';
  read: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  flagged: number;
  flagsByKind: Record<string, number>;
  inserted: number;
  changed: number;
  unchanged: number;
  deleted: number;
  qualityScore: number;
  threshold: number;
  hold: BatchHold | null;
  /** Earlier held batches this snapshot replaced, discarded. */
  superseded: number[];
  format: string;
  encoding: string | null;
  missingColumns: string[];
  extraColumns: string[];
  seconds: number;
}

export type IngestJob = Job & { result?: BatchSummary | null };

/** The 202 answer to an upload. */
export interface UploadStarted { batch: number; job: string; bytes: number }

/** A scheduled pull from a department's PostgreSQL (GET /api/sources); its URL is never sent back. */
export interface Source {
  id: number;
  name: string;
  dataset: string;
  kind: string;
  query: string;
  everyMinutes: number;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastBatchId: number | null;
  lastBatchStatus: BatchStatus | null;
  lastError: string | null;
}
