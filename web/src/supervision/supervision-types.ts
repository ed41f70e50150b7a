// Shapes of the 护廉天目 API as the console reads them (src/supervision/supervision.routes.ts and the
// services under src/supervision/warnings and src/supervision/model).

export const DOMAINS = ['housing', 'livelihood', 'engineering', 'officials', 'border'] as const;
export type Domain = (typeof DOMAINS)[number];

export const WARNING_SEVERITIES = ['red', 'orange', 'yellow'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

export const WARNING_STATUSES = ['open', 'dispatched', 'confirmed', 'false_positive', 'cleared'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];

export const ACTIONS = ['accountability', 'correction', 'none'] as const;
export type WarningAction = (typeof ACTIONS)[number];

export interface WarningRow {
  id: number;
  code: string;
  model: string;
  version: number;
  domain: Domain;
  subjectKind: 'person' | 'enterprise';
  subjectId: string;
  /** Masked for persons (陈*华). */
  subjectName: string | null;
  official: boolean;
  townCode: string | null;
  severity: WarningSeverity;
  status: WarningStatus;
  caseId: string | null;
  raisedAt: string;
  updatedAt: string;
  recoveredYuan: number | null;
}

export interface WarningList { total: number; page: number; pageSize: number; items: WarningRow[] }

/** A fact that triggered a warning, with where it came from; collected rows of grouped models carry their fields. */
export interface WarningSource {
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
  sources: WarningSource[];
  aggregate?: { count: number; sum: number | null };
  params: Record<string, unknown>;
  asOf: string;
}

export interface WarningLogEntry { kind: string; actor: string; run: number | null; detail: Record<string, unknown>; at: string }

export interface WarningDetail {
  id: number;
  code: string;
  model: { id: string; version: number; name: string; nameEn: string; legalBasis: string; domain: Domain };
  subject: { kind: 'person' | 'enterprise'; id: string; name: string | null; official: boolean };
  townCode: string | null;
  placeCode: string | null;
  severity: WarningSeverity;
  status: WarningStatus;
  facts: WarningFacts;
  raisedAt: string;
  updatedAt: string;
  case: { id: string; status: string | null; unitKind: string | null; unitCode: string | null } | null;
  verification: { action: WarningAction | null; recoveredYuan: number | null; ruleImprovement: string | null; note: string | null; by: string | null; at: string } | null;
  log: WarningLogEntry[];
}

export interface Verification {
  outcome: 'confirmed' | 'false_positive';
  action?: WarningAction;
  recoveredYuan?: number;
  ruleImprovement?: string;
  note?: string;
}

export const STAT_DIMENSIONS = ['domain', 'model', 'town', 'month'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export interface StatRow {
  key: string | null;
  issued: number;
  dispatched: number;
  confirmed: number;
  falsePositive: number;
  confirmedRate: number | null;
  recoveredYuan: number;
  ruleImprovements: number;
  open: number;
}
export interface Stats { rows: StatRow[]; total: StatRow }

// ---- models -------------------------------------------------------------------------------

export type Operand = string | number | Array<string | number> | { field: string; days?: number } | { param: string } | { asOf: number };
export type Comparison = [string, string, ...Operand[]];
export interface SourceSpec {
  as: string;
  dataset: string;
  join?:
    | { samePerson: string; parties?: string[]; party?: string }
    | { relativeOf: string; parties?: string[]; party?: string; relations?: string[] }
    | { equal: Array<[string, string]> };
  where?: Predicate[];
}
export type Predicate = Comparison | { any: Predicate[] } | { exists: SubQuery } | { notExists: SubQuery };
export interface SubQuery { sources: SourceSpec[]; where?: Predicate[] }

export interface ModelSpec {
  id: string;
  version: number;
  domain: Domain;
  name: string;
  nameEn: string;
  description?: string;
  legalBasis: string;
  subject: { kind: 'person' | 'enterprise'; source: string; party?: string; field?: string };
  sources: SourceSpec[];
  where?: Predicate[];
  exclusions?: Array<{ name: string; reason: string; when: Predicate[] }>;
  group?: { anchor: string; collect: string; having: Array<[string, string, Operand]> };
  params?: Record<string, number | string>;
  evidence: Array<{ name: string; label: string; labelEn?: string; field: string }>;
  severity: { inputs: string[]; rules: Array<{ when: Record<string, string>; severity: WarningSeverity }> };
  dedupKey: string[];
  autoDispatch?: WarningSeverity[];
  eventCategory?: string;
  place?: string;
  schedule?: string;
}

export interface ModelSummary {
  id: string;
  domain: Domain;
  name: string;
  nameEn: string;
  version: number;
  enabled: boolean;
  builtin: boolean;
  hasDraft: boolean;
  datasets: string[];
  updatedBy: string;
  updatedAt: string;
}

export interface ModelDetail {
  id: string;
  enabled: boolean;
  builtin: boolean;
  currentVersion: number;
  spec: ModelSpec;
  draft: ModelSpec | null;
  versions: Array<{ version: number; publishedBy: string; publishedAt: string }>;
  severityJdm: object;
}

export interface TestRunHit {
  subjectId: string;
  /** Null for officials: a test run names no official. */
  subjectName: string | null;
  official: boolean;
  severity: WarningSeverity;
  facts: WarningFacts;
  rows: number;
}
export interface TestRun { asOf: string; total: number; rows: number; unresolved: number; queryMs: number; hits: TestRunHit[] }

export interface ModelRunStats {
  model: string;
  version: number;
  hits: number;
  raised: number;
  reraised: number;
  updated: number;
  unchanged: number;
  cleared: number;
  dispatched: number;
  unresolved: number;
  skipped?: string;
}
export interface RunResult { run: number; asOf: string; models: ModelRunStats[]; totals: Record<string, number>; seconds: number }
