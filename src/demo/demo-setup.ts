import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext } from '../platform/jobs/job-runner.js';
import type { Platform } from '../platform/platform.js';
import { putSetting } from '../platform/settings.js';
import type { DemoManifest } from './generator/index.js';
import { loadDemoGeometry } from './load/demo-geometry.loader.js';
import { loadDemoUsers } from './load/demo-users.loader.js';

export interface DemoSetupParams {
  scale: number;
  seed: number;
  dir: string;
  /** Demo users' password; omitted when loading files only. */
  password?: string;
  /** Skip generation and load the files already in `dir`. */
  loadOnly?: boolean;
}

export interface DemoLoaded {
  scale: number;
  seed: number;
  dir: string;
  residents: number;
  grids: number;
  users: string[];
  loadedAt: string;
}

interface Checkpoint {
  generated?: boolean;
  geometry?: { grids: number };
  users?: string[];
}

export function readManifest(dir: string): DemoManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw Object.assign(new Error(`没有演示数据清单 ${path} (no demo manifest; run tianmu demo generate first)`), { permanent: true });
  return JSON.parse(readFileSync(path, 'utf8')) as DemoManifest;
}

/**
 * The demo district, in resumable steps: generate the department files, draw approximate
 * boundaries and grids, create the demo users. Each finished step is checkpointed, so a start cut
 * off half-way carries on where it stopped.
 */
export async function runDemoSetup(p: Platform, ctx: JobContext<DemoSetupParams, Checkpoint>): Promise<DemoLoaded> {
  const { scale, seed, dir } = ctx.params;
  const cp: Checkpoint = { ...(ctx.checkpoint ?? {}) };
  const steps = 3;
  if (!cp.generated && !ctx.params.loadOnly) {
    await ctx.progress(0, steps, '生成部门数据文件 (generating department files)');
    // Loaded on demand: a server that never generates never pays for the generator's fixtures.
    const { generateDemo } = await import('./generator/index.js');
    await generateDemo({ scale, seed, out: dir });
    cp.generated = true;
    await ctx.saveCheckpoint(cp);
  }
  const manifest = readManifest(dir);
  if (!cp.geometry) {
    await ctx.progress(1, steps, '绘制近似边界与网格 (drawing approximate boundaries and grids)');
    cp.geometry = await loadDemoGeometry(p, async () => undefined);
    await ctx.saveCheckpoint(cp);
  }
  if (!cp.users) {
    await ctx.progress(2, steps, '创建演示用户 (creating demo users)');
    cp.users = ctx.params.password ? await loadDemoUsers(p, ctx.params.password) : [];
    await ctx.saveCheckpoint(cp);
  }
  const loaded: DemoLoaded = {
    scale: manifest.scale,
    seed: manifest.seed,
    dir,
    residents: manifest.counts.residents ?? 0,
    grids: cp.geometry.grids,
    users: cp.users,
    loadedAt: new Date().toISOString(),
  };
  await putSetting(p.db, 'demo.loaded', loaded);
  await ctx.progress(steps, steps, '完成 (done)');
  return loaded;
}
