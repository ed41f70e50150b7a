import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemo } from './index.js';
import { generateInTemp, type Generated } from './test-helpers.js';

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('demo generator determinism', () => {
  const runs: Generated[] = [];
  afterAll(() => runs.forEach((r) => r.cleanup()));

  it('gives byte-identical files for the same seed and different files for another seed', async () => {
    runs.push(await generateInTemp(0.005, 7), await generateInTemp(0.005, 7), await generateInTemp(0.005, 8));
    const [a, b, c] = runs.map((r) => hashes(r.dir));
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(b).toEqual(a);
    for (const file of Object.keys(a).filter((f) => f.startsWith('departments/') || f.startsWith('truth/'))) {
      expect(c[file], file).not.toEqual(a[file]);
    }
    expect(runs[0].manifest.generatedAt).toEqual(runs[1].manifest.generatedAt);
  });

  it('lists every file it wrote in the manifest, with row counts', () => {
    const { dir, manifest } = runs[0];
    const written = Object.keys(hashes(dir));
    for (const f of manifest.files) expect(written).toContain(f.file);
    for (const t of manifest.truth) expect(written).toContain(t);
    expect(manifest.files.map((f) => f.dataset)).toEqual([
      'gongan.household_registry',
      'shichang.enterprises',
      'shichang.shareholders',
      'renshe.social_insurance',
      'minzheng.dibao_members',
      'weijian.health_records',
      'minzheng.marriage_registrations',
      'fayuan.divorce_judgments',
      'danganguan.marriage_archive',
      'zuzhi.officials',
      'gongan.deaths',
      'guotu.real_estate',
      'gongan.vehicles',
      'zhujian.rental_leases',
      'minzheng.subsidy_payments',
      'caizheng.contracts',
      'caizheng.bids',
      'gongan.travel_documents',
      'zuzhi.document_custody',
      'zuzhi.exit_approvals',
      'gongan.border_crossings',
    ]);
    expect(manifest.counts.residents).toBeGreaterThanOrEqual(Math.round(650_000 * 0.005));
    expect(manifest.counts['gongan.household_registry']).toBe(manifest.counts.residents);
    expect(manifest.district).toBe('330112');
  });

  it('rejects bad options with a message naming the field', async () => {
    await expect(generateDemo({ scale: 0, seed: 1, out: '/tmp/x' })).rejects.toThrow(/scale/);
    await expect(generateDemo({ scale: 0.01, seed: 1.5, out: '/tmp/x' })).rejects.toThrow(/seed/);
    await expect(generateDemo({ scale: 0.01, seed: 1, out: ' ' })).rejects.toThrow(/out/);
  });
});
