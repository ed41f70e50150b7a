/** The whole run on one table: prepare, block, compare, train (or reuse a model), score, cluster. */
import { chooseBlocking, type RuleStats } from './auto-blocking.js';
import { blockPairs, type CandidatePairs, type OversizedBlock } from './blocking.js';
import { clusterRecords, type Clustering } from './cluster.js';
import { comparePairs } from './compare-pairs.js';
import type { LinkConfig } from './config.js';
import type { LinkModel } from './model.js';
import { prepareTable, type PreparedTable } from './prepare.js';
import { scorePairs, weightTables, type Weights } from './score.js';
import type { RecordTable } from './table.js';
import { trainModel } from './train.js';

export interface LinkSummary {
  readonly records: number;
  readonly sources: number;
  /** True when the rules were chosen from the data (the config had none). */
  readonly blockingChosen: boolean;
  readonly blocking: readonly { readonly rule: readonly string[]; readonly pairs: number }[];
  /** Statistics of the rules considered when choosing them. */
  readonly blockingConsidered: readonly RuleStats[];
  readonly oversizedBlocks: readonly OversizedBlock[];
  readonly candidatePairs: number;
  readonly links: number;
  readonly clusters: number;
  readonly componentsSplit: number;
  /** Records with no value in any compared field: each is its own entity. */
  readonly recordsWithoutValues: number;
  readonly modelReused: boolean;
  readonly seconds: Readonly<Record<'prepare' | 'block' | 'compare' | 'train' | 'score' | 'cluster' | 'total', number>>;
}

export interface LinkResult {
  readonly prepared: PreparedTable;
  readonly model: LinkModel;
  readonly weights: Weights;
  readonly pairs: CandidatePairs;
  /** Match weight per candidate pair. */
  readonly pairWeights: Float64Array;
  readonly clustering: Clustering;
  readonly summary: LinkSummary;
}

/**
 * Deduplicates a table (or links its two sources). With `model`, scores with it instead of training;
 * blocking then follows the config, else the model's rules.
 */
export function linkTable(table: RecordTable, config: LinkConfig, opts: { model?: LinkModel; onStage?: (done: string, seconds: number) => void } = {}): LinkResult {
  const t0 = performance.now();
  let t = t0;
  let stage = 0;
  const STAGES = ['prepare', 'block', 'compare', 'train', 'score', 'cluster'];
  const lap = () => {
    const now = performance.now();
    opts.onStage?.(STAGES[stage++], (now - t) / 1000);
    const s = Number(((now - t) / 1000).toFixed(3));
    t = now;
    return s;
  };
  const prepared = prepareTable(table, config);
  const prepare = lap();
  const choice = config.blocking || opts.model ? null : chooseBlocking(prepared);
  const rules = config.blocking ?? opts.model?.blocking ?? choice!.rules;
  const pairs = blockPairs(prepared, rules);
  const block = lap();
  const levels = comparePairs(prepared, pairs);
  const compare = lap();
  const model = opts.model ?? trainModel(prepared, pairs, levels);
  const train = lap();
  const weights = weightTables(model, prepared);
  const pairWeights = scorePairs(weights, prepared, pairs, levels);
  const score = lap();
  const clustering = clusterRecords(prepared, weights, pairs, pairWeights, { threshold: config.threshold, support: config.clusterSupport });
  const cluster = lap();
  let empty = 0;
  for (let r = 0; r < table.size; r++) if (prepared.fields.every((f) => f.codes[r] < 0)) empty++;
  const summary: LinkSummary = {
    records: table.size,
    sources: table.sources,
    blockingChosen: choice !== null,
    blocking: rules.map((rule, i) => ({ rule, pairs: pairs.pairsPerRule[i] })),
    blockingConsidered: choice?.considered ?? [],
    oversizedBlocks: pairs.oversized,
    candidatePairs: pairs.count,
    links: clustering.links,
    clusters: clustering.clusters,
    componentsSplit: clustering.componentsSplit,
    recordsWithoutValues: empty,
    modelReused: opts.model !== undefined,
    seconds: { prepare, block, compare, train, score, cluster, total: Number(((performance.now() - t0) / 1000).toFixed(3)) },
  };
  return { prepared, model, weights, pairs, pairWeights, clustering, summary };
}
