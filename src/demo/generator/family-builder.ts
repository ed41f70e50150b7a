/**
 * Composes one household as a list of members: a head, perhaps a spouse, the children still on
 * the household register, a married child with spouse and grandchildren (三代同堂), or the head's
 * parents. Marriages, births and deaths follow plausible ages, so the truth is internally
 * consistent: spouses of opposite sex married at legal age, children born after the marriage to a
 * mother aged 20–42.
 */
import { addYears, dayOf, NO_DAY, REFERENCE_DAY, yearOf, yearsBetween } from './dates.js';
import { MAR, REL } from './people.js';
import { Rng, WeightedPicker } from './rng.js';

export interface MemberSpec {
  male: boolean;
  birth: number;
  relation: number;
  /** Indices into the member list, -1 when absent from the household. */
  spouse: number;
  father: number;
  mother: number;
  marriage: number;
  death: number;
  marital: number;
  outsider: boolean;
}

// Birth years of household heads, 5-year bins from 1932; shaped so the whole population comes out
// like a Zhejiang mountain county: heavy 1960s cohorts, few children, a quarter aged 60+.
const ANCHOR_BIN_START = 1932;
const ANCHOR_BINS = [0.4, 0.8, 1.2, 2.0, 2.8, 2.7, 4.0, 4.4, 3.6, 3.0, 3.2, 3.5, 2.8, 1.6, 0.4];
const anchorBins = new WeightedPicker(ANCHOR_BINS.map((_, i) => i), ANCHOR_BINS);

const EARLIEST_BIRTH = dayOf(1930, 1, 1);
/** Deaths before this are old news: the registry dropped those people long ago. */
const RECENT_DEATHS_FROM = dayOf(2018, 1, 1);

// Shares born outside Lin'an (ID issued elsewhere): mostly those who married in.
const OUTSIDER = { head: 0.09, spouse: 0.26, child: 0.02, inLaw: 0.32, parent: 0.06 };

export function buildFamily(rng: Rng): MemberSpec[] {
  const bin = anchorBins.pick(rng);
  const anchorBirth = dayOf(ANCHOR_BIN_START + bin * 5 + rng.int(5), rng.range(1, 12), rng.range(1, 28));
  const age = yearsBetween(anchorBirth, REFERENCE_DAY);
  const anchorMale = rng.chance(0.52);
  const members: MemberSpec[] = [];

  const married = !rng.chance(neverMarriedShare(age));
  const gap = clamp(rng.normal(2.2, 2.5), -4, 12);
  let otherBirth = addYears(anchorBirth, anchorMale ? gap : -gap);
  if (otherBirth < EARLIEST_BIRTH) otherBirth = EARLIEST_BIRTH + rng.int(365);
  const husbandBirth = anchorMale ? anchorBirth : otherBirth;
  const wifeBirth = anchorMale ? otherBirth : anchorBirth;
  const marriage = married ? marriageDay(rng, husbandBirth, wifeBirth) : NO_DAY;

  if (!married || marriage > REFERENCE_DAY || otherBirth > addYears(REFERENCE_DAY, -20)) {
    members.push(spec(anchorMale, anchorBirth, REL['户主'], MAR.single, rng.chance(OUTSIDER.head)));
    if (age >= 28 && age <= 62 && rng.chance(0.3)) addParents(rng, members, 0);
    return members;
  }

  const state = rng.chance(widowedShare(age)) ? MAR.widowed : rng.chance(divorcedShare(age)) ? MAR.divorced : MAR.married;
  // The register names the husband as head in most couples; a widow or divorcee heads her own.
  const husbandIsHead = state === MAR.married ? rng.chance(0.85) : anchorMale;
  const husband = spec(true, husbandBirth, REL['户主'], state, false);
  const wife = spec(false, wifeBirth, REL['户主'], state, false);
  husband.marriage = wife.marriage = marriage;
  const [head, partner] = husbandIsHead ? [husband, wife] : [wife, husband];
  head.outsider = rng.chance(OUTSIDER.head);
  partner.outsider = rng.chance(OUTSIDER.spouse);
  partner.relation = REL['配偶'];
  members.push(head);

  let partnerIndex = -1;
  if (state === MAR.married) partnerIndex = members.push(partner) - 1;
  if (state === MAR.widowed) {
    partner.death = deathDay(rng, partner.birth, marriage);
    partner.marital = MAR.married;
    if (partner.death >= RECENT_DEATHS_FROM && rng.chance(0.35)) partnerIndex = members.push(partner) - 1;
  }
  if (partnerIndex >= 0) {
    head.spouse = partnerIndex;
    partner.spouse = 0;
  }
  const fatherIndex = husbandIsHead ? 0 : partnerIndex;
  const motherIndex = husbandIsHead ? partnerIndex : 0;
  const keepChildren = state !== MAR.divorced || rng.chance(husbandIsHead ? 0.4 : 0.6);

  let marriedChildStays = false;
  // Children of a widowed head were born before the partner died.
  const lastBirth = state === MAR.widowed ? Math.min(REFERENCE_DAY, partner.death + (partner.male ? 270 : 0)) : REFERENCE_DAY;
  for (const kid of births(rng, wife.birth, marriage, lastBirth)) {
    if (!keepChildren) break;
    const kidAge = yearsBetween(kid.birth, REFERENCE_DAY);
    const stays = kidAge < 18 ? 1 : kidAge < 28 ? (rng.chance(0.8) ? 1 : 0) : 0;
    const marriedStay = !marriedChildStays && kidAge >= 24 && rng.chance(kid.male ? (kidAge < 28 ? 0.2 : 0.32) : 0.07);
    const singleStay = kidAge >= 28 && rng.chance(kid.male ? 0.06 : 0.03);
    if (!stays && !marriedStay && !singleStay) continue;
    const child = spec(kid.male, kid.birth, REL[kid.male ? '子' : '女'], MAR.single, rng.chance(OUTSIDER.child));
    child.father = fatherIndex;
    child.mother = motherIndex;
    const c = members.push(child) - 1;
    if (marriedStay) {
      marriedChildStays = true;
      addChildsFamily(rng, members, c);
    }
  }
  if (!marriedChildStays && age >= 25 && age <= 62 && rng.chance(0.18)) addParents(rng, members, 0);
  return members;
}

/** A son with his wife (儿媳) or a daughter with her husband (女婿, often 入赘), and their children. */
function addChildsFamily(rng: Rng, members: MemberSpec[], c: number): void {
  const child = members[c];
  const gap = clamp(rng.normal(2.2, 2.5), -4, 10);
  const inLawBirth = child.male ? addYears(child.birth, gap) : addYears(child.birth, -gap);
  const husbandBirth = child.male ? child.birth : inLawBirth;
  const wifeBirth = child.male ? inLawBirth : child.birth;
  const marriage = marriageDay(rng, husbandBirth, wifeBirth);
  if (marriage > REFERENCE_DAY || inLawBirth > addYears(REFERENCE_DAY, -20)) return;
  const inLaw = spec(!child.male, inLawBirth, REL[child.male ? '儿媳' : '女婿'], MAR.married, rng.chance(OUTSIDER.inLaw));
  child.marital = MAR.married;
  child.marriage = inLaw.marriage = marriage;
  const l = members.push(inLaw) - 1;
  child.spouse = l;
  inLaw.spouse = c;
  for (const kid of births(rng, wifeBirth, marriage, REFERENCE_DAY)) {
    if (yearsBetween(kid.birth, REFERENCE_DAY) >= 22 && rng.chance(0.5)) continue;
    const g = spec(kid.male, kid.birth, REL[kid.male ? '孙子' : '孙女'], MAR.single, rng.chance(OUTSIDER.child));
    g.father = child.male ? c : l;
    g.mother = child.male ? l : c;
    members.push(g);
  }
}

/** The head's parents moved in (or never left); at least one of them is alive. */
function addParents(rng: Rng, members: MemberSpec[], h: number): void {
  const headBirth = members[h].birth;
  const fatherBirth = addYears(headBirth, -rng.uniform(24, 34));
  // The mother was at least 20 when the head was born.
  const motherBirth = Math.min(addYears(fatherBirth, clamp(rng.normal(2, 2), -3, 8)), addYears(headBirth, -20.5));
  if (yearsBetween(Math.min(fatherBirth, motherBirth), REFERENCE_DAY) > 96 || Math.min(fatherBirth, motherBirth) < EARLIEST_BIRTH) return;
  const legal = Math.max(addYears(fatherBirth, 22.1), addYears(motherBirth, 20.1));
  let marriage = Math.min(addYears(legal, rng.uniform(0, 1)), headBirth - 60);
  if (marriage === NO_DAY) marriage--;
  const father = spec(true, fatherBirth, REL['父亲'], MAR.married, rng.chance(OUTSIDER.parent));
  const mother = spec(false, motherBirth, REL['母亲'], MAR.married, rng.chance(OUTSIDER.parent));
  father.marriage = mother.marriage = marriage;
  const fatherAlive = rng.chance(survival(yearsBetween(fatherBirth, REFERENCE_DAY)));
  const motherAlive = rng.chance(survival(yearsBetween(motherBirth, REFERENCE_DAY)));
  if (!fatherAlive && !motherAlive) return;
  const pair = [father, mother];
  const indices = [-1, -1];
  for (let k = 0; k < 2; k++) {
    const p = pair[k];
    const alive = k === 0 ? fatherAlive : motherAlive;
    if (alive) {
      if (!(k === 0 ? motherAlive : fatherAlive)) p.marital = MAR.widowed;
      indices[k] = members.push(p) - 1;
    } else {
      p.death = deathDay(rng, p.birth, headBirth);
      if (p.death >= RECENT_DEATHS_FROM && rng.chance(0.3)) indices[k] = members.push(p) - 1;
    }
  }
  if (indices[0] >= 0 && indices[1] >= 0) {
    members[indices[0]].spouse = indices[1];
    members[indices[1]].spouse = indices[0];
  }
  members[h].father = indices[0];
  members[h].mother = indices[1];
}

function births(rng: Rng, motherBirth: number, marriage: number, until: number): Array<{ male: boolean; birth: number }> {
  const y = yearOf(motherBirth);
  const n = y < 1950 ? rng.pick([2, 3, 3, 4, 4]) : y < 1960 ? rng.pick([1, 2, 2, 3]) : y < 1980 ? rng.pick([1, 1, 1, 2, 2]) : y < 1990 ? rng.pick([0, 1, 1, 2, 2]) : rng.pick([0, 1, 1, 1, 2, 2, 2]);
  const out: Array<{ male: boolean; birth: number }> = [];
  let t = addYears(marriage, rng.uniform(0.8, 2.5));
  for (let k = 0; k < n; k++) {
    if (t > until || t > addYears(motherBirth, 42)) break;
    out.push({ male: rng.chance(0.515), birth: t });
    t = addYears(t, rng.uniform(1.5, 6));
  }
  return out;
}

function marriageDay(rng: Rng, husbandBirth: number, wifeBirth: number): number {
  const y = yearOf(wifeBirth);
  const wifeAge = y < 1955 ? rng.uniform(19, 23) : y < 1970 ? rng.uniform(21, 25) : y < 1985 ? rng.uniform(22, 27) : rng.uniform(24, 30);
  // Legal minimum ages: 22 for men, 20 for women (plus a margin).
  const day = Math.max(addYears(wifeBirth, wifeAge), addYears(husbandBirth, 22.1), addYears(wifeBirth, 20.1));
  return day === NO_DAY ? day + 1 : day;
}

function deathDay(rng: Rng, birth: number, notBefore: number): number {
  const from = Math.max(notBefore + 1, addYears(birth, 45));
  const to = Math.min(REFERENCE_DAY - 30, addYears(birth, 98));
  if (to <= from) return Math.max(from, REFERENCE_DAY - 30);
  // Skewed to recent years: deaths among people old now.
  return Math.round(to - (to - from) * Math.pow(rng.next(), 2.5));
}

function spec(male: boolean, birth: number, relation: number, marital: number, outsider: boolean): MemberSpec {
  return { male, birth, relation, spouse: -1, father: -1, mother: -1, marriage: NO_DAY, death: NO_DAY, marital, outsider };
}

function neverMarriedShare(age: number): number {
  return age < 22 ? 0.97 : age < 25 ? 0.7 : age < 30 ? 0.4 : age < 35 ? 0.15 : age < 50 ? 0.06 : 0.04;
}
function widowedShare(age: number): number {
  return age < 50 ? 0.01 : age < 60 ? 0.04 : age < 70 ? 0.1 : age < 80 ? 0.25 : 0.5;
}
function divorcedShare(age: number): number {
  return age < 30 ? 0.03 : age < 60 ? 0.07 : 0.03;
}
function survival(age: number): number {
  return age < 70 ? 0.95 : age < 80 ? 0.85 : age < 90 ? 0.6 : 0.3;
}
function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
