import { readFileSync } from 'node:fs';

/** The shape of `data/linan-divisions.json` (GB/T 2260 county code, 12-digit statistical codes). */
export interface Divisions {
  source: string;
  district: { code: string; name: string; city: string; province: string; formerCode?: string };
  towns: Array<{ code: string; name: string; kind: string; villages: Array<{ code: string; name: string; kind: string }> }>;
}

let cached: Divisions | null = null;

/** Lin'an's 18 towns and 319 village-level units with their real codes, copied into the repo. */
export function linanDivisions(): Divisions {
  cached ??= JSON.parse(readFileSync(new URL('./data/linan-divisions.json', import.meta.url), 'utf8')) as Divisions;
  return cached;
}
