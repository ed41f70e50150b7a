/**
 * The dataset contracts for the demo district's nine department files, one JSON file each (the
 * same files a bureau passes to `tianmu dataset create --spec FILE.json`). docs/datasets.md
 * describes them column by column.
 */
import { readFileSync } from 'node:fs';
import { datasetSpec, type DatasetSpec } from '../../ingest/contract.js';

/**
 * Registration order: the household registry first, because dibao members and health records
 * check their ID numbers against it (`ref`), and the enterprise register before the shareholders,
 * whose credit codes are checked against it.
 */
const FILES = [
  'gongan.household_registry',
  'shichang.enterprises',
  'shichang.shareholders',
  'renshe.social_insurance',
  'minzheng.dibao_members',
  'weijian.health_records',
  'minzheng.marriage_registrations',
  'fayuan.divorce_judgments',
  'danganguan.marriage_archive',
] as const;

let cached: DatasetSpec[] | undefined;

function load(): DatasetSpec[] {
  cached ??= FILES.map((dataset) => {
    const url = new URL(`./${dataset}.json`, import.meta.url);
    const parsed = datasetSpec.safeParse(JSON.parse(readFileSync(url, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'spec'}: ${i.message}`).join('; ');
      throw new Error(`demo dataset contract ${dataset}.json is invalid: ${problems}`);
    }
    if (parsed.data.name !== dataset) throw new Error(`demo dataset contract ${dataset}.json names itself ${parsed.data.name}`);
    return parsed.data;
  });
  return cached;
}

/** The demo contracts, parsed (defaults filled in), in dependency order. Each call returns fresh copies. */
export function demoDatasetSpecs(): DatasetSpec[] {
  return load().map((s) => structuredClone(s));
}

/** The contract for one demo dataset (`gongan.household_registry`); throws for a name without one. */
export function specFor(dataset: string): DatasetSpec {
  const spec = load().find((s) => s.name === dataset);
  if (!spec) throw new Error(`no demo dataset contract for ${dataset} (known: ${FILES.join(', ')})`);
  return structuredClone(spec);
}
