/**
 * Planted cases and look-alikes of the payment models: paid after death (7), paid by two towns
 * (8), and a 民政 official approving a relative's subsidy (14).
 */
import { yearsBetween } from '../dates.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { OfficialRoster } from './officials.js';
import { AMOUNTS, elderlyAmount, type PaymentBook } from './payments.js';
import type { Payment, SubsidyType } from './types.js';

export function plantPayments(b: SupervisionBase, roster: OfficialRoster, book: PaymentBook, rng: Rng): void {
  const used = new Set<number>();
  const byRecipient = new Map<number, Payment[]>();
  for (const p of book.payments) {
    const list = byRecipient.get(p.recipient);
    if (list) list.push(p);
    else byRecipient.set(p.recipient, [p]);
  }
  paidAfterDeath(b, book, byRecipient, used, rng);
  twoTowns(b, book, byRecipient, used, rng);
  relativeApproved(b, roster, book, byRecipient, used, rng);
}

function paidAfterDeath(b: SupervisionBase, book: PaymentBook, byRecipient: Map<number, Payment[]>, used: Set<number>, rng: Rng): void {
  const { people } = b.pop;
  const days = book.paydays;
  const dead: number[] = [];
  for (let i = 0; i < people.count; i++) {
    const d = people.death[i];
    if (d !== 0 && d >= days[0] - 25 && d < days[days.length - 1] && b.age(i, d) >= 18) dead.push(i);
  }
  rng.shuffle(dead);
  /** The subsidy the person drew (or is given now) and its amount. */
  const grant = (i: number): [SubsidyType, number] => {
    const own = byRecipient.get(i)?.[0];
    if (own) return [own.type, own.amount];
    const age = yearsBetween(people.birth[i], people.death[i]);
    return age >= 80 ? ['高龄津贴', elderlyAmount(age)] : ['残疾人生活补贴', AMOUNTS.disabled];
  };
  const payOn = (i: number, type: SubsidyType, amount: number, day: number) => {
    const have = byRecipient.get(i)?.find((p) => p.paid === day && p.type === type);
    return have ?? book.pay(rng, i, type, b.town(i), day, amount);
  };
  const model = 'livelihood.paid-after-death';
  let cases = 0;
  let lookalikes = 0;
  const wantLookalikes = b.perKind(1);
  for (const i of dead) {
    const death = people.death[i];
    const after = days.filter((d) => d > death);
    if (cases < b.cases && after.some((d) => d - death > 31)) {
      const [type, amount] = grant(i);
      const paid = days.filter((d) => d >= death - 120).map((d) => payOn(i, type, amount, d));
      const first = paid.find((p) => p.paid - death > 31)!;
      b.plant({ model, subject: i, kind: 'case', row: first, note: `planted: ${type} paid ${first.paid - death} days after death` });
      cases++;
    } else if (lookalikes < wantLookalikes && after.length > 0) {
      const [type, amount] = grant(i);
      const p = payOn(i, type, amount, after[0]);
      b.plant({ model, subject: i, kind: 'lookalike', row: p, note: `lookalike: paid ${p.paid - death} days after death (month of death due)` });
      lookalikes++;
    } else continue;
    used.add(i);
    if (cases >= b.cases && lookalikes >= wantLookalikes) break;
  }
}

function twoTowns(b: SupervisionBase, book: PaymentBook, byRecipient: Map<number, Payment[]>, used: Set<number>, rng: Rng): void {
  const { towns } = b.pop.district;
  const days = book.paydays;
  const full: number[] = [];
  for (const [i, list] of byRecipient) if (!used.has(i) && b.alive(i) && list.length === days.length && list.every((p) => p.type === list[0].type)) full.push(i);
  full.sort((x, y) => x - y);
  rng.shuffle(full);
  const otherTown = (i: number) => {
    const home = b.town(i);
    let t = home;
    while (t === home) t = rng.pick(towns);
    return t;
  };
  const model = 'livelihood.paid-by-two-towns';
  for (let k = 0; k < b.cases && full.length > 0; k++) {
    const i = full.pop()!;
    used.add(i);
    const own = byRecipient.get(i)!;
    const town = otherTown(i);
    const months = rng.range(1, 3);
    const extra = days.slice(-months).map((d) => book.pay(rng, i, own[0].type, town, d, own[0].amount));
    b.plant({ model, subject: i, kind: 'case', row: extra[0], note: `planted: ${own[0].type} paid by ${b.town(i).name} and ${town.name} in the same month` });
  }
  const n = b.perKind(2);
  for (let k = 0; k < n && full.length > 0; k++) {
    const i = full.pop()!;
    used.add(i);
    const own = byRecipient.get(i)!;
    const town = otherTown(i);
    const moved = own.slice(3);
    for (const p of moved) {
      p.town = town;
      p.approver = book.approver(rng, i, p.type, town);
    }
    b.plant({ model, subject: i, kind: 'lookalike', row: moved[0], note: `lookalike: moved from ${b.town(i).name} to ${town.name}, months do not overlap` });
  }
  for (let k = 0; k < n && full.length > 0; k++) {
    const i = full.pop()!;
    used.add(i);
    const own = byRecipient.get(i)!;
    const type: SubsidyType = own[0].type === '残疾人生活补贴' ? '特困供养金' : '残疾人生活补贴';
    const town = otherTown(i);
    const extra = days.slice(-2).map((d) => book.pay(rng, i, type, town, d, type === '特困供养金' ? AMOUNTS.destitute : AMOUNTS.disabled));
    b.plant({ model, subject: i, kind: 'lookalike', row: extra[0], note: `lookalike: ${own[0].type} and ${type} from two towns in one month` });
  }
}

function relativeApproved(b: SupervisionBase, roster: OfficialRoster, book: PaymentBook, byRecipient: Map<number, Payment[]>, used: Set<number>, rng: Rng): void {
  const { people } = b.pop;
  const model = 'officials.relative-subsidy-approved';
  const disabled = (i: number) => (byRecipient.get(i) ?? []).some((p) => p.type === '残疾人生活补贴');
  const relativeFor = (o: number) => rng.shuffle(b.kin.household(o)).find((r) => !used.has(r) && !disabled(r) && !roster.of(r));
  const minzheng = rng.shuffle(roster.officials.filter((o) => o.minzheng && !o.planted && roster.units[o.unit].town === b.town(o.person)));
  let cases = 0;
  for (const o of minzheng) {
    if (cases >= b.cases) break;
    const r = relativeFor(o.person);
    if (r === undefined) continue;
    used.add(r);
    book.setApprover(r, '残疾人生活补贴', b.town(r), o.person);
    const paid = book.payMonthly(rng, r, '残疾人生活补贴', AMOUNTS.disabled);
    if (paid.length === 0) continue;
    const who = b.kin.isSpouse(o.person, r) ? 'spouse' : 'household member';
    b.plant({ model, subject: o.person, kind: 'case', row: paid[0], note: `planted: approved own ${who}'s 残疾人生活补贴` });
    cases++;
  }
  const others = rng.shuffle(roster.officials.filter((o) => !o.minzheng && !o.planted));
  let lookalikes = 0;
  for (const o of others) {
    if (lookalikes >= b.perKind(1)) break;
    const drawing = b.kin.relatives(o.person).find((r) => (byRecipient.get(r) ?? []).length > 0 && people.death[r] === 0);
    let row: Payment | undefined = drawing === undefined ? undefined : byRecipient.get(drawing)![0];
    if (!row) {
      const r = relativeFor(o.person);
      if (r === undefined) continue;
      used.add(r);
      row = book.payMonthly(rng, r, '残疾人生活补贴', AMOUNTS.disabled)[0];
    }
    if (!row || b.kin.isRelative(row.approver, row.recipient)) continue;
    b.plant({ model, subject: o.person, kind: 'lookalike', row, note: "lookalike: relative's subsidy approved by another official" });
    lookalikes++;
  }
}
