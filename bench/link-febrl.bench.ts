import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairwiseScores } from '../src/identity/linkage/index.js';
import { readClusters, timedLink } from './link-speed.bench.js';
import { ROOT, saveResult } from './lib.js';

const DATA = join(ROOT, 'bench/data/febrl');

async function runOn(file: string, dir: string, auto: boolean) {
  const config = JSON.parse(readFileSync(join(DATA, 'link.json'), 'utf8'));
  if (auto) delete config.blocking;
  const configFile = join(dir, 'link.json');
  writeFileSync(configFile, JSON.stringify(config));
  const out = join(dir, 'clusters.csv');
  const summaryFile = join(dir, 'summary.json');
  const run = timedLink(['--config', configFile, '--out', out, '--summary', summaryFile, join(DATA, file)]);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  // rec-N-org and rec-N-dup-k are one person: the truth is N. Used only here, to score.
  const truth = readFileSync(join(DATA, file), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0].trim().split('-')[1]);
  const s = pairwiseScores(readClusters(out), truth);
  return {
    records: summary.records,
    blocking: summary.blocking,
    candidatePairs: summary.candidatePairs,
    truePairs: s.truePairs,
    predictedPairs: s.predictedPairs,
    precision: Number(s.precision.toFixed(4)),
    recall: Number(s.recall.toFixed(4)),
    f1: Number(s.f1.toFixed(4)),
    linkSeconds: summary.seconds.total,
    processWallSeconds: run.wallSeconds,
    processCpuSeconds: run.cpuSeconds,
    peakMemoryMiB: run.peakMemoryMiB,
  };
}

/** Pairwise precision, recall and F1 of `tianmu link` on the FEBRL benchmark files, trained without labels. */
export async function benchLinkFebrl(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-bench-febrl-'));
  try {
    const result: Record<string, unknown> = {};
    for (const file of ['dataset1.csv', 'dataset2.csv']) {
      result[file] = { configuredBlocking: await runOn(file, dir, false), chosenBlocking: await runOn(file, dir, true) };
    }
    saveResult('link-febrl', { ...result, targets: { f1: 0.95 } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
