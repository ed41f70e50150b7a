/** Dates as YYYYMMDD: day and month swapped (US/European order mixed up), then digit typos. */
import { boundedEditDistance } from '../edit-distance.js';
import type { Comparison } from './types.js';

function swapped(x: string, y: string): boolean {
  return x.length === 8 && y.length === 8 && x.slice(0, 4) === y.slice(0, 4) && x.slice(4, 6) === y.slice(6, 8) && x.slice(6, 8) === y.slice(4, 6);
}

export const dateComparison: Comparison<readonly string[]> = {
  labels: ['exact', 'day_month_swapped', 'one_digit', 'two_digits', 'other'],
  prepare: (values) => values,
  level(values, a, b) {
    const x = values[a];
    const y = values[b];
    if (swapped(x, y)) return 1;
    const d = boundedEditDistance(x, y, 2);
    return d <= 1 ? 2 : d === 2 ? 3 : 4;
  },
};
