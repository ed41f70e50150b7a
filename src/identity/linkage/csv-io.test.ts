import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { parseLinkConfig } from './config.js';
import { readCsvTable, writeCsv } from './csv-io.js';

const dir = mkdtempSync(join(tmpdir(), 'tianmu-linkage-csv-'));
const config = parseLinkConfig({ id: 'rec_id', fields: [{ column: 'surname', type: 'name' }, { column: 'dob', type: 'date' }] });

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function failure(files: string[]): Promise<DomainError> {
  try {
    await readCsvTable(files, config);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('did not fail');
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCsvTable', () => {
  it('trims column names and values, and marks the second file as source 1', async () => {
    const t = await readCsvTable([file('a.csv', 'rec_id, surname , dob\n a1 , smith ,19900101\n'), file('b.csv', 'dob,rec_id,surname,extra\n19900101,a1,smyth,x\n')], config);
    expect(t.ids).toEqual(['a1', 'a1']);
    expect(Array.from(t.source)).toEqual([0, 1]);
    expect(t.sources).toBe(2);
    expect(t.columns.get('surname')!.values).toEqual(['smith', 'smyth']);
  });

  it('names a missing column, a duplicate id, an empty id and a broken record with its line', async () => {
    expect((await failure([file('c.csv', 'rec_id,surname\n1,smith\n')])).message).toContain('"dob"');
    const dup = await failure([file('d.csv', 'rec_id,surname,dob\n1,smith,\n2,jones,\n1,brown,\n')]);
    expect(dup.code).toBe('duplicate_id');
    expect(dup.message).toContain('d.csv line 4');
    expect((await failure([file('e.csv', 'rec_id,surname,dob\n,smith,\n')])).code).toBe('missing_id');
    const broken = await failure([file('f.csv', 'rec_id,surname,dob\n1,smith,19900101\n2,"jones,19900101\n')]);
    expect(broken.code).toBe('malformed_csv');
    expect(broken.message).toContain('f.csv line 3');
    expect((await failure([file('g.csv', '')])).code).toBe('malformed_csv');
    expect((await failure([join(dir, 'nope.csv')])).code).toBe('file_not_found');
  });
});

describe('writeCsv', () => {
  it('quotes cells that hold commas, quotes or line breaks', async () => {
    const path = join(dir, 'out.csv');
    await writeCsv(path, ['record_id', 'cluster_id'], [['a,1', 1], ['say "hi"', 2], ['plain', 3]]);
    expect(readFileSync(path, 'utf8')).toBe('record_id,cluster_id\n"a,1",1\n"say ""hi""",2\nplain,3\n');
  });
});
