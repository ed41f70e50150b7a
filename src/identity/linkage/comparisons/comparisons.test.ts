import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../../platform/ids/index.js';
import { parseLinkConfig, type FieldType } from '../config.js';
import { compareField, prepareTable } from '../prepare.js';
import { tableFromRecords } from '../table.js';

/** The level label two raw values reach on a field of `type`. */
function level(type: FieldType, x: string, y: string): string {
  const config = parseLinkConfig({ id: 'id', fields: [{ column: 'v', type }], blocking: [['v']] });
  const p = prepareTable(tableFromRecords([{ id: '1', v: x }, { id: '2', v: y }], 'id', ['v']), config);
  const l = compareField(p.fields[0], 0, 1);
  return l === 0 ? 'missing' : p.fields[0].comparison.labels[l - 1];
}

const ID = makeResidentId('330112', '19650304', '123');

describe('comparison levels', () => {
  it('Chinese names: traditional and spaced forms are exact, homophones share pinyin', () => {
    expect(level('chinese_name', '張 偉', '张伟')).toBe('exact');
    expect(level('chinese_name', '王伟', '王玮')).toBe('same_pinyin');
    expect(level('chinese_name', '王小明', '王小红')).toBe('one_character');
    expect(level('chinese_name', '王伟', '李娜')).toBe('other');
  });

  it('Latin names: case and spaces do not matter, typos fall in edit-distance and Jaro–Winkler bands', () => {
    expect(level('name', ' Smith', 'SMITH')).toBe('exact');
    expect(level('name', 'smith', 'smyth')).toBe('edit_distance_1');
    expect(level('name', 'harrington', 'harringtom')).toBe('edit_distance_1');
    expect(level('name', 'stephen', 'steven')).toBe('jaro_winkler_0.80');
    expect(level('name', 'jonathan', 'johnathon')).toBe('jaro_winkler_0.80');
    expect(level('name', 'smith', 'jones')).toBe('other');
  });

  it('dates: notations agree, day and month swapped and one-digit typos have their levels', () => {
    expect(level('date', '1990-03-04', '19900304')).toBe('exact');
    expect(level('date', '1990年3月4日', '1990/03/04')).toBe('exact');
    expect(level('date', '1990-03-04', '1990-04-03')).toBe('day_month_swapped');
    expect(level('date', '1990-03-04', '1990-03-07')).toBe('one_digit');
    expect(level('date', '19081309', '19081209')).toBe('one_digit');
    expect(level('date', '1990-03-04', '1971-11-25')).toBe('other');
  });

  it('resident IDs: a 15-digit ID equals its 18-digit form; one wrong digit, even the check digit, is one_digit', () => {
    const old = ID.slice(0, 6) + ID.slice(8, 17);
    expect(level('id_number', old, ID)).toBe('exact');
    const badCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(level('id_number', badCheck, ID)).toBe('one_digit');
    const typo = ID.slice(0, 10) + (ID[10] === '9' ? '8' : '9') + ID.slice(11);
    expect(level('id_number', typo, ID)).toBe('one_digit');
    expect(level('id_number', makeResidentId('330122', '19800101', '456'), ID)).toBe('other');
  });

  it('phones and postcodes: formatting is ignored, one digit off is its own level', () => {
    expect(level('phone', '+86 138-1234-5678', '13812345678')).toBe('exact');
    expect(level('phone', '13812345678', '13812345679')).toBe('one_digit');
    expect(level('postcode', '311300', '311301')).toBe('one_digit');
    expect(level('postcode', '311300', '200000')).toBe('other');
  });

  it('addresses: token overlap, Chinese cut into character pairs', () => {
    expect(level('address', 'Giblin Street', 'giblin street')).toBe('exact');
    expect(level('address', '临安区锦城街道人民路12号', '锦城街道人民路12号')).toBe('similar');
    expect(level('address', '临安区锦城街道人民路12号', '锦城街道人民路15号')).toBe('overlapping');
    expect(level('address', '临安区锦城街道人民路12号', '临安区锦城街道中山路8号')).toBe('overlapping');
    expect(level('address', 'tullaroop street', 'bega flats')).toBe('other');
  });

  it('numbers, exact values and placeholders', () => {
    expect(level('numeric', '6', '6.0')).toBe('exact');
    expect(level('numeric', '100', '103')).toBe('one_digit');
    expect(level('numeric', '1000', '1045')).toBe('within_5_percent');
    expect(level('exact', '男', '女')).toBe('other');
    expect(level('id_number', '不详', ID)).toBe('missing');
    expect(level('name', '', 'smith')).toBe('missing');
  });
});
