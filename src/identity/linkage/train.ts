/** Estimates a model from unlabelled records: u by random pairs, m by EM, the prior, term frequencies. */
import type { CandidatePairs } from './blocking.js';
import { comparePairs } from './compare-pairs.js';
import { expectedMatches, runEm } from './em.js';
import { estimateU } from './estimate-u.js';
import type { LinkModel } from './model.js';
import { collectPatterns } from './patterns.js';
import type { PreparedTable } from './prepare.js';
import { termFrequencies } from './term-frequency.js';

/**
 * Trains on the candidate pairs of `p`. `levels` (from comparePairs) can be passed when the caller
 * already computed them, so the pairs are compared once for training and scoring.
 */
export function trainModel(p: PreparedTable, pairs: CandidatePairs, levels: Uint8Array = comparePairs(p, pairs)): LinkModel {
  const F = p.fields.length;
  const { u, sampled } = estimateU(p);
  const radix = p.fields.map((f) => f.comparison.labels.length + 1);
  const patterns = collectPatterns(pairs, levels, F, radix);
  const excluded = pairs.rules.map((rule) => p.fields.map((f) => rule.includes(f.spec.column)));
  const em = runEm(patterns, u, excluded, p.config.maxIterations);
  const matches = expectedMatches(patterns, u, em.m, em.lambdas, excluded);
  const n = p.table.size;
  const total = p.table.sources === 2 ? countSource(p, 0) * countSource(p, 1) : (n * (n - 1)) / 2;
  // At least one match in the whole table, at most half of all pairs: EM on a tiny or pathological input stays finite.
  const prior = Math.min(Math.max(matches, 1) / Math.max(total, 1), 0.5);
  return {
    version: 1,
    config: p.config,
    blocking: pairs.rules,
    prior,
    fields: p.fields.map((f, i) => ({
      column: f.spec.column,
      type: f.spec.type,
      labels: f.comparison.labels,
      m: em.m[i],
      u: u[i],
      tf: f.spec.termFrequency ? termFrequencies(f) : null,
      emSessions: em.sessions[i],
    })),
    trainedOn: { records: n, candidatePairs: pairs.count, uSamplePairs: sampled, emIterations: em.iterations },
  };
}

function countSource(p: PreparedTable, s: number): number {
  let c = 0;
  for (let r = 0; r < p.table.size; r++) if (p.table.source[r] === s) c++;
  return c;
}
