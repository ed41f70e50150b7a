/**
 * What every supervision builder needs from the population, computed once: the as-of day, who is
 * a listed 低保 member, who runs or owns an enterprise, namesakes, kinship, and how many cases and
 * look-alikes to plant at this scale. Each builder draws from its own stream (`supervision:<label>`),
 * so the nine older department files never see these draws.
 */
import { AddressMaker } from '../addresses.js';
import { addYears, yearsBetween } from '../dates.js';
import type { Population } from '../population.js';
import type { Town, Village } from '../regions.js';
import { rngFor, type Rng } from '../rng.js';
import { kinshipOf, type Kinship } from './kinship.js';
import type { Plant } from './types.js';

const MS_PER_DAY = 86_400_000;
/** Planted cases (and look-alikes) per model at scale 1; never fewer than MIN_PLANTED. */
const PLANTED_AT_SCALE_1 = 45;
const MIN_PLANTED = 4;

export class SupervisionBase {
  readonly asOf: number;
  readonly kin: Kinship;
  /** Listed in the 低保 member file (as its writer decides: members who died after approval stay listed). */
  readonly dibao: Uint8Array;
  /** Legal representative or shareholder of any enterprise. */
  readonly business: Uint8Array;
  /** Living residents by name: the first with each name, and each one's next namesake (-1 at the end). */
  private readonly firstByName = new Map<string, number>();
  private readonly nextByName: Int32Array;
  readonly addresses: AddressMaker;
  /** Cases to plant per model. */
  readonly cases: number;
  readonly plants: Plant[] = [];

  constructor(
    readonly pop: Population,
    generatedAt: Date,
  ) {
    this.asOf = Math.floor(generatedAt.getTime() / MS_PER_DAY);
    this.kin = kinshipOf(pop);
    this.addresses = new AddressMaker(pop.district);
    this.cases = Math.max(MIN_PLANTED, Math.round(PLANTED_AT_SCALE_1 * pop.scale));
    const { people } = pop;
    this.dibao = listedDibao(pop);
    this.business = new Uint8Array(people.count);
    for (const e of pop.enterprises) this.business[e.legalRep] = 1;
    for (const s of pop.shareholdings) this.business[s.person] = 1;
    // A chain per name rather than an array per name: 650,000 small arrays would cost ~50 MB.
    this.nextByName = new Int32Array(people.count).fill(-1);
    for (let i = people.count - 1; i >= 0; i--) {
      if (people.death[i] !== 0) continue;
      const first = this.firstByName.get(people.name[i]);
      if (first !== undefined) this.nextByName[i] = first;
      this.firstByName.set(people.name[i], i);
    }
  }

  rng(label: string): Rng {
    return rngFor(this.pop.seed, `supervision:${label}`);
  }

  /** Look-alikes to plant of each of `kinds` kinds, so that a model gets about as many as cases. */
  perKind(kinds: number): number {
    return Math.max(2, Math.ceil(this.cases / kinds));
  }

  alive(p: number, day = this.asOf): boolean {
    const d = this.pop.people.death[p];
    return d === 0 || d > day;
  }

  age(p: number, day = this.asOf): number {
    return yearsBetween(this.pop.people.birth[p], day);
  }

  village(p: number): Village {
    const { people, households, district } = this.pop;
    return district.villages[households.village[people.household[p]]];
  }

  town(p: number): Town {
    return this.village(p).town;
  }

  /** Living adults aged `min`–`max` today. */
  aged(p: number, min: number, max: number): boolean {
    const b = this.pop.people.birth[p];
    return this.pop.people.death[p] === 0 && b <= addYears(this.asOf, -min) && b > addYears(this.asOf, -(max + 1));
  }

  /** Other living residents with p's name. */
  namesakes(p: number): number[] {
    const out: number[] = [];
    for (let q = this.firstByName.get(this.pop.people.name[p]) ?? -1; q >= 0; q = this.nextByName[q]) if (q !== p) out.push(q);
    return out;
  }

  plant(p: Plant): void {
    this.plants.push(p);
  }
}

/** Who the 低保 member file lists, as its writer decides: members who died after approval stay listed. */
export function listedDibao(pop: Population): Uint8Array {
  const { people, households } = pop;
  const out = new Uint8Array(people.count);
  for (let h = 0; h < households.count; h++) {
    const since = households.dibaoSince[h];
    if (!since) continue;
    for (let i = households.first[h]; i < households.first[h] + households.size[h]; i++) {
      if (people.death[i] === 0 || people.death[i] >= since) out[i] = 1;
    }
  }
  return out;
}
