import type { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { withTransaction, type Db, type Executor } from '../platform/db/transaction.js';
import { Invalid, NotFound } from '../platform/errors.js';
import type { RegionsService } from '../platform/regions/regions.service.js';
import { seedRules } from './default-rules.js';
import { ruleInput, type Rule, type RuleInput } from './routing-rules.js';

function toRule(r: { id: number; position: number; name: string; enabled: boolean; match: unknown; target: unknown; also_notify: unknown }): Rule {
  // Rows were validated on the way in; parsing again fills defaults added since.
  const body = ruleInput.parse({ name: r.name, enabled: r.enabled, match: r.match, target: r.target, alsoNotify: r.also_notify });
  return { id: r.id, position: r.position, ...body };
}

/** Routing rules, stored in the database and read on every routing decision, so edits apply at once. */
export class RulesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
  ) {}

  async list(db: Executor = this.db): Promise<Rule[]> {
    const rows = await db.selectFrom('dispatch_rule').selectAll().orderBy('position').orderBy('id').execute();
    return rows.map(toRule);
  }

  async create(actor: Principal, input: RuleInput, position?: number): Promise<Rule> {
    await this.checkDepartments(input);
    return withTransaction(this.db, async (tx) => {
      const max = await tx.selectFrom('dispatch_rule').select((eb) => eb.fn.max('position').as('m')).executeTakeFirst();
      const last = Number(max?.m ?? 0);
      const pos = position ?? last + 1;
      if (position !== undefined) await tx.updateTable('dispatch_rule').set((eb) => ({ position: eb('position', '+', 1) })).where('position', '>=', pos).execute();
      const row = await tx.insertInto('dispatch_rule').values(this.values(actor, input, pos)).returningAll().executeTakeFirstOrThrow();
      await this.audit.record({ actor: actor.name, action: 'dispatch.rule_created', target: `dispatch_rule:${row.id}`, detail: { name: input.name } }, tx);
      return toRule(row);
    });
  }

  async update(actor: Principal, id: number, input: RuleInput): Promise<Rule> {
    await this.checkDepartments(input);
    return withTransaction(this.db, async (tx) => {
      const { position: _p, ...values } = this.values(actor, input, 0);
      const row = await tx.updateTable('dispatch_rule').set(values).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw new NotFound(`规则 ${id} 不存在 (no such rule)`);
      await this.audit.record({ actor: actor.name, action: 'dispatch.rule_updated', target: `dispatch_rule:${id}`, detail: { name: input.name } }, tx);
      return toRule(row);
    });
  }

  async remove(actor: Principal, id: number): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const r = await tx.deleteFrom('dispatch_rule').where('id', '=', id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new NotFound(`规则 ${id} 不存在 (no such rule)`);
      await this.audit.record({ actor: actor.name, action: 'dispatch.rule_deleted', target: `dispatch_rule:${id}`, detail: {} }, tx);
    });
  }

  /** Sets the evaluation order: `ids` must name every rule exactly once. */
  async reorder(actor: Principal, ids: number[]): Promise<Rule[]> {
    return withTransaction(this.db, async (tx) => {
      const existing = (await tx.selectFrom('dispatch_rule').select('id').execute()).map((r) => r.id).sort((a, b) => a - b);
      const given = [...ids].sort((a, b) => a - b);
      if (existing.length !== given.length || existing.some((id, i) => id !== given[i])) {
        throw new Invalid('须列出全部规则且各一次 (ids must list every rule exactly once)', { ids: `expected ${existing.length} distinct rule ids` });
      }
      for (const [i, id] of ids.entries()) await tx.updateTable('dispatch_rule').set({ position: i + 1 }).where('id', '=', id).execute();
      await this.audit.record({ actor: actor.name, action: 'dispatch.rules_reordered', target: 'dispatch_rule', detail: { ids } }, tx);
      return this.list(tx);
    });
  }

  /** Seeds the default rules into an empty table. */
  async seedDefaults(): Promise<number> {
    const existing = await this.db.selectFrom('dispatch_rule').select('id').limit(1).executeTakeFirst();
    if (existing) return 0;
    const departments = new Map((await this.regions.orgs('department')).map((o) => [o.shortName, o.code]));
    const rules = seedRules(departments);
    await withTransaction(this.db, async (tx) => {
      for (const [i, r] of rules.entries()) await tx.insertInto('dispatch_rule').values(this.values(null, r, i + 1)).execute();
    });
    return rules.length;
  }

  private values(actor: Principal | null, input: RuleInput, position: number) {
    return {
      position,
      name: input.name,
      enabled: input.enabled,
      match: JSON.stringify(input.match),
      target: JSON.stringify(input.target),
      also_notify: JSON.stringify(input.alsoNotify),
      updated_by: actor?.name ?? 'system',
      updated_at: new Date(),
    };
  }

  private async checkDepartments(input: RuleInput): Promise<void> {
    const codes = [input.target, ...input.alsoNotify].flatMap((t) => (t.kind === 'department' ? [t.code] : []));
    if (codes.length === 0) return;
    const known = new Set((await this.regions.orgs('department')).map((o) => o.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) throw new Invalid(`未知部门 ${unknown.join(', ')} (no such department)`, { target: `unknown department ${unknown[0]}` });
  }
}
