import type { FieldType } from '../../ingest/contract.js';
import type { DatasetSpec } from '../../ingest/contract.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { withTransaction, type Db } from '../../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../../platform/errors.js';
import { compileModel, ModelCompileError, type DatasetInfo } from '../compile/model-sql.js';
import { builtinModels } from '../models/index.js';
import { parseModel, type ModelSpec } from './model-spec.js';
import type { SeverityDecider } from './severity.js';

export interface ModelSummary {
  id: string;
  domain: string;
  name: string;
  nameEn: string;
  version: number;
  enabled: boolean;
  builtin: boolean;
  hasDraft: boolean;
  datasets: string[];
  updatedBy: string;
  updatedAt: string;
}

/** Every registered dataset with its field types, as the compiler reads them. */
export async function datasetInfos(db: Db): Promise<Map<string, DatasetInfo>> {
  const rows = await db.selectFrom('dataset').select(['id', 'name', 'spec']).execute();
  return new Map(rows.map((r) => {
    const spec = r.spec as unknown as DatasetSpec;
    return [r.name, { id: Number(r.id), name: r.name, fields: new Map<string, FieldType>(spec.fields.map((f) => [f.name, f.type])) }];
  }));
}

/** Datasets a model reads, in order of first mention (sources and exists/notExists subqueries). */
export function datasetsOf(m: ModelSpec): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ('dataset' in v && typeof (v as { dataset: unknown }).dataset === 'string') out.add((v as { dataset: string }).dataset);
      Object.values(v).forEach(walk);
    }
  };
  walk([m.sources, m.where, m.exclusions]);
  return [...out];
}

/**
 * The models: built-ins seeded from src/supervision/models/, versions published from the editor.
 * A draft is validated (shape, dataset fields, severity table) before it is saved, so a published
 * version always compiles against the datasets it names.
 */
export class ModelService {
  constructor(private readonly db: Db, private readonly audit: AuditService, private readonly severity: SeverityDecider) {}

  /** Inserts built-in models the database lacks and upgrades those whose file version is newer. */
  async seedBuiltins(): Promise<{ added: number; upgraded: number }> {
    let added = 0;
    let upgraded = 0;
    for (const m of builtinModels()) {
      await withTransaction(this.db, async (tx) => {
        const row = await tx.selectFrom('supervision_model').select(['current_version']).where('id', '=', m.id).forUpdate().executeTakeFirst();
        if (row && row.current_version >= m.version) return;
        const taken = await tx.selectFrom('supervision_model_version').select('version').where('model_id', '=', m.id).where('version', '=', m.version).executeTakeFirst();
        if (taken) return;
        if (!row) {
          await tx.insertInto('supervision_model').values({ id: m.id, domain: m.domain, current_version: m.version, builtin: true, updated_by: 'system' }).execute();
          added++;
        } else {
          await tx.updateTable('supervision_model').set({ current_version: m.version, updated_by: 'system', updated_at: new Date() }).where('id', '=', m.id).execute();
          upgraded++;
        }
        await tx.insertInto('supervision_model_version').values({ model_id: m.id, version: m.version, spec: JSON.stringify(m), published_by: 'system' }).execute();
      });
    }
    return { added, upgraded };
  }

  async list(): Promise<ModelSummary[]> {
    const rows = await this.db
      .selectFrom('supervision_model as m')
      .leftJoin('supervision_model_version as v', (j) => j.onRef('v.model_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'))
      .select(['m.id', 'm.domain', 'm.current_version', 'm.enabled', 'm.builtin', 'm.draft', 'm.updated_by', 'm.updated_at', 'v.spec'])
      .orderBy('m.domain')
      .orderBy('m.id')
      .execute();
    return rows.map((r) => {
      // A model saved but never published is listed by its draft.
      const spec = (r.spec ?? r.draft) as ModelSpec;
      return {
        id: r.id, domain: r.domain, name: spec.name, nameEn: spec.nameEn, version: r.current_version, enabled: r.enabled, builtin: r.builtin,
        hasDraft: r.draft != null, datasets: datasetsOf(spec), updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }

  /** The published version (or `version`), the draft if any, and the version history. */
  async get(id: string, version?: number) {
    const m = await this.db.selectFrom('supervision_model').selectAll().where('id', '=', id).executeTakeFirst();
    if (!m) throw new NotFound(`没有模型 ${id} (no such model)`, 'model_not_found');
    const versions = await this.db.selectFrom('supervision_model_version').select(['version', 'spec', 'published_by', 'published_at']).where('model_id', '=', id).orderBy('version', 'desc').execute();
    const wanted = versions.find((v) => v.version === (version ?? m.current_version));
    const draft = (m.draft as ModelSpec | null) ?? null;
    if (!wanted && !(version == null && draft)) throw new NotFound(`模型 ${id} 没有版本 ${version} (no such version)`, 'version_not_found');
    return {
      id, enabled: m.enabled, builtin: m.builtin, currentVersion: m.current_version,
      spec: (wanted?.spec ?? draft) as ModelSpec,
      draft: (m.draft as ModelSpec | null) ?? null,
      versions: versions.map((v) => ({ version: v.version, publishedBy: v.published_by, publishedAt: new Date(v.published_at).toISOString() })),
    };
  }

  /** Published, enabled models (all, or the ids given; an unknown id is a 404). */
  async current(ids?: string[]): Promise<ModelSpec[]> {
    let q = this.db
      .selectFrom('supervision_model as m')
      .innerJoin('supervision_model_version as v', (j) => j.onRef('v.model_id', '=', 'm.id').onRef('v.version', '=', 'm.current_version'))
      .select(['m.id', 'v.spec', 'm.enabled']);
    if (ids?.length) q = q.where('m.id', 'in', ids);
    const rows = await q.orderBy('m.id').execute();
    for (const id of ids ?? []) if (!rows.some((r) => r.id === id)) throw new NotFound(`没有模型 ${id} (no such model)`, 'model_not_found');
    return rows.filter((r) => r.enabled || ids?.length).map((r) => r.spec as ModelSpec);
  }

  /** Checks a definition: its shape, that it compiles against the registered datasets, and its severity table. */
  async validate(input: unknown): Promise<ModelSpec> {
    let spec: ModelSpec;
    try {
      spec = parseModel(input);
    } catch (e) {
      throw new Invalid((e as Error).message, (e as { fields?: Record<string, string> }).fields);
    }
    try {
      compileModel({ model: spec, datasets: await datasetInfos(this.db), asOf: '2000-01-01' });
    } catch (e) {
      if (e instanceof ModelCompileError) throw new Invalid(e.message, { [e.path]: e.message });
      throw e;
    }
    try {
      await this.severity.validate(spec.severity);
    } catch (e) {
      throw new Invalid(`严重程度决策表有误 (severity table): ${(e as Error).message}`, { severity: (e as Error).message });
    }
    return spec;
  }

  /** Saves an edited definition as the draft of its id (a new id starts a new model). */
  async saveDraft(input: unknown, actor: Principal): Promise<ModelSpec> {
    const spec = await this.validate(input);
    await withTransaction(this.db, async (tx) => {
      const m = await tx.selectFrom('supervision_model').select(['current_version']).where('id', '=', spec.id).forUpdate().executeTakeFirst();
      const draft = { ...spec, version: (m?.current_version ?? 0) + 1 };
      if (!m) await tx.insertInto('supervision_model').values({ id: spec.id, domain: spec.domain, current_version: 0, draft: JSON.stringify(draft), enabled: false, updated_by: actor.name }).execute();
      else await tx.updateTable('supervision_model').set({ draft: JSON.stringify(draft), updated_by: actor.name, updated_at: new Date() }).where('id', '=', spec.id).execute();
      spec.version = draft.version;
    });
    await this.audit.record({ actor: actor.name, action: 'supervision.model.draft', target: `model:${spec.id}`, detail: { version: spec.version } });
    return spec;
  }

  /** Makes the draft the current version; earlier versions stay for the warnings that cite them. */
  async publish(id: string, actor: Principal): Promise<{ version: number }> {
    const version = await withTransaction(this.db, async (tx) => {
      const m = await tx.selectFrom('supervision_model').select(['draft', 'current_version']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!m) throw new NotFound(`没有模型 ${id} (no such model)`, 'model_not_found');
      if (!m.draft) throw new Conflict('没有待发布的草稿 (no draft to publish)', 'no_draft');
      const spec = m.draft as ModelSpec;
      const v = m.current_version + 1;
      await tx.insertInto('supervision_model_version').values({ model_id: id, version: v, spec: JSON.stringify({ ...spec, version: v }), published_by: actor.name }).execute();
      await tx.updateTable('supervision_model').set({ current_version: v, draft: null, enabled: true, domain: spec.domain, updated_by: actor.name, updated_at: new Date() }).where('id', '=', id).execute();
      return v;
    });
    await this.audit.record({ actor: actor.name, action: 'supervision.model.publish', target: `model:${id}`, detail: { version } });
    return { version };
  }

  async setEnabled(id: string, enabled: boolean, actor: Principal): Promise<void> {
    const r = await this.db.updateTable('supervision_model').set({ enabled, updated_by: actor.name, updated_at: new Date() }).where('id', '=', id).where('current_version', '>', 0).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFound(`没有已发布的模型 ${id} (no published model)`, 'model_not_found');
    await this.audit.record({ actor: actor.name, action: enabled ? 'supervision.model.enable' : 'supervision.model.disable', target: `model:${id}` });
  }
}
