import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from './index.js';
import { tempDir } from './test-support.js';

// Logs reader throughput only: timing assertions would make the suite flaky on a busy machine.
const ROWS = 300_000;
const dir = tempDir();
afterAll(() => dir.remove());

const NAMES = ['张三', '李四', '王五', '赵六', '钱七', '孙八'];

async function generate(name: string, encoding: 'utf8' | 'gbk', quoteAll = false): Promise<string> {
  const path = dir.path(name);
  const out = createWriteStream(path);
  const q = (s: string) => (quoteAll || s.includes(',') ? `"${s}"` : s);
  const write = async (text: string) => {
    if (!out.write(encoding === 'utf8' ? text : iconv.encode(text, 'gbk'))) await once(out, 'drain');
  };
  await write('姓名,身份证号,电话,地址,金额,日期,村,备注\n');
  let block = '';
  for (let i = 0; i < ROWS; i++) {
    const n = String(i % 10_000).padStart(4, '0');
    block += `${[NAMES[i % 6] + (i % 100), `33011219900101${n}`, `1380000${n}`, `浙江省杭州市临安区锦城街道${i % 300}号`, (i * 1.37).toFixed(2), `2024-0${1 + (i % 9)}-1${i % 9}`, `村${i % 319}`, i % 7 === 0 ? '含,逗号' : '无'].map(q).join(',')}\n`;
    if (block.length > 256 * 1024) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  out.end();
  await once(out, 'finish');
  return path;
}

async function measure(label: string, path: string): Promise<void> {
  const started = performance.now();
  const reader = await openSource({ path });
  let rows = 0;
  for await (const batch of reader.batches()) for (const item of batch) if (item.kind === 'row') rows++;
  const seconds = (performance.now() - started) / 1000;
  expect(rows).toBe(ROWS);
  const mb = (reader.totalBytes ?? 0) / 1e6;
  console.log(`[reader speed] ${label}: ${Math.round(rows / seconds).toLocaleString('en')} rows/s, ${(mb / seconds).toFixed(0)} MB/s (${mb.toFixed(1)} MB, encoding ${reader.header.encoding})`);
}

describe('reader speed', () => {
  it('logs rows/s for 300k 8-column rows in UTF-8, GBK and fully quoted UTF-8', async () => {
    const utf8 = await generate('speed-utf8.csv', 'utf8');
    const gbk = await generate('speed-gbk.csv', 'gbk');
    const quoted = await generate('speed-quoted.csv', 'utf8', true);
    await measure('UTF-8', utf8);
    await measure('GBK (detected as gb18030)', gbk);
    await measure('UTF-8, every field quoted', quoted);
  });
});
