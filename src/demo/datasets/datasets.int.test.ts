/**
 * End to end: the demo contracts registered and a generated district ingested through the real
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
    // Twenty-one files through the whole pipeline: about a minute per engine, more on a busy machine.
  }, 300_000);
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
    // Marriage files: nothing rejected; archive rows without an ID are accepted, old 15-digit IDs converted.
    for (const name of ['minzheng.marriage_registrations', 'fayuan.divorce_judgments', 'danganguan.marriage_archive']) {
      expect(s(name).rejected, `${name}: ${JSON.stringify(s(name).rejectedByReason)}`).toBe(0);
    }
    for (const k of Object.keys(s('minzheng.marriage_registrations').flagsByKind)) expect(['check_digit']).toContain(k);
    expect(s('fayuan.divorce_judgments').flagged).toBe(0);
    expect(Object.keys(s('danganguan.marriage_archive').flagsByKind).sort()).toEqual(['converted_15', 'traditional_converted']);
    // The supervision files: nothing rejected, every ref resolves (approvers and holders are officials,
    // contractors and bidders registered enterprises, custody documents issued); only repairs and notes.
    const supervision = demoDatasetSpecs().map((spec) => spec.name).slice(9);
    expect(supervision).toHaveLength(12);
    for (const name of supervision) {
      expect(s(name).rejected, `${name}: ${JSON.stringify(s(name).rejectedByReason)}`).toBe(0);
      for (const k of Object.keys(s(name).flagsByKind)) expect(['converted_15', 'traditional_converted', 'landline'], `${name}: ${k}`).toContain(k);
    }
  });

  it('seals both parties of a marriage row in one token and keeps archive rows that name no ID', async () => {
    const rows = await t.p.db
      .selectFrom('ingest_row as r')
      .innerJoin('dataset as d', 'd.id', 'r.dataset_id')
      .select(['r.data', 'r.masked', 'r.sealed'])
      .where('d.name', '=', 'danganguan.marriage_archive')
      .where('r.valid_to', 'is', null)
      .execute();
    const withoutIds = rows.filter((r) => r.data.husband_id_number == null && r.data.wife_id_number == null);
    expect(withoutIds.length).toBeGreaterThan(0);
    expect(withoutIds.every((r) => r.sealed === null)).toBe(true);
    const both = rows.find((r) => r.data.husband_id_number != null && r.data.wife_id_number != null)!;
    expect(Object.keys(both.masked).sort()).toEqual(['husband_id_number', 'wife_id_number']);
    const sealed = JSON.parse(t.p.cipher.decrypt(both.sealed!)) as { v: Record<string, string> };
    expect(Object.keys(sealed.v).sort()).toEqual(['husband_id_number', 'wife_id_number']);
    expect(sealed.v.husband_id_number).toMatch(/^\d{17}[\dX]$/);
  });
});
