import { z } from 'zod';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { withTransaction, type Db, type Executor } from '../platform/db/transaction.js';
import { Conflict, NotFound } from '../platform/errors.js';
import { SEVERITIES } from '../events/event-messages.js';
import { DEFAULT_SLAS } from './default-rules.js';

export const slaInput = z.object({
  category: z.string().min(1).max(64).regex(/^(\*|[\p{L}\p{N}_.\-]+)$/u, "a category code, or '*' for any"),
  severity: z.enum(['*', ...SEVERITIES]),
  acceptMinutes: z.number().int().min(1).max(60 * 24 * 30),
  resolveMinutes: z.number().int().min(1).max(60 * 24 * 365),
});
export type SlaInput = z.infer<typeof slaInput>;
export interface Sla extends SlaInput {
  id: number;
}

export interface Limits {
  acceptMinutes: number;
  resolveMinutes: number;
  slaId: number | null;
}

/** When no row matches at all (every seeded '*' row deleted): a day to accept, a week to resolve. */
const LAST_RESORT = { acceptMinutes: 24 * 60, resolveMinutes: 7 * 24 * 60 };

function view(r: { id: number; category: string; severity: string; accept_minutes: number; resolve_minutes: number }): Sla {
  return { id: r.id, category: r.category, severity: r.severity as Sla['severity'], acceptMinutes: r.accept_minutes, resolveMinutes: r.resolve_minutes };
}

/** Time limits for accepting and resolving a case, per category and severity. */
export class SlaService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Sla[]> {
    return (await this.db.selectFrom('dispatch_sla').selectAll().orderBy('category').orderBy('severity').execute()).map(view);
  }

  async limitsFor(db: Executor, category: string, severity: string): Promise<Limits> {
    return (await this.table(db))(category, severity);
  }

  /**
   * Every limit as it is now, as a lookup: the most specific limits for a category and severity
   * (category and severity, then category, then severity, then neither). For a batch of cases, one read.
   */
  async table(db: Executor): Promise<(category: string, severity: string) => Limits> {
    const rows = await db.selectFrom('dispatch_sla').selectAll().execute();
    const score = (r: { category: string; severity: string }) => (r.category !== '*' ? 2 : 0) + (r.severity !== '*' ? 1 : 0);
    rows.sort((a, b) => score(b) - score(a));
    return (category, severity) => {
      const best = rows.find((r) => (r.category === category || r.category === '*') && (r.severity === severity || r.severity === '*'));
      return best ? { acceptMinutes: best.accept_minutes, resolveMinutes: best.resolve_minutes, slaId: best.id } : { ...LAST_RESORT, slaId: null };
    };
  }

  async create(actor: Principal, input: SlaInput): Promise<Sla> {
    return withTransaction(this.db, async (tx) => {
      const row = await tx
        .insertInto('dispatch_sla')
        .values({ category: input.category, severity: input.severity, accept_minutes: input.acceptMinutes, resolve_minutes: input.resolveMinutes, updated_by: actor.name })
        .onConflict((oc) => oc.constraint('dispatch_sla_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new Conflict(`已有 ${input.category}/${input.severity} 的时限 (a limit for this category and severity exists)`, 'duplicate');
      await this.audit.record({ actor: actor.name, action: 'dispatch.sla_created', target: `dispatch_sla:${row.id}`, detail: { ...input } }, tx);
      return view(row);
    });
  }

  async update(actor: Principal, id: number, input: SlaInput): Promise<Sla> {
    return withTransaction(this.db, async (tx) => {
      const clash = await tx.selectFrom('dispatch_sla').select('id').where('category', '=', input.category).where('severity', '=', input.severity).where('id', '!=', id).executeTakeFirst();
      if (clash) throw new Conflict(`已有 ${input.category}/${input.severity} 的时限 (a limit for this category and severity exists)`, 'duplicate');
      const row = await tx
        .updateTable('dispatch_sla')
        .set({ category: input.category, severity: input.severity, accept_minutes: input.acceptMinutes, resolve_minutes: input.resolveMinutes, updated_by: actor.name, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new NotFound(`时限 ${id} 不存在 (no such SLA)`);
      await this.audit.record({ actor: actor.name, action: 'dispatch.sla_updated', target: `dispatch_sla:${id}`, detail: { ...input } }, tx);
      return view(row);
    });
  }

  async remove(actor: Principal, id: number): Promise<void> {
    await withTransaction(this.db, async (tx) => {
      const r = await tx.deleteFrom('dispatch_sla').where('id', '=', id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new NotFound(`时限 ${id} 不存在 (no such SLA)`);
      await this.audit.record({ actor: actor.name, action: 'dispatch.sla_deleted', target: `dispatch_sla:${id}`, detail: {} }, tx);
    });
  }

  async seedDefaults(): Promise<void> {
    const rows = DEFAULT_SLAS.map((s) => ({ category: s.category, severity: s.severity, accept_minutes: s.accept, resolve_minutes: s.resolve, updated_by: 'system' }));
    await this.db.insertInto('dispatch_sla').values(rows).onConflict((oc) => oc.constraint('dispatch_sla_key').doNothing()).execute();
  }
}
