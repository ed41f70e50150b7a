/**
 * Reads the generator's JSON fixtures (src/demo/fixtures) and the district's divisions (owned by
 * platform/regions). Read with fs rather than JSON imports so the tables stay plain data files
 * that non-programmers can edit, and so they are parsed once per process.
 */
import { readFileSync } from 'node:fs';

const cache = new Map<string, unknown>();

function readJson<T>(url: URL): T {
  const key = url.href;
  if (!cache.has(key)) cache.set(key, JSON.parse(readFileSync(url, 'utf8')));
  return cache.get(key) as T;
}

export function loadFixture<T>(name: string): T {
  return readJson<T>(new URL(`../fixtures/${name}`, import.meta.url));
}

export interface DivisionsFile {
  district: { code: string; name: string; city: string; province: string; formerCode: string };
  towns: Array<{
    code: string;
    name: string;
    kind: 'subdistrict' | 'town' | 'township';
    villages: Array<{ code: string; name: string; kind: 'community' | 'village' }>;
  }>;
}

export function loadDivisions(): DivisionsFile {
  return readJson<DivisionsFile>(new URL('../../platform/regions/data/linan-divisions.json', import.meta.url));
}
