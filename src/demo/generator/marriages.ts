/**
 * Marriage histories: every marriage any resident ever had, column by column like the person
 * table. A party is a person reference: a resident index (≥ 0), or `~k` for the k-th person who
 * never lived in the district or died before the register kept them (an ex-spouse who moved
 * away, a spouse who died in the 1990s). Those "other persons" have IDs and names of their own,
 * so department records about them can be linked and scored like anyone else's.
 */
import { MAR } from './people.js';

export const END = { none: 0, divorceRegistration: 1, divorceJudgment: 2, death: 3 } as const;
export const END_KINDS = ['', 'divorce_registration', 'divorce_judgment', 'death'] as const;

/** What the department files hold about a marriage; decided once so every file and the truth agree. */
export const MF = {
  /** The registration is in a file (民政 from 2000, the archive before), not lost or unreported. */
  marriageRecorded: 1,
  /** The divorce is in a file (民政 registration, court judgment or archive). */
  divorceRecorded: 2,
  /** Data error: the divorce row's date lies before the marriage (a mistyped year). */
  divorceDateError: 4,
} as const;

export class MarriageTable {
  count = 0;
  husband = new Int32Array(0);
  wife = new Int32Array(0);
  married = new Int32Array(0);
  /** Day the marriage ended (the death, the divorce registration, or the judgment taking effect); 0 = ongoing. */
  ended = new Int32Array(0);
  endKind = new Uint8Array(0);
  /** Where it was registered: 0 = in the district, k > 0 = OUTSIDE_COUNTIES[k - 1]. */
  regPlace = new Uint8Array(0);
  /** Where a divorce was registered, as regPlace; judgments are all the district court's. */
  endPlace = new Uint8Array(0);
  /** Each party's status before this marriage (MAR codes): husband in bits 0–1, wife in bits 2–3. */
  prior = new Uint8Array(0);
  flags = new Uint8Array(0);

  add(husband: number, wife: number, married: number): number {
    if (this.count === this.husband.length) this.grow(Math.max(1024, this.count * 2));
    const m = this.count++;
    this.husband[m] = husband;
    this.wife[m] = wife;
    this.married[m] = married;
    return m;
  }

  end(m: number, day: number, kind: number): void {
    this.ended[m] = day;
    this.endKind[m] = kind;
  }

  priorOf(m: number, husband: boolean): number {
    return husband ? this.prior[m] & 3 : (this.prior[m] >> 2) & 3;
  }

  setPrior(m: number, husband: boolean, status: number): void {
    this.prior[m] = husband ? (this.prior[m] & 0b1100) | status : (this.prior[m] & 0b0011) | (status << 2);
  }

  isDivorce(m: number): boolean {
    return this.endKind[m] === END.divorceRegistration || this.endKind[m] === END.divorceJudgment;
  }

  /** Drops the spare capacity of the last doubling (up to half the table) once the table is complete. */
  trim(): void {
    if (this.husband.length > this.count) this.grow(this.count);
  }

  private grow(n: number): void {
    for (const k of ['husband', 'wife', 'married', 'ended'] as const) this[k] = grown(this[k], n);
    for (const k of ['endKind', 'regPlace', 'endPlace', 'prior', 'flags'] as const) this[k] = grown(this[k], n);
  }
}

function grown<T extends Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a.length > n ? a.subarray(0, n) : a);
  return b;
}

/** People in marriage records who are not in the person table. */
export class OtherPersonTable {
  count = 0;
  name: string[] = [];
  idNumber: string[] = [];
  male: boolean[] = [];
  birth: number[] = [];
  /** 0 = alive */
  death: number[] = [];

  add(name: string, idNumber: string, male: boolean, birth: number, death: number): number {
    this.name.push(name);
    this.idNumber.push(idNumber);
    this.male.push(male);
    this.birth.push(birth);
    this.death.push(death);
    return ~this.count++;
  }
}

export interface Marriages {
  table: MarriageTable;
  others: OtherPersonTable;
  /** Living residents whose 婚姻状况 the household registry never updated: person → status shown. */
  registryShown: Map<number, number>;
}

/** Status codes of the prior-status nibbles, for the registration form's 婚姻状况 column. */
export const PRIOR_STATUS: Record<number, string> = { [MAR.single]: '未婚', [MAR.divorced]: '离婚', [MAR.widowed]: '丧偶' };
