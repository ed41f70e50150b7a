/**
 * m probabilities by expectation–maximisation over candidate pairs, u held fixed (estimate-u.ts).
 *
 * Blocking biases EM: every pair found by the rule "same surname" agrees on surname, matches or
 * not. So EM runs once per blocking rule, over the pairs that share that rule's key, with the
 * rule's own columns left out of the likelihood; a field's m is the mean of the sessions that
 * could see it (the approach of Splink). A field every rule blocks on keeps its starting m.
 */
import type { Patterns } from './patterns.js';

export interface EmResult {
  /** Per field, indexed by stored level (0 unused). */
  m: number[][];
  /** Per field: how many sessions estimated it (0: starting values kept). */
  sessions: number[];
  /** Per rule, the match share among the pairs sharing its key. */
  lambdas: number[];
  iterations: number;
}

/** Starting m: most matches agree exactly, fewer at each lower level. */
export function startingM(levels: number): number[] {
  const w = [0];
  for (let l = 1; l <= levels; l++) w.push(l === 1 ? 0 : 0.5 ** l);
  const rest = w.reduce((s, x) => s + x, 0);
  return w.map((x, l) => (l === 1 ? 0.9 : l === 0 ? 0 : (0.1 * x) / rest));
}

export function runEm(pt: Patterns, u: number[][], excluded: boolean[][], maxIterations: number): EmResult {
  const F = u.length;
  const sums = u.map(() => [] as number[][]);
  const lambdas: number[] = [];
  let iterations = 0;
  for (let r = 0; r < excluded.length; r++) {
    const session = emSession(pt, u, 1 << r, excluded[r], maxIterations);
    lambdas.push(session.lambda);
    iterations += session.iterations;
    if (session.pairs === 0) continue;
    for (let f = 0; f < F; f++) if (!excluded[r][f]) sums[f].push(session.m[f]);
  }
  const m = u.map((uf, f) => (sums[f].length ? uf.map((_, l) => sums[f].reduce((s, mm) => s + mm[l], 0) / sums[f].length) : startingM(uf.length - 1)));
  return { m, sessions: sums.map((s) => s.length), lambdas, iterations };
}

function emSession(pt: Patterns, u: number[][], bit: number, excluded: boolean[], maxIterations: number) {
  const F = u.length;
  const logU = u.map((uf) => uf.map((x) => Math.log(x)));
  const m = u.map((uf) => startingM(uf.length - 1));
  let lambda = 0.1;
  let pairs = 0;
  for (let p = 0; p < pt.size; p++) if (pt.masks[p] & bit) pairs += pt.counts[p];
  if (pairs === 0) return { m, lambda: 0, iterations: 0, pairs };
  let it = 0;
  for (; it < maxIterations; it++) {
    const acc = u.map((uf) => new Float64Array(uf.length));
    const logM = m.map((mf) => mf.map((x) => Math.log(Math.max(x, 1e-12))));
    const prior = Math.log(lambda / (1 - lambda));
    let matches = 0;
    for (let p = 0; p < pt.size; p++) {
      if ((pt.masks[p] & bit) === 0) continue;
      let logit = prior;
      const row = p * F;
      for (let f = 0; f < F; f++) {
        const l = pt.levels[row + f];
        if (l !== 0 && !excluded[f]) logit += logM[f][l] - logU[f][l];
      }
      const post = pt.counts[p] / (1 + Math.exp(-logit));
      matches += post;
      for (let f = 0; f < F; f++) acc[f][pt.levels[row + f]] += post;
    }
    let change = Math.abs(matches / pairs - lambda);
    lambda = Math.min(Math.max(matches / pairs, 1e-9), 1 - 1e-9);
    for (let f = 0; f < F; f++) {
      if (excluded[f]) continue;
      let seen = 0;
      for (let l = 1; l < acc[f].length; l++) seen += acc[f][l];
      if (seen <= 0) continue;
      for (let l = 1; l < acc[f].length; l++) {
        // A tiny floor keeps a level that no match showed in this sample from weighing minus infinity.
        const next = Math.max(acc[f][l] / seen, 1e-6);
        change = Math.max(change, Math.abs(next - m[f][l]));
        m[f][l] = next;
      }
    }
    if (change < 1e-6) break;
  }
  return { m, lambda, iterations: it + 1, pairs };
}

/**
 * Expected number of matches among the candidate pairs: each pattern judged in the session of the
 * rule that generated it (its lowest rule bit), with that rule's columns left out as in EM.
 */
export function expectedMatches(pt: Patterns, u: number[][], m: number[][], lambdas: number[], excluded: boolean[][]): number {
  const F = u.length;
  let total = 0;
  for (let p = 0; p < pt.size; p++) {
    const mask = pt.masks[p];
    if (mask === 0) continue;
    const r = 31 - Math.clz32(mask & -mask);
    const lambda = Math.min(Math.max(lambdas[r], 1e-9), 1 - 1e-9);
    let logit = Math.log(lambda / (1 - lambda));
    for (let f = 0; f < F; f++) {
      const l = pt.levels[p * F + f];
      if (l !== 0 && !excluded[r][f]) logit += Math.log(Math.max(m[f][l], 1e-12) / u[f][l]);
    }
    total += pt.counts[p] / (1 + Math.exp(-logit));
  }
  return total;
}
