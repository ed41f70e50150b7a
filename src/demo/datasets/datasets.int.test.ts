/**
 * End to end: the six demo contracts registered and a generated district ingested through the real
 * pipeline, in dependency order. Every batch must publish, i.e. the real dirt of each file scores
 * above its contract's qualityThreshold, and what is flagged or rejected is the planted dirt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from '../../ingest/ingest.cli.js';
import { ingestOf } from '../../ingest/ingest.module.js';
import type { BatchSummary } from '../../ingest/pipeline/batch-runner.js';
import { testEngines } from '../../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../../platform/testing/test-platform.js';
import { generateDemo, type DemoManifest } from '../generator/index.js';
import { demoDatasetSpecs } from './index.js';

describe.each(testEngines())('demo datasets ingested on %s', (engine) => {
  let t: TestPlatform;
  let dir: string;
  let manifest: DemoManifest;
  const summaries = new Map<string, BatchSummary>();

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    dir = mkdtempSync(join(tmpdir(), 'tianmu-datasets-int-'));
    manifest = await generateDemo({ scale: 0.01, seed: 20221, out: dir });
    for (const spec of demoDatasetSpecs()) {
      await ingestOf(t.p).catalog.register(spec, CLI_PRINCIPAL);
      const file = manifest.files.find((f) => f.dataset === spec.name)!;
      summaries.set(spec.name, await ingestFileNow(t.p, spec.name, join(dir, file.file), { quiet: true }));
    }
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes every department file: quality at or above the contract threshold', () => {
    for (const spec of demoDatasetSpecs()) {
      const s = summaries.get(spec.name)!;
      const file = manifest.files.find((f) => f.dataset === spec.name)!;
      expect(s.read, spec.name).toBe(file.rows);
      expect(s.missingColumns, spec.name).toEqual([]);
      expect(s.extraColumns, spec.name).toEqual([]);
      expect(s.qualityScore, `${spec.name}: ${JSON.stringify({ rejected: s.rejectedByReason, flags: s.flagsByKind })}`).toBeGreaterThanOrEqual(spec.qualityThreshold);
      expect(s.status, spec.name).toBe('published');
    }
  });

  it('rejects and flags only what the generator planted', () => {
    const s = (name: string) => summaries.get(name)!;
    // The registry, the enterprise register and the shareholders come through whole.
    for (const name of ['gongan.household_registry', 'shichang.enterprises', 'shichang.shareholders']) expect(s(name).rejected, name).toBe(0);
    expect(Object.keys(s('gongan.household_registry').flagsByKind)).toEqual(['traditional_converted']);
    expect(s('shichang.enterprises').flagged).toBe(0);
    expect(s('shichang.shareholders').flagged).toBe(0);
    // 人社: rows without an ID are missing a required value; exact copies repeat a key.
    expect(Object.keys(s('renshe.social_insurance').rejectedByReason).sort()).toEqual(['duplicate_key', 'missing_required']);
    for (const k of Object.keys(s('renshe.social_insurance').flagsByKind)) {
      expect(['converted_15', 'check_digit', 'birth_date_implausible', 'rule:birth_month_format']).toContain(k);
    }
    // Members and records of people who have died are unknown to the registry of the living.
    expect(s('minzheng.dibao_members').flagsByKind['rule:person_registered'] ?? 0).toBeLessThan(s('minzheng.dibao_members').read * 0.1);
    expect(s('weijian.health_records').flagsByKind['rule:person_registered']).toBeGreaterThan(0);
    expect(s('weijian.health_records').flagsByKind['rule:person_registered']).toBeLessThan(s('weijian.health_records').read * 0.02);
  });
});
