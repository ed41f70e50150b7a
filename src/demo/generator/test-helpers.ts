/** Shared by the generator's tests: generate into a temp folder and read the files back. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { generateDemo, type DemoManifest } from './index.js';

export interface Generated {
  dir: string;
  manifest: DemoManifest;
  cleanup(): void;
}

export async function generateInTemp(scale: number, seed: number): Promise<Generated> {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-demo-'));
  const manifest = await generateDemo({ scale, seed, out: dir });
  return { dir, manifest, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rows of a CSV as records keyed by header, whitespace kept (stray spaces are part of the test). */
export function readCsv(dir: string, file: string, encoding: 'utf8' | 'gbk' | 'gb18030' = 'utf8'): Record<string, string>[] {
  const buf = readFileSync(join(dir, file));
  const text = encoding === 'utf8' ? buf.toString('utf8') : iconv.decode(buf, encoding);
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

export interface SourceRecord {
  dataset: string;
  line: number;
  person_id: string;
  enterprise_id: string;
  dirt: string[];
  /** The second party of a row about two persons; empty otherwise. */
  person2_id: string;
  marriage_id: string;
}

const sourceCache = new Map<string, Map<string, SourceRecord[]>>();

/** truth/source-records.csv for one dataset, in line order (the file is parsed once per folder). */
export function readSources(dir: string, dataset: string): SourceRecord[] {
  let all = sourceCache.get(dir);
  if (!all) {
    all = new Map();
    for (const r of readCsv(dir, 'truth/source-records.csv')) {
      const rec = { ...r, line: Number(r.line), dirt: r.dirt ? r.dirt.split(';') : [] } as SourceRecord;
      const list = all.get(r.dataset);
      if (list) list.push(rec);
      else all.set(r.dataset, [rec]);
    }
    sourceCache.set(dir, all);
  }
  return all.get(dataset) ?? [];
}

export function byKey<T extends Record<string, string>>(rows: T[], key: string): Map<string, T> {
  return new Map(rows.map((r) => [r[key], r]));
}
