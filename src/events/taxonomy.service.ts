import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { SEVERITIES } from './event-messages.js';
import type { EventCategoryTable } from './tables.js';

export const categoryBody = z.strictObject({
  labelZh: z.string().trim().min(1).max(64),
  labelEn: z.string().trim().min(1).max(100),
  groupZh: z.string().trim().min(1).max(64),
  groupEn: z.string().trim().min(1).max(100),
  defaultSeverity: z.enum(SEVERITIES),
  dedupRadiusM: z.number().int().min(0).max(50_000),
  dedupWindowMinutes: z.number().int().min(0).max(525_600),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).default(0),
});
export const categoryCode = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits and _ . - (at most 64)');
export type CategoryBody = z.output<typeof categoryBody>;

export interface Category {
  code: string;
  labelZh: string;
  labelEn: string;
  groupZh: string;
  groupEn: string;
  defaultSeverity: EventCategoryTable['default_severity'];
  dedupRadiusM: number;
  dedupWindowMinutes: number;
  active: boolean;
  sort: number;
}

function toCategory(r: Selectable<EventCategoryTable>): Category {
  return { code: r.code, labelZh: r.label_zh, labelEn: r.label_en, groupZh: r.group_zh, groupEn: r.group_en, defaultSeverity: r.default_severity, dedupRadiusM: r.dedup_radius_m, dedupWindowMinutes: r.dedup_window_minutes, active: r.active, sort: r.sort };
}

// Intake looks a category up on every event; a few seconds of staleness across processes is fine
// for a table that admins change a few times a year, and this process sees its own changes at once.
const CACHE_MS = 10_000;

/** The category taxonomy: codes with Chinese and English labels and each category's merge rule. */
export class TaxonomyService {
  private cache: { at: number; byCode: Map<string, Category> } | null = null;
  private loading: Promise<Map<string, Category>> | null = null;
  private generation = 0;

  constructor(private readonly db: Db, private readonly audit: AuditService) {}

  async list(includeInactive = false): Promise<Category[]> {
    const all = [...(await this.load()).values()];
    return all.filter((c) => includeInactive || c.active);
  }

  async get(code: string, tx?: Executor): Promise<Category | null> {
    return (await this.load(tx)).get(code) ?? null;
  }

  /** An active category or a 400 naming the field; `tx` when called inside a transaction. */
  async require(code: string, tx?: Executor, field = 'category'): Promise<Category> {
    const c = await this.get(code, tx);
    if (!c || !c.active) throw new Invalid(`未知的事件类别 ${code} (unknown category)`, { [field]: 'unknown category' }, 'unknown_category');
    return c;
  }

  async create(code: string, body: CategoryBody, actor: Principal): Promise<Category> {
    const row = await this.db
      .insertInto('event_category')
      .values({ code, ...columns(body) })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new Conflict(`类别 ${code} 已存在 (category exists)`, 'category_exists');
    await this.changed(actor, 'event.category.create', code, body);
    return toCategory(row);
  }

  async update(code: string, body: CategoryBody, actor: Principal): Promise<Category> {
    const row = await this.db.updateTable('event_category').set({ ...columns(body), updated_at: new Date() }).where('code', '=', code).returningAll().executeTakeFirst();
    if (!row) throw new NotFound(`类别 ${code} 不存在 (no such category)`);
    await this.changed(actor, 'event.category.update', code, body);
    return toCategory(row);
  }

  /** Categories are deactivated, not deleted: past events and cases still name them. */
  async deactivate(code: string, actor: Principal): Promise<void> {
    const r = await this.db.updateTable('event_category').set({ active: false, updated_at: new Date() }).where('code', '=', code).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFound(`类别 ${code} 不存在 (no such category)`);
    await this.changed(actor, 'event.category.deactivate', code, {});
  }

  private async changed(actor: Principal, action: string, code: string, detail: object) {
    this.cache = null;
    this.loading = null;
    this.generation++;
    await this.audit.record({ actor: actor.name, action, target: `event_category:${code}`, outcome: 'allowed', detail: { ...detail } });
  }

  private async load(tx?: Executor): Promise<Map<string, Category>> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.byCode;
    // Intake's concurrent publishers all find the cache stale at once; outside a transaction they share one read.
    if (tx?.isTransaction) return this.read(tx);
    if (!this.loading) {
      const loading: Promise<Map<string, Category>> = this.read(this.db).finally(() => this.loading === loading && (this.loading = null));
      this.loading = loading;
    }
    return this.loading;
  }

  private async read(ex: Executor): Promise<Map<string, Category>> {
    const generation = this.generation;
    const rows = await ex.selectFrom('event_category').selectAll().orderBy('sort').orderBy('code').execute();
    const byCode = new Map(rows.map((r) => [r.code, toCategory(r)]));
    // A read that began before this process changed a category may hold the old row: it is not kept.
    if (generation === this.generation) this.cache = { at: Date.now(), byCode };
    return byCode;
  }
}

function columns(b: CategoryBody) {
  if (!b) throw new Invalid('缺少类别 (missing category)');
  return { label_zh: b.labelZh, label_en: b.labelEn, group_zh: b.groupZh, group_en: b.groupEn, default_severity: b.defaultSeverity, dedup_radius_m: b.dedupRadiusM, dedup_window_minutes: b.dedupWindowMinutes, active: b.active, sort: b.sort };
}
