/**
 * u probabilities: how often two records that are NOT the same person agree at each level. Random
 * record pairs are almost all non-matches, so u is measured on a random sample of pairs (all pairs
 * when there are fewer than the sample size). The exact level is computed from the value counts
 * instead of the sample: for identifiers it is around one in a million, which no sample measures.
 */
import { compareField, type FieldData, type PreparedTable } from './prepare.js';
import { seededRandom } from '../../platform/random.js';

/** Per field, u indexed by stored level (index 0, "missing", is unused and 0). */
export function estimateU(p: PreparedTable): { u: number[][]; sampled: number } {
  const { table } = p;
  const bySource: number[][] = [[], []];
  for (let r = 0; r < table.size; r++) bySource[table.source[r]].push(r);
  const link = table.sources === 2;
  const total = link ? bySource[0].length * bySource[1].length : (table.size * (table.size - 1)) / 2;
  const counts = p.fields.map((f) => new Float64Array(f.comparison.labels.length + 1));
  const tally = (x: number, y: number) => {
    for (let f = 0; f < p.fields.length; f++) counts[f][compareField(p.fields[f], x, y)]++;
  };
  let sampled = 0;
  if (total <= p.config.uSampleSize) {
    if (link) for (const x of bySource[0]) for (const y of bySource[1]) tally(x, y);
    else for (let x = 0; x < table.size; x++) for (let y = x + 1; y < table.size; y++) tally(x, y);
    sampled = total;
  } else {
    const rand = seededRandom(p.config.seed);
    const [s0, s1] = bySource;
    for (; sampled < p.config.uSampleSize; sampled++) {
      if (link) tally(s0[Math.floor(rand() * s0.length)], s1[Math.floor(rand() * s1.length)]);
      else {
        const x = Math.floor(rand() * table.size);
        let y = Math.floor(rand() * (table.size - 1));
        if (y >= x) y++;
        tally(x, y);
      }
    }
  }
  return { u: p.fields.map((f, i) => fromCounts(counts[i], exactAgreement(f, link))), sampled };
}

/** P(two random records agree exactly), from the value counts. */
export function exactAgreement(f: FieldData, link: boolean): number {
  let agree = 0;
  const [c0, c1] = f.counts;
  if (link) {
    for (let v = 0; v < c0.length; v++) agree += c0[v] * c1[v];
    const pairs = f.nonNull[0] * f.nonNull[1];
    return pairs > 0 ? agree / pairs : 0;
  }
  for (let v = 0; v < c0.length; v++) agree += c0[v] * (c0[v] - 1);
  const n = f.nonNull[0];
  return n > 1 ? agree / (n * (n - 1)) : 0;
}

function fromCounts(counts: Float64Array, exact: number): number[] {
  const levels = counts.length - 1;
  // Half a pair added to each inexact level: a level never seen in the sample is rare, not impossible.
  let rest = 0;
  for (let l = 2; l <= levels; l++) rest += counts[l] + 0.5;
  // Floor at one pair in ten billion so that a value seen only once still gets a finite weight.
  const uExact = Math.min(Math.max(exact, 1e-10), 0.999);
  const u = [0, uExact];
  for (let l = 2; l <= levels; l++) u.push(((1 - uExact) * (counts[l] + 0.5)) / rest);
  return u;
}
