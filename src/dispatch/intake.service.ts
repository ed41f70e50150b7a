import type { CaseGrew, CaseOpened } from '../events/event-messages.js';
import { withTransaction, type Db } from '../platform/db/transaction.js';
import { commandCentreOf, unitRegion, type Unit } from './case-model.js';
import * as store from './case.store.js';
import { placeOf } from './case-view.js';
import type { LifecycleService } from './lifecycle.service.js';
import type { FeedItem, Notifier } from './notifier.js';
import type { Router } from './router.js';
import type { SlaService } from './sla.service.js';

const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;
const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/**
 * Takes the hub's new cases: routes each, records `reported` and `dispatched`, starts its SLA
 * timers and notifies, all in one transaction. Outbox delivery is at least once, so a case seen
 * before is left alone.
 */
export class IntakeService {
  constructor(
    private readonly db: Db,
    private readonly router: Router,
    private readonly sla: SlaService,
    private readonly notifier: Notifier,
    private readonly lifecycle: LifecycleService,
  ) {}

  async caseOpened(m: CaseOpened): Promise<void> {
    const feed: FeedItem[] = [];
    await withTransaction(this.db, async (tx) => {
      if (await store.caseById(tx, m.caseId)) return;
      const now = this.lifecycle.now();
      const r = await this.router.route(tx, m);
      const limits = await this.sla.limitsFor(tx, m.category, m.severity);
      // Returns go back to whoever sent the case: the town's command centre, or the district's when the town itself handles it.
      const sender: Unit = r.place.townCode && r.unit.kind !== 'command_centre' && r.unit.kind !== 'district_centre' ? commandCentreOf(r.place.townCode) : { kind: 'district_centre', code: `C${m.districtCode}` };
      const acceptDue = addMinutes(now, limits.acceptMinutes);
      const c = await store.insertCase(tx, {
        case_id: m.caseId, district_code: m.districtCode, category: m.category, severity: m.severity, title: m.title.slice(0, 200), source: m.source,
        lon: m.location.lon, lat: m.location.lat, address: m.location.address, town_code: r.place.townCode, village_code: r.place.villageCode, grid_code: r.place.gridCode,
        status: 'dispatched', unit_kind: r.unit.kind, unit_code: r.unit.code, unit_region: unitRegion(r.unit), assignee: r.assignee,
        dispatcher_kind: sender.kind, dispatcher_code: sender.code, escalated_kind: null, escalated_code: null,
        also_notify: JSON.stringify(r.alsoNotify), route_reasons: JSON.stringify(r.reasons), subjects: JSON.stringify(m.subjects ?? []),
        occurred_at: m.occurredAt, opened_at: m.openedAt, dispatched_at: now, accepted_at: null, resolved_at: null, closed_at: null,
        accept_due_at: acceptDue, resolve_due_at: addMinutes(now, limits.resolveMinutes), escalate_at: acceptDue,
      });
      if (!c) return;
      const unit = { kind: r.unit.kind, code: r.unit.code };
      await store.insertTransition(tx, { case_id: m.caseId, action: 'report', from_status: null, to_status: 'reported', actor: `system:${m.source}`, at: m.openedAt, note: null, attachments: '[]', unit_kind: sender.kind, unit_code: sender.code, detail: JSON.stringify({ eventId: m.eventId }) });
      await store.insertTransition(tx, { case_id: m.caseId, action: 'dispatch', from_status: 'reported', to_status: 'dispatched', actor: 'system:routing', at: now, note: null, attachments: '[]', unit_kind: unit.kind, unit_code: unit.code, detail: JSON.stringify({ ruleId: r.ruleId, reasons: r.reasons, assignee: r.assignee, alsoNotify: r.alsoNotify, slaId: limits.slaId }) });
      const name = await this.router.unitName(unit, tx);
      const text = `【${SEVERITY_TEXT[m.severity]}】${m.title}：已派遣至${name}`;
      feed.push(...(await this.notifier.record(tx, { caseId: m.caseId, kind: 'dispatch', text, units: [unit], place: placeOf(c), sms: true, assignee: r.assignee })));
      // Units told "for information" get the feed item; a critical case also texts them.
      feed.push(...(await this.notifier.record(tx, { caseId: m.caseId, kind: 'notice', text, units: r.alsoNotify, place: placeOf(c), sms: m.severity === 'critical', assignee: null })));
      await this.lifecycle.reportStatus(tx, c);
    });
    this.notifier.publish(feed);
  }

  /** A duplicate merged into the case: count it, raise the severity if the new report is worse, and tell the handler. */
  async caseGrew(m: CaseGrew): Promise<void> {
    const feed: FeedItem[] = [];
    await withTransaction(this.db, async (tx) => {
      const c = await store.caseById(tx, m.caseId, true);
      if (!c || m.count <= c.event_count) return;
      const severity = SEVERITY_RANK[m.severity] > SEVERITY_RANK[c.severity] ? m.severity : c.severity;
      const updated = await tx.updateTable('dispatch_case').set({ event_count: m.count, severity, updated_at: new Date() }).where('case_id', '=', m.caseId).returningAll().executeTakeFirstOrThrow();
      if (c.status === 'closed') return;
      const text = `【${c.title}】同一事件再次上报，累计 ${m.count} 次${severity !== c.severity ? `，等级升为${SEVERITY_TEXT[severity]}` : ''}`;
      feed.push(...(await this.notifier.record(tx, { caseId: c.case_id, kind: 'grew', text, units: [{ kind: c.unit_kind, code: c.unit_code }], place: placeOf(updated), sms: false, assignee: c.assignee })));
    });
    this.notifier.publish(feed);
  }
}

const SEVERITY_TEXT = { low: '一般', medium: '较重', high: '严重', critical: '特别严重' } as const;
