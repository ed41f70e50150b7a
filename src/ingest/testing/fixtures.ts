import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { makeResidentId } from '../../platform/ids/index.js';

/** The contract from the example, plus a phone and a village. */
export const DIBAO_SPEC = {
  name: 'minzheng.dibao_members',
  department: '民政局',
  title: '低保家庭成员',
  mode: 'snapshot',
  key: ['id_number'],
  level: 'L3',
  // Low on purpose: the test files are mostly dirt.
  qualityThreshold: 0.1,
  fields: [
    { column: '姓名', name: 'name', type: 'person_name', required: true },
    { column: '身份证号', name: 'id_number', type: 'resident_id', required: true, aliases: ['公民身份号码'] },
    { column: '出生日期', name: 'birth_date', type: 'date' },
    { column: '月补助金额', name: 'monthly_amount', type: 'money' },
    { column: '联系电话', name: 'phone', type: 'phone' },
    { column: '村社区', name: 'village', type: 'village_code' },
  ],
  rules: [{ name: 'amount_positive', field: 'monthly_amount', check: 'min', value: 0, action: 'reject' }],
};

export function person(i: number, year = 1960) {
  const birth = `${year + (i % 40)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  return { id: makeResidentId('330124', birth, String(100 + (i % 900)).padStart(3, '0')), birth };
}

export const HEADER = ['姓名', '身份证号', '出生日期', '月补助金额', '联系电话', '村社区'];

export function csv(rows: string[][], header = HEADER): string {
  const q = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

export function tempFile(name: string, content: string | Buffer, encoding: 'utf8' | 'gbk' = 'utf8'): string {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-ingest-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' && encoding === 'gbk' ? iconv.encode(content, 'gbk') : content);
  return path;
}
