/**
 * Hypertension and diabetes, the two chronic diseases (两慢病) under three-colour management.
 * Prevalence rises with age; over-40s average about 10% and 4% of diagnosed, managed patients.
 */
import { REFERENCE_DAY, yearsBetween } from './dates.js';
import { DIABETES, HYPERTENSION, type PersonTable } from './people.js';
import type { Rng } from './rng.js';

export function assignConditions(rng: Rng, people: PersonTable): void {
  for (let i = 0; i < people.count; i++) {
    const age = yearsBetween(people.birth[i], people.death[i] || REFERENCE_DAY);
    if (age < 40) continue;
    let flags = 0;
    if (rng.chance(age < 50 ? 0.04 : age < 60 ? 0.08 : age < 70 ? 0.14 : 0.18)) flags |= HYPERTENSION;
    if (rng.chance(age < 50 ? 0.015 : age < 60 ? 0.035 : age < 70 ? 0.055 : 0.06)) flags |= DIABETES;
    people.chronic[i] = flags;
  }
}
