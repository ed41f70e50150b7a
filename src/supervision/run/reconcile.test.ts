import { describe, expect, it } from 'vitest';
import { reconcile, type Existing } from './reconcile.js';

const ex = (dedupKey: string, status: Existing['status'], factsHash = 'h1', severity = 'red'): Existing => ({ id: dedupKey.length, dedupKey, status, factsHash, severity });
const kinds = (d: ReturnType<typeof reconcile>) => d.map((x) => `${x.kind}:${'candidate' in x ? x.candidate.dedupKey : x.existing.dedupKey}`).sort();

describe('reconcile', () => {
  it('raises a hit that has no warning yet', () => {
    expect(kinds(reconcile([], [{ dedupKey: 'a', factsHash: 'h', severity: 'red' }]))).toEqual(['raise:a']);
  });

  it('leaves an open warning with the same facts unchanged and updates one whose facts or severity changed', () => {
    const d = reconcile([ex('a', 'open'), ex('b', 'dispatched'), ex('c', 'open')], [
      { dedupKey: 'a', factsHash: 'h1', severity: 'red' },
      { dedupKey: 'b', factsHash: 'h2', severity: 'red' },
      { dedupKey: 'c', factsHash: 'h1', severity: 'orange' },
    ]);
    expect(kinds(d)).toEqual(['unchanged:a', 'update:b', 'update:c']);
  });

  it('does not raise again a warning closed as a false positive unless its facts change', () => {
    expect(kinds(reconcile([ex('a', 'false_positive')], [{ dedupKey: 'a', factsHash: 'h1', severity: 'red' }]))).toEqual(['unchanged:a']);
    expect(kinds(reconcile([ex('a', 'false_positive')], [{ dedupKey: 'a', factsHash: 'h9', severity: 'red' }]))).toEqual(['reraise:a']);
    expect(kinds(reconcile([ex('a', 'confirmed')], [{ dedupKey: 'a', factsHash: 'h1', severity: 'red' }]))).toEqual(['unchanged:a']);
  });

  it('clears an open warning the data no longer supports, but not a dispatched or closed one', () => {
    const d = reconcile([ex('a', 'open'), ex('b', 'dispatched'), ex('c', 'false_positive'), ex('d', 'cleared')], []);
    expect(kinds(d)).toEqual(['clear:a']);
  });

  it('raises a cleared warning again when the hit comes back', () => {
    expect(kinds(reconcile([ex('a', 'cleared')], [{ dedupKey: 'a', factsHash: 'h1', severity: 'red' }]))).toEqual(['reraise:a']);
  });
});
