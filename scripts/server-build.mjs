// Compiles src/ to plain JavaScript in build/ when the sources changed, so that starting Tianmu does
// not pay tsx's loader hooks on every one of several hundred modules (about 1.7 s of a restart).
// build/ mirrors src/ at the same depth, so paths a module resolves from its own URL (the console in
// web/dist, data files beside the module, the ingest worker's entry) resolve the same from either.
import { closeSync, cpSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

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
export async function serverEntry(root = repo) {
  if (process.env.TIANMU_NO_BUILD === '1') return null;
  const src = join(root, 'src');
  const out = join(root, 'build');
  const files = walk(src);
  const stamp = fingerprint(files);
  const entry = join(out, 'cli', 'main.js');
  const stampFile = join(out, '.stamp');
  const fresh = () => existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(entry);
  if (fresh()) return entry;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  // One process builds at a time (the test suite starts many CLIs at once on a fresh clone); the
  // others wait for it and then find the stamp matching.
  const lock = `${out}.lock`;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (fresh()) return entry;
      // A lock left by a build that died: builds take seconds.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 60_000) rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    if (fresh()) return entry;
    const ts = files.filter((f) => f.endsWith('.ts'));
    await esbuild.build({ entryPoints: ts, outdir: tmp, outbase: src, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    for (const f of files.filter((f) => !f.endsWith('.ts'))) cpSync(f, join(tmp, relative(src, f)));
    writeFileSync(join(tmp, '.stamp'), stamp);
    // The old tree is moved aside, not deleted: a process started from it may still import from it
    // (lazily loaded modules). Trees set aside by earlier builds go once they are an hour old.
    for (const e of readdirSync(root)) {
      const p = join(root, e);
      if (e.startsWith('build.old-') && Date.now() - statSync(p).mtimeMs > 3600_000) rmSync(p, { recursive: true, force: true });
    }
    if (existsSync(out)) renameSync(out, `${out}.old-${process.pid}-${Date.now()}`);
    renameSync(tmp, out);
    return entry;
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    return fresh() ? entry : null;
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      /* taken away as stale by another process */
    }
  }
}
