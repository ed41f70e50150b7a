import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverEntry } from '../../scripts/server-build.mjs';

// bin/tianmu.mjs runs what this compiles; here it compiles a small tree of its own, not Tianmu's.
describe('the compiled server build', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  function tree(greeting: string): string {
    const root = mkdtempSync(join(tmpdir(), 'tianmu-server-build-'));
    roots.push(root);
    mkdirSync(join(root, 'src', 'cli'), { recursive: true });
    mkdirSync(join(root, 'src', 'data'));
    writeFileSync(join(root, 'src', 'data', 'words.json'), JSON.stringify({ greeting }));
    // A data file found from the module's own URL, as Tianmu's modules find theirs.
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), "import { readFileSync } from 'node:fs';\nconst w: { greeting: string } = JSON.parse(readFileSync(new URL('../data/words.json', import.meta.url), 'utf8'));\nconsole.log(w.greeting);\n");
    writeFileSync(join(root, 'src', 'cli', 'main.test.ts'), 'throw new Error("tests are not compiled");\n');
    return root;
  }
  const run = (entry: string) => spawnSync(process.execPath, [entry], { encoding: 'utf8' }).stdout.trim();

  it('compiles the sources with their data files and no tests, and reuses the build while nothing changed', async () => {
    const root = tree('你好');
    const entry = await serverEntry(root);
    expect(entry).toBe(join(root, 'build', 'cli', 'main.js'));
    expect(run(entry!)).toBe('你好');
    expect(existsSync(join(root, 'build', 'cli', 'main.test.js'))).toBe(false);
    const built = statSync(join(root, 'build', '.stamp')).mtimeMs;
    await serverEntry(root);
    expect(statSync(join(root, 'build', '.stamp')).mtimeMs).toBe(built);
  });

  it('rebuilds when a source changes, and sets the old build aside instead of deleting it', async () => {
    const root = tree('before');
    await serverEntry(root);
    const file = join(root, 'src', 'data', 'words.json');
    writeFileSync(file, JSON.stringify({ greeting: 'after' }));
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(run((await serverEntry(root))!)).toBe('after');
    expect(readdirSync(root).filter((e) => e.startsWith('build.old-'))).toHaveLength(1);
  });

  it('builds once when several processes start together on a fresh tree', async () => {
    const root = tree('together');
    const script = `import { serverEntry } from ${JSON.stringify(new URL('../../scripts/server-build.mjs', import.meta.url).href)}; console.log(await serverEntry(${JSON.stringify(root)}));`;
    const runs = await Promise.all(Array.from({ length: 4 }, async () => (await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])).stdout.trim()));
    expect(new Set(runs)).toEqual(new Set([join(root, 'build', 'cli', 'main.js')]));
    expect(run(runs[0])).toBe('together');
    expect(readdirSync(root).filter((e) => e.startsWith('build.'))).toEqual([]);
  });
});
