import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairwiseScores } from '../src/identity/linkage/index.js';
import { SYNTHETIC_CONFIG, syntheticPeople } from '../src/identity/linkage/testing/synthetic-people.js';
import { saveResult, timedTianmu } from './lib.js';

const RECORDS = Number(process.env.BENCH_LINK_RECORDS ?? 100_000);
const COLUMNS = ['rec_id', 'name', 'id_number', 'birth_date', 'phone', 'address', 'sex'] as const;

/** Runs `tianmu link` under /usr/bin/time for its wall time, CPU time and peak resident memory. */
export function timedLink(args: string[]) {
  const run = timedTianmu(['link', '--quiet', ...args]);
  return { wallSeconds: run.wall, cpuSeconds: run.cpuSeconds, peakMemoryMiB: run.peakMiB };
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
