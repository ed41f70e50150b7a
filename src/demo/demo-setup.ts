import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobContext } from '../platform/jobs/job-runner.js';
import type { Platform } from '../platform/platform.js';
import { putSetting } from '../platform/settings.js';
import type { DemoManifest } from './generator/index.js';
import { loadDemoGeometry } from './load/demo-geometry.loader.js';
import { loadDemoUsers } from './load/demo-users.loader.js';
import { demoDatasetSpecs } from './datasets/index.js';
import { identityOf } from '../identity/identity.module.js';
import { ingestOf } from '../ingest/ingest.module.js';
import { supervisionOf } from '../supervision/supervision.module.js';
import type { Principal } from '../platform/auth/principal.js';

const DEMO_PRINCIPAL: Principal = { kind: 'user', id: 'demo', name: 'demo-loader', displayName: 'demo loader', role: 'admin', scope: { kind: 'district', code: '330112' } };

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
  datasets: Checkpoint['ingested'];
  resolved?: Checkpoint['resolved'];
  supervised?: Checkpoint['supervised'];
  loadedAt: string;
}

interface Checkpoint {
  generated?: boolean;
  geometry?: { grids: number };
  users?: string[];
  /** Datasets whose files went through the ingest pipeline, with their batch summaries. */
  ingested?: Record<string, { batch: number; accepted: number; rejected: number; flagged: number }>;
  /** The first entity-resolution run over the ingested files. */
  resolved?: { run: number; persons: number; seconds: number };
  /** The first run of the warning models, as of the day the files claim to be from. */
  supervised?: { run: number; warnings: number; dispatched: number; seconds: number };
}

export function readManifest(dir: string): DemoManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw Object.assign(new Error(`没有演示数据清单 ${path} (no demo manifest; run tianmu demo generate first)`), { permanent: true });
  return JSON.parse(readFileSync(path, 'utf8')) as DemoManifest;
}

/**
 * The demo district, in resumable steps: generate the department files, draw approximate
 * boundaries and grids, create the demo users, ingest the files, resolve persons. Each finished step is checkpointed, so a start cut
 * off half-way carries on where it stopped.
 */
export async function runDemoSetup(p: Platform, ctx: JobContext<DemoSetupParams, Checkpoint>): Promise<DemoLoaded> {
  const { scale, seed, dir } = ctx.params;
  const cp: Checkpoint = { ...(ctx.checkpoint ?? {}) };
  const specs = demoDatasetSpecs();
  const steps = 5 + specs.length;
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
  // The demo goes through the same pipeline as any department's files: contracts, then batches.
  cp.ingested ??= {};
  const { catalog, ingest } = ingestOf(p);
  for (const [i, spec] of specs.entries()) {
    if (cp.ingested[spec.name]) continue;
    const file = manifest.files.find((f) => f.dataset === spec.name);
    if (!file) continue;
    await ctx.progress(3 + i, steps, `导入 ${spec.title} (ingesting ${spec.name})`);
    await catalog.register(spec, DEMO_PRINCIPAL);
    const s = await ingest.runNow(spec.name, { path: join(dir, file.file), fileName: file.file.split('/').pop() }, DEMO_PRINCIPAL, 'demo');
    cp.ingested[spec.name] = { batch: s.batch, accepted: s.accepted, rejected: s.rejected, flagged: s.flagged };
    await ctx.saveCheckpoint(cp);
  }
  // Then the same resolution a bureau runs after loading department files: one file per person.
  if (!cp.resolved) {
    await ctx.progress(steps - 2, steps, '实体解析 (resolving persons and enterprises)');
    const r = await identityOf(p).resolve.run('full');
    cp.resolved = { run: r.run, persons: r.entities.active, seconds: r.seconds };
    await ctx.saveCheckpoint(cp);
  }
  // Then the warning models (护廉天目), dated to the files so that "died more than 90 days ago" means what the data says.
  if (!cp.supervised) {
    await ctx.progress(steps - 1, steps, '运行监督预警模型 (running the supervision models)');
    await putSetting(p.db, 'supervision.asOf', manifest.generatedAt.slice(0, 10));
    const r = await supervisionOf(p).runs.run({ actor: 'demo' });
    cp.supervised = { run: r.run, warnings: r.totals.raised, dispatched: r.totals.dispatched, seconds: r.seconds };
    await ctx.saveCheckpoint(cp);
  }
  const loaded: DemoLoaded = {
    scale: manifest.scale,
    seed: manifest.seed,
    dir,
    residents: manifest.counts.residents ?? 0,
    grids: cp.geometry.grids,
    users: cp.users,
    datasets: cp.ingested,
    resolved: cp.resolved,
    supervised: cp.supervised,
    loadedAt: new Date().toISOString(),
  };
  await putSetting(p.db, 'demo.loaded', loaded);
  await ctx.progress(steps, steps, '完成 (done)');
  return loaded;
}
