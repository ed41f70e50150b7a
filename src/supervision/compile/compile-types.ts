import type { RawBuilder } from 'kysely';
import type { FieldType } from '../../ingest/contract.js';
import type { ModelSpec } from '../model/model-spec.js';

/** What the compiler needs to know about a dataset: its id in the catalog and its field types. */
export interface DatasetInfo {
  id: number;
  name: string;
  fields: ReadonlyMap<string, FieldType>;
}

export interface CompileInput {
  model: ModelSpec;
  datasets: ReadonlyMap<string, DatasetInfo>;
  /** The run's reference date, YYYY-MM-DD. */
  asOf: string;
  /** Parameter values overriding the model's defaults. */
  params?: Record<string, number | string>;
}

export interface CompiledModel {
  query: RawBuilder<HitRow>;
  /** Top-level source aliases in order, for reading `<alias>_row/_batch/_line` back. */
  aliases: string[];
}

/** One row of a compiled model's result. */
export interface HitRow {
  subject: string | null;
  place: string | null;
  [column: string]: unknown;
}

export class ModelCompileError extends Error {
  constructor(message: string, readonly path: string) {
    super(message);
  }
}

/**
 * Run before a compiled query (in its transaction): joins follow the order the model lists its
 * sources, driving from the first. The planner's row estimates for JSON fields are guesses, and a
 * guess that two payment rows of the same month are rare joined every payment with every other
 * one before matching persons (7 s instead of 30 ms on a small district). A model's author knows
 * which dataset is small and selective and lists it first; the planner still chooses how to join.
 * No merge joins: the join keys are JSON fields that no index keeps in order, so a merge join
 * sorts whole rows, documents and all. The planner's 0.5 % guess for an equal join on JSON fields
 * (thousands of rows where there are hundreds) made it pick them, and the sorts spilled to disk
 * where hashing the same rows took half the time (bidders sharing a representative).
 * JIT is off: these queries run for milliseconds to seconds, less than compiling them would take.
 * Parallel plans only for big queries: starting a worker and sharing a hash table cost tens of
 * milliseconds on a small server, far above the default estimate (parallel_setup_cost 1000), so a
 * self-join of 7,800 bids ran in 85 ms with one worker and 30 ms without (scale 1); the models that
 * read millions of rows still get their workers.
 */
export const PLAN_SETTINGS = ['SET LOCAL join_collapse_limit = 1', 'SET LOCAL from_collapse_limit = 1', 'SET LOCAL enable_mergejoin = off', 'SET LOCAL jit = off', 'SET LOCAL parallel_setup_cost = 30000'] as const;
