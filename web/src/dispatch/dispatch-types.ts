// Shapes of the dispatch and event-hub APIs as the console reads them (src/dispatch/dispatch.schemas.ts).

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CASE_STATUSES = ['reported', 'dispatched', 'accepted', 'in_progress', 'resolved', 'verified', 'closed', 'returned'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Everything short of closed: what a command centre still has to watch. */
export const OPEN_STATUSES: CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'closed');

export const ACTIONS = ['dispatch', 'accept', 'start', 'resolve', 'return', 'escalate', 'verify', 'close', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];
/** Actions the server refuses without a note (400 fields.note). */
export const NOTE_REQUIRED: Action[] = ['resolve', 'return', 'reopen'];

export type UnitKind = 'district_centre' | 'command_centre' | 'department' | 'village' | 'grid';
export interface UnitRef { kind: UnitKind; code: string }
export interface NamedUnit extends UnitRef { name: string }

export interface CaseLocation {
  lon: number | null;
  lat: number | null;
  address: string | null;
  townCode: string | null;
  villageCode: string | null;
  gridCode: string | null;
}

export interface CaseView {
  caseId: string;
  districtCode: string;
  category: string;
  severity: Severity;
  title: string;
  source: string;
  location: CaseLocation;
  status: CaseStatus;
  unit: NamedUnit;
  assignee: string | null;
  dispatcher: NamedUnit;
  escalatedTo: NamedUnit | null;
  escalations: number;
  alsoNotify: Array<NamedUnit | null>;
  routeReasons: string[];
  eventCount: number;
  version: number;
  occurredAt: string;
  openedAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  acceptDueAt: string | null;
  resolveDueAt: string | null;
  overdue: boolean;
}

export interface Transition {
  id: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  at: string;
  note: string | null;
  attachments: string[];
  unit: { kind: string; code: string };
  detail: Record<string, unknown>;
}

export interface CaseDetail extends CaseView {
  allowedActions: Action[];
  timeline: Transition[];
}

export interface CaseList { items: CaseView[]; total: number; page: number; pageSize: number }

/** One item of GET /api/dispatch/stream (event `case`). */
export interface FeedItem { id: number; caseId: string; kind: string; text: string; unit: UnitRef; at: string }

export type TargetKind = 'town_centre' | 'district_centre' | 'village' | 'grid' | 'department';
export type RuleTarget = { kind: Exclude<TargetKind, 'department'> } | { kind: 'department'; code: string };
export interface RuleInput {
  name: string;
  enabled: boolean;
  match: { categories: string[]; severities: Severity[]; regions: string[] };
  target: RuleTarget;
  alsoNotify: RuleTarget[];
}
export interface Rule extends RuleInput { id: number; position: number }

export interface Sla { id: number; category: string; severity: Severity | '*'; acceptMinutes: number; resolveMinutes: number }

export const STATS_GROUPS = ['category', 'town', 'unit', 'day', 'week', 'month'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];
export interface StatsRow {
  key: string;
  cases: number;
  open: number;
  closed: number;
  overdue: number;
  accepted: number;
  acceptedOnTime: number;
  onTimeAcceptanceRate: number | null;
  closedOnTime: number;
  onTimeClosureRate: number | null;
  medianHandlingMinutes: number | null;
}
export interface Stats { groupBy: string; items: StatsRow[]; totals: Record<string, number | null> }

export interface Category {
  code: string;
  labelZh: string;
  labelEn: string;
  groupZh: string;
  groupEn: string;
  defaultSeverity: Severity;
  dedupRadiusM: number;
  dedupWindowMinutes: number;
  active: boolean;
  sort: number;
}
