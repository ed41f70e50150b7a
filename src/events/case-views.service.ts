import type { Selectable } from 'kysely';
import type { Principal } from '../platform/auth/principal.js';
import { scopeCovers } from '../platform/auth/principal.js';
import type { Db } from '../platform/db/transaction.js';
import { Forbidden, NotFound } from '../platform/errors.js';
import * as store from './cases.store.js';
import type { EventCaseTable, EventTable } from './tables.js';

export type CaseRow = Selectable<EventCaseTable>;

export function caseView(c: CaseRow) {
  return {
    id: c.id, category: c.category, severity: c.severity, title: c.title, description: c.description, source: c.source,
    status: c.status, statusNotes: c.status_notes, agencyResponsible: c.agency_responsible, dedupKey: c.dedup_key, count: c.count,
    location: { lon: c.lon, lat: c.lat, regionCode: c.region_code, gridCode: c.grid_code, address: c.address },
    mediaUrl: c.media_url, occurredAt: c.occurred_at.toISOString(), openedAt: c.opened_at.toISOString(), lastEventAt: c.last_event_at.toISOString(),
    updatedAt: c.updated_at.toISOString(), closedAt: c.closed_at?.toISOString() ?? null,
  };
}

/** An event as the API shows it; the reporter's contact details are sealed and never shown here. */
export function eventView(e: Selectable<EventTable>) {
  return {
    id: e.id, caseId: e.case_id, source: e.source, category: e.category, severity: e.severity, title: e.title, description: e.description,
    location: { lon: e.lon, lat: e.lat, regionCode: e.region_code, gridCode: e.grid_code, address: e.address },
    subjects: e.subjects, evidence: { facts: e.facts, attachments: e.attachments, mediaUrl: e.media_url }, dedupKey: e.dedup_key,
    hasReporter: e.reporter_sealed !== null, publishedBy: e.published_by, occurredAt: e.occurred_at.toISOString(), receivedAt: e.received_at.toISOString(),
  };
}

/** Scoped reads of cases and events: a town user sees its town, a department what it published. */
export class CaseViewsService {
  constructor(private readonly db: Db) {}

  async list(actor: Principal, f: store.CaseFilter, page: number, pageSize: number) {
    const q = store.caseQuery(this.db, actor.scope, actor.name, f);
    const [rows, total] = await Promise.all([
      q.selectAll().orderBy('opened_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(caseView), total: Number(total.n), page, pageSize };
  }

  /** Rows for Open311, newest first, at most `limit`. */
  async rows(actor: Principal, f: store.CaseFilter, limit: number): Promise<CaseRow[]> {
    return store.caseQuery(this.db, actor.scope, actor.name, f).selectAll().orderBy('opened_at', 'desc').orderBy('id').limit(limit).execute();
  }

  async get(actor: Principal, id: string) {
    const c = await store.caseById(this.db, id);
    if (!c) throw new NotFound(`案件 ${id} 不存在 (no such case)`);
    this.assertVisible(actor, c);
    return { ...caseView(c), events: (await store.eventsOfCase(this.db, id)).map(eventView) };
  }

  async event(actor: Principal, id: string) {
    const e = await store.eventById(this.db, id);
    if (!e) throw new NotFound(`事件 ${id} 不存在 (no such event)`);
    this.assertVisible(actor, e);
    return eventView(e);
  }

  /** The case an event (an Open311 token) ended up in, if the caller may see it. */
  async caseOfEvent(actor: Principal, eventId: string): Promise<string | null> {
    const e = await store.eventById(this.db, eventId);
    if (!e) return null;
    this.assertVisible(actor, e);
    return e.case_id;
  }

  assertVisible(actor: Principal, row: { region_code: string | null; published_by: string | null; id: string }): void {
    const s = actor.scope;
    const ok = s.kind === 'district' || (s.kind === 'department' ? row.published_by === actor.name : row.region_code !== null && scopeCovers(s, row.region_code));
    if (!ok) throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { permission: 'event.read', ...(row.region_code ? { region: row.region_code } : { target: `event_case:${row.id}` }) });
  }
}
