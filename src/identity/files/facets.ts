import type { Executor } from '../../platform/db/transaction.js';

/** One section of a person file that some module contributes (health, subsidies, warnings, events). */
export interface FacetEntry {
  key: string;
  /** i18n key the console shows as the heading. */
  label: string;
  items: Array<Record<string, unknown>>;
}

export interface FacetProvider {
  key: string;
  label: string;
  /** Entries about the entity; `records` are its active identity records (role, dataset, context). */
  load(db: Executor, entityId: string, records: ReadonlyArray<{ role: string; dataset: string; context: Record<string, unknown>; batch_id: number | string; row_id: number | string }>): Promise<FacetEntry['items']>;
}

/**
 * Facets are registered, not hard-wired, so that later modules (health, farmland, supervision,
 * dispatch) add their section to the file without the identity module knowing them.
 */
export class FacetRegistry {
  private readonly providers: FacetProvider[] = [];

  register(p: FacetProvider): void {
    if (this.providers.some((x) => x.key === p.key)) throw new Error(`facet ${p.key} registered twice`);
    this.providers.push(p);
  }

  async load(db: Executor, entityId: string, records: Parameters<FacetProvider['load']>[2]): Promise<FacetEntry[]> {
    const out: FacetEntry[] = [];
    for (const p of this.providers) {
      const items = await p.load(db, entityId, records);
      if (items.length) out.push({ key: p.key, label: p.label, items });
    }
    return out;
  }
}

/** What the identity module itself knows from the records: subsidies, health record, insurance. */
export function sourceFacet(key: string, label: string, role: string, fields: string[]): FacetProvider {
  return {
    key,
    label,
    async load(_db, _entityId, records) {
      return records
        .filter((r) => r.role === role)
        .map((r) => ({ ...Object.fromEntries(fields.filter((f) => r.context[f] != null).map((f) => [f, r.context[f]])), source: { dataset: r.dataset, batch: Number(r.batch_id), row: Number(r.row_id) } }));
    },
  };
}
