import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../../platform/auth/principal.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import type { JobContext } from '../../platform/jobs/job-runner.js';
import type { Platform } from '../../platform/platform.js';
import type { CatalogService } from '../catalog.service.js';
import type { IngestService } from '../ingest.service.js';
import type { BatchSummary } from '../pipeline/batch-runner.js';
import { pullPostgres } from './pull-postgres.js';
import { isoOrNull } from '../../platform/db/column-types.js';

export const PULL_JOB = 'ingest.pull';

export interface NewSource {
  name: string;
  dataset: string;
  url: string;
  query: string;
  everyMinutes: number;
}

const iso = isoOrNull;

/**
 * Scheduled pulls from departments' PostgreSQL databases. A due source becomes an `ingest.pull`
 * job; the job pulls into a file and ingests it as a batch like any upload.
 */
export class SourcesService {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly p: Platform,
    private readonly catalog: CatalogService,
    private readonly ingest: IngestService,
  ) {
    p.jobs.register<{ sourceId: number }, Record<string, unknown>, BatchSummary>(PULL_JOB, (ctx) => this.runJob(ctx));
  }

  async create(input: NewSource, actor: Principal) {
    const fields: Record<string, string> = {};
    if (!/^[\w.\-]{1,64}$/.test(input.name)) fields.name = '1–64 位字母、数字或 . _ - (1-64 letters, digits, . _ -)';
    if (!/^postgres(ql)?:\/\//.test(input.url)) fields.url = '应以 postgres:// 开头 (postgres://…)';
    // The query runs in a read-only transaction and inside a cursor, so it must be one SELECT.
    const q = input.query.trim().replace(/;\s*$/, '');
    if (!/^(select|with)\b/i.test(q) || q.includes(';')) fields.query = '只能是一条 SELECT（或 WITH … SELECT）语句 (one SELECT (or WITH … SELECT) statement)';
    if (!Number.isInteger(input.everyMinutes) || input.everyMinutes < 5 || input.everyMinutes > 60 * 24 * 31) fields.everyMinutes = '5 到 44640 分钟 (5 to 44640 minutes)';
    if (Object.keys(fields).length) throw new Invalid('数据源配置不合法 (invalid source)', fields);
    const d = await this.catalog.get(input.dataset);
    this.ingest.assertCanIngest(actor, d);
    if (await this.p.db.selectFrom('ingest_source').select('id').where('name', '=', input.name).executeTakeFirst()) throw new Conflict('数据源名称已存在 (name taken)');
    const row = await this.p.db
      .insertInto('ingest_source')
      .values({ dataset_id: d.id, name: input.name, kind: 'postgres', url_sealed: this.p.cipher.encrypt(input.url), query: q, every_minutes: input.everyMinutes, created_by: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.p.audit.record({ actor: actor.name, action: 'source.create', target: `dataset:${d.name}`, detail: { source: input.name, everyMinutes: input.everyMinutes } });
    return { id: row.id };
  }

  /** The sources of the datasets `actor` may ingest into: a department's own, or all district-wide. */
  async list(actor: Principal) {
    if (actor.scope.kind !== 'department' && actor.scope.kind !== 'district') return [];
    let q = this.p.db
      .selectFrom('ingest_source as s')
      .innerJoin('dataset as d', 'd.id', 's.dataset_id')
      .leftJoin('ingest_batch as b', 'b.id', 's.last_batch_id')
      .selectAll('s')
      .select(['d.name as dataset', 'b.status as last_batch_status']);
    if (actor.scope.kind === 'department') q = q.where('d.department_code', '=', actor.scope.code);
    const rows = await q.orderBy('s.id').execute();
    return rows.map((s) => ({
      id: s.id, name: s.name, dataset: s.dataset, kind: s.kind, query: s.query, everyMinutes: s.every_minutes, enabled: s.enabled,
      nextRunAt: iso(s.next_run_at), lastRunAt: iso(s.last_run_at), lastBatchId: s.last_batch_id == null ? null : Number(s.last_batch_id),
      // A pull that ran but is held for review (quality, or a snapshot deleting too much) has no error.
      lastBatchStatus: s.last_batch_status ?? null, lastError: s.last_error,
    }));
  }

  /** Queues a pull now, for whoever may ingest into the source's dataset (as creating it requires). */
  async runNow(id: number, actor: Principal) {
    const s = await this.writable(id, actor);
    return this.p.jobs.enqueue(PULL_JOB, `拉取 ${s.name}`, { sourceId: id }, actor.name);
  }

  /**
   * Pauses or resumes a source's schedule (a department database being moved, a query being
   * rewritten); a paused source can still be pulled by hand. Resuming schedules the next run from now.
   */
  async setEnabled(id: number, enabled: boolean, actor: Principal) {
    const s = await this.writable(id, actor);
    await this.p.db
      .updateTable('ingest_source')
      .set({ enabled, ...(enabled ? { next_run_at: sql<Date>`now() + make_interval(mins => every_minutes)` } : {}) })
      .where('id', '=', id)
      .execute();
    await this.p.audit.record({ actor: actor.name, action: enabled ? 'source.enable' : 'source.disable', target: `source:${s.name}` });
  }

  /** The source, if `actor` may ingest into its dataset. */
  private async writable(id: number, actor: Principal) {
    const s = await this.p.db.selectFrom('ingest_source').select(['id', 'name', 'dataset_id']).where('id', '=', id).executeTakeFirst();
    if (!s) throw new NotFound('数据源不存在 (no such source)');
    const d = await this.p.db.selectFrom('dataset').selectAll().where('id', '=', s.dataset_id).executeTakeFirstOrThrow();
    this.ingest.assertCanIngest(actor, d);
    return s;
  }

  /** Checks every minute for due sources; taking a due source moves its next run forward first. */
  startScheduler(intervalMs = 60_000): void {
    const tick = async () => {
      const due = await sql<{ id: number; name: string }>`
        UPDATE ingest_source SET next_run_at = now() + make_interval(mins => every_minutes)
        WHERE enabled AND next_run_at <= now() RETURNING id, name`.execute(this.p.db);
      for (const s of due.rows) await this.p.jobs.enqueue(PULL_JOB, `定时拉取 ${s.name}`, { sourceId: s.id }, 'scheduler');
    };
    const loop = () => {
      void tick().catch((e) => this.p.log.warn(`source scheduler: ${(e as Error).message}`));
      this.timer = setTimeout(loop, intervalMs).unref();
    };
    this.timer = setTimeout(loop, 1000).unref();
  }

  stopScheduler(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async runJob(ctx: JobContext<{ sourceId: number }>): Promise<BatchSummary> {
    const s = await this.p.db.selectFrom('ingest_source as s').innerJoin('dataset as d', 'd.id', 's.dataset_id').selectAll('s').select('d.name as dataset').where('s.id', '=', ctx.params.sourceId).executeTakeFirst();
    if (!s) throw Object.assign(new Error('source was removed'), { permanent: true });
    const dir = join(this.p.config.dataDir, 'uploads');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, `${randomUUID()}-${s.name}.ndjson`);
    try {
      await ctx.progress(0, null, 'pulling');
      await pullPostgres(this.p.cipher.decrypt(s.url_sealed), s.query, file);
      const actor: Principal = { kind: 'user', id: 'scheduler', name: `source:${s.name}`, displayName: s.name, role: 'admin', scope: { kind: 'district', code: '330112' } };
      const summary = await this.ingest.runNow(s.dataset, { path: file, fileName: `${s.name}.ndjson`, format: 'ndjson' }, actor, 'pull', (d, t) => ctx.progress(d, t));
      await this.p.db.updateTable('ingest_source').set({ last_run_at: new Date(), last_batch_id: summary.batch, last_error: null }).where('id', '=', s.id).execute();
      return summary;
    } catch (err) {
      await this.p.db.updateTable('ingest_source').set({ last_run_at: new Date(), last_error: (err as Error).message.slice(0, 1000) }).where('id', '=', s.id).execute();
      // A query the source refuses (syntax, a write in a read-only transaction, bad data) fails the
      // same way on every retry; a lost connection may not.
      const code = (err as { code?: string }).code ?? '';
      if (/^(42|25|0A|22|28)/.test(code)) throw Object.assign(err as Error, { permanent: true });
      throw err;
    }
  }
}
