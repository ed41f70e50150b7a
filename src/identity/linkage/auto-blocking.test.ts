import { describe, expect, it } from 'vitest';
import { chooseBlocking } from './auto-blocking.js';
import { parseLinkConfig } from './config.js';
import { prepareTable } from './prepare.js';
import { tableFromRecords } from './table.js';
import { syntheticPeople } from './testing/synthetic-people.js';

const COLUMNS = ['name', 'id_number', 'birth_date', 'phone', 'address', 'sex'];

describe('chooseBlocking', () => {
  it('picks selective, well-filled columns and never one with a few values such as sex', () => {
    const config = parseLinkConfig({ id: 'rec_id', fields: [{ column: 'sex', type: 'exact' }, { column: 'name', type: 'chinese_name' }, { column: 'id_number', type: 'id_number' }, { column: 'birth_date', type: 'date' }, { column: 'phone', type: 'phone' }] });
    const p = prepareTable(tableFromRecords(syntheticPeople(2000, { seed: 3 }), 'rec_id', COLUMNS), config);
    const choice = chooseBlocking(p);
    const chosen = choice.rules.map((r) => r.join('+'));
    expect(chosen).toContain('id_number');
    expect(chosen).not.toContain('sex');
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    const sex = choice.considered.find((s) => s.columns.join() === 'sex')!;
    expect(sex.pairs).toBeGreaterThan(5 * 2000);
  });

  it('combines two columns when no single column is selective enough', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ rec_id: `r${i}`, town: `t${i % 50}`, year: String(1920 + (i % 90)), sex: i % 2 ? 'M' : 'F' }));
    const config = parseLinkConfig({ id: 'rec_id', fields: [{ column: 'town', type: 'exact' }, { column: 'year', type: 'exact' }, { column: 'sex', type: 'exact' }] });
    const choice = chooseBlocking(prepareTable(tableFromRecords(rows, 'rec_id', ['town', 'year', 'sex']), config));
    expect(choice.rules.every((r) => r.length === 2)).toBe(true);
    expect(choice.rules.map((r) => r.join('+'))).toContain('town+year');
  });
});
