/**
 * The resident table, column by column. At scale 1 it holds ~660,000 people, so each attribute is
 * a typed array (a few MB each) instead of one object per person (which would cost ~40 MB in
 * headers alone and slow every pass). A person is an index into these arrays.
 */

export const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲', '儿媳', '女婿', '孙子', '孙女'] as const;
export type Relation = (typeof RELATIONS)[number];
export const REL = Object.fromEntries(RELATIONS.map((r, i) => [r, i])) as Record<Relation, number>;

export const MARITAL = ['未婚', '已婚', '离婚', '丧偶'] as const;
export const MAR = { single: 0, married: 1, divorced: 2, widowed: 3 } as const;

export const ETHNICITIES = ['汉族', '畲族', '土家族', '苗族', '布依族', '回族', '壮族', '彝族', '侗族', '满族'] as const;

export const INSURANCE = ['', '参保缴费', '暂停缴费', '终止参保', '正常享受待遇'] as const;
export const INS = { none: 0, paying: 1, suspended: 2, ended: 3, pension: 4 } as const;

export const MALE = 1;
export const FEMALE = 2;

/** Chronic-condition bits, as tagged in health records. */
export const HYPERTENSION = 1;
export const DIABETES = 2;

export class PersonTable {
  count = 0;
  name: string[] = [];
  idNumber: string[] = [];
  phone: string[] = [];
  sex = new Uint8Array(0);
  birth = new Int32Array(0);
  /** 0 = alive */
  death = new Int32Array(0);
  household = new Int32Array(0);
  relation = new Uint8Array(0);
  marital = new Uint8Array(0);
  /** Day of the (current or last) marriage, 0 if never married. */
  marriage = new Int32Array(0);
  spouse = new Int32Array(0);
  father = new Int32Array(0);
  mother = new Int32Array(0);
  ethnicity = new Uint8Array(0);
  chronic = new Uint8Array(0);
  /** Enterprise index of the employer, -1 if none. */
  employer = new Int32Array(0);
  /** Social insurance status, an index into INSURANCE (0 = not insured). */
  insurance = new Uint8Array(0);

  constructor(capacity: number) {
    this.grow(capacity);
  }

  /** Appends a person with every link unset; returns the index. */
  add(sex: number, birth: number, household: number, relation: number): number {
    if (this.count === this.sex.length) this.grow(this.count * 2);
    const i = this.count++;
    this.sex[i] = sex;
    this.birth[i] = birth;
    this.household[i] = household;
    this.relation[i] = relation;
    this.spouse[i] = -1;
    this.father[i] = -1;
    this.mother[i] = -1;
    this.employer[i] = -1;
    this.name.push('');
    this.idNumber.push('');
    this.phone.push('');
    return i;
  }

  private grow(capacity: number): void {
    const n = Math.max(capacity, 16);
    this.sex = resize(this.sex, n);
    this.birth = resize(this.birth, n);
    this.death = resize(this.death, n);
    this.household = resize(this.household, n);
    this.relation = resize(this.relation, n);
    this.marital = resize(this.marital, n);
    this.marriage = resize(this.marriage, n);
    this.spouse = resize(this.spouse, n);
    this.father = resize(this.father, n);
    this.mother = resize(this.mother, n);
    this.ethnicity = resize(this.ethnicity, n);
    this.chronic = resize(this.chronic, n);
    this.employer = resize(this.employer, n);
    this.insurance = resize(this.insurance, n);
  }
}

type Typed = Uint8Array | Int32Array;
function resize<T extends Typed>(a: T, n: number): T {
  if (a.length >= n) return a;
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}

/** Households: members are stored contiguously in the person table, [first, first + size). */
export class HouseholdTable {
  count = 0;
  village: number[] = [];
  head: number[] = [];
  first: number[] = [];
  size: number[] = [];
  /** 户号 */
  hukouNo: string[] = [];
  address: string[] = [];
  /** Day the household was approved for 低保, 0 if never. */
  dibaoSince: number[] = [];
  /** Monthly allowance per member, yuan. */
  dibaoAmount: number[] = [];

  add(village: number, first: number, hukouNo: string, address: string): number {
    const h = this.count++;
    this.village.push(village);
    this.head.push(-1);
    this.first.push(first);
    this.size.push(0);
    this.hukouNo.push(hukouNo);
    this.address.push(address);
    this.dibaoSince.push(0);
    this.dibaoAmount.push(0);
    return h;
  }
}
