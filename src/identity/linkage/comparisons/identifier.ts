/**
 * Identifiers (resident ID after 15→18 conversion, phone, postcode): a number with one digit wrong
 * (including a wrong check digit, kept as typed) or two adjacent digits swapped is one edit away.
 */
import { boundedEditDistance } from '../edit-distance.js';
import type { Comparison } from './types.js';

export function identifierComparison(twoDigitLevel: boolean): Comparison<readonly string[]> {
  return {
    labels: twoDigitLevel ? ['exact', 'one_digit', 'two_digits', 'other'] : ['exact', 'one_digit', 'other'],
    prepare: (values) => values,
    level(values, a, b) {
      const d = boundedEditDistance(values[a], values[b], 2);
      if (d <= 1) return 1;
      if (twoDigitLevel) return d === 2 ? 2 : 3;
      return 2;
    },
  };
}

export const exactComparison: Comparison<null> = {
  labels: ['exact', 'other'],
  prepare: () => null,
  level: () => 1,
};
