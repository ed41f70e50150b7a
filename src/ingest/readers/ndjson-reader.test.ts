import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from './index.js';
import { readAll, tempDir } from './test-support.js';

const dir = tempDir();
afterAll(() => dir.remove());

describe('NDJSON reader', () => {
  it('takes the header from the keys in first-seen order and turns values into strings', async () => {
    const lines = [
      '{"name":"张三","age":30,"tags":["a","b"]}',
      '{"age":41,"name":"李四","married":true,"addr":{"town":"锦城"}}',
      '{"name":null,"note":"x"}',
    ];
    const { header, rows, errors } = await readAll(dir.write('a.ndjson', `${lines.join('\n')}\n`));
    expect(header).toEqual({ format: 'ndjson', encoding: 'utf8', encodingDetected: true, columns: ['name', 'age', 'tags', 'married', 'addr', 'note'] });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { kind: 'row', line: 1, cells: ['张三', '30', '["a","b"]', '', '', ''] },
      { kind: 'row', line: 2, cells: ['李四', '41', '', 'true', '{"town":"锦城"}', ''] },
      { kind: 'row', line: 3, cells: ['', '', '', '', '', 'x'] },
    ]);
  });

  it('reports bad lines with their reason and reads on', async () => {
    const text = '{"a":1}\n{"a":2\n\n[1,2]\n"text"\n{"a":3}\r\nnull\n';
    const { rows, errors } = await readAll(dir.write('bad.jsonl', text));
    expect(rows.map((r) => [r.line, r.cells[0]])).toEqual([[1, '1'], [6, '3']]);
    expect(errors.map((e) => [e.line, e.reason, e.raw])).toEqual([
      [2, 'invalid_json', '{"a":2'],
      [4, 'not_an_object', '[1,2]'],
      [5, 'not_an_object', '"text"'],
      [7, 'not_an_object', 'null'],
    ]);
  });

  it('keeps every digit of integers beyond 2^53 written without quotes', async () => {
    const { rows } = await readAll(dir.write('ids.ndjson', '{"id":330112199001011234,"n":1.5,"s":"a: 12345678901234567890, b"}\n'));
    expect(rows[0].cells).toEqual(['330112199001011234', '1.5', 'a: 12345678901234567890, b']);
  });

  it('reports keys that were not in the first 1000 lines instead of dropping them', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: i }));
    lines.push('{"id":1000,"late":"x"}', '{"id":1001}');
    const { header, rows, errors } = await readAll(dir.write('late.ndjson', lines.join('\n')));
    expect(header.columns).toEqual(['id']);
    expect(rows).toHaveLength(1001);
    expect(errors).toEqual([expect.objectContaining({ line: 1001, reason: 'column_count', raw: '{"id":1000,"late":"x"}' })]);
  });

  it('sniffs NDJSON from the first character and reads GBK', async () => {
    const { header, rows } = await readAll(dir.write('noext', iconv.encode('{"姓名":"王五"}\n', 'gbk')));
    expect(header).toMatchObject({ format: 'ndjson', encoding: 'gb18030', columns: ['姓名'] });
    expect(rows[0].cells).toEqual(['王五']);
  });

  it('rejects a file whose sampled lines hold no object', async () => {
    await expect(openSource({ path: dir.write('none.ndjson', 'oops\n[1]\n') })).rejects.toMatchObject({ code: 'no_header' });
    await expect(openSource({ path: dir.write('dupkey.ndjson', '{"a":1," a":2}\n') })).rejects.toMatchObject({ code: 'duplicate_header' });
  });

  it('reports a value over maxCellBytes and a line over maxRecordBytes', async () => {
    const text = `{"a":"${'x'.repeat(300)}"}\n{"a":"ok"}\n{"a":"${'y'.repeat(5000)}"}\n{"a":"end"}\n`;
    const { rows, errors } = await readAll(dir.write('big.ndjson', text), { maxCellBytes: 200, maxRecordBytes: 1000 });
    expect(errors.map((e) => [e.line, e.reason])).toEqual([[1, 'cell_too_large'], [3, 'record_too_large']]);
    expect(rows.map((r) => r.cells[0])).toEqual(['ok', 'end']);
  });
});
