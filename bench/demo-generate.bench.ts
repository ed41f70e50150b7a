import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, saveResult, TIANMU_ARGS } from './lib.js';

/** `tianmu demo generate --scale 1`: wall time and peak memory (GNU time), target under 60 s. */
export async function benchDemoGenerate(scale = 1): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'tianmu-bench-demo-'));
  try {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...TIANMU_ARGS, 'demo', 'generate', '--scale', String(scale), '--seed', '20221', '--out', out], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`demo generate failed: ${r.stderr}`);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    saveResult('demo-generate', {
      scale,
      seconds: Number(seconds.toFixed(2)),
      peakMemoryMiB: rss ? Math.round(Number(rss[1]) / 1024) : null,
      targetSeconds: 60,
      output: r.stdout.trim().split('\n'),
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
