/**
 * Kinship as the department files show it, which is what the supervision models can see: spouses
 * by a 结婚 registration in the 民政 file (since 2000) that no divorce registration or court
 * divorce between the two follows, or 户主 and 配偶 of one household; relatives are those spouses
 * and everyone in the same household of the registry of the living. Adult children in another
 * household are not relatives here, and marriages only in the pre-2000 archive do not count.
 */
import { RECORDS_FROM } from '../marriage-records.js';
import { END, MF } from '../marriages.js';
import { REL } from '../people.js';
import type { Population } from '../population.js';

const cache = new WeakMap<Population, Kinship>();

/** The population's kinship, built once (the facts and the truth share it). */
export function kinshipOf(pop: Population): Kinship {
  let kin = cache.get(pop);
  if (!kin) cache.set(pop, (kin = new Kinship(pop)));
  return kin;
}

export class Kinship {
  /** Resident → residents a 民政 marriage registration (not undone by a divorce on file) pairs them with. */
  private readonly registered = new Map<number, number[]>();

  constructor(private readonly pop: Population) {
    const t = pop.marriages.table;
    for (let m = 0; m < t.count; m++) {
      const h = t.husband[m];
      const w = t.wife[m];
      if (h < 0 || w < 0) continue;
      if (!(t.flags[m] & MF.marriageRecorded) || t.married[m] < RECORDS_FROM) continue;
      // Any divorce row between the two undoes it, whatever date the row shows (date_order rows too).
      const divorced =
        t.endKind[m] === END.divorceJudgment ||
        (t.endKind[m] === END.divorceRegistration && (t.flags[m] & MF.divorceRecorded) !== 0 && t.ended[m] >= RECORDS_FROM);
      if (divorced) continue;
      this.link(h, w);
      this.link(w, h);
    }
  }

  private link(a: number, b: number): void {
    const list = this.registered.get(a);
    if (list) {
      if (!list.includes(b)) list.push(b);
    } else this.registered.set(a, [b]);
  }

  private living(p: number): boolean {
    return this.pop.people.death[p] === 0;
  }

  /** Living members of p's household other than p (empty when p is dead: the registry lists only the living). */
  household(p: number): number[] {
    const { people, households } = this.pop;
    if (!this.living(p)) return [];
    const h = people.household[p];
    const out: number[] = [];
    for (let i = households.first[h]; i < households.first[h] + households.size[h]; i++) if (i !== p && this.living(i)) out.push(i);
    return out;
  }

  /** Spouses as the files show them: registered and not divorced, or 户主/配偶 of one household. */
  spouses(p: number): number[] {
    const out = [...(this.registered.get(p) ?? [])];
    const rel = this.pop.people.relation[p];
    if (rel === REL['户主'] || rel === REL['配偶']) {
      const other = rel === REL['户主'] ? REL['配偶'] : REL['户主'];
      for (const i of this.household(p)) if (this.pop.people.relation[i] === other && !out.includes(i)) out.push(i);
    }
    return out;
  }

  isSpouse(a: number, b: number): boolean {
    return a !== b && this.spouses(a).includes(b);
  }

  /** Spouses and living household members. */
  relatives(p: number): number[] {
    const out = this.household(p);
    for (const s of this.registered.get(p) ?? []) if (!out.includes(s)) out.push(s);
    return out;
  }

  isRelative(a: number, b: number): boolean {
    if (a === b) return false;
    const { people } = this.pop;
    if (people.household[a] === people.household[b] && this.living(a) && this.living(b)) return true;
    return (this.registered.get(a) ?? []).includes(b);
  }
}
