/**
 * Public rental housing (公租房) leases: about one household in sixty, mostly low-income ones (on
 * 低保, living alone, elderly), in the subdistricts' rental estates. The household head is the
 * tenant; a spouse in the household is usually named on the lease too. Most leases run (在租,
 * three-year terms); some ended (退租).
 */
import { addYears } from '../dates.js';
import type { Town, Village } from '../regions.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { OfficialRoster } from './officials.js';
import type { Lease } from './types.js';
import { RENTAL_ESTATES } from './words.js';

const HOUSEHOLDS_PER_LEASE = 60;
const ACTIVE = 0.85;
const SPOUSE_NAMED = 0.85;

/** The rental estates, each in one community of its subdistrict. */
export class RentalEstates {
  private readonly estates: { town: Town; village: Village; name: string }[] = [];
  private readonly prefix: string;

  constructor(b: SupervisionBase, rng: Rng) {
    const { district } = b.pop;
    this.prefix = `${district.city}${district.name}`;
    for (const [townName, name] of RENTAL_ESTATES) {
      const town = district.towns.find((t) => t.name === townName) ?? district.towns[0];
      const communities = town.villages.filter((v) => v.community);
      this.estates.push({ town, village: rng.pick(communities.length > 0 ? communities : town.villages), name });
    }
  }

  /** A flat in one of the estates: 杭州市临安区锦北街道西墅社区城北公租房小区3幢2单元401室. */
  flat(rng: Rng): { address: string; village: number } {
    const e = rng.pick(this.estates);
    const address = `${this.prefix}${e.town.name}${e.village.shortName}${e.name}${rng.range(1, 12)}幢${rng.range(1, 3)}单元${rng.range(1, 11)}0${rng.range(1, 4)}室`;
    return { address, village: e.village.index };
  }
}

/** A lease for `tenant`, running today (active) or ended; dates relative to the as-of day. */
export function makeLease(b: SupervisionBase, rng: Rng, estates: RentalEstates, tenant: number, spouse: number, active: boolean): Lease {
  const { asOf } = b;
  let start: number;
  let end: number;
  if (active) {
    start = rng.range(asOf - 1065, asOf - 30);
    end = addYears(start, 3) - 1;
  } else {
    start = rng.range(asOf - 2190, asOf - 400);
    end = rng.range(start + 180, Math.min(addYears(start, 3) - 1, asOf - 30));
  }
  const low = b.dibao[tenant] === 1;
  const rent = Math.round(rng.range(35, 65) * (low ? rng.uniform(1.5, 3) : rng.uniform(8, 14)));
  return { no: '', tenant, spouse, ...estates.flat(rng), start, end, active, rent };
}

export function buildLeases(b: SupervisionBase, roster: OfficialRoster, estates: RentalEstates, rng: Rng): Lease[] {
  const { people, households } = b.pop;
  const wanted = Math.max(3, Math.round(households.count / HOUSEHOLDS_PER_LEASE));
  // Weighted sampling without replacement (Efraimidis–Spirakis): the smallest -ln(u)/w win.
  const keys: { h: number; key: number }[] = [];
  for (let h = 0; h < households.count; h++) {
    const head = households.head[h];
    if (people.death[head] !== 0 || roster.of(head)) continue;
    let w = 1;
    if (households.dibaoSince[h]) w *= 15;
    if (households.size[h] === 1) w *= 2;
    if (b.age(head) >= 60) w *= 1.5;
    if (b.business[head]) w *= 0.05;
    keys.push({ h, key: -Math.log(1 - rng.next()) / w });
  }
  keys.sort((a, c) => a.key - c.key || a.h - c.h);
  const leases: Lease[] = [];
  for (const { h } of keys.slice(0, wanted)) {
    const tenant = households.head[h];
    const partner = b.kin.spouses(tenant).find((s) => people.household[s] === h) ?? -1;
    const spouse = partner >= 0 && rng.chance(SPOUSE_NAMED) ? partner : -1;
    leases.push(makeLease(b, rng, estates, tenant, spouse, rng.chance(ACTIVE)));
  }
  return leases;
}

/** Tenants and spouses named on running leases: their households own no home and no dear car. */
export function renting(b: SupervisionBase, leases: Lease[]): Uint8Array {
  const { people, households } = b.pop;
  const out = new Uint8Array(households.count);
  for (const l of leases) {
    if (!l.active) continue;
    out[people.household[l.tenant]] = 1;
    if (l.spouse >= 0) out[people.household[l.spouse]] = 1;
  }
  return out;
}
