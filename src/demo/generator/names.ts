/**
 * Chinese personal names: surname by frequency, given name from pools that change with the birth
 * decade. Common names must recur (several 王伟 and 李娜 per town), because that is what makes
 * entity resolution on names alone unsafe and what the resolver has to be tested against.
 */
import { loadFixture } from './fixtures.js';
import { Rng, WeightedPicker, zipfWeights } from './rng.js';

interface SexPools {
  single: string;
  double: string[];
}
interface Cohort {
  singleShare: number;
  male: SexPools;
  female: SexPools;
}
interface GivenNamesFile {
  cohorts: Record<string, Cohort>;
  anyCohort: Record<'male' | 'female', { first: string; second: string }>;
}
interface SurnamesFile {
  shares: Record<string, number>;
}

interface CompiledPools {
  singleShare: number;
  single: WeightedPicker<string>;
  double: WeightedPicker<string>;
  first: WeightedPicker<string>;
  second: WeightedPicker<string>;
}

// Share of two-character names made by recombining characters (建明, 晓华) rather than taken whole
// from the list, and how often a recombined character comes from the any-cohort pool. Tuned so
// that at scale 1 the commonest full name (陈伟) has a few hundred bearers, as in a real county,
// not thousands.
const RECOMBINED_SHARE = 0.55;
const ANY_COHORT_SHARE = 0.4;
// Rank weights fall off slowly: real given names have a long tail.
const RANK_EXPONENT = 0.5;

export class NameGenerator {
  private readonly surnames: WeightedPicker<string>;
  private readonly pools = new Map<string, CompiledPools>();
  private readonly cohortYears: number[];
  private readonly anyCohort: Record<'M' | 'F', { first: string[]; second: string[] }>;

  constructor() {
    this.surnames = WeightedPicker.fromRecord(loadFixture<SurnamesFile>('surnames.json').shares);
    const file = loadFixture<GivenNamesFile>('given-names.json');
    const cohorts = file.cohorts;
    this.anyCohort = {
      M: { first: [...file.anyCohort.male.first], second: [...file.anyCohort.male.second] },
      F: { first: [...file.anyCohort.female.first], second: [...file.anyCohort.female.second] },
    };
    this.cohortYears = Object.keys(cohorts).map(Number).sort((a, b) => a - b);
    for (const [year, cohort] of Object.entries(cohorts)) {
      this.pools.set(`${year}M`, compile(cohort.singleShare, cohort.male));
      this.pools.set(`${year}F`, compile(cohort.singleShare, cohort.female));
    }
  }

  surname(rng: Rng): string {
    return this.surnames.pick(rng);
  }

  /** A given name typical of someone of `sex` born in `birthYear`. */
  given(rng: Rng, male: boolean, birthYear: number): string {
    const pools = this.pools.get(`${this.cohortFor(birthYear)}${male ? 'M' : 'F'}`)!;
    if (rng.chance(pools.singleShare)) return pools.single.pick(rng);
    if (rng.chance(RECOMBINED_SHARE)) {
      const any = this.anyCohort[male ? 'M' : 'F'];
      const a = rng.chance(ANY_COHORT_SHARE) ? rng.pick(any.first) : pools.first.pick(rng);
      const b = rng.chance(ANY_COHORT_SHARE) ? rng.pick(any.second) : pools.second.pick(rng);
      // Doubled characters (婷婷) are listed where they are common; do not invent others.
      return a === b ? pools.double.pick(rng) : a + b;
    }
    return pools.double.pick(rng);
  }

  private cohortFor(year: number): number {
    let chosen = this.cohortYears[0];
    for (const y of this.cohortYears) if (year >= y) chosen = y;
    return chosen;
  }
}

function compile(singleShare: number, pools: SexPools): CompiledPools {
  const singles = [...pools.single];
  return {
    singleShare,
    single: new WeightedPicker(singles, zipfWeights(singles.length, RANK_EXPONENT)),
    double: new WeightedPicker(pools.double, zipfWeights(pools.double.length, RANK_EXPONENT)),
    first: new WeightedPicker(pools.double.map((n) => [...n][0]), zipfWeights(pools.double.length, RANK_EXPONENT)),
    second: new WeightedPicker(pools.double.map((n) => [...n][1]), zipfWeights(pools.double.length, RANK_EXPONENT)),
  };
}
