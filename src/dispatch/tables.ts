import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from '../platform/db/column-types.js';
import type { CaseStatus, UnitKind } from './case-model.js';

/** One case as dispatch follows it, keyed by the hub's case id. */
export interface DispatchCaseTable {
  case_id: string;
  district_code: string;
  category: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  title: string;
  source: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  town_code: string | null;
  village_code: string | null;
  grid_code: string | null;
  status: CaseStatus;
  unit_kind: UnitKind;
  unit_code: string;
  /** The region the unit stands for (a grid, village, town or district); null for a department. */
  unit_region: string | null;
  /** Username of the grid worker the case is assigned to, when routed to a grid. */
  assignee: string | null;
  /** Who sent the case to its current unit; a return goes back here. */
  dispatcher_kind: UnitKind;
  dispatcher_code: string;
  /** The unit supervising after an overdue resolution (ladder above the handling unit). */
  escalated_kind: UnitKind | null;
  escalated_code: string | null;
  escalations: Generated<number>;
  also_notify: Json<Array<{ kind: UnitKind; code: string }>>;
  route_reasons: Json<string[]>;
  subjects: Json<unknown[]>;
  event_count: Generated<number>;
  version: Generated<number>;
  occurred_at: Timestamp;
  opened_at: Timestamp;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** SLA deadlines of the current dispatch, for on-time figures. */
  accept_due_at: Timestamp | null;
  resolve_due_at: Timestamp | null;
  /** The escalation timer: when the scanner must look at this case next (null: nothing pending). */
  escalate_at: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface DispatchTransitionTable {
  id: Generated<number>;
  case_id: string;
  action: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  actor: string;
  at: DefaultTimestamp;
  note: string | null;
  attachments: Json<string[]>;
  unit_kind: UnitKind;
  unit_code: string;
  detail: Json<Record<string, unknown>>;
}

export interface DispatchRuleTable {
  id: Generated<number>;
  position: number;
  name: string;
  enabled: boolean;
  /** RuleMatch and RuleTarget of routing-rules.ts, validated by zod on the way in. */
  match: Json<Record<string, unknown>>;
  target: Json<Record<string, unknown>>;
  also_notify: Json<Array<Record<string, unknown>>>;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface DispatchSlaTable {
  id: Generated<number>;
  /** A category code, or '*' for any. */
  category: string;
  /** A severity, or '*' for any. */
  severity: string;
  accept_minutes: number;
  resolve_minutes: number;
  updated_by: string | null;
  updated_at: DefaultTimestamp;
}

export interface DispatchNotificationTable {
  id: Generated<number>;
  case_id: string;
  kind: string;
  channel: 'feed' | 'sms';
  unit_kind: UnitKind;
  unit_code: string;
  /** Username for an SMS; null for a feed item, which goes to everyone watching the unit. */
  recipient: string | null;
  text: string;
  /** The case's place and severity when notified, so the stream can scope without a lookup. */
  scope: Json<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    dispatch_case: DispatchCaseTable;
    dispatch_transition: DispatchTransitionTable;
    dispatch_rule: DispatchRuleTable;
    dispatch_sla: DispatchSlaTable;
    dispatch_notification: DispatchNotificationTable;
  }
}
