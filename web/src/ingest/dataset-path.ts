export const DATASET_TABS = ['schema', 'quality', 'batches', 'rows', 'quarantine', 'lineage', 'access'] as const;
export type DatasetTab = (typeof DATASET_TABS)[number];

/**
 * Console link to a dataset page. The tab is always part of the path: the server only falls back
 * to index.html for paths that do not end like a file name, and `/datasets/shichang.enterprises`
 * does (".enterprises"), so a reload of that bare path would get a 404.
 */
export function datasetPath(name: string, tab: DatasetTab = 'schema'): string {
  return `/datasets/${encodeURIComponent(name)}/${tab}`;
}
