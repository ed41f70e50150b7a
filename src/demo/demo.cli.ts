import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { progressBar } from '../cli/progress.js';
import type { Platform } from '../platform/platform.js';
import { DEMO_SETUP_JOB } from './demo.module.js';
import { readManifest } from './demo-setup.js';

function number(min: number, max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`must be a number from ${min} to ${max}`);
    return n;
  };
}

export function demoCli(program: Command, open: () => Promise<Platform>): void {
  const demo = program.command('demo').description('The demo district');

  demo
    .command('generate')
    .description('Write a synthetic district as department files plus ground truth')
    .option('--scale <s>', 'size: 1 is Lin\'an (~650,000 residents)', number(0.0001, 2), 0.01)
    .option('--seed <n>', 'random seed (same seed, same files)', number(0, 2 ** 31), 20221)
    .requiredOption('--out <dir>', 'output folder')
    .action(async (o: { scale: number; seed: number; out: string }) => {
      const { generateDemo } = await import('./generator/index.js');
      const bar = progressBar('Generating');
      const t0 = Date.now();
      const m = await generateDemo({ scale: o.scale, seed: o.seed, out: resolve(o.out), onProgress: (p) => bar.update(p.done, p.total, p.phase) });
      bar.stop();
      console.log(`Wrote ${m.files.length} department files to ${resolve(o.out)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      for (const [k, v] of Object.entries(m.counts)) console.log(`  ${k}: ${v.toLocaleString('en')}`);
    });

  demo
    .command('load <dir>')
    .description('Load a generated district into the database')
    .action(async (dir: string) => {
      const full = resolve(dir);
      readManifest(full);
      const p = await open();
      try {
        await p.jobs.start();
        const job = await p.jobs.enqueue(DEMO_SETUP_JOB, `加载演示数据 ${full}`, { dir: full, scale: 0, seed: 0, loadOnly: true, password: process.env.TIANMU_DEMO_PASSWORD }, 'cli');
        const bar = progressBar('Loading');
        const end = await p.jobs.waitFor(job.id, (j) => bar.update(j.done, j.total, j.message ?? ''));
        bar.stop();
        if (end.status !== 'succeeded') throw new Error(`demo load failed: ${end.error}`);
        console.log(`Loaded ${full}`);
      } finally {
        await p.close();
      }
    });
}
