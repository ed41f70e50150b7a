import type { JsonRow } from '../platform/db/json-rows.js';
import { CASE_GREW, CASE_OPENED, type CaseGrew, type CaseOpened, type Severity } from '../events/event-messages.js';
import { withTransaction, type Db, type Tx } from '../platform/db/transaction.js';
import { commandCentreOf, unitRegion, type Unit } from './case-model.js';
import * as store from './case.store.js';
import { placeOf, type CaseRow } from './case-view.js';
import type { HubReporter } from './hub-status.js';
import { STATUS_NOTES, type LifecycleService } from './lifecycle.service.js';
import type { FeedItem, Notice, Notifier } from './notifier.js';
import type { Router, Routing } from './router.js';
import type { SlaService } from './sla.service.js';

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;
const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/** A message from the hub as the outbox hands it over. */
export interface HubMessage {
  payload: unknown;
  meta: { topic: string };
}

/**
 * Takes the hub's new cases: routes each, records `reported` and `dispatched`, starts its SLA
 * timers and notifies; and merged duplicates: counts them. A batch of messages goes in one
 * transaction with a few statements whatever its size, so routing keeps up with intake. Outbox
 * delivery is at least once, so a case seen before is left alone.
 */
export class IntakeService {
  constructor(
    private readonly db: Db,
    private readonly router: Router,
    private readonly sla: SlaService,
    private readonly notifier: Notifier,
    private readonly lifecycle: LifecycleService,
    private readonly toHub: HubReporter,
  ) {}

  async caseOpened(m: CaseOpened): Promise<void> {
    await this.take([{ payload: m, meta: { topic: CASE_OPENED } }]);
  }

  /** The outbox's batch handler. A case's growth always comes after its opening, so openings go first. */
  async take(messages: HubMessage[]): Promise<void> {
    const opened = messages.filter((m) => m.meta.topic === CASE_OPENED).map((m) => m.payload as CaseOpened);
    const grew = messages.filter((m) => m.meta.topic === CASE_GREW).map((m) => m.payload as CaseGrew);
    let feed: FeedItem[] = [];
    await withTransaction(this.db, async (tx) => {
      feed = [...(await this.open(tx, opened)), ...(await this.grow(tx, grew))];
    });
    this.notifier.publish(feed);
  }

  private async open(tx: Tx, messages: CaseOpened[]): Promise<FeedItem[]> {
    const byId = new Map(messages.map((m) => [m.caseId, m]));
    if (byId.size === 0) return [];
    for (const r of await tx.selectFrom('dispatch_case').select('case_id').where('case_id', 'in', [...byId.keys()]).execute()) byId.delete(r.case_id);
    if (byId.size === 0) return [];
    const now = this.lifecycle.now();
    const [tables, limitsOf] = await Promise.all([this.router.tables(tx), this.sla.table(tx)]);
    const plans = new Map<string, { m: CaseOpened; r: Routing; sender: Unit; slaId: number | null; row: JsonRow<'dispatch_case'> }>();
    const rows: JsonRow<'dispatch_case'>[] = [];
    for (const m of byId.values()) {
      const r = await this.router.route(tx, m, tables);
      const limits = limitsOf(m.category, m.severity);
      // Returns go back to whoever sent the case: the town's command centre, or the district's when the town itself handles it.
      const sender: Unit = r.place.townCode && r.unit.kind !== 'command_centre' && r.unit.kind !== 'district_centre' ? commandCentreOf(r.place.townCode) : { kind: 'district_centre', code: `C${m.districtCode}` };
      const acceptDue = addMinutes(now, limits.acceptMinutes);
      const row: JsonRow<'dispatch_case'> = {
        case_id: m.caseId, district_code: m.districtCode, category: m.category, severity: m.severity, title: m.title.slice(0, 200), source: m.source,
        lon: m.location.lon, lat: m.location.lat, address: m.location.address, town_code: r.place.townCode, village_code: r.place.villageCode, grid_code: r.place.gridCode,
        status: 'dispatched', unit_kind: r.unit.kind, unit_code: r.unit.code, unit_region: unitRegion(r.unit), assignee: r.assignee,
        dispatcher_kind: sender.kind, dispatcher_code: sender.code, escalated_kind: null, escalated_code: null,
        also_notify: r.alsoNotify, route_reasons: r.reasons, subjects: m.subjects ?? [],
        occurred_at: m.occurredAt, opened_at: m.openedAt, dispatched_at: now, accepted_at: null, resolved_at: null, closed_at: null,
        accept_due_at: acceptDue, resolve_due_at: addMinutes(now, limits.resolveMinutes), escalate_at: acceptDue,
      };
      rows.push(row);
      plans.set(m.caseId, { m, r, sender, slaId: limits.slaId, row });
    }
    const inserted = await store.insertCases(tx, rows);
    const transitions: JsonRow<'dispatch_transition'>[] = [];
    const notices: Notice[] = [];
    const statuses: Parameters<HubReporter>[0] = [];
    for (const id of inserted) {
      const { m, r, sender, slaId, row } = plans.get(id)!;
      const unit = { kind: r.unit.kind, code: r.unit.code };
      const place = placeOf(row as CaseRow);
      transitions.push(
        { case_id: m.caseId, action: 'report', from_status: null, to_status: 'reported', actor: `system:${m.source}`, at: m.openedAt, note: null, attachments: [], unit_kind: sender.kind, unit_code: sender.code, detail: { eventId: m.eventId } },
        { case_id: m.caseId, action: 'dispatch', from_status: 'reported', to_status: 'dispatched', actor: 'system:routing', at: now, note: null, attachments: [], unit_kind: unit.kind, unit_code: unit.code, detail: { ruleId: r.ruleId, reasons: r.reasons, assignee: r.assignee, alsoNotify: r.alsoNotify, slaId } },
      );
      const unitName = await this.router.unitName(unit, tx);
      const text = `【${SEVERITY_TEXT[m.severity]}】${m.title}：已派遣至${unitName}`;
      notices.push({ caseId: m.caseId, kind: 'dispatch', text, units: [unit], place, sms: true, assignee: r.assignee });
      // Units told "for information" get the feed item; a critical case also texts them.
      notices.push({ caseId: m.caseId, kind: 'notice', text, units: r.alsoNotify, place, sms: m.severity === 'critical', assignee: null });
      statuses.push({ caseId: m.caseId, status: 'open', statusNotes: STATUS_NOTES.dispatched, agencyResponsible: unitName, at: now });
    }
    await store.insertTransitions(tx, transitions);
    const feed = await this.notifier.recordMany(tx, notices);
    // In the same transaction, so Open311 shows the case dispatched exactly when it is; a case the hub does not know is not held back.
    await this.toHub(statuses, tx);
    return feed;
  }

  /** Duplicates merged into cases: count them, raise the severity if a new report is worse, and tell the handler once per case. */
  private async grow(tx: Tx, messages: CaseGrew[]): Promise<FeedItem[]> {
    const byCase = new Map<string, CaseGrew[]>();
    for (const m of messages) byCase.set(m.caseId, [...(byCase.get(m.caseId) ?? []), m]);
    if (byCase.size === 0) return [];
    // Locked in one order, so two batches (or a batch and a user's transition) cannot deadlock.
    const cases = await tx.selectFrom('dispatch_case').selectAll().where('case_id', 'in', [...byCase.keys()]).orderBy('case_id').forUpdate().execute();
    const updates: Array<{ case_id: string; event_count: number; severity: Severity }> = [];
    const notices: Notice[] = [];
    for (const c of cases) {
      let count = c.event_count;
      let severity = c.severity;
      for (const m of byCase.get(c.case_id)!) {
        if (m.count <= count) continue;
        count = m.count;
        if (SEVERITY_RANK[m.severity] > SEVERITY_RANK[severity]) severity = m.severity;
      }
      if (count === c.event_count) continue;
      updates.push({ case_id: c.case_id, event_count: count, severity });
      if (c.status === 'closed') continue;
      const text = `【${c.title}】同一事件再次上报，累计 ${count} 次${severity !== c.severity ? `，等级升为${SEVERITY_TEXT[severity]}` : ''}`;
      notices.push({ caseId: c.case_id, kind: 'grew', text, units: [{ kind: c.unit_kind, code: c.unit_code }], place: placeOf(c), sms: false, assignee: c.assignee });
    }
    await store.setEventCounts(tx, updates);
    return this.notifier.recordMany(tx, notices);
  }
}

const SEVERITY_TEXT = { low: '一般', medium: '较重', high: '严重', critical: '特别严重' } as const;
