// The ingest pages translate server codes (field types, reject reasons, flags) through key families
// built at run time, which the literal-key check cannot see; this holds them against the server's lists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, LEVELS } from '../../src/ingest/contract.js';
import { contentTypeFor } from '../src/ingest/upload/send-file.js';
import { datasetPath, DATASET_TABS } from '../src/ingest/dataset-path.js';

const DIR = fileURLToPath(new URL('../src/i18n/ingest/', import.meta.url));
const codes = (lang: string) => (JSON.parse(readFileSync(join(DIR, `codes-${lang}.json`), 'utf8')) as { ingestCodes: Record<string, Record<string, string>> }).ingestCodes;
const ui = (lang: string) => (JSON.parse(readFileSync(join(DIR, `${lang}.json`), 'utf8')) as { ingest: Record<string, Record<string, string>> }).ingest;

/** Reject reasons named anywhere in the server's ingest code: `reason: 'x'` and `reject('x', …)`. */
function serverReasons(): string[] {
  const root = fileURLToPath(new URL('../../src/ingest/', import.meta.url));
  const files = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(d, e.name)] : []));
  const found = new Set<string>();
  for (const f of files(root)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:reason: |reject\()'([a-z_]+)'/g)) found.add(m[1]);
  }
  return [...found].sort();
}

describe('ingest labels', () => {
  for (const lang of ['zh-CN', 'en']) {
    it(`names every field type, level and reject reason in ${lang}`, () => {
      const c = codes(lang);
      expect(FIELD_TYPES.filter((t) => !c.types[t])).toEqual([]);
      expect(LEVELS.filter((l) => !c.levels[l])).toEqual([]);
      const reasons = serverReasons();
      expect(reasons.length).toBeGreaterThan(10);
      expect(reasons.filter((r) => !c.reasons[r])).toEqual([]);
      expect(DATASET_TABS.filter((tab) => !ui(lang).tabs[tab])).toEqual([]);
    });
  }

  it('sends each file type with the content type the server parses it by', () => {
    expect(contentTypeFor('低保名单.CSV')).toBe('text/csv');
    expect(contentTypeFor('list.txt')).toBe('text/csv');
    expect(contentTypeFor('企业.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeFor('a.ndjson')).toBe('application/x-ndjson');
    expect(contentTypeFor('a.jsonl')).toBe('application/x-ndjson');
    expect(contentTypeFor('archive.gz')).toBe('application/octet-stream');
  });

  it('links datasets with the tab in the path, so a reload never ends in a file-like name', () => {
    expect(datasetPath('shichang.enterprises')).toBe('/datasets/shichang.enterprises/schema');
    expect(datasetPath('minzheng.dibao_members', 'rows')).toBe('/datasets/minzheng.dibao_members/rows');
    expect(/\.[a-z0-9]+$/i.test(datasetPath('shichang.enterprises'))).toBe(false);
  });
});
