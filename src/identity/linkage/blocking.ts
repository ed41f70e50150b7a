/**
 * Candidate pairs from blocking rules: records sharing a rule's key are compared. A pair found by
 * an earlier rule is not generated again (checked on the keys, without a set of seen pairs), and a
 * block larger than maxBlockSize is skipped and reported, so one value shared by thousands of
 * records (王伟 born in 1980) costs a line in the summary instead of millions of pairs.
 */
import { Invalid } from '../../platform/errors.js';
import { ruleKeys, type RuleKeys } from './blocking-keys.js';
import { GrowableInt32 } from './growable.js';
import type { PreparedTable } from './prepare.js';

export interface OversizedBlock {
  readonly rule: readonly string[];
  readonly value: string;
  readonly size: number;
}

export interface CandidatePairs {
  readonly count: number;
  /** Record indices; a[i] < b[i]. */
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly rules: readonly (readonly string[])[];
  /** Per pair, the index of the rule that generated it (the first rule whose key both records share). */
  readonly rule: Uint8Array;
  readonly pairsPerRule: readonly number[];
  readonly oversized: readonly OversizedBlock[];
  /** Per rule, its keys and whether each key's block was used; EM uses these to know which rules a pair satisfies. */
  readonly keys: readonly RuleKeys[];
  readonly usable: readonly Uint8Array[];
}

const REPORTED_OVERSIZED = 100;

export function blockPairs(p: PreparedTable, rules: readonly (readonly string[])[]): CandidatePairs {
  const { maxBlockSize, maxCandidatePairs } = p.config;
  const link = p.table.sources === 2;
  const src = p.table.source;
  const keys = rules.map((r) => ruleKeys(p, r));
  const usable = keys.map((k) => Uint8Array.from(k.sizes, (s) => (s <= maxBlockSize ? 1 : 0)));
  const oversized: OversizedBlock[] = [];
  const a = new GrowableInt32();
  const b = new GrowableInt32();
  const pairsPerRule: number[] = [];

  for (let r = 0; r < rules.length; r++) {
    const { keys: key, sizes } = keys[r];
    const members = groupByKey(key, sizes);
    let made = 0;
    for (let k = 0; k < sizes.length; k++) {
      const size = sizes[k];
      if (size < 2) continue;
      if (!usable[r][k]) {
        oversized.push({ rule: rules[r], value: keys[r].describe(k), size });
        continue;
      }
      const start = members.start[k];
      for (let i = start; i < start + size; i++) {
        const x = members.order[i];
        for (let j = i + 1; j < start + size; j++) {
          const y = members.order[j];
          if (link && src[x] === src[y]) continue;
          if (coveredEarlier(keys, usable, r, x, y)) continue;
          a.push(x);
          b.push(y);
          made++;
        }
      }
      if (a.length > maxCandidatePairs) {
        throw new Invalid(
          `blocking produced more than ${maxCandidatePairs} candidate pairs (rule ${rules[r].join('+')}); use stricter blocking rules or a smaller maxBlockSize`,
          { blocking: 'too many candidate pairs' },
          'too_many_pairs',
        );
      }
    }
    pairsPerRule.push(made);
  }
  oversized.sort((x, y) => y.size - x.size);
  // Each rule's pairs are contiguous, so the rule of every pair follows from the per-rule counts.
  const ruleOf = new Uint8Array(a.length);
  for (let r = 0, at = 0; r < rules.length; at += pairsPerRule[r], r++) ruleOf.fill(r, at, at + pairsPerRule[r]);
  return {
    count: a.length,
    a: a.toArray(),
    b: b.toArray(),
    rules,
    rule: ruleOf,
    pairsPerRule,
    oversized: oversized.slice(0, REPORTED_OVERSIZED).concat(oversized.length > REPORTED_OVERSIZED ? [{ rule: [], value: `… ${oversized.length - REPORTED_OVERSIZED} more`, size: 0 }] : []),
    keys,
    usable,
  };
}

/** True when an earlier rule already paired x and y. */
function coveredEarlier(keys: readonly RuleKeys[], usable: readonly Uint8Array[], r: number, x: number, y: number): boolean {
  for (let q = 0; q < r; q++) {
    const k = keys[q].keys[x];
    if (k >= 0 && k === keys[q].keys[y] && usable[q][k] === 1) return true;
  }
  return false;
}

/** Record indices grouped by key (a counting sort), ascending within each block. */
function groupByKey(keys: Int32Array, sizes: Int32Array): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(sizes.length);
  for (let k = 1; k < sizes.length; k++) start[k] = start[k - 1] + sizes[k - 1];
  const fill = start.slice();
  const total = sizes.length ? start[sizes.length - 1] + sizes[sizes.length - 1] : 0;
  const order = new Int32Array(total);
  for (let r = 0; r < keys.length; r++) if (keys[r] >= 0) order[fill[keys[r]]++] = r;
  return { order, start };
}

/** The rules a pair satisfies (a bit per rule), from the keys; used to group pairs for EM. */
export function rulesSatisfied(c: CandidatePairs, i: number): number {
  let mask = 0;
  const x = c.a[i];
  const y = c.b[i];
  for (let q = 0; q < c.keys.length; q++) {
    const k = c.keys[q].keys[x];
    if (k >= 0 && k === c.keys[q].keys[y] && c.usable[q][k] === 1) mask |= 1 << q;
  }
  return mask;
}
