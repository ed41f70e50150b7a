/** Village codes: a 12-digit code that exists, or a village name resolved to its code. */
import { EMPTY, accept, quote, reject, type Standardiser } from './types.js';
import type { VillageResolver } from './village-resolver.js';

const MAX_LENGTH = 100;
const SHOWN_CANDIDATES = 5;

export function villageCodeStandardiser(villages: VillageResolver): Standardiser {
  return (raw) => {
    if (raw.length > MAX_LENGTH * 4) return reject('unknown_village_code', `a ${raw.length}-character value is not a village`);
    const r = villages.lookup(raw);
    switch (r.kind) {
      case 'found':
        return accept(r.code);
      case 'ambiguous': {
        const names = r.candidates.slice(0, SHOWN_CANDIDATES).map((c) => `${c.name} (${c.code})`);
        return reject('unknown_village_code', `${quote(raw.trim())} is ambiguous: ${names.join(', ')}; write the town too or use the code`);
      }
      case 'empty':
        return EMPTY;
      default:
        return reject('unknown_village_code', r.detail);
    }
  };
}
