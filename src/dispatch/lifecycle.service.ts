import type { CaseStatusUpdate } from '../events/event-messages.js';
import type { Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/principal.js';
import type { Outbox } from '../platform/bus/outbox.js';
import { withTransaction, type Db, type Executor } from '../platform/db/transaction.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { actsAs, canSee } from './access.js';
import { ACTION_RULES, commandCentreOf, higher, hubStatus, nextLevel, nextStatus, unitRegion, type Action, type Actor, type Unit } from './case-model.js';
import * as store from './case.store.js';
import { placeOf, type CaseRow } from './case-view.js';
import type { FeedItem, Notifier } from './notifier.js';
import type { Router } from './router.js';
import type { SlaService } from './sla.service.js';
import type { DispatchCaseTable } from './tables.js';
import type { Updateable } from 'kysely';

export const HUB_STATUS_TOPIC = 'dispatch.case_status';

export interface TransitionInput {
  action: Action;
  expectedVersion: number;
  note?: string | null;
  attachments?: string[];
  /** For `dispatch`: the unit to send the case to; without it the routing rules decide again. */
  unit?: Unit;
  /** When it happens (the scanner's clock); defaults to now. */
  at?: Date;
}

/** Who acts: a signed-in principal, or dispatch itself (`system:sla`, `system:routing`). */
export type ActingAs = { principal: Principal } | { system: string };

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

/** The unit a dispatcher acts for: the district centre, or a town's command centre. */
function unitOfPrincipal(p: Principal, c: CaseRow): Unit {
  if (p.scope.kind === 'town') return commandCentreOf(p.scope.code);
  if (p.scope.kind === 'department') return { kind: 'department', code: p.scope.code };
  return { kind: 'district_centre', code: `C${c.district_code}` };
}

/** The case state machine: checks who may do what, applies it under optimistic concurrency, records and notifies. */
export class LifecycleService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly router: Router,
    private readonly sla: SlaService,
    private readonly notifier: Notifier,
    readonly now: () => Date = () => new Date(),
    /** Tells the hub a transition cited these files, so whoever sees the case may read them. */
    private readonly cite: (tx: Executor, caseId: string, sha256s: readonly string[]) => Promise<void> = async () => undefined,
  ) {}

  /** The role a caller would act in for `action` on a case, or why they may not. */
  check(who: ActingAs, c: CaseRow, action: Action): { ok: true; as: Actor } | { ok: false; error: Forbidden } {
    const rule = ACTION_RULES[action];
    const target = `dispatch_case:${c.case_id}`;
    if ('system' in who) return rule.by.includes('system') ? { ok: true, as: 'system' } : { ok: false, error: new Forbidden('系统不能执行此操作 (system may not)', 'forbidden', { target }) };
    const p = who.principal;
    if (!can(p, rule.permission)) return { ok: false, error: new Forbidden(`无权限：${rule.permission} (forbidden: missing permission ${rule.permission})`, 'forbidden', { permission: rule.permission, target, action }) };
    const as = rule.by.find((r) => r !== 'system' && actsAs(p, placeOf(c), r));
    if (!as) return { ok: false, error: new Forbidden('不是本单位的案件 (forbidden: the case is not your unit’s)', 'not_your_case', { target, action, unit: c.unit_code }) };
    return { ok: true, as };
  }

  /** The actions a principal could take on a case now (for the console's buttons). */
  allowedActions(p: Principal, c: CaseRow): Action[] {
    return (Object.keys(ACTION_RULES) as Action[]).filter((a) => nextStatus(a, c.status) !== null && this.check({ principal: p }, c, a).ok);
  }

  async transition(who: ActingAs, caseId: string, input: TransitionInput): Promise<CaseRow> {
    const feed: FeedItem[] = [];
    const row = await withTransaction(this.db, async (tx) => {
      // The row lock makes a second concurrent request wait, then see the new version and get 409.
      const c = await store.caseById(tx, caseId, true);
      if (!c) throw new NotFound(`案件 ${caseId} 不存在 (no such case)`);
      if ('principal' in who && !canSee(who.principal, placeOf(c))) {
        throw new Forbidden('超出数据权限范围 (forbidden: outside your scope)', 'out_of_scope', { target: `dispatch_case:${caseId}`, action: input.action });
      }
      const allowed = this.check(who, c, input.action);
      if (!allowed.ok) throw allowed.error;
      if (c.version !== input.expectedVersion) throw new Conflict(`案件已被他人更新，当前版本 ${c.version} (version conflict: the case is at version ${c.version})`, 'version_conflict');
      const to = nextStatus(input.action, c.status);
      if (!to) throw new Conflict(`状态 ${c.status} 不能执行 ${input.action} (cannot ${input.action} a ${c.status} case)`, 'invalid_transition');
      const note = input.note?.trim() || null;
      if (ACTION_RULES[input.action].noteRequired && !note) throw new Invalid('须填写说明 (a note is required)', { note: `required for ${input.action}` });
      return this.apply(tx, who, c, input, note, feed);
    });
    this.notifier.publish(feed);
    return row;
  }

  private async apply(tx: Executor, who: ActingAs, c: CaseRow, input: TransitionInput, note: string | null, feed: FeedItem[]): Promise<CaseRow> {
    const now = input.at ?? this.now();
    const actor = 'system' in who ? who.system : who.principal.name;
    const limits = await this.sla.limitsFor(tx, c.category, c.severity);
    const patch: Updateable<DispatchCaseTable> = { status: nextStatus(input.action, c.status)! };
    const detail: Record<string, unknown> = {};
    let notify: Unit[] = [{ kind: c.unit_kind, code: c.unit_code }];
    let sms = false;
    const timers = () => ({ dispatched_at: now, accepted_at: null, accept_due_at: addMinutes(now, limits.acceptMinutes), resolve_due_at: addMinutes(now, limits.resolveMinutes), escalate_at: addMinutes(now, limits.acceptMinutes) });
    const moveTo = async (u: Unit) => {
      const assignee = u.kind === 'grid' ? await this.router.gridWorker(tx, u.code) : null;
      Object.assign(patch, { unit_kind: u.kind, unit_code: u.code, unit_region: unitRegion(u), assignee });
      notify = [u];
      detail.unit = u;
      if (assignee) detail.assignee = assignee;
    };

    switch (input.action) {
      case 'dispatch': {
        let unit = input.unit;
        if (!unit) {
          const r = await this.router.route(tx, { category: c.category, severity: c.severity, districtCode: c.district_code, location: { lon: c.lon, lat: c.lat, regionCode: c.village_code ?? c.town_code, gridCode: c.grid_code, address: c.address } });
          unit = r.unit;
          detail.reasons = r.reasons;
          patch.route_reasons = JSON.stringify(r.reasons);
        } else {
          patch.route_reasons = JSON.stringify([...c.route_reasons, `${actor} 改派至 ${unit.code} (re-routed by hand)`]);
        }
        if (!(await this.router.unitExists(unit, c.district_code, tx))) throw new Invalid(`无此单位 ${unit.kind}:${unit.code} (no such unit in the district)`, { unit: 'unknown unit' });
        if (c.status === 'returned') {
          const back = await tx.selectFrom('dispatch_transition').select('detail').where('case_id', '=', c.case_id).where('action', '=', 'return').orderBy('id', 'desc').limit(1).executeTakeFirst();
          const returnedBy = (back?.detail as { returnedBy?: Unit } | undefined)?.returnedBy;
          if (returnedBy?.code === unit.code) throw new Invalid('不能派回退回的单位 (cannot dispatch back to the unit that returned it)', { unit: 'same as the returning unit' });
        }
        await moveTo(unit);
        const sender = 'principal' in who ? unitOfPrincipal(who.principal, c) : { kind: c.dispatcher_kind, code: c.dispatcher_code };
        Object.assign(patch, timers(), { dispatcher_kind: sender.kind, dispatcher_code: sender.code });
        sms = true;
        break;
      }
      case 'accept':
        patch.accepted_at = now;
        patch.escalate_at = c.resolve_due_at;
        if ('principal' in who && who.principal.role === 'grid_worker') patch.assignee = who.principal.name;
        break;
      case 'start':
        break;
      case 'resolve':
        Object.assign(patch, { resolved_at: now, escalate_at: null });
        notify.push({ kind: c.dispatcher_kind, code: c.dispatcher_code });
        break;
      case 'return': {
        const back: Unit = { kind: c.dispatcher_kind, code: c.dispatcher_code };
        Object.assign(patch, { unit_kind: back.kind, unit_code: back.code, unit_region: unitRegion(back), assignee: null, escalate_at: addMinutes(now, limits.acceptMinutes) });
        detail.returnedBy = { kind: c.unit_kind, code: c.unit_code };
        notify = [back];
        sms = true;
        break;
      }
      case 'escalate': {
        const current: Unit = { kind: c.unit_kind, code: c.unit_code };
        const supervising = c.escalated_kind && c.escalated_code ? { kind: c.escalated_kind, code: c.escalated_code } : null;
        const next = nextLevel(higher(current, supervising), c.district_code);
        if (!next) {
          if ('system' in who) return this.stopTimer(tx, c);
          throw new Conflict('已在最高一级 (already at the top of the ladder)', 'top_of_ladder');
        }
        detail.reason = 'system' in who ? (c.status === 'dispatched' || c.status === 'returned' ? 'accept_overdue' : 'resolve_overdue') : 'by_hand';
        detail.from = current;
        patch.escalations = c.escalations + 1;
        if (c.status === 'dispatched' || c.status === 'returned') {
          // Nobody took it in time: the next level up must accept it, with a fresh accept window.
          await moveTo(next);
          patch.escalate_at = addMinutes(now, limits.acceptMinutes);
          const sender = nextLevel(next, c.district_code) ?? next;
          Object.assign(patch, { dispatcher_kind: sender.kind, dispatcher_code: sender.code });
        } else {
          // Someone is working on it: the handler keeps it and the next level supervises, re-checked after another resolve period.
          Object.assign(patch, { escalated_kind: next.kind, escalated_code: next.code, escalate_at: addMinutes(now, limits.resolveMinutes) });
          notify = [current, next];
          detail.supervisor = next;
        }
        sms = true;
        break;
      }
      case 'verify':
        patch.escalate_at = null;
        break;
      case 'close':
        Object.assign(patch, { closed_at: now, escalate_at: null });
        break;
      case 'reopen':
        Object.assign(patch, timers(), { resolved_at: null, closed_at: null });
        if (c.unit_kind === 'grid' && c.assignee) patch.assignee = c.assignee;
        sms = true;
        break;
    }
    const updated = await store.updateCase(tx, c.case_id, c.version, patch);
    if (!updated) throw new Conflict('案件已被他人更新 (version conflict)', 'version_conflict');
    if (input.attachments?.length) await this.cite(tx, c.case_id, input.attachments);
    await store.insertTransition(tx, {
      case_id: c.case_id, action: input.action, from_status: c.status, to_status: updated.status, actor, at: now, note,
      attachments: JSON.stringify(input.attachments ?? []), unit_kind: updated.unit_kind, unit_code: updated.unit_code, detail: JSON.stringify(detail),
    });
    const unitName = await this.router.unitName({ kind: updated.unit_kind, code: updated.unit_code }, tx);
    feed.push(...(await this.notifier.record(tx, { caseId: c.case_id, kind: input.action, text: `【${c.title}】${ACTION_TEXT[input.action]}：${unitName}${note ? `（${note}）` : ''}`, units: notify, place: placeOf(updated), sms, assignee: updated.assignee })));
    if (['dispatch', 'resolve', 'close', 'reopen', 'return'].includes(input.action)) await this.reportStatus(tx, updated);
    return updated;
  }

  /**
   * Tells the hub (Open311) the case's status, through the outbox so it survives a crash. The
   * message names only the case: its delivery reports the case's state at that moment, so a retried
   * older message cannot overwrite a newer status.
   */
  async reportStatus(tx: Executor, c: CaseRow): Promise<void> {
    await this.outbox.add(tx, HUB_STATUS_TOPIC, { caseId: c.case_id });
  }

  /** The hub's view of cases now: open or closed, the latest note, the unit responsible. Unknown ids are left out. */
  async hubUpdates(caseIds: string[]): Promise<Array<{ caseId: string } & CaseStatusUpdate>> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) return [];
    const [cases, last] = await Promise.all([this.db.selectFrom('dispatch_case').selectAll().where('case_id', 'in', ids).execute(), store.lastTransitions(this.db, ids)]);
    const lastOf = new Map(last.map((t) => [t.case_id, t]));
    const out: Array<{ caseId: string } & CaseStatusUpdate> = [];
    for (const c of cases) {
      const t = lastOf.get(c.case_id);
      const agencyResponsible = await this.router.unitName({ kind: c.unit_kind, code: c.unit_code });
      out.push({ caseId: c.case_id, status: hubStatus(c.status), statusNotes: t?.note ?? STATUS_NOTES[c.status], agencyResponsible, at: new Date(t?.at ?? c.updated_at) });
    }
    return out;
  }

  /** At the top of the ladder there is no one left to escalate to: the timer stops, the case stays overdue. */
  private async stopTimer(tx: Executor, c: CaseRow): Promise<CaseRow> {
    await tx.updateTable('dispatch_case').set({ escalate_at: null }).where('case_id', '=', c.case_id).execute();
    return { ...c, escalate_at: null };
  }
}

const ACTION_TEXT: Record<Action, string> = {
  dispatch: '已派遣', accept: '已签收', start: '处置中', resolve: '已办结待核查', return: '已退回', escalate: '超时升级', verify: '已核查', close: '已结案', reopen: '已重新派遣',
};

export const STATUS_NOTES: Record<CaseRow['status'], string> = {
  reported: '已受理', dispatched: '已派遣处置', accepted: '已签收', in_progress: '处置中', resolved: '已处置，待核查', verified: '已核查', closed: '已办结', returned: '退回重新派遣',
};
