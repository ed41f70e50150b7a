/**
 * Builds every resident's marriage history around what the household model already fixed
 * (spouses, marital_status, marriage_date), without changing any of it:
 * - each linked couple is one marriage, ended by a death if either partner has died;
 * - a widow(er) without a linked spouse was married to someone who died before the register kept
 *   them, and a divorcee to an ex who lives elsewhere: either outside the district (a person of
 *   our own making, with an ID from another county or an old Lin'an one) or a resident who has
 *   since remarried;
 * - some married residents married before: an early marriage ended by divorce (or, for older
 *   people, by the first spouse's death), squeezed between legal age and the current marriage.
 */
import { addYears, dayOf, REFERENCE_DAY, yearOf } from './dates.js';
import { DIRT } from './dirt.js';
import { assignRecords } from './marriage-records.js';
import { END, MarriageTable, OtherPersonTable, type Marriages } from './marriages.js';
import { NameGenerator } from './names.js';
import { MALE, MAR, type PersonTable } from './people.js';
import type { IdentityIssuer } from './person-ids.js';
import { rngFor, type Rng } from './rng.js';

const RATES = {
  /** Divorced residents whose ex is a resident who has remarried since. */
  exInDistrict: 0.3,
  /** Married residents with a few years between legal age and their wedding who had married before. */
  remarried: 0.11,
  /** Of earlier marriages of people born before 1965, those ended by the spouse's death. */
  priorEndedByDeath: 0.15,
  /** Ex-spouses outside the district who came from another county (the rest hold Lin'an IDs). */
  exFromElsewhere: 0.55,
  deceasedFromElsewhere: 0.15,
};
const NO_CHILD = -0x80000000;
const YEAR = 365.2425;
const STALE_FROM = dayOf(2005, 1, 1);
const STALE_SINGLE_FROM = dayOf(2010, 1, 1);

export function buildMarriages(seed: number, people: PersonTable, issuer: IdentityIssuer): Marriages {
  const h = new HistoryBuilder(rngFor(seed, 'marriages'), people, issuer);
  h.couples();
  h.unlinked();
  h.remarriages();
  h.table.trim();
  assignRecords(rngFor(seed, 'marriages:records'), h.table, people, h.others);
  return { table: h.table, others: h.others, registryShown: staleStatuses(rngFor(seed, 'marriages:registry'), people, h.lastEnd) };
}

class HistoryBuilder {
  readonly table = new MarriageTable();
  readonly others = new OtherPersonTable();
  /** Day each resident's last marriage ended (0 = none or ongoing); for the stale registry status. */
  readonly lastEnd: Int32Array;
  private readonly lastChild: Int32Array;
  private readonly current: Int32Array;
  private readonly hasPrior: Uint8Array;
  private readonly names = new NameGenerator();
  private couplesEnd = 0;

  constructor(
    private readonly rng: Rng,
    private readonly people: PersonTable,
    private readonly issuer: IdentityIssuer,
  ) {
    const n = people.count;
    this.lastEnd = new Int32Array(n);
    this.lastChild = new Int32Array(n).fill(NO_CHILD);
    this.current = new Int32Array(n).fill(-1);
    this.hasPrior = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (const p of [people.father[i], people.mother[i]]) if (p >= 0 && people.birth[i] > this.lastChild[p]) this.lastChild[p] = people.birth[i];
    }
  }

  couples(): void {
    const { people, table } = this;
    for (let i = 0; i < people.count; i++) {
      const j = people.spouse[i];
      if (j <= i) continue;
      const m = i === this.husbandOf(i, j) ? table.add(i, j, people.marriage[i]) : table.add(j, i, people.marriage[i]);
      const di = people.death[i];
      const dj = people.death[j];
      if (di || dj) {
        const end = di && dj ? Math.min(di, dj) : di || dj;
        table.end(m, end, END.death);
        this.lastEnd[i] = this.lastEnd[j] = end;
      }
      this.current[i] = this.current[j] = m;
    }
    this.couplesEnd = table.count;
  }

  unlinked(): void {
    const { people, table, rng } = this;
    const buckets = this.remarriageCandidates();
    for (let i = 0; i < people.count; i++) {
      const status = people.marital[i];
      const married = people.marriage[i];
      if (people.spouse[i] >= 0 || status === MAR.single || married === 0) continue;
      const male = people.sex[i] === MALE;
      if (status === MAR.widowed) {
        const from = Math.max(married + 30, this.lastChild[i] + 1);
        const to = REFERENCE_DAY - 30;
        const death = from >= to ? to : from + Math.round((to - from) * rng.next());
        const other = this.other(!male, people.birth[i], married, death, RATES.deceasedFromElsewhere);
        table.end(this.marry(i, other, married), death, END.death);
        this.lastEnd[i] = death;
      } else if (status === MAR.divorced) {
        const from = Math.max(married + 180, this.lastChild[i] + 60);
        const to = REFERENCE_DAY - 30;
        const day = from >= to ? to : from + Math.round((to - from) * Math.pow(rng.next(), 1.6));
        let ex = rng.chance(RATES.exInDistrict) ? this.remarriedEx(buckets, i, married, day) : -1;
        if (ex >= 0) {
          this.hasPrior[ex] = 1;
          table.setPrior(this.current[ex], people.sex[ex] === MALE, MAR.divorced);
        } else ex = this.other(!male, people.birth[i], married, 0, RATES.exFromElsewhere);
        table.end(this.marry(i, ex, married), day, END.divorceRegistration);
        this.lastEnd[i] = day;
      } else {
        // Married with the spouse registered elsewhere (working away): the marriage goes on.
        const m = this.marry(i, this.other(!male, people.birth[i], married, 0, RATES.exFromElsewhere), married);
        if (people.death[i]) table.end(m, people.death[i], END.death);
      }
    }
  }

  remarriages(): void {
    const { people, table, rng } = this;
    for (let m = 0; m < this.couplesEnd; m++) {
      if (table.ended[m] !== 0) continue;
      const married = table.married[m];
      for (const i of [table.husband[m], table.wife[m]]) {
        if (this.hasPrior[i]) continue;
        const male = people.sex[i] === MALE;
        const legal = addYears(people.birth[i], male ? 22.1 : 20.1);
        const room = married - legal;
        if (room < 1.5 * YEAR || !rng.chance(RATES.remarried)) continue;
        const first = legal + rng.int(Math.round(room - 1.2 * YEAR));
        const endFrom = first + Math.round(0.5 * YEAR);
        const end = endFrom + rng.int(married - Math.round(0.25 * YEAR) - endFrom);
        const byDeath = yearOf(people.birth[i]) < 1965 && rng.chance(RATES.priorEndedByDeath);
        const ex = this.other(!male, people.birth[i], first, byDeath ? end : 0, byDeath ? RATES.deceasedFromElsewhere : RATES.exFromElsewhere);
        table.end(this.marry(i, ex, first), end, byDeath ? END.death : END.divorceRegistration);
        table.setPrior(m, male, byDeath ? MAR.widowed : MAR.divorced);
        this.hasPrior[i] = 1;
      }
    }
  }

  private husbandOf(i: number, j: number): number {
    return this.people.sex[i] === MALE ? i : j;
  }

  private marry(resident: number, other: number, day: number): number {
    return this.people.sex[resident] === MALE ? this.table.add(resident, other, day) : this.table.add(other, resident, day);
  }

  /** A spouse of our own making, of legal age at the wedding, with a unique ID. */
  private other(male: boolean, partnerBirth: number, married: number, death: number, elsewhere: number): number {
    const { rng } = this;
    const gap = Math.min(12, Math.max(-4, rng.normal(2.2, 2.5)));
    const birth = Math.min(addYears(partnerBirth, male ? -gap : gap), addYears(married, male ? -22.1 : -20.1));
    const id = this.issuer.residentId(rng, birth, male, rng.chance(elsewhere));
    return this.others.add(this.names.surname(rng) + this.names.given(rng, male, yearOf(birth)), id, male, birth, death);
  }

  /** Living residents in ongoing marriages, by sex and birth year: who a divorcee's ex may be now. */
  private remarriageCandidates(): Map<number, number[]> {
    const { people, table } = this;
    const buckets = new Map<number, number[]>();
    for (let m = 0; m < this.couplesEnd; m++) {
      if (table.ended[m] !== 0) continue;
      for (const i of [table.husband[m], table.wife[m]]) {
        const key = yearOf(people.birth[i]) * 2 + (people.sex[i] === MALE ? 1 : 0);
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
    }
    return buckets;
  }

  /** A resident who married `i` on `married`, divorced on `divorced`, and has remarried since. */
  private remarriedEx(buckets: Map<number, number[]>, i: number, married: number, divorced: number): number {
    const { people, table, rng } = this;
    const male = people.sex[i] !== MALE;
    const around = yearOf(people.birth[i]) + (male ? -2 : 2);
    for (let tries = 0; tries < 16; tries++) {
      const list = buckets.get((around + rng.range(-4, 4)) * 2 + (male ? 1 : 0));
      if (!list) continue;
      const j = list[rng.int(list.length)];
      if (this.hasPrior[j] || table.married[this.current[j]] < divorced + 90) continue;
      if (addYears(people.birth[j], male ? 22.1 : 20.1) > married) continue;
      return j;
    }
    return -1;
  }
}

/** Registry rows still showing the status before a divorce or a death, or 未婚 after a wedding. */
function staleStatuses(rng: Rng, people: PersonTable, lastEnd: Int32Array): Map<number, number> {
  const shown = new Map<number, number>();
  const { maritalStaleAfterEnd, maritalStaleSingle } = DIRT.householdRegistry;
  for (let i = 0; i < people.count; i++) {
    if (people.death[i] !== 0) continue;
    const s = people.marital[i];
    if ((s === MAR.divorced || s === MAR.widowed) && lastEnd[i] >= STALE_FROM && rng.chance(maritalStaleAfterEnd)) shown.set(i, MAR.married);
    else if (s === MAR.married && people.marriage[i] >= STALE_SINGLE_FROM && rng.chance(maritalStaleSingle)) shown.set(i, MAR.single);
  }
  return shown;
}
