/**
 * Entities from scored pairs, built so that one bad link cannot chain two people together.
 *
 * 1. Links: pairs whose match probability reaches `threshold`; their connected components.
 * 2. A component of three or more records is re-clustered on its own: every pair inside it is
 *    scored (not only the blocked ones), then average-linkage agglomeration merges two groups only
 *    while the mean match probability over all pairs between them stays at least `support`.
 *    A–B and B–C linked but A–C clearly different (a chain through B) has mean support below one
 *    half, so A and C stay apart; a true entity whose members all resemble each other merges.
 * 3. Components too large to score pairwise (more than MAX_PAIRWISE records) are first cut by
 *    raising the link threshold step by step on their own links.
 */
import type { PairList } from './compare-pairs.js';
import type { PreparedTable } from './prepare.js';
import { matchProbability, scoreRecords, weightForProbability, type Weights } from './score.js';

export interface ClusterOptions {
  /** Match probability from which a scored pair is a link. */
  threshold: number;
  /** Mean match probability two groups must have to merge. */
  support: number;
}

export interface Clustering {
  /** Per record its cluster number, 0-based, in order of each cluster's first record. */
  readonly clusterOf: Int32Array;
  readonly clusters: number;
  readonly links: number;
  /** Connected components that the support check split into more than one entity. */
  readonly componentsSplit: number;
}

const MAX_PAIRWISE = 200;
const STEP_BITS = 4;

export function clusterRecords(p: PreparedTable, w: Weights, pairs: PairList, weights: Float64Array, o: ClusterOptions): Clustering {
  const n = p.table.size;
  const linkWeight = weightForProbability(o.threshold);
  const edges: number[] = [];
  for (let i = 0; i < pairs.count; i++) if (weights[i] >= linkWeight) edges.push(i);
  const groups = components(n, edges, pairs);
  const label = new Int32Array(n).fill(-1);
  let next = 0;
  let split = 0;
  const assign = (members: number[]) => {
    const id = next++;
    for (const r of members) label[r] = id;
  };
  // The links inside each component too large to score pairwise, gathered in one pass over the links.
  const bigOf = new Int32Array(n).fill(-1);
  const bigEdges: number[][] = [];
  for (const members of groups) {
    if (members.length <= MAX_PAIRWISE) continue;
    for (const r of members) bigOf[r] = bigEdges.length;
    bigEdges.push([]);
  }
  if (bigEdges.length) for (const e of edges) if (bigOf[pairs.a[e]] >= 0) bigEdges[bigOf[pairs.a[e]]].push(e);
  const refine = (members: number[], minWeight: number, links: readonly number[]): number => {
    if (members.length <= 2) {
      assign(members);
      return 1;
    }
    if (members.length > MAX_PAIRWISE) {
      const stricter = links.filter((e) => weights[e] >= minWeight + STEP_BITS);
      let made = 0;
      for (const sub of components(n, stricter, pairs, members)) {
        const inside = new Set(sub);
        made += refine(sub, minWeight + STEP_BITS, sub.length > MAX_PAIRWISE ? stricter.filter((e) => inside.has(pairs.a[e])) : []);
      }
      return made;
    }
    const parts = averageLinkage(members, (x, y) => matchProbability(scoreRecords(w, p, x, y)), o.support);
    for (const part of parts) assign(part);
    return parts.length;
  };
  for (const members of groups) if (refine(members, linkWeight, members.length > MAX_PAIRWISE ? bigEdges[bigOf[members[0]]] : []) > 1) split++;
  // Renumber by first record so that the output reads in input order.
  const renumber = new Int32Array(next).fill(-1);
  const clusterOf = new Int32Array(n);
  let clusters = 0;
  for (let r = 0; r < n; r++) {
    if (label[r] < 0) {
      clusterOf[r] = clusters++;
      continue;
    }
    if (renumber[label[r]] < 0) renumber[label[r]] = clusters++;
    clusterOf[r] = renumber[label[r]];
  }
  return { clusterOf, clusters, links: edges.length, componentsSplit: split };
}

/**
 * Connected components over the given pair indices. Without `only`: the components of two or more
 * records among the records the edges touch (the rest are singletons, left to the caller). With
 * `only`: a partition of those records, singletons included.
 */
function components(n: number, edges: readonly number[], pairs: PairList, only?: readonly number[]): number[][] {
  const parent = new Int32Array(n).fill(-1);
  let members: number[];
  if (only) members = [...only];
  else {
    members = [];
    const touch = (r: number) => {
      if (parent[r] < 0) {
        parent[r] = r;
        members.push(r);
      }
    };
    for (const e of edges) {
      touch(pairs.a[e]);
      touch(pairs.b[e]);
    }
  }
  for (const r of members) parent[r] = r;
  const find = (x: number) => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const e of edges) {
    const x = find(pairs.a[e]);
    const y = find(pairs.b[e]);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  const byRoot = new Map<number, number[]>();
  for (const r of members.sort((x, y) => x - y)) {
    const root = find(r);
    const list = byRoot.get(root);
    if (list) list.push(r);
    else byRoot.set(root, [r]);
  }
  return [...byRoot.values()];
}

/**
 * Average-linkage agglomeration over all pairs of `members`: merge the two groups with the highest
 * mean probability while it is at least `support`.
 */
export function averageLinkage(members: readonly number[], prob: (x: number, y: number) => number, support: number): number[][] {
  const k = members.length;
  const sum = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) sum[i * k + j] = sum[j * k + i] = prob(members[i], members[j]);
  const size = new Int32Array(k).fill(1);
  const groups: number[][] = members.map((m) => [m]);
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < k; i++) {
      if (size[i] === 0) continue;
      for (let j = i + 1; j < k; j++) {
        if (size[j] === 0) continue;
        const mean = sum[i * k + j] / (size[i] * size[j]);
        if (mean > best) [best, bi, bj] = [mean, i, j];
      }
    }
    if (bi < 0 || best < support) break;
    for (let x = 0; x < k; x++) {
      sum[bi * k + x] += sum[bj * k + x];
      sum[x * k + bi] = sum[bi * k + x];
    }
    size[bi] += size[bj];
    size[bj] = 0;
    groups[bi].push(...groups[bj]);
    groups[bj] = [];
  }
  return groups.filter((g) => g.length > 0);
}
