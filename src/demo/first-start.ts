import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Platform } from '../platform/platform.js';
import { getSetting } from '../platform/settings.js';
import { progressBar } from '../cli/progress.js';
import { DEMO_SETUP_JOB, type DemoLoaded } from './demo.module.js';

/**
 * On first start, generates and loads the demo district as a job (so the console's job list shows
 * it) and waits for it; later starts find it loaded and return at once.
 */
export async function ensureDemo(p: Platform): Promise<string> {
  const loaded = await getSetting<DemoLoaded>(p.db, 'demo.loaded');
  if (loaded) return describe(loaded);
  const password = p.config.adminPassword ?? randomBytes(9).toString('base64url');
  const job = await p.jobs.enqueue(
    DEMO_SETUP_JOB,
    '生成并加载演示区县 (generate and load the demo district)',
    { scale: p.config.demo.scale, seed: p.config.demo.seed, dir: join(p.config.dataDir, 'demo'), password },
    'system',
  );
  const bar = progressBar('Demo district');
  const end = await p.jobs.waitFor(job.id, (j) => bar.update(j.done, j.total, j.message ?? ''));
  bar.stop();
  if (end.status !== 'succeeded') return `failed to load (${end.error}); see the job list`;
  const now = await getSetting<DemoLoaded>(p.db, 'demo.loaded');
  const users = now?.users.length ? `\n  Demo users (password ${p.config.adminPassword ? 'same as admin' : password}): ${now.users.join(', ')}` : '';
  return `${describe(now!)}${users}`;
}

function describe(d: DemoLoaded): string {
  return `scale ${d.scale}, seed ${d.seed}, ${d.residents.toLocaleString('en')} residents, ${d.grids} grids (approximate boundaries)`;
}
