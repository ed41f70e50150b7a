import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveResult, timedTianmu } from './lib.js';

/** `tianmu demo generate --scale 1`: wall time and peak memory (GNU time), target under 60 s. */
export async function benchDemoGenerate(scale = 1): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'tianmu-bench-demo-'));
  try {
    const r = timedTianmu(['demo', 'generate', '--scale', String(scale), '--seed', '20221', '--out', out]);
    saveResult('demo-generate', {
      scale,
      seconds: r.wall,
      peakMemoryMiB: r.peakMiB,
      targetSeconds: 60,
      output: r.stdout.trim().split('\n'),
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
