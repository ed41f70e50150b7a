/**
 * Fills the person and household tables: one family at a time, placed in a weighted village,
 * given a 户号, an address, names, ID numbers and phones, until the district has its residents.
 */
import { AddressMaker } from './addresses.js';
import { yearOf, yearsBetween, REFERENCE_DAY } from './dates.js';
import { buildFamily, type MemberSpec } from './family-builder.js';
import { flat } from './flat-string.js';
import { NameGenerator } from './names.js';
import { ETHNICITIES, FEMALE, HouseholdTable, MALE, PersonTable, REL } from './people.js';
import { IdentityIssuer } from './person-ids.js';
import type { District } from './regions.js';
import { Rng, WeightedPicker } from './rng.js';

export interface HouseholdBuildInput {
  rng: Rng;
  district: District;
  /** Living residents to reach. */
  residents: number;
  onProgress?: (done: number) => void;
}

const MINORITIES = new WeightedPicker(ETHNICITIES.slice(1).map((_, i) => i + 1), [3, 2, 2, 1.5, 0.8, 0.8, 0.6, 0.5, 0.5]);

/**
 * Also returns the issuer, so that persons outside the register (a divorcee's ex, a spouse who died
 * long ago) get IDs that no resident holds; drop it afterwards: its sets hold every ID and phone.
 */
export function buildHouseholds(input: HouseholdBuildInput): { people: PersonTable; households: HouseholdTable; issuer: IdentityIssuer } {
  const { rng, district } = input;
  const people = new PersonTable(Math.ceil(input.residents * 1.05) + 64);
  const households = new HouseholdTable();
  const names = new NameGenerator();
  const issuer = new IdentityIssuer();
  const addresses = new AddressMaker(district);
  const townSeq = new Array<number>(district.towns.length).fill(0);
  const surname: string[] = [];
  let living = 0;

  while (living < input.residents) {
    const village = district.villagePicker.pick(rng);
    const members = buildFamily(rng);
    const seq = ++townSeq[village.town.index];
    // 户号: the town's 3-digit suffix and a running number within the town.
    const hukouNo = village.town.code.slice(6) + String(seq).padStart(6, '0');
    const base = people.count;
    const h = households.add(village.index, base, hukouNo, flat(addresses.household(rng, village)));
    households.size[h] = members.length;
    households.head[h] = base;

    surname.length = 0;
    for (let k = 0; k < members.length; k++) {
      const m = members[k];
      const i = people.add(m.male ? MALE : FEMALE, m.birth, h, m.relation);
      people.death[i] = m.death;
      people.marital[i] = m.marital;
      people.marriage[i] = m.marriage;
      people.spouse[i] = m.spouse >= 0 ? base + m.spouse : -1;
      people.father[i] = m.father >= 0 ? base + m.father : -1;
      people.mother[i] = m.mother >= 0 ? base + m.mother : -1;
      surname[k] = surnameOf(rng, members, k, surname, names);
      people.name[i] = surname[k] + names.given(rng, m.male, yearOf(m.birth));
      people.idNumber[i] = issuer.residentId(rng, m.birth, m.male, m.outsider);
      people.ethnicity[i] = ethnicityOf(rng, people, m, base);
      if (rng.chance(phoneShare(yearsBetween(m.birth, m.death || REFERENCE_DAY)))) people.phone[i] = issuer.mobile(rng);
      if (m.death === 0) living++;
    }
    if ((h & 4095) === 0) input.onProgress?.(living);
  }
  input.onProgress?.(living);
  return { people, households, issuer };
}

function surnameOf(rng: Rng, members: MemberSpec[], k: number, assigned: string[], names: NameGenerator): string {
  const m = members[k];
  // The head is drawn first; a father living with the head passed that surname down.
  if (k === 0) return names.surname(rng);
  if (m.relation === REL['父亲']) return assigned[0];
  if (m.father >= 0) {
    // Children of a son-in-law who married in (入赘) often take the mother's surname.
    if (members[m.father].relation === REL['女婿'] && m.mother >= 0 && rng.chance(0.5)) return assigned[m.mother];
    return assigned[m.father];
  }
  if (m.mother >= 0 && m.relation !== REL['户主'] && rng.chance(0.2)) return assigned[m.mother];
  return names.surname(rng);
}

function ethnicityOf(rng: Rng, people: PersonTable, m: MemberSpec, base: number): number {
  const parent = m.father >= 0 ? m.father : m.mother;
  if (parent >= 0) return people.ethnicity[base + parent];
  if (m.outsider) return rng.chance(0.08) ? MINORITIES.pick(rng) : 0;
  return rng.chance(0.003) ? 1 : 0;
}

function phoneShare(age: number): number {
  return age < 16 ? 0 : age < 18 ? 0.6 : age < 70 ? 0.96 : age < 80 ? 0.75 : 0.45;
}
