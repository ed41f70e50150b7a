/**
 * Who works where and who is in the social insurance scheme. Decided once in the population so
 * that every department file (and any later one) sees the same employment facts.
 */
import { REFERENCE_DAY, yearsBetween } from './dates.js';
import type { Enterprise } from './enterprises.js';
import { INS, type PersonTable } from './people.js';
import { Rng, WeightedPicker } from './rng.js';

const INSURED_WORKING_AGE = 0.64;
const EMPLOYED_OF_INSURED = 0.55;
const INSURED_RETIRED = 0.5;
const INSURED_DECEASED = 0.6;
/** Deceased pensioners whose pension was never stopped: what the supervision rules must catch. */
const PENSION_NOT_STOPPED = 0.3;

export function assignEmployment(rng: Rng, people: PersonTable, enterprises: Enterprise[]): void {
  const employers = enterprises.filter((e) => e.kind !== '92' && (e.status === '存续' || e.status === '在业'));
  // Bigger companies employ more people; the square root keeps one giant from taking everyone.
  const picker = employers.length > 0 ? new WeightedPicker(employers, employers.map((e) => Math.sqrt(e.capital))) : undefined;
  for (let i = 0; i < people.count; i++) {
    const age = yearsBetween(people.birth[i], people.death[i] || REFERENCE_DAY);
    if (age < 16) continue;
    if (people.death[i] !== 0) {
      if (rng.chance(INSURED_DECEASED)) people.insurance[i] = rng.chance(PENSION_NOT_STOPPED) && age >= 60 ? INS.pension : INS.ended;
    } else if (age >= 60) {
      if (rng.chance(INSURED_RETIRED)) people.insurance[i] = INS.pension;
    } else if (rng.chance(INSURED_WORKING_AGE)) {
      people.insurance[i] = rng.chance(0.9) ? INS.paying : INS.suspended;
      if (picker && rng.chance(EMPLOYED_OF_INSURED)) people.employer[i] = picker.pick(rng).index;
    }
  }
}
