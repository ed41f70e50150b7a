import { sql, type Selectable } from 'kysely';
import type { IngestBatchTable } from './tables.js';
import type { Principal } from '../platform/auth/principal.js';
import { can } from '../platform/auth/principal.js';
import type { Platform } from '../platform/platform.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { rowAccess } from './access.js';
import type { CatalogService } from './catalog.service.js';
import { SEALED_TYPES, type DatasetSpec } from './contract.js';
import { isoOrNull } from '../platform/db/column-types.js';
import { rejectRaw } from './pipeline/reject-raw.js';

const iso = isoOrNull;

type BatchRow = Selectable<IngestBatchTable>;

/** A batch as the API shows it (camelCase, ISO times). */
export function batchView(b: BatchRow) {
  return {
    id: Number(b.id),
    datasetId: b.dataset_id,
    status: b.status,
    source: b.source,
    fileName: b.file_name,
    fileSha256: b.file_sha256,
    format: b.format,
    encoding: b.encoding,
    datasetVersion: b.dataset_version,
    read: b.read, accepted: b.accepted, rejected: b.rejected, flagged: b.flagged,
    inserted: b.inserted, changed: b.changed, unchanged: b.unchanged, deleted: b.deleted,
    rejectedByReason: b.rejected_by_reason,
    flagsByKind: b.flags_by_kind,
    fieldStats: b.field_stats,
    qualityScore: b.quality_score,
    hold: b.hold,
    error: b.error,
    jobId: b.job_id,
    createdBy: b.created_by,
    startedAt: iso(b.started_at),
    finishedAt: iso(b.finished_at),
    publishedAt: iso(b.published_at),
  };
}

/** What the dataset page shows: schema, quality over batches, rows (masked), quarantine, lineage. */
export class DatasetViewService {
  private readonly consumers = new Map<string, Array<{ module: string; purpose: string }>>();

  constructor(
    private readonly p: Platform,
    private readonly catalog: CatalogService,
  ) {}

  /** Modules declare which datasets they read, for the lineage view. */
  registerConsumer(dataset: string, module: string, purpose: string): void {
    this.consumers.set(dataset, [...(this.consumers.get(dataset) ?? []), { module, purpose }]);
  }

  async detail(name: string, actor: Principal) {
    if (!can(actor, 'dataset.read')) throw new Forbidden('无权查看数据集 (forbidden: dataset.read)', 'forbidden', { permission: 'dataset.read' });
    const d = await this.catalog.get(name);
    const batches = await this.p.db.selectFrom('ingest_batch').selectAll().where('dataset_id', '=', d.id).orderBy('id', 'desc').limit(100).execute();
    const dept = await this.p.db.selectFrom('org_unit').select(['name', 'short_name']).where('code', '=', d.department_code).executeTakeFirst();
    return {
      name: d.name,
      title: d.title,
      description: d.description,
      department: dept?.short_name ?? d.department_code,
      departmentName: dept?.name ?? null,
      mode: d.mode,
      level: d.level,
      version: d.version,
      spec: d.spec,
      batches: batches.map(batchView),
      qualityTrend: batches
        .filter((b) => b.quality_score != null)
        .reverse()
        .map((b) => ({ batch: Number(b.id), at: iso(b.finished_at ?? b.started_at), score: b.quality_score, status: b.status })),
      consumers: this.consumers.get(d.name) ?? [],
    };
  }

  async batch(id: number, actor: Principal) {
    if (!can(actor, 'dataset.read')) throw new Forbidden('无权查看数据集 (forbidden: dataset.read)', 'forbidden', { permission: 'dataset.read' });
    const b = await this.p.db.selectFrom('ingest_batch as b').innerJoin('dataset as d', 'd.id', 'b.dataset_id').selectAll('b').select('d.name as dataset').where('b.id', '=', id).executeTakeFirst();
    if (!b) throw new NotFound('批次不存在 (no such batch)');
    return { ...batchView(b), dataset: b.dataset };
  }

  async rows(name: string, actor: Principal, page: number, pageSize: number, ip: string | null) {
    const d = await this.catalog.get(name);
    const access = await rowAccess(this.p.db, actor, d);
    const [rows, total] = await Promise.all([
      this.p.db
        .selectFrom('ingest_row as r')
        .innerJoin('ingest_batch as b', 'b.id', 'r.batch_id')
        .select(['r.id', 'r.data', 'r.masked', 'r.flags', 'r.line', 'r.batch_id', 'r.valid_from', 'b.file_name'])
        .where('r.dataset_id', '=', d.id)
        .where('r.valid_to', 'is', null)
        .orderBy('r.id')
        .offset((page - 1) * pageSize)
        .limit(pageSize)
        .execute(),
      this.p.db.selectFrom('ingest_row').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset_id', '=', d.id).where('valid_to', 'is', null).executeTakeFirstOrThrow(),
    ]);
    await this.p.audit.record({ actor: actor.name, action: 'dataset.read_rows', target: `dataset:${d.name}`, ip, detail: { page, pageSize, rows: rows.length, via: access.via } });
    return {
      fields: access.fields.map((f) => ({ name: f.name, column: f.column, type: f.type })),
      total: Number(total.n),
      items: rows.map((r) => ({
        id: Number(r.id),
        values: Object.fromEntries(access.fields.map((f) => [f.name, access.show(f, r.data[f.name], r.masked[f.name])])),
        flags: r.flags,
        lineage: { batch: Number(r.batch_id), file: r.file_name, line: r.line, validFrom: iso(r.valid_from) },
      })),
    };
  }

  /** Every version of one row's key, with the batch, file and line each came from. */
  async history(name: string, rowId: number, actor: Principal, ip: string | null) {
    const d = await this.catalog.get(name);
    const access = await rowAccess(this.p.db, actor, d);
    const row = await this.p.db.selectFrom('ingest_row').select('key_hash').where('id', '=', rowId).where('dataset_id', '=', d.id).executeTakeFirst();
    if (!row) throw new NotFound('行不存在 (no such row)');
    const versions = await this.p.db
      .selectFrom('ingest_row as r')
      .innerJoin('ingest_batch as b', 'b.id', 'r.batch_id')
      .select(['r.id', 'r.data', 'r.masked', 'r.original', 'r.line', 'r.batch_id', 'r.valid_from', 'r.valid_to', 'r.deleted_by_batch', 'b.file_name', 'b.file_sha256'])
      .where('r.dataset_id', '=', d.id)
      // Spelled as current-or-retired so each arm matches one of the two partial indexes on the key.
      .where((eb) =>
        eb.or([
          eb.and([eb('r.valid_to', 'is', null), eb('r.key_hash', '=', row.key_hash)]),
          eb.and([eb('r.valid_to', 'is not', null), eb('r.key_hash', '=', row.key_hash)]),
        ]),
      )
      .orderBy('r.valid_from')
      .execute();
    await this.p.audit.record({ actor: actor.name, action: 'dataset.read_history', target: `dataset:${d.name}:row:${rowId}`, ip });
    return versions.map((v) => ({
      id: Number(v.id),
      values: Object.fromEntries(access.fields.map((f) => [f.name, access.show(f, v.data[f.name], v.masked[f.name])])),
      original: access.via === 'steward' || access.via === 'owner' ? v.original : null,
      lineage: { batch: Number(v.batch_id), file: v.file_name, fileSha256: v.file_sha256, line: v.line },
      validFrom: iso(v.valid_from),
      validTo: iso(v.valid_to),
      deletedByBatch: v.deleted_by_batch == null ? null : Number(v.deleted_by_batch),
    }));
  }

  /** One sealed value whole: needs `personal.reveal`, row access and a purpose; audited. */
  async reveal(name: string, rowId: number, field: string, purpose: string, actor: Principal, ip: string | null) {
    if (!purpose.trim()) throw new Invalid('请说明查看用途 (purpose required)', { purpose: 'required' });
    if (!can(actor, 'personal.reveal')) throw new Forbidden('无权查看完整个人信息 (forbidden: personal.reveal)', 'forbidden', { permission: 'personal.reveal' });
    const d = await this.catalog.get(name);
    const access = await rowAccess(this.p.db, actor, d);
    const f = access.fields.find((x) => x.name === field);
    if (!f || !SEALED_TYPES.has(f.type)) throw new Invalid('该字段不可揭示 (not a sealed field you can see)', { field: 'unknown or not sealed' });
    const row = await this.p.db.selectFrom('ingest_row').select('sealed').where('id', '=', rowId).where('dataset_id', '=', d.id).executeTakeFirst();
    if (!row) throw new NotFound('行不存在 (no such row)');
    await this.p.audit.record({ actor: actor.name, action: 'personal.reveal', target: `dataset:${d.name}:row:${rowId}`, ip, detail: { field, purpose: purpose.slice(0, 200) } });
    const sealed = row.sealed ? (JSON.parse(this.p.cipher.decrypt(row.sealed)) as { v: Record<string, string> }) : null;
    return { value: sealed?.v[field] ?? null };
  }

  async rejects(name: string, actor: Principal, filter: { batch?: number; status?: string }, page: number, pageSize: number) {
    const d = await this.catalog.get(name);
    await rowAccess(this.p.db, actor, d);
    let q = this.p.db.selectFrom('ingest_reject').where('dataset_id', '=', d.id);
    if (filter.batch) q = q.where('batch_id', '=', filter.batch);
    if (filter.status) q = q.where('status', '=', filter.status as 'open');
    const [items, total, byReason] = await Promise.all([
      q.select(['id', 'batch_id', 'line', 'reason', 'detail', 'status', 'resolved_batch_id']).orderBy('batch_id', 'desc').orderBy('line').offset((page - 1) * pageSize).limit(pageSize).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      q.select(['reason', sql<number>`count(*)`.as('n')]).groupBy('reason').execute(),
    ]);
    return {
      total: Number(total.n),
      byReason: Object.fromEntries(byReason.map((r) => [r.reason, Number(r.n)])),
      items: items.map((r) => ({ id: Number(r.id), batch: Number(r.batch_id), line: r.line, reason: r.reason, detail: r.detail, status: r.status, resolvedBatch: r.resolved_batch_id == null ? null : Number(r.resolved_batch_id) })),
    };
  }

  /**
   * The quarantine as rows for a CSV: `_batch,_line,_reason,_detail` then the contract's columns,
   * decrypted. Needs `quarantine.export`; audited as an export.
   */
  async *exportRejects(name: string, actor: Principal, batch: number | undefined, ip: string | null): AsyncGenerator<string[]> {
    if (!can(actor, 'quarantine.export')) throw new Forbidden('无权导出隔离数据 (forbidden: quarantine.export)', 'forbidden', { permission: 'quarantine.export' });
    const d = await this.catalog.get(name);
    await rowAccess(this.p.db, actor, d);
    const spec = d.spec as unknown as DatasetSpec;
    const columns = spec.fields.map((f) => f.column);
    await this.p.audit.record({ actor: actor.name, action: 'export.quarantine', target: `dataset:${d.name}`, ip, detail: { batch: batch ?? null } });
    yield ['_batch', '_line', '_reason', '_detail', ...columns, '_raw'];
    let after = 0;
    for (;;) {
      let q = this.p.db.selectFrom('ingest_reject').select(['id', 'batch_id', 'line', 'reason', 'detail', 'raw_sealed', 'row_data', 'row_sealed', 'row_original']).where('dataset_id', '=', d.id).where('status', '=', 'open').where('id', '>', after);
      if (batch) q = q.where('batch_id', '=', batch);
      const page = await q.orderBy('id').limit(2000).execute();
      if (page.length === 0) return;
      for (const r of page) {
        const raw = rejectRaw(spec, this.p.cipher, r);
        yield [String(r.batch_id), String(r.line), r.reason, r.detail, ...columns.map((c) => raw[c] ?? ''), raw._raw ?? ''];
      }
      after = Number(page[page.length - 1].id);
    }
  }
}
