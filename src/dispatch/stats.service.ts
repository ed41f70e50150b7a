import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../platform/auth/principal.js';
import type { Db } from '../platform/db/transaction.js';
import { visibleFilter } from './access.js';

export const statsQuery = z.object({
  groupBy: z.enum(['category', 'town', 'unit', 'day', 'week', 'month']).default('category'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  category: z.string().max(64).optional(),
  town: z.string().regex(/^\d{9}$/).optional(),
  unit: z.string().max(32).optional(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

export interface StatsRow {
  key: string;
  cases: number;
  open: number;
  closed: number;
  overdue: number;
  accepted: number;
  acceptedOnTime: number;
  onTimeAcceptanceRate: number | null;
  closedOnTime: number;
  onTimeClosureRate: number | null;
  medianHandlingMinutes: number | null;
}

/** Days, weeks and months are counted in Asia/Shanghai, where the console's readers are. */
const BUCKET = {
  category: sql<string>`category`,
  town: sql<string>`coalesce(town_code, '')`,
  unit: sql<string>`unit_code`,
  day: sql<string>`to_char(date_trunc('day', opened_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`,
  week: sql<string>`to_char(date_trunc('week', opened_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`,
  month: sql<string>`to_char(date_trunc('month', opened_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM')`,
} as const;

const rate = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(4)) : null);

/** Figures of the closed loop for the console: counts, on-time rates and median handling time, grouped, within the caller's scope. */
export class StatsService {
  constructor(private readonly db: Db) {}

  async stats(p: Principal, q: StatsQuery, now: Date = new Date()) {
    const key = BUCKET[q.groupBy];
    let query = this.db.selectFrom('dispatch_case').where(visibleFilter(p));
    if (q.from) query = query.where('opened_at', '>=', new Date(q.from));
    if (q.to) query = query.where('opened_at', '<', new Date(q.to));
    if (q.category) query = query.where('category', '=', q.category);
    if (q.town) query = query.where('town_code', '=', q.town);
    if (q.unit) query = query.where('unit_code', '=', q.unit);
    if (q.severity) query = query.where('severity', '=', q.severity);
    const overdue = sql<SqlBool>`((status = 'dispatched' AND accept_due_at < ${now}) OR (status IN ('accepted','in_progress') AND resolve_due_at < ${now}))`;
    const rows = await query
      .select([
        key.as('key'),
        sql<string>`count(*)`.as('cases'),
        sql<string>`count(*) FILTER (WHERE status <> 'closed')`.as('open'),
        sql<string>`count(*) FILTER (WHERE status = 'closed')`.as('closed'),
        sql<string>`count(*) FILTER (WHERE ${overdue})`.as('overdue'),
        sql<string>`count(accepted_at)`.as('accepted'),
        sql<string>`count(*) FILTER (WHERE accepted_at <= accept_due_at)`.as('accepted_on_time'),
        sql<string>`count(*) FILTER (WHERE status = 'closed' AND resolved_at <= resolve_due_at)`.as('closed_on_time'),
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at) / 60) FILTER (WHERE closed_at IS NOT NULL)`.as('median_minutes'),
      ])
      .groupBy(key)
      .orderBy(key)
      .execute();
    const items: StatsRow[] = rows.map((r) => {
      const n = (v: string) => Number(v);
      return {
        key: r.key,
        cases: n(r.cases),
        open: n(r.open),
        closed: n(r.closed),
        overdue: n(r.overdue),
        accepted: n(r.accepted),
        acceptedOnTime: n(r.accepted_on_time),
        onTimeAcceptanceRate: rate(n(r.accepted_on_time), n(r.accepted)),
        closedOnTime: n(r.closed_on_time),
        onTimeClosureRate: rate(n(r.closed_on_time), n(r.closed)),
        medianHandlingMinutes: r.median_minutes == null ? null : Number(Number(r.median_minutes).toFixed(1)),
      };
    });
    const sum = (f: keyof StatsRow) => items.reduce((s, i) => s + (i[f] as number), 0);
    const totals = { cases: sum('cases'), open: sum('open'), closed: sum('closed'), overdue: sum('overdue'), accepted: sum('accepted'), acceptedOnTime: sum('acceptedOnTime'), closedOnTime: sum('closedOnTime') };
    return { groupBy: q.groupBy, items, totals: { ...totals, onTimeAcceptanceRate: rate(totals.acceptedOnTime, totals.accepted), onTimeClosureRate: rate(totals.closedOnTime, totals.closed) } };
  }
}
