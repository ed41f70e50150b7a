import { describe, expect, it } from 'vitest';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { LinkageRow } from '../records/record.store.js';
import { personTable } from './person-linker.js';

const row = (id: number, idHash: string | null, token: string | null): LinkageRow =>
  ({ id, entity_id: null, name: '张三', id_hash: idHash, id_token: token, id_valid: true, birth_date: '1980-01-01', sex: 'M', phone_hash: null, address: null, village_code: null, household_no: null, dataset: 'd', batch_id: 1 }) as unknown as LinkageRow;

describe('personTable', () => {
  it('decrypts each ID number once, however many records carry it, and gives every record its number', () => {
    const decrypted: string[] = [];
    const cipher = { decrypt: (t: string) => (decrypted.push(t), t.replace('tok:', '')) } as unknown as PersonalDataCipher;
    const t = personTable([row(1, 'h1', 'tok:330112198001010011'), row(2, 'h1', 'tok:330112198001010011'), row(3, 'h2', 'tok:33011219800101002X'), row(4, null, 'tok:330112198001010038'), row(5, null, null)], cipher);
    expect(decrypted).toEqual(['tok:330112198001010011', 'tok:33011219800101002X', 'tok:330112198001010038']);
    const col = t.columns.get('id_number')!;
    expect(Array.from(col.codes, (c) => (c < 0 ? '' : col.values[c]))).toEqual(['330112198001010011', '330112198001010011', '33011219800101002X', '330112198001010038', '']);
  });

  it('takes the number a record held since the sync was sealed from, without decrypting it', () => {
    const decrypted: string[] = [];
    const cipher = { decrypt: (t: string) => (decrypted.push(t), t.replace('tok:', '')) } as unknown as PersonalDataCipher;
    const held = { ...row(1, 'h1', 'tok:330112198001010011'), id_plain: '330112198001010011' };
    const t = personTable([held, row(2, 'h2', 'tok:33011219800101002X')], cipher);
    expect(decrypted).toEqual(['tok:33011219800101002X']);
    const col = t.columns.get('id_number')!;
    expect(Array.from(col.codes, (c) => col.values[c])).toEqual(['330112198001010011', '33011219800101002X']);
  });
});
