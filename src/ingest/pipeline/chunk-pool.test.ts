import { describe, expect, it } from 'vitest';
import { linanDivisions } from '../../platform/regions/divisions.js';
import { testCipher } from '../../platform/testing/test-cipher.js';
import { datasetSpec } from '../contract.js';
import type { SourceItem } from '../readers/index.js';
import { DIBAO_SPEC, HEADER, person } from '../testing/fixtures.js';
import { inThread, workerPool } from './chunk-pool.js';
import type { ChunkResult, ChunkSetup } from './chunk-processor.js';

const cipher = testCipher();
const spec = datasetSpec.parse(DIBAO_SPEC);
const setup: ChunkSetup = { spec, indexes: spec.fields.map((_, i) => i), columns: HEADER, divisions: linanDivisions(), todayMs: Date.parse('2026-11-01'), batchId: 7, resubmit: false };

function chunk(from: number, n: number): SourceItem[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const { id, birth } = person(i);
    // Every 50th row has an amount below zero: a reject, so rejects cross threads too.
    return { kind: 'row', line: i + 2, cells: [`王${i}`, id, birth, i % 50 === 0 ? '-1' : String(i), '13800000000', '330112116217'] } as SourceItem;
  });
}

/** The COPY text without the sealed column, whose random IVs differ on every run. */
const comparable = (r: ChunkResult) => ({
  text: r.copy.toString().split('\n').map((l) => l.split('\t').filter((_, i) => i !== 6).join('\t')).sort(),
  rejects: r.rejects.map((x) => [x.line, x.reason]),
  stats: r.stats,
});

describe('the chunk pool', () => {
  it('gives the same rows, rejects and counts through worker threads as on the calling thread', async () => {
    const chunks = Array.from({ length: 12 }, (_, c) => chunk(c * 200, 200));
    const expected = await Promise.all(chunks.map((items) => inThread(setup, cipher).run(items)));
    const pool = workerPool(setup, cipher, 1);
    try {
      // All submitted at once: results come back in any order and must still add up.
      const got = await Promise.all(chunks.map((items) => pool.run(items)));
      expect(got.map(comparable)).toEqual(expected.map(comparable));
      // Transferred from the worker as bytes, and whole Buffers again here (the COPY stream wants them).
      expect(got.every((r) => Buffer.isBuffer(r.copy))).toBe(true);
      for (const r of got) for (const line of r.copy.toString().trim().split('\n')) expect(cipher.decrypt(line.split('\t')[6])).toContain('13800000000');
    } finally {
      await pool.close();
    }
  });
});
