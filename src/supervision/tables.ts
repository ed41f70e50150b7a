import type { ColumnType, Generated } from 'kysely';
import type { DefaultJson, DefaultTimestamp, Timestamp } from '../platform/db/column-types.js';
import type { WarningSeverity } from './model/model-spec.js';

export type WarningStatus = 'open' | 'dispatched' | 'confirmed' | 'false_positive' | 'cleared';
export type WarningAction = 'accountability' | 'correction' | 'none';

export interface SupervisionModelTable {
  id: string;
  domain: string;
  current_version: number;
  draft: ColumnType<unknown, string | null | undefined, string | null>;
  enabled: Generated<boolean>;
  builtin: Generated<boolean>;
  updated_by: string;
  updated_at: DefaultTimestamp;
}

export interface SupervisionModelVersionTable {
  model_id: string;
  version: number;
  spec: ColumnType<unknown, string, string>;
  published_by: string;
  published_at: DefaultTimestamp;
}

export interface SupervisionRunTable {
  id: Generated<number>;
  status: Generated<'running' | 'succeeded' | 'failed'>;
  as_of: ColumnType<string, string, string>;
  model_ids: DefaultJson<string[]>;
  stats: DefaultJson<Record<string, unknown>>;
  triggered_by: string;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  error: string | null;
}

/** A fact that triggered a warning, with where it came from. */
export interface WarningFact {
  alias: string;
  dataset: string;
  row: number;
  batch: number;
  line: number;
  fields?: Record<string, unknown>;
}

export interface WarningFacts {
  values: Record<string, unknown>;
  labels: Record<string, string>;
  sources: WarningFact[];
  aggregate?: { count: number; sum: number | null };
  params: Record<string, unknown>;
  asOf: string;
}

export interface SupervisionWarningTable {
  id: Generated<number>;
  code: string;
  model_id: string;
  model_version: number;
  domain: string;
  dedup_key: string;
  subject_kind: 'person' | 'enterprise';
  subject_id: string;
  subject_name: string | null;
  subject_official: Generated<boolean>;
  town_code: string | null;
  place_code: string | null;
  severity: WarningSeverity;
  facts: ColumnType<WarningFacts, string, string>;
  facts_hash: string;
  status: Generated<WarningStatus>;
  event_id: string | null;
  case_id: string | null;
  first_run: number;
  last_run: number;
  raised_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  dispatched_at: Timestamp | null;
  action: WarningAction | null;
  recovered_yuan: ColumnType<string | null, number | null, number | null>;
  rule_improvement: string | null;
  verified_by: string | null;
  verified_at: Timestamp | null;
  verify_note: string | null;
  district_code: string;
}

export interface SupervisionWarningLogTable {
  id: Generated<number>;
  warning_id: number;
  kind: 'raised' | 'updated' | 'reraised' | 'cleared' | 'dispatched' | 'verified' | 'viewed';
  actor: string;
  run_id: number | null;
  detail: DefaultJson<Record<string, unknown>>;
  at: DefaultTimestamp;
}

declare module '../platform/db/schema.js' {
  interface Database {
    supervision_model: SupervisionModelTable;
    supervision_model_version: SupervisionModelVersionTable;
    supervision_run: SupervisionRunTable;
    supervision_warning: SupervisionWarningTable;
    supervision_warning_log: SupervisionWarningLogTable;
  }
}
