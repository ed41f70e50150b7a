import type { GoldenValue } from '../tables.js';

export type Rule = GoldenValue['rule'];

/** The parts of a stored record survivorship looks at. */
export interface SurvivorRecord {
  id: number;
  dataset: string;
  batch_id: number;
  row_id: number;
  line: number;
  trust: number;
  values: Partial<Record<GoldenField, string | null>>;
  masks: Partial<Record<GoldenField, string | null>>;
  /** False when the record's ID number fails its check digit: such a number never wins over a valid one. */
  idValid: boolean | null;
}

export type GoldenField = 'name' | 'id_number' | 'birth_date' | 'sex' | 'phone' | 'address' | 'village_code' | 'household_no';

/**
 * Per field, the rules in order: the first decides, later ones break its ties, and the lowest
 * record id breaks what is left so the answer never depends on query order. The registry is the
 * authority on identity; phones change, so the newest wins.
 */
export const FIELD_RULES: Record<GoldenField, Rule[]> = {
  name: ['trusted_source', 'most_frequent', 'most_recent'],
  id_number: ['trusted_source', 'most_frequent', 'most_recent'],
  birth_date: ['trusted_source', 'most_frequent'],
  sex: ['trusted_source', 'most_frequent'],
  phone: ['most_recent', 'trusted_source'],
  address: ['trusted_source', 'most_recent'],
  village_code: ['trusted_source', 'most_recent'],
  household_no: ['trusted_source', 'most_recent'],
};

export type Golden = Partial<Record<GoldenField, GoldenValue>>;

/** The golden record of one entity from its records, each value with the record it came from. */
export function survive(records: SurvivorRecord[]): Golden {
  const golden: Golden = {};
  for (const field of Object.keys(FIELD_RULES) as GoldenField[]) {
    let candidates = records.filter((r) => r.values[field] != null && r.values[field] !== '');
    if (field === 'id_number' && candidates.some((r) => r.idValid !== false)) candidates = candidates.filter((r) => r.idValid !== false);
    if (candidates.length === 0) continue;
    const freq = new Map<string, number>();
    for (const r of candidates) freq.set(r.values[field]!, (freq.get(r.values[field]!) ?? 0) + 1);
    const rules = FIELD_RULES[field];
    const score = (r: SurvivorRecord, rule: Rule) =>
      rule === 'trusted_source' ? r.trust : rule === 'most_recent' ? r.batch_id * 1e9 + r.row_id : rule === 'most_frequent' ? freq.get(r.values[field]!)! : 0;
    const best = candidates.reduce((a, b) => {
      for (const rule of rules) {
        const d = score(b, rule) - score(a, rule);
        if (d !== 0) return d > 0 ? b : a;
      }
      return b.id < a.id ? b : a;
    });
    // Name the rule that actually decided: the first one on which the winner beat some rival.
    const decided = rules.find((rule) => candidates.some((c) => score(c, rule) !== score(best, rule))) ?? rules[0];
    golden[field] = {
      value: best.values[field]!,
      ...(best.masks[field] ? { masked: best.masks[field]! } : {}),
      rule: decided,
      source: { dataset: best.dataset, batch: best.batch_id, row: best.row_id, line: best.line, record: best.id },
    };
  }
  return golden;
}
