import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairwiseScores } from '../src/identity/linkage/index.js';
import { SYNTHETIC_CONFIG, syntheticPeople } from '../src/identity/linkage/testing/synthetic-people.js';
import { ROOT, saveResult, TIANMU_ARGS } from './lib.js';

const RECORDS = Number(process.env.BENCH_LINK_RECORDS ?? 100_000);
const COLUMNS = ['rec_id', 'name', 'id_number', 'birth_date', 'phone', 'address', 'sex'] as const;

/** Runs `tianmu link` under /usr/bin/time for its wall time and peak resident memory. */
export function timedLink(args: string[]) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...TIANMU_ARGS, 'link', '--quiet', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' }, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`tianmu link ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const cpu = ['User', 'System'].reduce((s, k) => s + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN), 0);
  // CPU seconds as well as wall time: on a shared machine the wall time also counts other people's work.
  return { wallSeconds: Number(wall.toFixed(2)), cpuSeconds: Number(cpu.toFixed(2)), peakMemoryMiB: rss ? Math.round(Number(rss[1]) / 1024) : null };
}

/** Reads `record_id,cluster_id` back in record order. */
export function readClusters(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
}

async function runOn(records: number, dir: string, auto: boolean) {
  const people = syntheticPeople(records, { seed: 11 });
  const csv = join(dir, `people-${records}.csv`);
  writeFileSync(csv, `${COLUMNS.join(',')}\n${people.map((p) => COLUMNS.map((c) => p[c]).join(',')).join('\n')}\n`);
  const config = join(dir, 'link.json');
  writeFileSync(config, JSON.stringify(auto ? { ...SYNTHETIC_CONFIG, blocking: undefined } : SYNTHETIC_CONFIG));
  const out = join(dir, 'clusters.csv');
  const summaryFile = join(dir, 'summary.json');
  const run = timedLink(['--config', config, '--out', out, '--summary', summaryFile, csv]);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  const scores = pairwiseScores(readClusters(out), people.map((p) => p.entity));
  return {
    records,
    fileMiB: Number((statSync(csv).size / 2 ** 20).toFixed(1)),
    blocking: summary.blocking,
    blockingChosen: summary.blockingChosen,
    candidatePairs: summary.candidatePairs,
    oversizedBlocks: summary.oversizedBlocks.length,
    clusters: summary.clusters,
    linkSeconds: summary.seconds,
    processWallSeconds: run.wallSeconds,
    processCpuSeconds: run.cpuSeconds,
    recordsPerSecond: Math.round(records / run.wallSeconds),
    recordsPerCpuSecond: Math.round(records / run.cpuSeconds),
    peakMemoryMiB: run.peakMemoryMiB,
    precision: Number(scores.precision.toFixed(4)),
    recall: Number(scores.recall.toFixed(4)),
    f1: Number(scores.f1.toFixed(4)),
  };
}

/**
 * `tianmu link` on BENCH_LINK_RECORDS (default 100,000) synthetic Chinese person records with ~30 %
 * of people duplicated, with the blocking of the config and with blocking chosen from the data.
 * BENCH_LINK_CHECK (e.g. 1000000) also measures those sizes directly, configured blocking only.
 */
export async function benchLinkSpeed(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-bench-link-'));
  try {
    const configured = await runOn(RECORDS, dir, false);
    const chosen = await runOn(RECORDS, dir, true);
    // Straight scaling of the whole process: an upper bound, since start-up and u sampling do not grow with the records.
    const perMillion = (r: typeof configured, key: 'processWallSeconds' | 'processCpuSeconds') => Number(((r[key] * 1_000_000) / r.records).toFixed(1));
    const measured = [];
    for (const n of (process.env.BENCH_LINK_CHECK ?? '').split(',').filter(Boolean).map(Number)) measured.push(await runOn(n, dir, false));
    saveResult('link-speed', {
      records: RECORDS,
      configuredBlocking: configured,
      chosenBlocking: chosen,
      extrapolatedToMillionUpperBound: {
        configuredBlocking: { wallSeconds: perMillion(configured, 'processWallSeconds'), cpuSeconds: perMillion(configured, 'processCpuSeconds') },
        chosenBlocking: { wallSeconds: perMillion(chosen, 'processWallSeconds'), cpuSeconds: perMillion(chosen, 'processCpuSeconds') },
      },
      ...(measured.length ? { measured } : {}),
      // Other people's work on a shared machine shows in wall time much more than in CPU time.
      loadAverageAtEnd: Number(loadavg()[0].toFixed(2)),
      targets: { secondsPerMillion: 60, peakMemoryMiB: 4096 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
