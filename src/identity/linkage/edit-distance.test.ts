import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from './edit-distance.js';
import { seededRandom } from '../../platform/random.js';

// The plain full-matrix OSA distance, to check the banded and filtered one against.
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('boundedEditDistance', () => {
  it('counts one wrong digit, one swap of neighbours, one insertion as one edit', () => {
    expect(boundedEditDistance('330112199001011234', '330112199001011284', 2)).toBe(1);
    expect(boundedEditDistance('19900102', '19900120', 2)).toBe(1);
    expect(boundedEditDistance('smith', 'smyth', 1)).toBe(1);
    expect(boundedEditDistance('smith', 'smiths', 1)).toBe(1);
    expect(boundedEditDistance('smith', 'jones', 1)).toBe(2);
  });

  it('agrees with the full matrix on random short strings, up to the bound', () => {
    const rand = seededRandom(3);
    const word = () => Array.from({ length: 1 + Math.floor(rand() * 9) }, () => 'abcd'[Math.floor(rand() * 4)]).join('');
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = rand() < 0.5 ? word() : a.slice(0, 2) + 'b' + a.slice(3);
      for (const max of [1, 2]) expect(boundedEditDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(osa(a, b), max + 1));
    }
  });
});
