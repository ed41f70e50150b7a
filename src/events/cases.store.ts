import { sql, type Insertable, type RawBuilder } from 'kysely';
import { insertJsonRows } from '../platform/db/json-rows.js';
import type { Executor } from '../platform/db/transaction.js';
import type { Scope } from '../platform/auth/principal.js';
import type { CaseStatusUpdate, EventSubject, Severity } from './event-messages.js';
import type { NearQuery, OpenCase } from './merge-plan.js';
import type { EventCaseTable, EventTable } from './tables.js';

/**
 * Transaction-level advisory locks on names, taken in key order so two publishers never wait on
 * each other in a cycle. They are released when the transaction ends. The statement has no
 * parameters (the keys are numbers, checked), so it can travel with BEGIN in one round trip.
 */
export function lockNamesSql(keys: string[]): string {
  if (keys.length === 0) return '';
  if (!keys.every((k) => /^-?\d{1,20}$/.test(k))) throw new Error('advisory lock keys must be integers');
  const sorted = [...new Set(keys)].map(BigInt).sort((a, b) => (a < b ? -1 : 1));
  return `SELECT pg_advisory_xact_lock(k) FROM unnest('{${sorted.join(',')}}'::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n`;
}

export async function lockNames(tx: Executor, keys: string[]): Promise<void> {
  if (keys.length) await sql.raw(lockNamesSql(keys)).execute(tx);
}

const CASE_STATE = sql`id, category, severity, count, lat, lon, dedup_key, occurred_at, last_event_at, opened_at`;

export type CaseStateRow = { id: string; category: string; severity: Severity; count: number; lat: number | null; lon: number | null; dedup_key: string | null; occurred_at: Date; last_event_at: Date; opened_at: Date };
export const toOpenCase = (r: CaseStateRow): OpenCase => ({ id: r.id, category: r.category, severity: r.severity, count: r.count, lat: r.lat, lon: r.lon, dedupKey: r.dedup_key, occurredAt: new Date(r.occurred_at), lastEventAt: new Date(r.last_event_at), openedAt: new Date(r.opened_at) });

/**
 * Every open case a batch of events may merge into, in one round trip: those holding any of the
 * batch's dedup keys, and for each place query the newest 200 of its category inside its box and
 * time window. The rows are locked, in id order (so two batches never wait on each other in a
 * cycle), and come back as they are now: a case closed meanwhile is left out, and the batch can
 * write the new state of those it grows outright. ARRAY(…) makes the lookup run first, so the
 * locking scan is by primary key. Null when the batch can merge under no name.
 */
export function openCasesSql(keys: string[], near: NearQuery[]): RawBuilder<CaseStateRow> | null {
  if (keys.length === 0 && near.length === 0) return null;
  const boxes = near.map((q) => ({ category: q.category, ...q.box, since: q.since, until: q.until }));
  return sql<CaseStateRow>`
    SELECT ${CASE_STATE} FROM event_case
    WHERE status = 'open' AND id = ANY(ARRAY(
      SELECT id FROM event_case WHERE status = 'open' AND dedup_key = ANY(${keys}::text[])
      UNION ALL
      SELECT c.id FROM json_to_recordset(${JSON.stringify(boxes)}::json)
             AS q(category text, "minLat" float8, "maxLat" float8, "minLon" float8, "maxLon" float8, since timestamptz, until timestamptz)
      CROSS JOIN LATERAL (
        SELECT id FROM event_case
        WHERE status = 'open' AND lat IS NOT NULL AND category = q.category AND lat >= q."minLat" AND lat <= q."maxLat" AND lon >= q."minLon" AND lon <= q."maxLon"
          AND last_event_at >= q.since AND occurred_at <= q.until
        ORDER BY opened_at DESC LIMIT 200
      ) c
    ))
    ORDER BY id FOR NO KEY UPDATE`;
}

export async function lockOpenCasesFor(tx: Executor, keys: string[], near: NearQuery[]): Promise<OpenCase[]> {
  const q = openCasesSql(keys, near);
  return q ? (await q.execute(tx)).rows.map(toOpenCase) : [];
}

/** An event row as `writeBatch` takes it: the jsonb columns as values, not JSON text. */
export type EventRow = Omit<Insertable<EventTable>, 'subjects' | 'facts' | 'attachments'> & { subjects: EventSubject[]; facts: Record<string, unknown>; attachments: string[] };

export interface BatchWrite {
  /** Existing cases the batch grows, with their new state (their rows locked by `lockOpenCasesFor`). */
  grown: OpenCase[];
  opened: Insertable<EventCaseTable>[];
  events: EventRow[];
  /** Written in the same statement: the batch's outbox messages (`outbox.insertSql`). */
  messages: RawBuilder<unknown>;
  at: Date;
}

/**
 * A batch in one statement: grown cases, new cases, events and outbox messages, each a
 * data-modifying CTE (an event's foreign key to a case opened here is checked at the statement's
 * end). The grown cases are named by id as well as joined: the planner takes the recordset for 100
 * rows and would otherwise scan the whole case table to hash-join them.
 */
export function writeBatchSql(b: BatchWrite): RawBuilder<unknown> {
  const grown = b.grown.map((c) => ({ id: c.id, count: c.count, severity: c.severity, dedup_key: c.dedupKey, occurred_at: c.occurredAt, last_event_at: c.lastEventAt }));
  return sql`
    WITH grown AS (
      UPDATE event_case AS c SET count = u.count, severity = u.severity, dedup_key = u.dedup_key, occurred_at = u.occurred_at, last_event_at = u.last_event_at, updated_at = ${b.at}
      FROM json_populate_recordset(NULL::event_case, ${JSON.stringify(grown)}::json) AS u
      WHERE c.id = ANY(${grown.map((g) => g.id)}::text[]) AND c.id = u.id
    ),
    opened AS (${b.opened.length ? insertJsonRows('event_case', b.opened) : sql`SELECT 1`}),
    messages AS (${b.messages})
    ${insertJsonRows('event', b.events)}`;
}

export async function writeBatch(tx: Executor, b: BatchWrite): Promise<void> {
  await writeBatchSql(b).execute(tx);
}

/** Dispatch's statuses of several cases in one statement; returns the ids it found. */
export async function setCaseStatuses(tx: Executor, updates: Array<{ caseId: string } & CaseStatusUpdate>): Promise<Set<string>> {
  if (updates.length === 0) return new Set();
  const rows = updates.map((u) => ({ id: u.caseId, status: u.status, status_notes: u.statusNotes, agency_responsible: u.agencyResponsible, at: u.at.toISOString() }));
  const r = await sql<{ id: string }>`UPDATE event_case AS e SET status = v.status, status_notes = v.status_notes, agency_responsible = v.agency_responsible,
      updated_at = v.at, closed_at = CASE WHEN v.status = 'closed' THEN v.at END
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(id text, status text, status_notes text, agency_responsible text, at timestamptz)
    WHERE e.id = v.id RETURNING e.id`.execute(tx);
  return new Set(r.rows.map((x) => x.id));
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
