import { apiGet } from '../api/client';
import { useRequest } from '../api/use-request';
import { useSession } from '../auth/session-context';
import type { DatasetDetail } from '../ingest/ingest-types';

// Contracts change rarely: each dataset's is read once per page load, whoever asks.
const contracts = new Map<string, Promise<Map<string, string>>>();
function columnsOf(dataset: string): Promise<Map<string, string>> {
  let p = contracts.get(dataset);
  if (!p) {
    p = apiGet<DatasetDetail>(`/api/datasets/${encodeURIComponent(dataset)}`).then(
      (d) => new Map(d.spec.fields.map((f) => [f.name, f.column])),
      () => {
        contracts.delete(dataset); // unknown or not allowed: fall back to field names, try again later
        return new Map<string, string>();
      },
    );
    contracts.set(dataset, p);
  }
  return p;
}

export interface DatasetColumns {
  (dataset: string | undefined, field: string): string;
  /** A field's place in its contract, to list fields in the department's column order. */
  rank: (dataset: string | undefined, field: string) => number;
}

/**
 * Column headers of the datasets' fields (`registered_capital_wan` → 注册资本(万元)), read from the
 * ingest contracts when the user may see them; the field name otherwise.
 */
export function useDatasetColumns(datasets: string[]): DatasetColumns {
  const { can } = useSession();
  const allowed = can('dataset.read');
  const key = [...new Set(datasets)].sort().join(',');
  const loaded = useRequest(async () => {
    if (!allowed || !key) return new Map<string, Map<string, string>>();
    const names = key.split(',');
    const maps = await Promise.all(names.map(columnsOf));
    return new Map(names.map((n, i) => [n, maps[i]]));
  }, [key, allowed]);
  const column = (dataset: string | undefined, field: string) => (dataset && loaded.data?.get(dataset)?.get(field)) || field;
  const rank = (dataset: string | undefined, field: string) => {
    const i = [...((dataset && loaded.data?.get(dataset)?.keys()) || [])].indexOf(field);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return Object.assign(column, { rank });
}
