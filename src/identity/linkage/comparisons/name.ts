/** Names in Latin script (and mixed): edit distance first, then Jaro–Winkler bands. */
import { boundedEditDistance } from '../edit-distance.js';
import { jaroWinkler } from '../jaro-winkler.js';
import type { Comparison } from './types.js';

export const nameComparison: Comparison<readonly string[]> = {
  labels: ['exact', 'edit_distance_1', 'jaro_winkler_0.92', 'jaro_winkler_0.80', 'other'],
  prepare: (values) => values,
  level(values, a, b) {
    const x = values[a];
    const y = values[b];
    if (boundedEditDistance(x, y, 1) <= 1) return 1;
    const jw = jaroWinkler(x, y);
    if (jw >= 0.92) return 2;
    if (jw >= 0.8) return 3;
    return 4;
  },
};
