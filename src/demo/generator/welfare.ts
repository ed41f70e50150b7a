/**
 * Households on minimum living allowance (低保), about 1.2% of them: more often elderly, alone,
 * or in the mountain towns. Households that run an enterprise are almost always screened out —
 * the few that slip through are the article's 护廉天目 case (an enterprise's legal
 * representative whose family draws 低保) and are left in on purpose.
 */
import { dayOf, REFERENCE_DAY, yearsBetween } from './dates.js';
import type { Enterprise, Shareholding } from './enterprises.js';
import type { HouseholdTable, PersonTable } from './people.js';
import type { District } from './regions.js';
import type { Rng } from './rng.js';

export const DIBAO_HOUSEHOLD_SHARE = 0.012;
/** Hangzhou's monthly 低保 standard, yuan per person. */
export const DIBAO_STANDARD = 1230;
/** How much less likely a household with an enterprise role is to be on 低保. */
const ENTERPRISE_SCREENING = 0.05;

export function assignDibao(
  rng: Rng,
  district: District,
  people: PersonTable,
  households: HouseholdTable,
  enterprises: Enterprise[],
  shareholdings: Shareholding[],
): void {
  const business = new Uint8Array(households.count);
  for (const e of enterprises) business[people.household[e.legalRep]] = 1;
  for (const s of shareholdings) business[people.household[s.person]] = 1;

  const factor = new Float64Array(households.count);
  let total = 0;
  for (let h = 0; h < households.count; h++) {
    const head = households.head[h];
    let f = 1;
    if (yearsBetween(people.birth[head], REFERENCE_DAY) >= 65) f *= 2.5;
    if (households.size[h] === 1) f *= 1.5;
    if (!district.villages[households.village[h]].town.subdistrict) f *= 1.5;
    if (business[h]) f *= ENTERPRISE_SCREENING;
    factor[h] = f;
    total += f;
  }
  const scale = (DIBAO_HOUSEHOLD_SHARE * households.count) / total;
  const from = dayOf(2019, 1, 1);
  const to = REFERENCE_DAY - 30;
  for (let h = 0; h < households.count; h++) {
    if (!rng.chance(Math.min(1, factor[h] * scale))) continue;
    households.dibaoSince[h] = from + rng.int(to - from);
    households.dibaoAmount[h] = rng.chance(0.35) ? DIBAO_STANDARD : 10 * rng.range(30, 120);
  }
}
