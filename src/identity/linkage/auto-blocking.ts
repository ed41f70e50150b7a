/**
 * Blocking rules chosen from the data when the config gives none. A rule is useful when most
 * records have its key and its blocks are small: it then finds the matches that agree on it at a
 * bounded cost. Several such rules are taken, so a match with a typo in one column is still found
 * through another. Single columns first (most selective first); pairs of columns when fewer than
 * two single columns qualify.
 */
import { ruleKeys } from './blocking-keys.js';
import type { PreparedTable } from './prepare.js';

export interface RuleStats {
  readonly columns: readonly string[];
  /** Share of records that have the key. */
  readonly coverage: number;
  /** Pairs the rule would compare (blocks up to maxBlockSize). */
  readonly pairs: number;
  readonly largestBlock: number;
  /** Records in blocks over maxBlockSize, which the rule would skip. */
  readonly skippedRecords: number;
}

export interface BlockingChoice {
  readonly rules: readonly (readonly string[])[];
  readonly considered: readonly RuleStats[];
}

const MAX_RULES = 4;
const MIN_COVERAGE = 0.5;
const MAX_SKIPPED_SHARE = 0.1;

export function ruleStats(p: PreparedTable, columns: readonly string[]): RuleStats {
  const { keys, sizes } = ruleKeys(p, columns);
  let covered = 0;
  for (let r = 0; r < keys.length; r++) if (keys[r] >= 0) covered++;
  let pairs = 0;
  let largest = 0;
  let skipped = 0;
  for (const s of sizes) {
    largest = Math.max(largest, s);
    if (s > p.config.maxBlockSize) skipped += s;
    else pairs += (s * (s - 1)) / 2;
  }
  return { columns, coverage: p.table.size ? covered / p.table.size : 0, pairs, largestBlock: largest, skippedRecords: skipped };
}

export function chooseBlocking(p: PreparedTable): BlockingChoice {
  const n = p.table.size;
  // Five pairs per record per rule, at most four rules: a million records stay within twenty million
  // comparisons, about half a minute on one core.
  const budget = Math.max(5 * n, 10_000);
  const good = (s: RuleStats) => s.coverage >= MIN_COVERAGE && s.pairs <= budget && s.skippedRecords <= MAX_SKIPPED_SHARE * n && s.pairs > 0;
  const columns = p.fields.map((f) => f.spec.column);
  const singles = columns.map((c) => ruleStats(p, [c]));
  const considered = [...singles];
  const chosen = singles.filter(good).sort((x, y) => x.pairs - y.pairs).slice(0, MAX_RULES);
  if (chosen.length < 2) {
    const combos: RuleStats[] = [];
    for (let i = 0; i < columns.length; i++) {
      for (let j = i + 1; j < columns.length; j++) {
        if (singles[i].coverage < MIN_COVERAGE || singles[j].coverage < MIN_COVERAGE) continue;
        combos.push(ruleStats(p, [columns[i], columns[j]]));
      }
    }
    considered.push(...combos);
    // Prefer the combinations with most pairs within budget: the loosest rules that are still affordable find the most matches.
    chosen.push(...combos.filter(good).sort((x, y) => y.pairs - x.pairs).slice(0, 3 - chosen.length));
  }
  if (chosen.length === 0) {
    // Nothing affordable: fall back to the most selective single column, whose big blocks get skipped and reported.
    const fallback = [...singles].filter((s) => s.coverage > 0).sort((x, y) => x.pairs - y.pairs)[0];
    if (fallback) chosen.push(fallback);
  }
  return { rules: chosen.map((s) => s.columns), considered };
}
