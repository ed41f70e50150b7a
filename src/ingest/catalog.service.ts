import type { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { canonicalJson } from '../platform/audit/audit-chain.js';
import type { Db } from '../platform/db/transaction.js';
import { withTransaction } from '../platform/db/transaction.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { datasetSpec, type DatasetSpec } from './contract.js';
import { findDatasetByName, listDatasets } from './dataset.store.js';

export type DatasetRow = NonNullable<Awaited<ReturnType<typeof findDatasetByName>>>;

function freshness(cycleDays: number | undefined, last: Date | string | null, now: number): boolean | null {
  if (!cycleDays) return null;
  if (!last) return true;
  return now - new Date(last).getTime() > cycleDays * 86_400_000;
}

/** Turns zod's issues into the `fields` of an Invalid error: path → message. */
export function specProblems(input: unknown): Record<string, string> | null {
  const r = datasetSpec.safeParse(input);
  if (r.success) return null;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[i.path.join('.') || 'spec'] = i.message;
  return fields;
}

/** The dataset catalog: contracts, their owners and versions. */
export class CatalogService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers a dataset from its contract, or updates it: a changed contract gets the next version,
   * and each batch records the version it was ingested under.
   */
  async register(input: unknown, actor: Principal | null): Promise<{ dataset: DatasetRow; created: boolean; changed: boolean }> {
    const problems = specProblems(input);
    if (problems) throw new Invalid('数据集契约不合法 (invalid dataset contract)', problems);
    const spec = datasetSpec.parse(input);
    const department = await this.db
      .selectFrom('org_unit')
      .select(['code', 'district_code'])
      .where('kind', '=', 'department')
      .where((eb) => eb.or([eb('short_name', '=', spec.department), eb('code', '=', spec.department), eb('name', '=', spec.department)]))
      .executeTakeFirst();
    if (!department) throw new Invalid(`未知部门 ${spec.department} (unknown department)`, { department: 'not a registered department (short name, full name or code)' });
    if (actor && actor.scope.kind === 'department' && actor.scope.code !== department.code) {
      throw new Forbidden('只能登记本部门的数据集 (only your own department’s datasets)', 'out_of_scope', { target: `dataset:${spec.name}` });
    }
    const result = await withTransaction(this.db, async (tx) => {
      const existing = await findDatasetByName(tx, spec.name);
      const specJson = JSON.stringify(spec);
      if (!existing) {
        const row = await tx
          .insertInto('dataset')
          .values({ name: spec.name, department_code: department.code, title: spec.title, description: spec.description ?? null, mode: spec.mode, level: spec.level, spec: specJson, district_code: department.district_code, created_by: actor?.name ?? 'system' })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { dataset: row, created: true, changed: true };
      }
      if (canonicalJson(existing.spec) === canonicalJson(JSON.parse(specJson))) return { dataset: existing, created: false, changed: false };
      const row = await tx
        .updateTable('dataset')
        .set({ department_code: department.code, title: spec.title, description: spec.description ?? null, mode: spec.mode, level: spec.level, spec: specJson, version: existing.version + 1, updated_at: new Date() })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { dataset: row, created: false, changed: true };
    });
    if (result.changed) {
      await this.audit.record({ actor: actor?.name ?? 'system', action: result.created ? 'dataset.create' : 'dataset.update', target: `dataset:${spec.name}`, detail: { version: result.dataset.version, level: spec.level } });
    }
    return result;
  }

  async get(name: string): Promise<DatasetRow & { specParsed: DatasetSpec }> {
    const d = /^[a-z][a-z0-9_.]{0,127}$/.test(name) ? await findDatasetByName(this.db, name) : undefined;
    if (!d) throw new NotFound(`数据集 ${name.slice(0, 80)} 不存在 (no such dataset)`);
    return { ...d, specParsed: d.spec as unknown as DatasetSpec };
  }

  async list(departmentCode: string | null) {
    const rows = await listDatasets(this.db, departmentCode);
    const now = Date.now();
    return rows.map((r) => {
      const spec = r.spec as unknown as DatasetSpec;
      return {
      id: r.id,
      name: r.name,
      title: r.title,
      mode: r.mode,
      level: r.level,
      version: r.version,
      department: r.department,
      departmentCode: r.department_code,
      rows: Number(r.rows ?? 0),
      qualityScore: r.quality_score == null ? null : Number(r.quality_score),
      openRejects: Number(r.open_rejects ?? 0),
      // Held batches wait for a reviewer; until then the dataset stays as it was.
      heldBatches: Number(r.held_batches ?? 0),
      lastPublishedAt: r.last_published_at ? new Date(r.last_published_at).toISOString() : null,
      updateCycleDays: spec.updateCycleDays ?? null,
      qualityThreshold: spec.qualityThreshold ?? 0.9,
      // Freshness: the last published batch is older than the department's expected update cycle.
      stale: freshness(spec.updateCycleDays, r.last_published_at, now),
      };
    });
  }
}
