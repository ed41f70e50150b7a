import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { maskPhone, maskResidentId } from '../../platform/ids/index.js';
import { explainPair, linkTable, modelFromJson, modelToJson, parseLinkConfig, TableBuilder, type Explanation, type LinkConfig, type RecordTable } from '../linkage/index.js';
import type { LinkageRow } from '../records/record.store.js';
import type { UncertainPair } from './review.store.js';

/** Reviewers' decisions as record-id pairs; they override whatever the model says. */
export interface LinkDecisions {
  same: Array<[number, number]>;
  different: Array<[number, number]>;
}

export interface PersonLinkResult {
  /** Clusters of identity_record ids. */
  clusters: number[][];
  uncertain: UncertainPair[];
  /** The model trained here as JSON text, to reuse for incremental runs; null when a saved one was reused or there was nothing to train on. */
  model: string | null;
  report: Record<string, unknown>;
}

/** A record to link: as stored, or held since the sync with the ID number it was sealed from. */
export type PersonRow = LinkageRow & { id_plain?: string | null };

const COLUMNS = ['rid', 'name', 'birth_date', 'sex', 'id_number', 'phone', 'village_code', 'address'] as const;

/**
 * How person records are compared. Phone and village are hashes or codes, compared exactly and
 * without frequency tables (a frequency table of phone hashes would be useless and large).
 * Blocking: the ID number catches most pairs; name with birth date catches a missing or mistyped
 * ID; birth date with village catches a mistyped or homophone name.
 */
export const PERSON_LINK_CONFIG: LinkConfig = parseLinkConfig({
  id: 'rid',
  fields: [
    { column: 'name', type: 'chinese_name' },
    { column: 'birth_date', type: 'date' },
    { column: 'sex', type: 'exact', termFrequency: false },
    { column: 'id_number', type: 'id_number' },
    { column: 'phone', type: 'exact', termFrequency: false },
    { column: 'village_code', type: 'exact', termFrequency: false },
    { column: 'address', type: 'address' },
  ],
  blocking: [['id_number'], ['name', 'birth_date'], ['birth_date', 'village_code'], ['phone']],
  maxBlockSize: 500,
  threshold: 0.9,
});

const UNCERTAIN_LOW = 0.5;
const MAX_UNCERTAIN = 5000;

/**
 * The engine's table of person records: one row per identity record, the ID number decrypted.
 * Records with the same ID number have the same keyed hash (of the very text that was sealed), so
 * each number is decrypted once, not once per record: a person has about four records. Records
 * held since this run's sync carry the number they were sealed from (2.5 s of decryption at a
 * million records).
 */
export function personTable(rows: PersonRow[], cipher: PersonalDataCipher): RecordTable {
  // Values as stored (trimmed by the sync) and ids of identity_record's primary key or sequence.
  const b = new TableBuilder(COLUMNS, 'rid', { trusted: true });
  const plain = new Map<string, string>();
  for (const r of rows) {
    let id = '';
    if (r.id_plain) id = r.id_plain;
    else if (r.id_token) {
      const known = r.id_hash ? plain.get(r.id_hash) : undefined;
      id = known ?? cipher.decrypt(r.id_token);
      if (known === undefined && r.id_hash) plain.set(r.id_hash, id);
    }
    b.add([String(r.id), r.name ?? '', r.birth_date ?? '', r.sex ?? '', id, r.phone_hash ?? '', r.village_code ?? '', r.address ?? ''], 0, 'identity record');
  }
  return b.build();
}

/** Hides the digits an explanation would otherwise carry into the review queue. */
export function sealExplanation(e: Explanation): Explanation {
  return {
    ...e,
    fields: e.fields.map((f) =>
      f.column === 'id_number' ? { ...f, valueA: maskResidentId(f.valueA), valueB: maskResidentId(f.valueB) }
        : f.column === 'phone' ? { ...f, valueA: f.valueA ? '(hash)' : '', valueB: f.valueB ? '(hash)' : '' } : f),
  };
}

/**
 * Links person records with the Fellegi–Sunter engine: trains a model on them (or reuses a saved
 * one), clusters, then applies reviewers' decisions on top: a "same" pair joins its two clusters,
 * a "different" pair is never linked and, if clustering still put both together, the second record
 * is taken out.
 */
export function linkPersons(rows: PersonRow[], cipher: PersonalDataCipher, decisions: LinkDecisions, opts: { model?: string | null } = {}): PersonLinkResult {
  if (rows.length === 0) return { clusters: [], uncertain: [], model: null, report: { records: 0 } };
  const table = personTable(rows, cipher);
  const model = opts.model ? modelFromJson(opts.model) : undefined;
  const res = linkTable(table, PERSON_LINK_CONFIG, { model });
  const ids = rows.map((r) => Number(r.id));
  const reviewed = [...decisions.same, ...decisions.different];
  // Positions of the records reviewers decided on only: a map of every record cost half a second.
  const decidedIds = new Set(reviewed.flat());
  const index = new Map<number, number>();
  if (decidedIds.size) ids.forEach((id, i) => decidedIds.has(id) && index.set(id, i));

  // Clusters as record-id lists, then decisions applied with a small union-find over clusters.
  const parent = Array.from({ length: res.clustering.clusters }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const clusterOf = Int32Array.from(res.clustering.clusterOf);
  for (const [x, y] of decisions.same) {
    const i = index.get(x);
    const j = index.get(y);
    if (i !== undefined && j !== undefined) parent[find(clusterOf[i])] = find(clusterOf[j]);
  }
  let extra = res.clustering.clusters;
  for (const [x, y] of decisions.different) {
    const i = index.get(x);
    const j = index.get(y);
    if (i !== undefined && j !== undefined && find(clusterOf[i]) === find(clusterOf[j])) {
      parent.push(extra);
      clusterOf[j] = extra++;
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const c = find(clusterOf[i]);
    const g = groups.get(c);
    if (g) g.push(ids[i]);
    else groups.set(c, [ids[i]]);
  }

  // Pairs the model is unsure of, and strong links that clustering refused: people should look.
  const decided = new Set(reviewed.map(([x, y]) => `${Math.min(x, y)}:${Math.max(x, y)}`));
  const unsure: Array<{ i: number; j: number; p: number }> = [];
  for (let k = 0; k < res.pairs.count; k++) {
    const p = 1 / (1 + 2 ** -res.pairWeights[k]);
    if (p < UNCERTAIN_LOW) continue;
    const i = res.pairs.a[k];
    const j = res.pairs.b[k];
    const together = find(clusterOf[i]) === find(clusterOf[j]);
    if ((p < PERSON_LINK_CONFIG.threshold) || !together) {
      if (!decided.has(`${Math.min(ids[i], ids[j])}:${Math.max(ids[i], ids[j])}`)) unsure.push({ i, j, p });
    }
  }
  unsure.sort((x, y) => y.p - x.p);
  const uncertain = unsure.slice(0, MAX_UNCERTAIN).map(({ i, j, p }) => ({ a: ids[i], b: ids[j], probability: p, explanation: sealExplanation(explainPair(res.model, res.weights, res.prepared, i, j)) }));

  return {
    clusters: [...groups.values()],
    uncertain,
    // A reused model is already saved with the run that trained it; writing its megabytes again is waste.
    model: model ? null : modelToJson(res.model),
    report: { ...res.summary, uncertainFound: unsure.length },
  };
}
