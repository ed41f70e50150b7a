import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLinkConfig } from './config.js';
import { readCsvTable } from './csv-io.js';
import { pairwiseScores } from './evaluate.js';
import { linkTable } from './link.js';

const DATA = fileURLToPath(new URL('../../../bench/data/febrl/', import.meta.url));

// Accuracy, not speed: FEBRL dataset 1 (1,000 records, 500 true duplicate pairs), trained without its labels.
describe('FEBRL dataset 1', () => {
  it('is deduplicated with pairwise F1 of at least 0.95', async () => {
    const config = parseLinkConfig({ ...JSON.parse(readFileSync(`${DATA}link.json`, 'utf8')), uSampleSize: 100_000 });
    const table = await readCsvTable([`${DATA}dataset1.csv`], config);
    const r = linkTable(table, config);
    // The labels are read only here, to score: rec-N-org and rec-N-dup-k are person N.
    const s = pairwiseScores(r.clustering.clusterOf, table.ids.map((id) => id.split('-')[1]));
    expect(s.truePairs).toBe(500);
    expect(s.f1).toBeGreaterThanOrEqual(0.95);
  });
});
