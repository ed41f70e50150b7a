/**
 * The synthetic district as one in-memory model: residents, households, enterprises and the facts
 * departments record about them. Built first and in full; department writers only read it, so a
 * new department file can never disagree with the others about who lives where.
 */
import { AdultPool } from './adult-pool.js';
import { assignConditions } from './conditions.js';
import { assignEmployment } from './employment.js';
import { buildEnterprises, type Enterprise, type Shareholding } from './enterprises.js';
import { buildHouseholds } from './households.js';
import type { HouseholdTable, PersonTable } from './people.js';
import { buildMarriages } from './marriage-history.js';
import type { Marriages } from './marriages.js';
import { loadDistrict, type District } from './regions.js';
import { rngFor } from './rng.js';
import { assignDibao } from './welfare.js';

/** Residents and enterprises at scale 1, the seed article's figures for Lin'an. */
export const RESIDENTS_AT_SCALE_1 = 650_000;
export const ENTERPRISES_AT_SCALE_1 = 40_000;

export interface Population {
  seed: number;
  scale: number;
  district: District;
  people: PersonTable;
  households: HouseholdTable;
  enterprises: Enterprise[];
  shareholdings: Shareholding[];
  marriages: Marriages;
}

export type PhaseProgress = (phase: string, done: number, total: number) => void;

export function buildPopulation(seed: number, scale: number, progress: PhaseProgress = () => {}): Population {
  const district = loadDistrict(rngFor(seed, 'regions'));
  const residents = Math.max(50, Math.round(RESIDENTS_AT_SCALE_1 * scale));
  const enterpriseCount = Math.max(5, Math.round(ENTERPRISES_AT_SCALE_1 * scale));

  progress('residents', 0, residents);
  const { people, households, issuer } = buildHouseholds({
    rng: rngFor(seed, 'households'),
    district,
    residents,
    onProgress: (done) => progress('residents', Math.min(done, residents), residents),
  });
  progress('marriages', 0, 1);
  // Right after the households, so the issuer's sets are released before anything else is built.
  const marriages = buildMarriages(seed, people, issuer);
  progress('marriages', 1, 1);

  progress('enterprises', 0, enterpriseCount);
  const adults = new AdultPool(people, households, district, 22);
  const { enterprises, shareholdings } = buildEnterprises(rngFor(seed, 'enterprises'), district, people, adults, enterpriseCount);
  progress('enterprises', enterpriseCount, enterpriseCount);

  assignEmployment(rngFor(seed, 'employment'), people, enterprises);
  assignConditions(rngFor(seed, 'conditions'), people);
  assignDibao(rngFor(seed, 'dibao'), district, people, households, enterprises, shareholdings);
  return { seed, scale, district, people, households, enterprises, shareholdings, marriages };
}
