import { sql, type SelectQueryBuilder } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { can, type Principal } from '../../platform/auth/principal.js';
import type { Database } from '../../platform/db/schema.js';
import { withTransaction, type Db } from '../../platform/db/transaction.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { maskName } from '../../platform/ids/mask.js';
import type { ModelService } from '../model/model.service.js';
import type { WarningAction, WarningStatus } from '../tables.js';
import type { WarningDispatcher } from './warning-dispatcher.js';

export interface WarningFilter {
  status?: WarningStatus;
  domain?: string;
  model?: string;
  severity?: string;
  town?: string;
  subject?: string;
  page?: number;
  pageSize?: number;
}

export interface Verification {
  outcome: 'confirmed' | 'false_positive';
  action?: WarningAction;
  recoveredYuan?: number;
  ruleImprovement?: string;
  note?: string;
}

type WarningQuery = SelectQueryBuilder<Database, 'supervision_warning', object>;

/**
 * Who may see which warning: inspectors see warnings in their scope; warnings whose subject is an
 * official only discipline inspectors. Applied in SQL, so a page never holds what its reader may not see.
 */
export function visibleTo<Q extends WarningQuery>(q: Q, actor: Principal): Q {
  if (!can(actor, 'supervision.read')) throw new Forbidden('无权查看监督预警 (forbidden: supervision.read)', 'forbidden', { permission: 'supervision.read' });
  let out = q;
  if (!can(actor, 'supervision.read_officials')) out = out.where('subject_official', '=', false) as Q;
  if (actor.scope.kind !== 'department' && actor.scope.code.length > 6) out = out.where(sql<boolean>`left(coalesce(town_code, ''), ${actor.scope.code.length}) = ${actor.scope.code}`) as Q;
  return out;
}

/** Reading, dispatching and verifying warnings; every read is audited with whose file it was. */
export class WarningService {
  constructor(private readonly db: Db, private readonly audit: AuditService, private readonly models: ModelService, private readonly dispatcher: WarningDispatcher) {}

  async list(f: WarningFilter, actor: Principal) {
    const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 200);
    const page = Math.max(f.page ?? 1, 1);
    let q = visibleTo(this.db.selectFrom('supervision_warning') as WarningQuery, actor);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.domain) q = q.where('domain', '=', f.domain);
    if (f.model) q = q.where('model_id', '=', f.model);
    if (f.severity) q = q.where('severity', '=', f.severity as 'red');
    if (f.town) q = q.where('town_code', '=', f.town);
    if (f.subject) q = q.where('subject_id', '=', f.subject);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select(['id', 'code', 'model_id', 'model_version', 'domain', 'subject_kind', 'subject_id', 'subject_name', 'subject_official', 'town_code', 'severity', 'status', 'case_id', 'raised_at', 'updated_at', 'recovered_yuan'])
      .orderBy(sql`CASE severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END`)
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    await this.audit.record({ actor: actor.name, action: 'supervision.warnings.list', target: 'supervision', detail: { filter: { ...f, subject: f.subject ? 'set' : undefined }, shown: rows.length } });
    return {
      total, page, pageSize,
      items: rows.map((r) => ({
        id: Number(r.id), code: r.code, model: r.model_id, version: r.model_version, domain: r.domain, subjectKind: r.subject_kind, subjectId: r.subject_id,
        subjectName: r.subject_kind === 'person' ? maskName(r.subject_name) : r.subject_name, official: r.subject_official, townCode: r.town_code,
        severity: r.severity, status: r.status, caseId: r.case_id, raisedAt: new Date(r.raised_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
        recoveredYuan: r.recovered_yuan == null ? null : Number(r.recovered_yuan),
      })),
    };
  }

  async get(id: number, actor: Principal) {
    const w = await visibleTo(this.db.selectFrom('supervision_warning') as WarningQuery, actor).selectAll().where('id', '=', id).executeTakeFirst();
    if (!w) {
      // The same answer for "no such warning" and "not yours to see", so ids reveal nothing.
      await this.audit.record({ actor: actor.name, action: 'supervision.warning.read', target: `warning:${id}`, outcome: 'denied' });
      throw new NotFound('没有该预警或无权查看 (no such warning)', 'warning_not_found');
    }
    const model = await this.models.get(w.model_id, w.model_version);
    const log = await this.db.selectFrom('supervision_warning_log').select(['kind', 'actor', 'run_id', 'detail', 'at']).where('warning_id', '=', id).orderBy('id').execute();
    const kase = w.case_id ? await this.db.selectFrom('dispatch_case').select(['status', 'unit_kind', 'unit_code', 'resolved_at', 'closed_at']).where('case_id', '=', w.case_id).executeTakeFirst() : undefined;
    await this.audit.record({ actor: actor.name, action: 'supervision.warning.read', target: `${w.subject_kind}:${w.subject_id}`, detail: { warning: w.code, model: w.model_id, official: w.subject_official } });
    return {
      id: Number(w.id), code: w.code, model: { id: w.model_id, version: w.model_version, name: model.spec.name, nameEn: model.spec.nameEn, legalBasis: model.spec.legalBasis, domain: model.spec.domain },
      subject: { kind: w.subject_kind, id: w.subject_id, name: w.subject_name, official: w.subject_official }, townCode: w.town_code, placeCode: w.place_code,
      severity: w.severity, status: w.status, facts: w.facts, raisedAt: new Date(w.raised_at).toISOString(), updatedAt: new Date(w.updated_at).toISOString(),
      case: w.case_id ? { id: w.case_id, status: kase?.status ?? null, unitKind: kase?.unit_kind ?? null, unitCode: kase?.unit_code ?? null } : null,
      verification: w.verified_at ? { action: w.action, recoveredYuan: w.recovered_yuan == null ? null : Number(w.recovered_yuan), ruleImprovement: w.rule_improvement, note: w.verify_note, by: w.verified_by, at: new Date(w.verified_at).toISOString() } : null,
      log: log.map((l) => ({ kind: l.kind, actor: l.actor, run: l.run_id, detail: l.detail, at: new Date(l.at).toISOString() })),
    };
  }

  /** Sends an open warning to dispatch by hand (severities below the model's auto-dispatch level). */
  async dispatch(id: number, actor: Principal): Promise<void> {
    if (!can(actor, 'supervision.dispatch')) throw new Forbidden('无权派发预警 (forbidden: supervision.dispatch)', 'forbidden', { permission: 'supervision.dispatch' });
    const w = await visibleTo(this.db.selectFrom('supervision_warning') as WarningQuery, actor).select(['model_id', 'model_version', 'status', 'code']).where('id', '=', id).executeTakeFirst();
    if (!w) throw new NotFound('没有该预警或无权查看 (no such warning)', 'warning_not_found');
    if (w.status !== 'open') throw new Conflict(`预警状态为 ${w.status}，只能派发待处置的预警 (only open warnings can be dispatched)`, 'not_open');
    const model = await this.models.get(w.model_id, w.model_version);
    if (!(await this.dispatcher.dispatch(id, actor.name, model.spec))) throw new Conflict('预警已被处理 (warning changed meanwhile)', 'not_open');
    await this.audit.record({ actor: actor.name, action: 'supervision.warning.dispatch', target: `warning:${w.code}` });
  }

  /** Records the outcome of verification: confirmed (with action, money recovered, rule improvement) or a false positive. */
  async verify(id: number, v: Verification, actor: Principal): Promise<void> {
    if (!can(actor, 'supervision.verify')) throw new Forbidden('无权登记核查结果 (forbidden: supervision.verify)', 'forbidden', { permission: 'supervision.verify' });
    if (v.outcome === 'false_positive' && (v.recoveredYuan || v.action === 'accountability')) throw new Invalid('误报不能登记追缴金额或问责 (a false positive recovers nothing)', { outcome: 'false_positive with money or accountability' });
    if (v.outcome === 'confirmed' && !v.action) throw new Invalid('请填写处理方式 (action is required when confirmed)', { action: 'required' });
    await withTransaction(this.db, async (tx) => {
      const w = await visibleTo(tx.selectFrom('supervision_warning') as WarningQuery, actor).select(['status', 'code']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!w) throw new NotFound('没有该预警或无权查看 (no such warning)', 'warning_not_found');
      if (w.status === 'cleared') throw new Conflict('数据已不再命中，预警已消除 (the warning was cleared)', 'cleared');
      await tx.updateTable('supervision_warning').set({
        status: v.outcome, action: v.outcome === 'confirmed' ? v.action ?? null : 'none', recovered_yuan: v.recoveredYuan ?? null, rule_improvement: v.ruleImprovement?.trim() || null,
        verify_note: v.note?.trim() || null, verified_by: actor.name, verified_at: new Date(), updated_at: new Date(),
      }).where('id', '=', id).execute();
      await tx.insertInto('supervision_warning_log').values({ warning_id: id, kind: 'verified', actor: actor.name, run_id: null, detail: JSON.stringify({ outcome: v.outcome, action: v.action ?? null, recoveredYuan: v.recoveredYuan ?? null, ruleImprovement: !!v.ruleImprovement }) }).execute();
      await this.audit.record({ actor: actor.name, action: 'supervision.warning.verify', target: `warning:${w.code}`, detail: { outcome: v.outcome } }, tx);
    });
  }
}
