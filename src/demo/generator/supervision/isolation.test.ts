/**
 * The supervision facts draw from streams of their own and only read the population, so the nine
 * older department files come out byte for byte the same whether the supervision files are
 * written or not, even when the facts are built before them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPopulation } from '../population.js';
import { rngFor } from '../rng.js';
import { generateInTemp, type Generated } from '../test-helpers.js';
import type { WriterContext } from '../types.js';
import { DEPARTMENT_WRITERS } from '../writers/index.js';
import { supervisionFacts } from './facts.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('supervision facts and the older files', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));

  it('leave the nine older department files byte-identical', async () => {
    const full: Generated = await generateInTemp(0.005, 3);
    cleanups.push(full.cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'tianmu-older-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'departments'));
    const pop = buildPopulation(3, 0.005);
    const generatedAt = new Date(full.manifest.generatedAt);
    supervisionFacts(pop, generatedAt);
    const ctx: WriterContext = { out: dir, seed: 3, generatedAt, rng: (label) => rngFor(3, `writer:${label}`), source: () => {}, progress: () => {} };
    const older = DEPARTMENT_WRITERS.slice(0, 9);
    expect(older.map((w) => w.dataset)).not.toContain('zuzhi.officials');
    for (const w of older) {
      const f = await w.write(pop, ctx);
      expect(sha(join(dir, f.file)), f.dataset).toBe(sha(join(full.dir, f.file)));
    }
  });
});
