import type { Selectable } from 'kysely';
import { isoOrNull } from '../platform/db/column-types.js';
import type { CasePlace } from './access.js';
import type { Unit } from './case-model.js';
import type { DispatchCaseTable, DispatchTransitionTable } from './tables.js';

export type CaseRow = Selectable<DispatchCaseTable>;
export type TransitionRow = Selectable<DispatchTransitionTable>;

export function placeOf(r: CaseRow): CasePlace {
  return {
    districtCode: r.district_code,
    townCode: r.town_code,
    villageCode: r.village_code,
    gridCode: r.grid_code,
    unitKind: r.unit_kind,
    unitCode: r.unit_code,
    unitRegion: r.unit_region,
    assignee: r.assignee,
    escalatedCode: r.escalated_code,
    alsoNotify: r.also_notify.map((u) => u.code),
  };
}

export function isOverdue(r: CaseRow, now: Date): boolean {
  const past = (d: Date | null) => !!d && new Date(d).getTime() < now.getTime();
  if (r.status === 'dispatched') return past(r.accept_due_at);
  if (r.status === 'accepted' || r.status === 'in_progress') return past(r.resolve_due_at);
  if (r.status === 'returned') return past(r.escalate_at);
  return false;
}

export type Named = (u: Unit) => Promise<string>;

/** A case as the API shows it (camelCase, ISO times, unit names). */
export async function caseView(r: CaseRow, name: Named, now: Date) {
  const unit = (kind: Unit['kind'] | null, code: string | null) => (kind && code ? name({ kind, code }).then((n) => ({ kind, code, name: n })) : null);
  return {
    caseId: r.case_id,
    districtCode: r.district_code,
    category: r.category,
    severity: r.severity,
    title: r.title,
    source: r.source,
    location: { lon: r.lon, lat: r.lat, address: r.address, townCode: r.town_code, villageCode: r.village_code, gridCode: r.grid_code },
    status: r.status,
    unit: (await unit(r.unit_kind, r.unit_code))!,
    assignee: r.assignee,
    dispatcher: (await unit(r.dispatcher_kind, r.dispatcher_code))!,
    escalatedTo: await unit(r.escalated_kind, r.escalated_code),
    escalations: r.escalations,
    alsoNotify: await Promise.all(r.also_notify.map((u) => unit(u.kind, u.code))),
    routeReasons: r.route_reasons,
    subjects: r.subjects,
    eventCount: r.event_count,
    version: r.version,
    occurredAt: isoOrNull(r.occurred_at)!,
    openedAt: isoOrNull(r.opened_at)!,
    dispatchedAt: isoOrNull(r.dispatched_at),
    acceptedAt: isoOrNull(r.accepted_at),
    resolvedAt: isoOrNull(r.resolved_at),
    closedAt: isoOrNull(r.closed_at),
    acceptDueAt: isoOrNull(r.accept_due_at),
    resolveDueAt: isoOrNull(r.resolve_due_at),
    overdue: isOverdue(r, now),
  };
}

export function transitionView(t: TransitionRow) {
  return {
    id: Number(t.id),
    action: t.action,
    fromStatus: t.from_status,
    toStatus: t.to_status,
    actor: t.actor,
    at: isoOrNull(t.at)!,
    note: t.note,
    attachments: t.attachments,
    unit: { kind: t.unit_kind, code: t.unit_code },
    detail: t.detail,
  };
}
