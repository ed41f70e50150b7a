import { describe, expect, it } from 'vitest';
import { blockPairs } from './blocking.js';
import { averageLinkage, clusterRecords } from './cluster.js';
import { parseLinkConfig } from './config.js';
import type { LinkModel } from './model.js';
import { prepareTable } from './prepare.js';
import { scorePairs, weightTables } from './score.js';
import { tableFromRecords } from './table.js';

const COLUMNS = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6'];
const config = parseLinkConfig({ id: 'id', fields: COLUMNS.map((column) => ({ column, type: 'exact', termFrequency: false })), blocking: [['f3'], ['f5']] });
// Every agreement +6.6 bits, every disagreement −6.6, prior −3.2: the weights are easy to add by hand.
const model: LinkModel = {
  version: 1,
  config,
  blocking: config.blocking!,
  prior: 0.1,
  fields: COLUMNS.map((column) => ({ column, type: 'exact', labels: ['exact', 'other'], m: [0, 0.99, 0.01], u: [0, 0.01, 0.99], tf: null, emSessions: 1 })),
  trainedOn: { records: 3, candidatePairs: 2, uSamplePairs: 0, emIterations: 0 },
};

function row(id: string, values: (string | null)[]) {
  return Object.fromEntries([['id', id], ...values.map((v, i) => [COLUMNS[i], v ?? ''])]);
}

// A and B agree on f1–f3 (+10 bits), B and C on f4–f6 (+3.4 bits, p 0.91): two links. But A and
// C contradict each other on f1, f2 and f4 (−23 bits): B chains two different people.
const chain = [row('A', ['1', '1', '1', '1', null, null]), row('B', ['1', '1', '1', '2', '2', '2']), row('C', ['9', '9', null, '2', '2', '2'])];

function clusters(rows: Record<string, string>[], support: number) {
  const p = prepareTable(tableFromRecords(rows, 'id', COLUMNS), config);
  const pairs = blockPairs(p, config.blocking!);
  const w = weightTables(model, p);
  return clusterRecords(p, w, pairs, scorePairs(w, p, pairs), { threshold: 0.9, support });
}

describe('clustering', () => {
  it('does not chain two people through one record that resembles both', () => {
    const c = clusters(chain, 0.5);
    expect(c.links).toBe(2);
    expect(Array.from(c.clusterOf)).toEqual([0, 0, 1]);
    expect(c.componentsSplit).toBe(1);
  });

  it('would chain them on links alone (connected components), which is what the support check prevents', () => {
    expect(Array.from(clusters(chain, 0.001).clusterOf)).toEqual([0, 0, 0]);
  });

  it('keeps a true entity whose members all support each other', () => {
    const c = clusters([row('A', ['1', '1', '1', '1', '1', '1']), row('B', ['1', '1', '1', '1', '1', '2']), row('C', ['1', '1', '1', '1', '1', '3'])], 0.5);
    expect(Array.from(c.clusterOf)).toEqual([0, 0, 0]);
    expect(c.componentsSplit).toBe(0);
  });

  it('gives records without links their own clusters, numbered in input order', () => {
    const c = clusters([row('X', ['5', null, null, null, null, null]), ...chain, row('Y', [null, null, null, null, null, null])], 0.5);
    expect(Array.from(c.clusterOf)).toEqual([0, 1, 1, 2, 3]);
    expect(c.clusters).toBe(4);
  });
});

describe('averageLinkage', () => {
  const probs: Record<string, number> = { '0,1': 0.99, '1,2': 0.99, '0,2': 0.001, '2,3': 0.95, '0,3': 0.0, '1,3': 0.2 };
  const prob = (x: number, y: number) => probs[`${Math.min(x, y)},${Math.max(x, y)}`] ?? 0;

  it('merges while the mean probability between groups is at least the support', () => {
    expect(averageLinkage([0, 1, 2, 3], prob, 0.5).map((g) => g.sort())).toEqual([[0, 1], [2, 3]]);
    expect(averageLinkage([0, 1, 2, 3], prob, 0.001)).toHaveLength(1);
    expect(averageLinkage([0, 1, 2, 3], prob, 0.999)).toHaveLength(4);
  });
});

describe('a component too large to score pairwise', () => {
  it('is cut by raising the link threshold, so two groups joined by weaker links come apart', () => {
    // Two groups of 150 records: inside a group all six fields agree (strong links); between the
    // groups three fields agree and three are missing (weaker links, still above the threshold).
    const rows = Array.from({ length: 300 }, (_, i) => (i < 150 ? row(`g${i}`, ['1', '1', '1', '1', '1', '1']) : row(`h${i}`, ['1', '1', '1', '2', '2', '2'])));
    rows.push(row('bridge', ['1', '1', '1', null, null, null]));
    const c = clusters(rows, 0.5);
    expect(c.clusterOf[0]).toBe(c.clusterOf[149]);
    expect(c.clusterOf[150]).toBe(c.clusterOf[299]);
    expect(c.clusterOf[0]).not.toBe(c.clusterOf[150]);
    expect(c.componentsSplit).toBe(1);
  });
});
