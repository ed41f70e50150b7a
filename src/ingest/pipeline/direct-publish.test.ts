import { describe, expect, it } from 'vitest';
import { projectedKeys } from './direct-publish.js';

describe('projecting a batch’s keys to the end of its file', () => {
  it('scales the new keys met so far by the share of the file read', () => {
    expect(projectedKeys(0, 100_000, 0.05)).toBe(2_000_000);
    expect(projectedKeys(1_500_000, 10_000, 0.1)).toBe(1_600_000);
  });

  it('adds nothing to a dataset whose keys the file only meets again', () => {
    expect(projectedKeys(1_900_000, 0, 0.01)).toBe(1_900_000);
  });

  it('takes a share it cannot use (none read, or past the end) as the whole file', () => {
    expect(projectedKeys(10, 5, 0)).toBe(15);
    expect(projectedKeys(10, 5, 1.5)).toBe(15);
  });
});
