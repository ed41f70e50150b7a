import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../platform/ids/index.js';
import { parseLinkConfig } from './config.js';
import { explainPair } from './explain.js';
import { linkTable } from './link.js';
import { normalizeValue } from './normalize.js';
import { tableFromRecords } from './table.js';

const COLUMNS = ['name', 'id_number', 'birth_date'];
const config = parseLinkConfig({
  id: 'rec_id',
  fields: [{ column: 'name', type: 'chinese_name' }, { column: 'id_number', type: 'id_number' }, { column: 'birth_date', type: 'date' }],
  blocking: [['name'], ['id_number']],
  maxBlockSize: 500,
});

const people = Array.from({ length: 300 }, (_, i) => {
  const birth = `19${String(40 + (i % 60)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`;
  return { rec_id: `p${i}`, name: `张${'伟芳娜敏静丽强磊军洋'[i % 10]}${'明华国英'[Math.floor(i / 10) % 4]}${i}`, id_number: makeResidentId('330112', birth, String(100 + i)), birth_date: birth };
});

describe('bad input', () => {
  it('gives records without any identifier their own cluster each', () => {
    const empty = Array.from({ length: 5 }, (_, i) => ({ rec_id: `e${i}`, name: '', id_number: '不详', birth_date: '' }));
    const r = linkTable(tableFromRecords([...people.slice(0, 50), ...empty], 'rec_id', COLUMNS), config);
    const clusters = Array.from(r.clustering.clusterOf.slice(50));
    expect(new Set(clusters).size).toBe(5);
    expect(r.summary.recordsWithoutValues).toBe(5);
    for (const c of clusters) expect(Array.from(r.clustering.clusterOf).filter((x) => x === c)).toHaveLength(1);
  });

  it('compares an ID with a wrong check digit at the one-digit level, and never corrects it', () => {
    const good = people[7].id_number;
    const bad = good.slice(0, 17) + (good[17] === '5' ? '6' : '5');
    expect(normalizeValue('id_number', bad)).toBe(bad);
    const rows = [...people, { ...people[7], rec_id: 'typo', id_number: bad }];
    const r = linkTable(tableFromRecords(rows, 'rec_id', COLUMNS), config);
    const e = explainPair(r.model, r.weights, r.prepared, 7, rows.length - 1);
    const id = e.fields.find((f) => f.column === 'id_number')!;
    expect(id).toMatchObject({ level: 'one_digit', valueA: good, valueB: bad });
    expect(id.weight).toBeGreaterThan(0);
    expect(r.clustering.clusterOf[7]).toBe(r.clustering.clusterOf[rows.length - 1]);
  });

  it('skips a block of thousands of 王伟 born in one year, reports it, and still clusters every record', () => {
    const wangwei = Array.from({ length: 2000 }, (_, i) => ({ rec_id: `w${i}`, name: '王伟', id_number: makeResidentId('330112', `1980${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`, String(100 + (i % 900))), birth_date: '' }));
    const rows = [...people, ...wangwei];
    const r = linkTable(tableFromRecords(rows, 'rec_id', COLUMNS), config);
    expect(r.summary.oversizedBlocks).toEqual([{ rule: ['name'], value: '王伟', size: 2000 }]);
    expect(r.summary.candidatePairs).toBeLessThan(10_000);
    expect(r.clustering.clusterOf).toHaveLength(rows.length);
  });

  it('keeps apart two clearly different people who share one ID number', () => {
    const withSex = parseLinkConfig({ ...config, fields: [...config.fields, { column: 'sex', type: 'exact', termFrequency: false }], blocking: [['name'], ['id_number'], ['birth_date']] });
    const cols = [...COLUMNS, 'sex'];
    const base = people.map((p, i) => ({ ...p, sex: i % 2 ? 'M' : 'F' }));
    const dups = base.slice(0, 120).map((p) => ({ ...p, rec_id: `${p.rec_id}-dup` }));
    const a = base[3];
    const stranger = { rec_id: 'stranger', name: '李秀英', id_number: a.id_number, birth_date: '19900607', sex: a.sex === 'M' ? 'F' : 'M' };
    const rows = [...base, ...dups, stranger];
    const r = linkTable(tableFromRecords(rows, 'rec_id', cols), withSex);
    const last = rows.length - 1;
    expect(explainPair(r.model, r.weights, r.prepared, 3, last).fields.find((f) => f.column === 'id_number')!.level).toBe('exact');
    expect(r.clustering.clusterOf[3]).not.toBe(r.clustering.clusterOf[last]);
    expect(r.clustering.clusterOf[3]).toBe(r.clustering.clusterOf[base.length + 3]);
  });
});
