import { describe, expect, it } from 'vitest';
import { assignEntities } from './assign-entities.js';

const prev = (pairs: Array<[number, string | null]>) => new Map(pairs);

describe('assignEntities', () => {
  it('keeps every id when the clusters did not change', () => {
    const a = assignEntities([[1, 2], [3]], prev([[1, 'P1'], [2, 'P1'], [3, 'P2']]));
    expect([...a.entityOf]).toEqual([[1, 'P1'], [2, 'P1'], [3, 'P2']]);
    expect(a.changes).toEqual([]);
  });

  it('gives new records joining a file that file id, and a lone new record a new id', () => {
    const a = assignEntities([[1, 2, 9], [10]], prev([[1, 'P1'], [2, 'P1']]));
    expect(a.entityOf.get(9)).toBe('P1');
    expect(a.entityOf.get(10)).toBe('new:0');
    expect(a.changes).toEqual([{ kind: 'created', entity: 'new:0', other: null, records: [10] }]);
  });

  it('merges two files into the larger one and records the merge', () => {
    const a = assignEntities([[1, 2, 3]], prev([[1, 'P1'], [2, 'P1'], [3, 'P2']]));
    expect(new Set(a.entityOf.values())).toEqual(new Set(['P1']));
    expect(a.changes).toEqual([{ kind: 'merged', entity: 'P1', other: 'P2', records: [3] }]);
  });

  it('splits a file: the larger part keeps the id, the smaller gets a new one', () => {
    const a = assignEntities([[1, 2], [3]], prev([[1, 'P1'], [2, 'P1'], [3, 'P1']]));
    expect(a.entityOf.get(1)).toBe('P1');
    expect(a.entityOf.get(3)).toBe('new:0');
    expect(a.changes).toEqual([{ kind: 'split', entity: 'new:0', other: 'P1', records: [3] }]);
  });

  it('reports records moving between two files that both survive', () => {
    const a = assignEntities([[1, 2, 5], [3, 4]], prev([[1, 'P1'], [2, 'P1'], [3, 'P2'], [4, 'P2'], [5, 'P2']]));
    expect(a.entityOf.get(5)).toBe('P1');
    expect(a.changes).toEqual([{ kind: 'moved', entity: 'P1', other: 'P2', records: [5] }]);
  });
});
