/**
 * The dataset contracts for the demo district's department files, one JSON file each (the same
 * files a bureau passes to `tianmu dataset create --spec FILE.json`): the nine of the person and
 * marriage files (docs/datasets.md) and the twelve of the supervision module
 * (docs/supervision-datasets.md), column by column.
 */
import { readFileSync } from 'node:fs';
import { datasetSpec, type DatasetSpec } from '../../ingest/contract.js';

/**
 * Registration order: the household registry first, because dibao members and health records
 * check their ID numbers against it (`ref`), and the enterprise register before the shareholders,
 * whose credit codes are checked against it. Of the supervision files, the officials come first
 * (payments, contracts, custody and approvals check their approvers and holders against them) and
 * the travel documents before their custody.
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
  'zuzhi.officials',
  'gongan.deaths',
  'guotu.real_estate',
  'gongan.vehicles',
  'zhujian.rental_leases',
  'minzheng.subsidy_payments',
  'caizheng.contracts',
  'caizheng.bids',
  'gongan.travel_documents',
  'zuzhi.document_custody',
  'zuzhi.exit_approvals',
  'gongan.border_crossings',
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
