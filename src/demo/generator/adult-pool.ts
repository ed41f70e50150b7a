/**
 * Living adults, district-wide and per town, for drawing legal representatives, shareholders and
 * employees. Most people run a business or work near home, so draws prefer the same town.
 */
import { REFERENCE_DAY, addYears } from './dates.js';
import type { HouseholdTable, PersonTable } from './people.js';
import type { District } from './regions.js';
import type { Rng } from './rng.js';

export class AdultPool {
  readonly all: Int32Array;
  private readonly byTown: Int32Array[];

  constructor(
    private readonly people: PersonTable,
    households: HouseholdTable,
    district: District,
    minAge: number,
  ) {
    const bornBy = addYears(REFERENCE_DAY, -minAge);
    const all: number[] = [];
    const byTown: number[][] = district.towns.map(() => []);
    for (let i = 0; i < people.count; i++) {
      if (people.death[i] !== 0 || people.birth[i] > bornBy) continue;
      all.push(i);
      byTown[district.villages[households.village[people.household[i]]].town.index].push(i);
    }
    this.all = Int32Array.from(all);
    this.byTown = byTown.map((a) => Int32Array.from(a));
  }

  /** An adult, from `town` with probability `local`, else from anywhere. */
  draw(rng: Rng, town: number, local = 0.6): number {
    const list = rng.chance(local) && this.byTown[town].length > 0 ? this.byTown[town] : this.all;
    return list[rng.int(list.length)];
  }

  /** An adult aged between `minAge` and `maxAge` on `day`, or -1 if nobody in the district is. */
  drawAged(rng: Rng, town: number, day: number, minAge: number, maxAge: number, local = 0.6): number {
    for (let t = 0; t < 100; t++) {
      const p = this.draw(rng, town, local);
      if (this.aged(p, day, minAge, maxAge)) return p;
    }
    // Rare (tiny scales, early dates): walk the whole list from a random start instead.
    const start = rng.int(this.all.length);
    for (let k = 0; k < this.all.length; k++) {
      const p = this.all[(start + k) % this.all.length];
      if (this.aged(p, day, minAge, maxAge)) return p;
    }
    return -1;
  }

  aged(p: number, day: number, minAge: number, maxAge: number): boolean {
    const b = this.people.birth[p];
    return b <= addYears(day, -minAge) && b >= addYears(day, -maxAge);
  }
}
