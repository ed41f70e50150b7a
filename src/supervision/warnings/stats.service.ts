import { sql } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { can, type Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/transaction.js';
import { Forbidden } from '../../platform/errors.js';

export const STAT_DIMENSIONS = ['domain', 'model', 'town', 'month'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

export interface StatRow {
  key: string | null;
  issued: number;
  dispatched: number;
  confirmed: number;
  falsePositive: number;
  /** confirmed / (confirmed + false positives); null until something is verified. */
  confirmedRate: number | null;
  recoveredYuan: number;
  ruleImprovements: number;
  open: number;
}

// Column expressions per dimension: fixed text chosen by an enum, never from the request.
const KEY: Record<StatDimension, string> = {
  domain: 'domain',
  model: 'model_id',
  town: 'town_code',
  month: "to_char(raised_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')",
};

/**
 * The figures the article reports (warnings issued, dispatched, confirmed, money recovered, rule
 * improvements) by domain, model, town or month. Aggregates name nobody, so they include warnings
 * about officials for every role allowed to see statistics.
 */
export class StatsService {
  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async by(dimension: StatDimension, actor: Principal, from?: string, to?: string): Promise<{ rows: StatRow[]; total: StatRow }> {
    if (!can(actor, 'supervision.stats')) throw new Forbidden('无权查看监督统计 (forbidden: supervision.stats)', 'forbidden', { permission: 'supervision.stats' });
    // Days are Shanghai days, as the month grouping is.
    const day = (d: string, plus = 0) => sql`((${d}::date + ${plus})::timestamp AT TIME ZONE 'Asia/Shanghai')`;
    const range = sql`${from ? sql`AND raised_at >= ${day(from)}` : sql``} ${to ? sql`AND raised_at < ${day(to, 1)}` : sql``}`;
    const scope = actor.scope.kind !== 'department' && actor.scope.code.length > 6 ? sql`AND left(coalesce(town_code, ''), ${actor.scope.code.length}) = ${actor.scope.code}` : sql``;
    const metrics = sql`
      count(*)::int AS issued,
      count(dispatched_at)::int AS dispatched,
      count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
      count(*) FILTER (WHERE status = 'false_positive')::int AS false_positive,
      coalesce(sum(recovered_yuan), 0)::float8 AS recovered,
      count(rule_improvement)::int AS rules,
      count(*) FILTER (WHERE status IN ('open','dispatched'))::int AS open`;
    const rows = await sql<Raw>`SELECT ${sql.raw(KEY[dimension])} AS key, ${metrics} FROM supervision_warning WHERE true ${range} ${scope} GROUP BY 1 ORDER BY 1`.execute(this.db);
    const total = await sql<Raw>`SELECT NULL AS key, ${metrics} FROM supervision_warning WHERE true ${range} ${scope}`.execute(this.db);
    await this.audit.record({ actor: actor.name, action: 'supervision.stats', target: 'supervision', detail: { dimension, from: from ?? null, to: to ?? null } });
    return { rows: rows.rows.map(shape), total: shape(total.rows[0]) };
  }
}

interface Raw {
  key: string | null;
  issued: number;
  dispatched: number;
  confirmed: number;
  false_positive: number;
  recovered: number;
  rules: number;
  open: number;
}

function shape(r: Raw): StatRow {
  const verified = r.confirmed + r.false_positive;
  return {
    key: r.key, issued: r.issued, dispatched: r.dispatched, confirmed: r.confirmed, falsePositive: r.false_positive,
    confirmedRate: verified ? Math.round((r.confirmed / verified) * 1000) / 1000 : null, recoveredYuan: Number(r.recovered), ruleImprovements: r.rules, open: r.open,
  };
}
