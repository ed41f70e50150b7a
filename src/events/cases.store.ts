import { sql, type Insertable } from 'kysely';
import type { Executor } from '../platform/db/transaction.js';
import type { Scope } from '../platform/auth/principal.js';
import type { CaseStatusUpdate } from './event-messages.js';
import type { EventCaseTable, EventTable } from './tables.js';

/**
 * Transaction-level advisory locks on names, taken in key order so two publishers never wait on
 * each other in a cycle. They are released when the transaction ends.
 */
export async function lockNames(tx: Executor, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Set(keys)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  await sql`SELECT pg_advisory_xact_lock(k) FROM unnest(${sorted}::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n`.execute(tx);
}

const MERGE_COLUMNS = ['id', 'severity', 'count', 'lat', 'lon', 'dedup_key'] as const;

export interface NearQuery {
  category: string;
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number };
  /** The case's span of occurrence must reach into [since, until]. */
  since: Date;
  until: Date;
}

/**
 * Open cases an event may merge into, in one round trip: the one holding its dedup key, and those
 * of its category inside the box and the time window. The caller picks the key match first.
 */
export async function mergeCandidates(tx: Executor, key: string | null, near: NearQuery | null) {
  if (!key && !near) return [];
  return tx
    .selectFrom('event_case')
    .select(MERGE_COLUMNS)
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        ...(key ? [eb('dedup_key', '=', key)] : []),
        ...(near
          ? [eb.and([eb('category', '=', near.category), eb('lat', '>=', near.box.minLat), eb('lat', '<=', near.box.maxLat), eb('lon', '>=', near.box.minLon), eb('lon', '<=', near.box.maxLon), eb('last_event_at', '>=', near.since), eb('occurred_at', '<=', near.until)])]
          : []),
      ]),
    )
    .orderBy('opened_at', 'desc')
    .limit(200)
    .execute();
}

/** Opens a case with its first event in one statement (the event's foreign key is checked at its end). */
export async function insertCaseWithEvent(tx: Executor, c: Insertable<EventCaseTable>, e: Insertable<EventTable>): Promise<void> {
  await tx.with('opened', (db) => db.insertInto('event_case').values(c)).insertInto('event').values(e).execute();
}

/** Adds one event to an open case; null when the case was closed meanwhile. */
export async function growCase(tx: Executor, id: string, severity: EventCaseTable['severity'], occurredAt: Date, key: string | null) {
  return tx
    .updateTable('event_case')
    .set((eb) => ({
      count: eb('count', '+', 1),
      severity,
      last_event_at: sql<Date>`greatest(last_event_at, ${occurredAt})`,
      occurred_at: sql<Date>`least(occurred_at, ${occurredAt})`,
      updated_at: new Date(),
      dedup_key: eb.fn.coalesce('dedup_key', sql<string | null>`${key}::text`),
    }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning(['count', 'severity'])
    .executeTakeFirst();
}

export async function insertEvent(tx: Executor, row: Insertable<EventTable>): Promise<void> {
  await tx.insertInto('event').values(row).execute();
}

export async function setCaseStatus(tx: Executor, id: string, u: CaseStatusUpdate) {
  return tx
    .updateTable('event_case')
    .set({ status: u.status, status_notes: u.statusNotes, agency_responsible: u.agencyResponsible, updated_at: u.at, closed_at: u.status === 'closed' ? u.at : null })
    .where('id', '=', id)
    .returning(['id', 'status'])
    .executeTakeFirst();
}

export async function existingAttachments(tx: Executor, shas: string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set();
  const rows = await tx.selectFrom('event_attachment').select('sha256').where('sha256', 'in', shas).execute();
  return new Set(rows.map((r) => r.sha256));
}

export interface CaseFilter {
  ids?: string[];
  status?: 'open' | 'closed';
  category?: string[];
  regionCode?: string;
  from?: Date;
  to?: Date;
}

/** Cases the scope may see: its region and below; a department sees what it published itself. */
export function caseQuery(db: Executor, scope: Scope, actor: string, f: CaseFilter) {
  let q = db.selectFrom('event_case');
  if (scope.kind === 'department') q = q.where('published_by', '=', actor);
  else if (scope.kind !== 'district') q = q.where('region_code', 'like', `${scope.code}%`);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.category?.length) q = q.where('category', 'in', f.category);
  if (f.regionCode) q = q.where('region_code', 'like', `${f.regionCode}%`);
  if (f.from) q = q.where('opened_at', '>=', f.from);
  if (f.to) q = q.where('opened_at', '<=', f.to);
  return q;
}

export async function eventsOfCase(db: Executor, caseId: string) {
  return db.selectFrom('event').selectAll().where('case_id', '=', caseId).orderBy('received_at').orderBy('id').execute();
}

export async function eventById(db: Executor, id: string) {
  return db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseById(db: Executor, id: string) {
  return db.selectFrom('event_case').selectAll().where('id', '=', id).executeTakeFirst();
}
