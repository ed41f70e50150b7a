/** Numbers: a one-character typo, then within 5 % of each other. */
import { boundedEditDistance } from '../edit-distance.js';
import type { Comparison } from './types.js';

interface Aux {
  values: readonly string[];
  numbers: Float64Array;
}

export const numericComparison: Comparison<Aux> = {
  labels: ['exact', 'one_digit', 'within_5_percent', 'other'],
  prepare: (values) => ({ values, numbers: Float64Array.from(values, (v) => Number(v)) }),
  level(aux, a, b) {
    if (boundedEditDistance(aux.values[a], aux.values[b], 1) <= 1) return 1;
    const x = aux.numbers[a];
    const y = aux.numbers[b];
    if (Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 0.05 * Math.max(Math.abs(x), Math.abs(y))) return 2;
    return 3;
  },
};
