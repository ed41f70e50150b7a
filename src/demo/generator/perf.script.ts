/**
 * Times one generator run and reports memory: `npx tsx src/demo/generator/perf.script.ts
 * [--scale 1] [--seed 1] [--out /tmp/tianmu-demo]`. For peak RSS run it under `/usr/bin/time -v`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo } from './index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const scale = Number(arg('scale', '1'));
const seed = Number(arg('seed', '1'));
const out = arg('out', '/tmp/tianmu-demo');
const started = performance.now();
const phases = new Map<string, { wall: number; cpu: number }>();
let lastPhase = '';
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const manifest = await generateDemo({
  scale,
  seed,
  out,
  onProgress: ({ phase }) => {
    if (phase !== lastPhase) {
      phases.set(phase, { wall: performance.now(), cpu: cpuNow() });
      lastPhase = phase;
    }
  },
});
const total = (performance.now() - started) / 1000;
const end = { wall: performance.now(), cpu: cpuNow() };
const marks = [...phases.entries()];
marks.forEach(([phase, t], k) => {
  const next = k + 1 < marks.length ? marks[k + 1][1] : end;
  console.log(`${phase.padEnd(28)} ${((next.wall - t.wall) / 1000).toFixed(2)} s wall, ${((next.cpu - t.cpu) / 1000).toFixed(2)} s cpu`);
});
// With --expose-gc, report what stays live rather than what the collector has not yet reclaimed.
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
console.log(`total ${total.toFixed(2)} s wall, ${(cpuNow() / 1000).toFixed(2)} s cpu; heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`);
console.log(JSON.stringify(manifest.counts));
for (const dir of ['departments', 'truth']) {
  for (const f of readdirSync(join(out, dir))) {
    console.log(`${(statSync(join(out, dir, f)).size / 1e6).toFixed(2).padStart(8)} MB  ${dir}/${f}`);
  }
}
