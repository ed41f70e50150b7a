/**
 * Social assistance payments (社会救助资金发放): paid on the 10th of each of the six months before
 * the as-of day, by the recipient's town. 低保金 to every listed 低保 member, 高龄津贴 to a share of
 * those aged 80 and over, 特困供养金 to some elderly people living alone, 残疾人生活补贴 to a few.
 * The month of death is still paid; nothing after. Each recipient and type has one approver, a
 * 民政 official of the town, never the recipient's own relative where the town has another.
 */
import { dayOf, yearsBetween, ymd } from '../dates.js';
import type { Town } from '../regions.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { OfficialRoster } from './officials.js';
import type { Payment, SubsidyType } from './types.js';

const MONTHS = 6;
const PAYDAY = 10;
const RATES = { elderly: 0.37, destitute: 0.04, disabled: 0.0025 };
export const AMOUNTS = { destitute: 1968, disabled: 330 };

/** The six paydays (the 10th) before the as-of day, oldest first. */
export function paydaysBefore(asOf: number): number[] {
  const { y, m, d } = ymd(asOf);
  let year = y;
  let month = d > PAYDAY ? m : m - 1;
  const out: number[] = [];
  while (out.length < MONTHS) {
    if (month === 0) {
      month = 12;
      year--;
    }
    out.push(dayOf(year, month, PAYDAY));
    month--;
  }
  return out.reverse();
}

export function monthStart(day: number): number {
  const { y, m } = ymd(day);
  return dayOf(y, m, 1);
}

export function elderlyAmount(age: number): number {
  return age >= 100 ? 500 : age >= 90 ? 200 : 100;
}

export class PaymentBook {
  readonly payments: Payment[] = [];
  private readonly approvers = new Map<string, number>();

  constructor(
    private readonly b: SupervisionBase,
    private readonly roster: OfficialRoster,
    readonly paydays: number[],
  ) {}

  /** The approver of a recipient's subsidy in a town: the same one every month. */
  approver(rng: Rng, recipient: number, type: SubsidyType, town: Town): number {
    const key = `${recipient}:${type}:${town.index}`;
    let a = this.approvers.get(key);
    if (a === undefined) {
      const staff = this.roster.minzheng(town.index).map((o) => o.person);
      const clean = staff.filter((p) => !this.b.kin.isRelative(p, recipient));
      a = rng.pick(clean.length > 0 ? clean : staff);
      this.approvers.set(key, a);
    }
    return a;
  }

  setApprover(recipient: number, type: SubsidyType, town: Town, approver: number): void {
    this.approvers.set(`${recipient}:${type}:${town.index}`, approver);
  }

  pay(rng: Rng, recipient: number, type: SubsidyType, town: Town, paid: number, amount: number): Payment {
    const p: Payment = { no: '', recipient, type, town, paid, amount, approver: this.approver(rng, recipient, type, town) };
    this.payments.push(p);
    return p;
  }

  /** Pays every payday from `from` on while the recipient lived at the start of the month. */
  payMonthly(rng: Rng, recipient: number, type: SubsidyType, amount: number, from = 0): Payment[] {
    const death = this.b.pop.people.death[recipient];
    const town = this.b.town(recipient);
    const out: Payment[] = [];
    for (const day of this.paydays) {
      if (day < from || (death !== 0 && death < monthStart(day))) continue;
      out.push(this.pay(rng, recipient, type, town, day, amount));
    }
    return out;
  }

  of(recipient: number): Payment[] {
    return this.payments.filter((p) => p.recipient === recipient);
  }
}

export function buildPayments(b: SupervisionBase, book: PaymentBook, rng: Rng): void {
  const { people, households } = b.pop;
  const first = book.paydays[0];
  const last = book.paydays[book.paydays.length - 1];
  for (let h = 0; h < households.count; h++) {
    const since = households.dibaoSince[h];
    if (!since) continue;
    for (let i = households.first[h]; i < households.first[h] + households.size[h]; i++) {
      if (b.dibao[i]) book.payMonthly(rng, i, '低保金', households.dibaoAmount[h], since);
    }
  }
  for (let i = 0; i < people.count; i++) {
    const death = people.death[i];
    if (death !== 0 && death < monthStart(first)) continue;
    const age = yearsBetween(people.birth[i], death !== 0 && death < last ? death : last);
    if (age >= 80 && rng.chance(RATES.elderly)) book.payMonthly(rng, i, '高龄津贴', elderlyAmount(age));
    else if (age >= 60 && households.size[people.household[i]] === 1 && !b.dibao[i] && rng.chance(RATES.destitute)) {
      book.payMonthly(rng, i, '特困供养金', AMOUNTS.destitute);
    } else if (age >= 16 && rng.chance(RATES.disabled)) book.payMonthly(rng, i, '残疾人生活补贴', AMOUNTS.disabled);
  }
}
