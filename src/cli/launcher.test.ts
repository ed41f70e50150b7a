import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const shebang = readFileSync(new URL('bin/tianmu.mjs', root), 'utf8').split('\n')[0];
const start = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: { start: string } }).scripts.start;

// The launcher's memory settings were measured together (bin/tianmu.mjs, docs/ingest.md); `npm start`
// runs node itself, so it must carry the same ones or the embedded default loses them.
describe('the launcher', () => {
  it('gives `npm start` the same environment settings and node flags as `tianmu`', () => {
    const m = /^#!\/usr\/bin\/env -S ((?:[A-Z_]+=\S+ )*)node (.*)$/.exec(shebang);
    expect(m, shebang).not.toBeNull();
    expect(m![1]).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    expect(m![2]).toContain('--max-old-space-size=8192');
    expect(start.startsWith(`${m![1]}node ${m![2]} bin/tianmu.mjs `)).toBe(true);
  });
});
