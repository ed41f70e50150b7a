import { sql, type Insertable, type Updateable } from 'kysely';
import type { Principal } from '../platform/auth/principal.js';
import { insertJsonRows, type JsonRow } from '../platform/db/json-rows.js';
import type { Executor } from '../platform/db/transaction.js';
import { visibleFilter } from './access.js';
import type { CaseStatus } from './case-model.js';
import type { DispatchCaseTable, DispatchTransitionTable } from './tables.js';

export interface CaseFilter {
  status?: CaseStatus[];
  unit?: string;
  category?: string;
  town?: string;
  overdue?: boolean;
  /** Only cases the caller handles now (my cases). */
  mine?: boolean;
}

export async function caseById(db: Executor, id: string, lock = false) {
  const q = db.selectFrom('dispatch_case').selectAll().where('case_id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** New cases (jsonb values as objects); returns the ids inserted: one already there (a message delivered twice) is left alone. */
export async function insertCases(db: Executor, rows: JsonRow<'dispatch_case'>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const r = await insertJsonRows('dispatch_case', rows, sql`ON CONFLICT (case_id) DO NOTHING RETURNING case_id`).execute(db);
  return (r.rows as Array<{ case_id: string }>).map((x) => x.case_id);
}

/** Updates a case only at the version the caller read; undefined means someone else changed it first. */
export async function updateCase(db: Executor, id: string, version: number, patch: Updateable<DispatchCaseTable>) {
  return db
    .updateTable('dispatch_case')
    .set({ ...patch, version: version + 1, updated_at: new Date() })
    .where('case_id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertTransition(db: Executor, row: Insertable<DispatchTransitionTable>) {
  await db.insertInto('dispatch_transition').values(row).execute();
}

/** Transitions of a batch, jsonb values as objects. */
export async function insertTransitions(db: Executor, rows: JsonRow<'dispatch_transition'>[]) {
  if (rows.length > 0) await insertJsonRows('dispatch_transition', rows).execute(db);
}

/** Cases' counts and severities after duplicates merged into them (the event hub's count). */
export async function setEventCounts(db: Executor, rows: Array<{ case_id: string; event_count: number; severity: string }>) {
  if (rows.length === 0) return;
  await sql`UPDATE dispatch_case AS c SET event_count = v.event_count, severity = v.severity, updated_at = now()
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS v(case_id text, event_count integer, severity text)
    WHERE c.case_id = v.case_id`.execute(db);
}

/** The latest transition of each case (what the hub shows as status notes). */
export async function lastTransitions(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('dispatch_transition').select(['case_id', 'note', 'at']).distinctOn('case_id').where('case_id', 'in', ids).orderBy('case_id').orderBy('id', 'desc').execute();
}

export async function transitionsOf(db: Executor, id: string) {
  return db.selectFrom('dispatch_transition').selectAll().where('case_id', '=', id).orderBy('id').execute();
}

const overdueSql = (now: Date) =>
  sql<boolean>`((status = 'dispatched' AND accept_due_at < ${now}) OR (status IN ('accepted','in_progress') AND resolve_due_at < ${now}) OR (status = 'returned' AND escalate_at < ${now}))`;

/** Cases the principal may see, filtered, newest first. */
export async function listCases(db: Executor, p: Principal, f: CaseFilter, now: Date, offset: number, limit: number) {
  let q = db.selectFrom('dispatch_case').where(visibleFilter(p));
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.unit) q = q.where('unit_code', '=', f.unit);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.town) q = q.where('town_code', '=', f.town);
  if (f.overdue !== undefined) q = q.where(f.overdue ? overdueSql(now) : sql<boolean>`NOT ${overdueSql(now)}`);
  if (f.mine) {
    const s = p.scope;
    q = q.where('status', 'in', ['dispatched', 'accepted', 'in_progress', 'returned']).where((eb) => {
      const mine = eb('assignee', '=', p.name);
      if (s.kind === 'department') return eb.or([mine, eb('unit_code', '=', s.code)]);
      if (s.kind === 'district') return eb.or([mine, eb('unit_kind', '=', 'district_centre')]);
      return eb.or([mine, eb.and([eb('unit_region', 'like', `${s.code}%`), eb.or([eb('assignee', 'is', null), eb('unit_kind', '!=', 'grid')])])]);
    });
  }
  const [items, total] = await Promise.all([
    q.selectAll().orderBy('opened_at', 'desc').orderBy('case_id').offset(offset).limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Cases whose escalation timer has run out, oldest first. */
export async function dueCases(db: Executor, now: Date, limit: number) {
  return db.selectFrom('dispatch_case').select(['case_id', 'version']).where('escalate_at', '<=', now).orderBy('escalate_at').limit(limit).execute();
}
