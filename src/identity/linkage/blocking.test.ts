import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { blockPairs } from './blocking.js';
import { parseLinkConfig } from './config.js';
import { prepareTable } from './prepare.js';
import { tableFromRecords } from './table.js';

const rows = [
  { id: 'a', surname: 'smith', dob: '19900101' },
  { id: 'b', surname: 'Smith ', dob: '19900101' },
  { id: 'c', surname: 'smith', dob: '19800101' },
  { id: 'd', surname: 'jones', dob: '19800101' },
  { id: 'e', surname: '', dob: '' },
];

function pairsOf({ source, ...limits }: { maxBlockSize?: number; maxCandidatePairs?: number; source?: (0 | 1)[] } = {}) {
  const config = parseLinkConfig({ id: 'id', fields: [{ column: 'surname', type: 'name' }, { column: 'dob', type: 'date' }], blocking: [['surname'], ['dob']], ...limits });
  const p = prepareTable(tableFromRecords(rows, 'id', ['surname', 'dob'], source), config);
  const c = blockPairs(p, config.blocking!);
  const ids = p.table.ids;
  return { c, pairs: Array.from({ length: c.count }, (_, i) => `${ids[c.a[i]]}${ids[c.b[i]]}`) };
}

describe('blockPairs', () => {
  it('pairs records sharing a normalised key, each pair once across rules', () => {
    const { c, pairs } = pairsOf();
    expect(pairs).toEqual(['ab', 'ac', 'bc', 'cd']);
    expect(c.pairsPerRule).toEqual([3, 1]);
    expect(Array.from(c.rule)).toEqual([0, 0, 0, 1]);
  });

  it('never pairs a record whose key is empty', () => {
    expect(pairsOf().pairs.some((p) => p.includes('e'))).toBe(false);
  });

  it('when linking two sources, pairs only across them', () => {
    expect(pairsOf({ source: [0, 1, 0, 1, 1] }).pairs).toEqual(['ab', 'bc', 'cd']);
  });

  it('skips and reports a block over maxBlockSize; other rules still pair its records', () => {
    const { c, pairs } = pairsOf({ maxBlockSize: 2 });
    expect(c.oversized).toEqual([{ rule: ['surname'], value: 'smith', size: 3 }]);
    expect(pairs).toEqual(['ab', 'cd']);
  });

  it('fails clearly instead of exhausting memory when blocking makes too many pairs', () => {
    let err: unknown;
    try {
      pairsOf({ maxCandidatePairs: 2 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('too_many_pairs');
  });
});
