// Builds web/dist when any console source is newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules' || e.name === 'tests') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureConsoleBuilt({ quiet = false } = {}) {
  const web = join(root, 'web');
  const stamp = join(web, 'dist', 'index.html');
  if (!existsSync(join(web, 'index.html'))) return;
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest(web)) return;
  if (!quiet) console.log('Building the web console (web/dist)…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Console build failed');
    process.exit(r.status ?? 1);
  }
}
