// Shared by the tests in this folder: one resolver over the real Lin'an divisions, a fixed "today".
import type { FieldType } from '../contract.js';
import { linanDivisions } from '../../platform/regions/divisions.js';
import { compileStandardiser, VillageResolver, type StandardiseContext, type Standardiser, type StdResult } from './index.js';

export const TODAY = new Date('2024-06-01T04:00:00Z');
export const villages = new VillageResolver(linanDivisions());
export const ctx: StandardiseContext = { villages, today: TODAY };

export function standardiserFor(type: FieldType, values?: string[]): Standardiser {
  return compileStandardiser({ column: '列', name: 'field', type, required: false, values }, ctx);
}

/** The value of an accepted result; throws with the result when it was rejected. */
export function valueOf(r: StdResult): unknown {
  if (!r.ok) throw new Error(`rejected: ${r.reason} (${r.detail})`);
  return r.value;
}
