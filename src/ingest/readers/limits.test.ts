import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_RAW_BYTES } from './types.js';
import { readAll, tempDir } from './test-support.js';

const dir = tempDir();
afterAll(() => dir.remove());

/** Writes a file in pieces so the test itself never holds the 10 MB cell as one string. */
async function writeWithBigCell(name: string, quoted: boolean): Promise<string> {
  const path = dir.path(name);
  const out = createWriteStream(path);
  out.write('id,note,n\n1,small,1\n2,');
  if (quoted) out.write('"');
  const piece = Buffer.alloc(3 * 87_000, '数');
  for (let written = 0; written < 10 * 1024 * 1024; written += piece.length) if (!out.write(piece)) await once(out, 'drain');
  if (quoted) out.write('"');
  out.write(',2\n3,after,3\n4,"quoted, after",4\n');
  out.end();
  await once(out, 'finish');
  return path;
}

async function readMeasuringMemory(path: string) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await readAll(path);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ...result, growthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

describe('size limits', () => {
  it.each([
    ['unquoted', false],
    ['quoted', true],
  ])('reports a 10 MB %s cell as cell_too_large without memory ballooning', async (_, quoted) => {
    const path = await writeWithBigCell(`big-${quoted}.csv`, quoted);
    const { rows, errors, growthMb } = await readMeasuringMemory(path);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3, reason: 'cell_too_large' });
    expect(Buffer.byteLength(errors[0].raw)).toBeLessThanOrEqual(MAX_RAW_BYTES);
    expect(errors[0].raw.startsWith(quoted ? '2,"数数' : '2,数数')).toBe(true);
    expect(rows.map((r) => [r.line, r.cells[1]])).toEqual([[2, 'small'], [4, 'after'], [5, 'quoted, after']]);
    expect(growthMb).toBeLessThan(100);
  });

  it('reports a complete record over maxCellBytes with the column named', async () => {
    const { rows, errors } = await readAll(dir.write('cell.csv', `a,b\n1,${'x'.repeat(200)}\n2,"${'y'.repeat(50)}\n${'y'.repeat(150)}"\n3,ok\n`), { maxCellBytes: 100 });
    expect(errors.map((e) => [e.line, e.reason, e.detail])).toEqual([
      [2, 'cell_too_large', 'cell 2 (b) is larger than 100 bytes'],
      [3, 'cell_too_large', 'cell 2 (b) is larger than 100 bytes'],
    ]);
    expect(rows).toEqual([{ kind: 'row', line: 5, cells: ['3', 'ok'] }]);
  });

  it('counts the limit in UTF-8 bytes, not characters', async () => {
    const { rows, errors } = await readAll(dir.write('bytes.csv', `a,b\n1,${'中'.repeat(40)}\n2,${'z'.repeat(40)}\n`), { maxCellBytes: 100 });
    expect(errors.map((e) => e.line)).toEqual([2]);
    expect(rows.map((r) => r.line)).toEqual([3]);
  });

  it('reports a line of many small cells past maxRecordBytes as record_too_large', async () => {
    const wide = Array.from({ length: 400 }, (_, i) => `c${i}`);
    const csv = `${wide.join(',')}\n${wide.map(() => 'v'.repeat(30)).join(',')}\n${wide.map(() => 'w').join(',')}\n`;
    const { rows, errors } = await readAll(dir.write('wide.csv', csv), { maxRecordBytes: 4000, maxCellBytes: 1000 });
    expect(errors).toEqual([expect.objectContaining({ line: 2, reason: 'record_too_large' })]);
    expect(rows).toHaveLength(1);
    expect(rows[0].line).toBe(3);
  });
});
