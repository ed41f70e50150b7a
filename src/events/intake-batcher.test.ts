import { describe, expect, it } from 'vitest';
import { IntakeBatcher } from './intake-batcher.js';

describe('intake batcher', () => {
  it('puts callers that arrive together into one run and answers each with its own result', async () => {
    const runs: number[][] = [];
    const b = new IntakeBatcher<number, number>(async (xs) => (runs.push(xs), xs.map((x) => x * 2)), 3, 1);
    expect(await Promise.all([1, 2, 3, 4, 5].map((x) => b.submit(x)))).toEqual([2, 4, 6, 8, 10]);
    expect(runs).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const b = new IntakeBatcher<number, number>(async (xs) => {
      if (xs.includes(13)) throw new Error('unlucky');
      return xs;
    });
    const out = await Promise.allSettled([1, 13, 2].map((x) => b.submit(x)));
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((out[1] as PromiseRejectedResult).reason.message).toBe('unlucky');
  });
});
