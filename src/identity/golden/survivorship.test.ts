import { describe, expect, it } from 'vitest';
import { survive, type SurvivorRecord } from './survivorship.js';

const rec = (id: number, dataset: string, trust: number, batch: number, values: SurvivorRecord['values'], idValid: boolean | null = true): SurvivorRecord => ({
  id, dataset, trust, batch_id: batch, row_id: id, line: id + 1, values, masks: {}, idValid,
});

describe('survivorship', () => {
  it('takes the name from the most trusted source and says so, with its provenance', () => {
    const g = survive([rec(1, 'health', 60, 5, { name: '王玮' }), rec(2, 'registry', 100, 1, { name: '王伟' }), rec(3, 'insurance', 50, 9, { name: '王玮' })]);
    expect(g.name).toMatchObject({ value: '王伟', rule: 'trusted_source', source: { dataset: 'registry', batch: 1, row: 2, line: 3, record: 2 } });
  });

  it('takes the newest phone even from a less trusted source', () => {
    const g = survive([rec(1, 'registry', 100, 1, { phone: 'h-old' }), rec(2, 'health', 60, 7, { phone: 'h-new' })]);
    expect(g.phone).toMatchObject({ value: 'h-new', rule: 'most_recent' });
  });

  it('breaks a tie in trust by frequency', () => {
    const g = survive([rec(1, 'a', 50, 1, { name: '李娜' }), rec(2, 'b', 50, 2, { name: '李那' }), rec(3, 'c', 50, 3, { name: '李娜' })]);
    expect(g.name).toMatchObject({ value: '李娜', rule: 'most_frequent' });
  });

  it('never lets an ID number with a bad check digit win over a valid one, however trusted', () => {
    const g = survive([rec(1, 'registry', 100, 1, { id_number: 'bad' }, false), rec(2, 'health', 60, 1, { id_number: 'good' }, true)]);
    expect(g.id_number?.value).toBe('good');
  });

  it('keeps an invalid ID number when it is the only one, rather than inventing one', () => {
    const g = survive([rec(1, 'registry', 100, 1, { id_number: 'bad' }, false)]);
    expect(g.id_number?.value).toBe('bad');
  });

  it('leaves out fields no record has', () => {
    expect(survive([rec(1, 'a', 1, 1, { name: '张三' })])).not.toHaveProperty('phone');
  });
});
