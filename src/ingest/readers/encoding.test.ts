import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from './index.js';
import { readAll, tempDir } from './test-support.js';

const dir = tempDir();
afterAll(() => dir.remove());

const TEXT = '姓名,地址,备注\n张三,浙江省杭州市临安区锦城街道,无\n李四,於潜镇,"含,逗号"\n';
const fails = (path: string, opts = {}) => openSource({ path }, opts).catch((e) => e);

describe('encodings', () => {
  it('reads UTF-8 and UTF-8 with BOM as utf8', async () => {
    for (const [name, data] of [['u8.csv', Buffer.from(TEXT)], ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])]] as const) {
      const { header, rows } = await readAll(dir.write(name, data));
      expect(header).toMatchObject({ encoding: 'utf8', encodingDetected: true, columns: ['姓名', '地址', '备注'] });
      expect(rows[1].cells).toEqual(['李四', '於潜镇', '含,逗号']);
    }
  });

  it('detects GBK and reports it as gb18030', async () => {
    const { header, rows } = await readAll(dir.write('gbk.csv', iconv.encode(TEXT, 'gbk')));
    expect(header).toMatchObject({ encoding: 'gb18030', encodingDetected: true, columns: ['姓名', '地址', '备注'] });
    expect(rows[0].cells).toEqual(['张三', '浙江省杭州市临安区锦城街道', '无']);
  });

  it('reads an explicitly given GBK file', async () => {
    const { header, rows } = await readAll(dir.write('gbk2.csv', iconv.encode(TEXT, 'gbk')), { encoding: 'gbk' });
    expect(header).toMatchObject({ encoding: 'gbk', encodingDetected: false });
    expect(rows).toHaveLength(2);
  });

  it('reads characters that only GB18030 has (4-byte sequences)', async () => {
    const text = '名称,字\n甲,𠀀\n乙,䶮\n丙,㐀𪚥\n';
    const { header, rows, errors } = await readAll(dir.write('gb18030.csv', iconv.encode(text, 'gb18030')));
    expect(header.encoding).toBe('gb18030');
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.cells[1])).toEqual(['𠀀', '䶮', '㐀𪚥']);
  });

  it('rejects a GBK file declared as utf8 with the byte offset', async () => {
    const err = await fails(dir.write('wrong1.csv', iconv.encode(TEXT, 'gbk')), { encoding: 'utf8' });
    expect(err).toMatchObject({ name: 'SourceFileError', code: 'decode_error' });
    expect(err.message).toMatch(/not valid UTF-8 at byte 0/);
  });

  it('rejects invalid UTF-8 deep in a file declared utf8, naming the offset', async () => {
    const head = `a,b\n${'1,x\n'.repeat(100_000)}`;
    const data = Buffer.concat([Buffer.from(head), Buffer.from('2,中'), Buffer.from([0xff, 0x0a])]);
    // The error may come from openSource or from a later batch, depending on where the read chunks fall.
    const err = await readAll(dir.write('late.csv', data), { encoding: 'utf8' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'decode_error' });
    expect(err.message).toContain(`byte ${Buffer.byteLength(head) + 5}`);
  });

  it('rejects a UTF-8 file declared as gbk instead of storing mojibake', async () => {
    const err = await fails(dir.write('wrong2.csv', TEXT), { encoding: 'gbk' });
    expect(err).toMatchObject({ code: 'decode_error' });
  });

  it('switches to gb18030 when the first non-ASCII byte comes after an ASCII-only head', async () => {
    const ascii = `id,name\n${Array.from({ length: 10_000 }, (_, i) => `${i},n${i}`).join('\n')}\n`;
    const data = Buffer.concat([Buffer.from(ascii), iconv.encode('10000,张三\n', 'gbk')]);
    const { header, rows, errors } = await readAll(dir.write('late-gbk.csv', data));
    expect(errors).toEqual([]);
    expect(rows.at(-1)?.cells).toEqual(['10000', '张三']);
    expect(header.encoding).toBe('gb18030');
  });

  it('refuses to switch when UTF-8 and GBK text are mixed after the head', async () => {
    const ascii = `id,name\n${Array.from({ length: 10_000 }, (_, i) => `${i},n${i}`).join('\n')}\n`;
    const data = Buffer.concat([Buffer.from(ascii), Buffer.from('10000,中\n'), iconv.encode('10001,张三\n', 'gbk')]);
    const err = await readAll(dir.write('mixed.csv', data)).catch((e) => e);
    expect(err).toMatchObject({ code: 'decode_error' });
  });

  it('reports rows with undecodable GBK bytes as decode_error items', async () => {
    const data = Buffer.concat([iconv.encode('姓名,村\n张三,青山\n', 'gbk'), Buffer.from([0x31, 0x2c, 0x81, 0x20, 0x0a]), iconv.encode('李四,锦南\n', 'gbk')]);
    const { rows, errors } = await readAll(dir.write('bad-gbk.csv', data), { encoding: 'gbk' });
    expect(rows.map((r) => r.cells[0])).toEqual(['张三', '李四']);
    expect(errors).toEqual([expect.objectContaining({ line: 3, reason: 'decode_error' })]);
  });

  it.each([
    ['random bytes', randomBytes(4096)],
    ['a PNG header', Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(200)])],
    ['control characters', Buffer.from('a,b\n\x01\x02\x03,\x04\x05\x06\n\x07\x08,\x0b\x0e\n')],
    ['a zip given as csv', Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(100)])],
  ])('rejects %s as binary_file', async (_, data) => {
    expect(await fails(dir.write('bin.csv', data))).toMatchObject({ code: 'binary_file' });
  });

  it('rejects UTF-16 with a clear message', async () => {
    const err = await fails(dir.write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')])));
    expect(err).toMatchObject({ code: 'decode_error', message: expect.stringContaining('UTF-16') });
  });

  it('reads a gzip-compressed CSV and rejects a cut-off one as truncated_file', async () => {
    const big = `id,name\n${Array.from({ length: 50_000 }, (_, i) => `${i},名字${i}`).join('\n')}\n`;
    const gz = gzipSync(Buffer.from(big));
    const { header, rows, reader } = await readAll(dir.write('data.csv.gz', gz));
    expect(header.format).toBe('csv');
    expect(rows).toHaveLength(50_000);
    expect(reader.bytesRead()).toBe(gz.length);
    expect(reader.totalBytes).toBe(gz.length);
    const cut = dir.write('cut.csv.gz', gz.subarray(0, Math.floor(gz.length * 0.8)));
    const err = await readAll(cut).catch((e) => e);
    expect(err).toMatchObject({ name: 'SourceFileError', code: 'truncated_file' });
  });
});
