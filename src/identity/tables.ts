import type { ColumnType, Generated } from 'kysely';
import type { DefaultJson, DefaultTimestamp, Timestamp } from '../platform/db/column-types.js';

export type EntityKind = 'person' | 'enterprise';

/** A value of the golden record with where it came from. */
export interface GoldenValue {
  value: string | null;
  masked?: string;
  rule: 'trusted_source' | 'most_recent' | 'most_frequent' | 'from_id_number';
  source: { dataset: string; batch: number; row: number; line: number; record: number };
}

export interface IdentityEntityTable {
  id: string;
  kind: EntityKind;
  status: Generated<'active' | 'merged' | 'retired'>;
  merged_into: string | null;
  name: string | null;
  id_hash: string | null;
  id_masked: string | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  village_code: string | null;
  town_code: string | null;
  golden: DefaultJson<Record<string, GoldenValue>>;
  record_count: Generated<number>;
  district_code: string;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IdentityRecordTable {
  id: Generated<number>;
  kind: EntityKind;
  dataset: string;
  row_id: number;
  batch_id: number;
  line: number;
  party: Generated<string>;
  role: string;
  active: Generated<boolean>;
  entity_id: string | null;
  name: string | null;
  id_hash: string | null;
  /** Sealed token of the standardised ID number, for comparisons that need its digits. */
  id_token: string | null;
  id_masked: string | null;
  /** False when the ID number fails GB 11643 (kept and compared, never "fixed"). */
  id_valid: boolean | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  sex: 'M' | 'F' | null;
  phone_hash: string | null;
  phone_token: string | null;
  phone_masked: string | null;
  address: string | null;
  village_code: string | null;
  household_no: string | null;
  context: DefaultJson<Record<string, unknown>>;
  district_code: string;
  created_at: DefaultTimestamp;
}

export interface IdentityChangeTable {
  id: Generated<number>;
  run_id: number | null;
  kind: 'created' | 'merged' | 'split' | 'retired' | 'moved';
  entity_id: string;
  other_entity_id: string | null;
  record_ids: DefaultJson<number[]>;
  reason: string;
  at: DefaultTimestamp;
}

export interface IdentityReviewTable {
  id: Generated<number>;
  record_a: number;
  record_b: number;
  probability: number;
  explanation: ColumnType<unknown, string, string>;
  status: Generated<'open' | 'same' | 'different'>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  note: string | null;
  created_at: DefaultTimestamp;
}

export interface IdentityRunTable {
  id: Generated<number>;
  kind: EntityKind;
  mode: 'full' | 'incremental';
  status: Generated<'running' | 'succeeded' | 'failed'>;
  stats: DefaultJson<Record<string, unknown>>;
  model: ColumnType<unknown, string | null | undefined, string | null>;
  watermarks: DefaultJson<Record<string, number>>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  error: string | null;
}

export interface MarriageConflictTable {
  id: Generated<number>;
  entity_id: string;
  kind: string;
  detail: string;
  sources: ColumnType<unknown, string, string>;
  fingerprint: string;
  status: Generated<'open' | 'confirmed' | 'dismissed' | 'gone'>;
  town_code: string | null;
  district_code: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  note: string | null;
  found_at: DefaultTimestamp;
  last_seen_run: number | null;
}

/** COPY target of the record sync; rows move to identity_record and are deleted. */
export type IdentityRecordStageTable = Omit<IdentityRecordTable, 'id' | 'active' | 'entity_id' | 'created_at' | 'party' | 'context'> & { run_id: number; party: string; context: string };

/** Records of a first resolution waiting to be linked (moved to identity_record with their file). */
export type IdentityRecordLoadTable = IdentityRecordStageTable & { id: Generated<number>; active: Generated<boolean>; entity_id: string | null; created_at: DefaultTimestamp };

/** Record → file assignments of one run, joined in one statement. */
export interface IdentityAssignStageTable {
  run_id: number;
  record_id: number;
  entity_id: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    identity_entity: IdentityEntityTable;
    identity_record: IdentityRecordTable;
    identity_change: IdentityChangeTable;
    identity_review: IdentityReviewTable;
    identity_run: IdentityRunTable;
    marriage_conflict: MarriageConflictTable;
    identity_record_stage: IdentityRecordStageTable;
    identity_record_load: IdentityRecordLoadTable;
    identity_assign_stage: IdentityAssignStageTable;
  }
}
