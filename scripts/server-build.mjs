// Compiles src/ to plain JavaScript in build/ when the sources changed, so that starting Tianmu does
// not pay tsx's loader hooks on every one of several hundred modules (about 1.7 s of a restart).
// build/ mirrors src/ at the same depth, so paths a module resolves from its own URL (the console in
// web/dist, data files beside the module, the ingest worker's entry) resolve the same from either.
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'build');

function walk(dir, files = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, files);
    else if (!/\.test\.ts$/.test(e.name) && !e.name.endsWith('.md')) files.push(p);
  }
  return files;
}

/** Count, newest change and total size of the sources: cheap to read, and a deleted file changes it. */
function fingerprint(files) {
  let newest = 0;
  let size = 0;
  for (const f of files) {
    const s = statSync(f);
    newest = Math.max(newest, s.mtimeMs);
    size += s.size;
  }
  return `${files.length}:${newest}:${size}`;
}

/**
 * The compiled CLI entry, rebuilt first when stale; null when it cannot be built here (esbuild
 * missing, a read-only checkout), in which case the caller runs the TypeScript through tsx.
 */
export async function serverEntry() {
  if (process.env.TIANMU_NO_BUILD === '1') return null;
  const files = walk(src);
  const stamp = fingerprint(files);
  const entry = join(out, 'cli', 'main.js');
  const stampFile = join(out, '.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(entry)) return entry;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // Built beside build/ and swapped in by rename, so a process starting meanwhile (the test suite
  // starts many CLIs at once) sees either the old tree or the new one, never half of one.
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    const ts = files.filter((f) => f.endsWith('.ts'));
    await esbuild.build({ entryPoints: ts, outdir: tmp, outbase: src, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    for (const f of files.filter((f) => !f.endsWith('.ts'))) cpSync(f, join(tmp, relative(src, f)));
    writeFileSync(join(tmp, '.stamp'), stamp);
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(tmp, out);
    rmSync(old, { recursive: true, force: true });
    return entry;
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    // Another process may have swapped in the same build meanwhile.
    return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp ? entry : null;
  }
}
