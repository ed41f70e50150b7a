/**
 * Reads the parties of a marriage whichever table they are in, and the order in which the
 * marriage files list events. Shared by the three marriage writers and the truth.
 */
import type { Population } from './population.js';
import type { Town } from './regions.js';

export class Parties {
  private readonly pop: Population;

  constructor(pop: Population) {
    this.pop = pop;
  }

  name(ref: number): string {
    return ref >= 0 ? this.pop.people.name[ref] : this.pop.marriages.others.name[~ref];
  }

  id(ref: number): string {
    return ref >= 0 ? this.pop.people.idNumber[ref] : this.pop.marriages.others.idNumber[~ref];
  }

  birth(ref: number): number {
    return ref >= 0 ? this.pop.people.birth[ref] : this.pop.marriages.others.birth[~ref];
  }

  death(ref: number): number {
    return ref >= 0 ? this.pop.people.death[ref] : this.pop.marriages.others.death[~ref];
  }

  /** The town a couple registered in: the husband's if he is a resident, else the wife's. */
  town(m: number): Town {
    const { people, households, district, marriages } = this.pop;
    const h = marriages.table.husband[m];
    const resident = h >= 0 ? h : marriages.table.wife[m];
    return district.villages[households.village[people.household[resident]]].town;
  }
}

/** Kinds of event a marriage file row records. */
export const EV = { marriage: 0, divorce: 1, reissueMarriage: 2, reissueDivorce: 3 } as const;

/**
 * Collects (day, kind, marriage) events and returns them in date order, ties by kind then
 * marriage, packed into one sortable number each: a million objects would cost far more.
 */
export class EventList {
  private keys: number[] = [];

  add(day: number, kind: number, m: number): void {
    this.keys.push(((day + 40_000) * 4 + kind) * 2 ** 25 + m);
  }

  get length(): number {
    return this.keys.length;
  }

  *sorted(): Generator<{ day: number; kind: number; m: number }> {
    const a = Float64Array.from(this.keys).sort();
    this.keys = [];
    for (const k of a) {
      const m = k % 2 ** 25;
      const dk = (k - m) / 2 ** 25;
      yield { day: Math.floor(dk / 4) - 40_000, kind: dk % 4, m };
    }
  }
}

