/**
 * A comparison turns two different, non-missing values of a field into an agreement level.
 * Levels are stored per pair in one byte: 0 = a value is missing (no evidence either way),
 * 1 = exact, 2… = the comparison's further labels, best first, the last meaning "disagree".
 */
export interface Comparison<A = unknown> {
  /** labels[0] is always 'exact'; the last is the catch-all disagreement. */
  readonly labels: readonly string[];
  /** Per-field caches over the distinct normalised values (pinyin, parsed dates, tokens). */
  prepare(values: readonly string[]): A;
  /** Index into `labels` (≥ 1) for two distinct value codes; exact equality never reaches here. */
  level(aux: A, a: number, b: number): number;
}

export const MISSING = 0;
