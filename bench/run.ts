import { benchDemoGenerate } from './demo-generate.bench.js';
import { benchDispatchLatency } from './dispatch-latency.bench.js';
import { benchEventsIntake } from './events-intake.bench.js';
import { benchIdentityResolve } from './identity-resolve.bench.js';
import { benchIngest, benchIngestLarge } from './ingest.bench.js';
import { benchLinkFebrl } from './link-febrl.bench.js';
import { benchLinkSpeed } from './link-speed.bench.js';
import { benchLoginRead } from './login-read.bench.js';
import { benchStartup } from './startup.bench.js';
import { benchSupervision } from './supervision.bench.js';

/** `npm run bench [name…]`: runs the named benchmarks (default all) and writes bench/results/*.json. */
const all: Record<string, () => Promise<void>> = {
  'demo-generate': () => benchDemoGenerate(Number(process.env.BENCH_SCALE ?? 1)),
  startup: benchStartup,
  'login-read': benchLoginRead,
  ingest: benchIngest,
  'dispatch-latency': benchDispatchLatency,
  'events-intake': benchEventsIntake,
  'link-febrl': benchLinkFebrl,
  'link-speed': benchLinkSpeed,
  'identity-resolve': benchIdentityResolve,
  supervision: benchSupervision,
};
/** Run only when named: each takes long enough to be a deliberate choice. */
const optIn: Record<string, () => Promise<void>> = {
  'ingest-2gib': benchIngestLarge,
};

const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
for (const name of names) {
  const fn = all[name] ?? optIn[name];
  if (!fn) {
    console.error(`unknown benchmark ${name}; known: ${[...Object.keys(all), ...Object.keys(optIn)].join(', ')}`);
    process.exit(2);
  }
  console.log(`== ${name}`);
  await fn();
}
