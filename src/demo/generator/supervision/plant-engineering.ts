/**
 * Planted cases and look-alikes of the procurement models: bidders sharing a legal representative
 * (9) or a contact (10), an approver whose relative runs the contractor (11), split contracts (12),
 * and an official whose own or spouse's company holds a contract with the official's unit (13).
 * Planted scenarios use companies no natural tender or contract has touched.
 */
import { addYears } from '../dates.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import { positionFor, type OfficialRoster } from './officials.js';
import type { Procurement } from './procurement.js';
import type { Bid, Category, Contract, Method, Rank, Tender, Unit } from './types.js';

type BidPlan = { e: number; phone?: string; address?: string; group?: number };

export class EngineeringPlanter {
  private readonly fresh: number[];
  /** Companies already in natural tenders: the other bidders on planted tenders. */
  private readonly natural: number[];
  private readonly rng: Rng;

  constructor(
    private readonly b: SupervisionBase,
    private readonly roster: OfficialRoster,
    private readonly proc: Procurement,
    rng: Rng,
  ) {
    this.rng = rng;
    this.fresh = rng.shuffle(proc.companies.filter((e) => !proc.used.has(e)));
    this.natural = proc.companies.filter((e) => proc.used.has(e));
  }

  private take(ok: (e: number) => boolean = () => true): number | undefined {
    const k = this.fresh.findIndex((e) => !this.proc.used.has(e) && ok(e));
    if (k < 0) return undefined;
    const e = this.fresh.splice(k, 1)[0];
    this.proc.used.add(e);
    return e;
  }

  private rep(e: number): number {
    return this.b.pop.enterprises[e].legalRep;
  }

  private code(e: number): string {
    return this.b.pop.enterprises[e].creditCode;
  }

  /** A tender with the planned bidders and a few others, the lowest bid winning a contract unless it is recent. */
  private tender(plans: BidPlan[]): { tender: Tender; bids: Bid[] } {
    const { rng, proc, b } = this;
    const unit = proc.unit(rng, true);
    const budget = Math.round(rng.uniform(4.2, 12) * 10_000) * 100;
    const tender = proc.tender(unit.index, proc.project(rng, unit, '工程'), '工程', '公开招标', rng.range(b.asOf - 500, b.asOf - 20), budget);
    const planned = new Set(plans.map((p) => p.e));
    // Three to eight bids in all, like any tender.
    const total = rng.range(Math.max(3, plans.length + 1), 7);
    const others = proc.draw(rng, this.natural.length >= 8 ? this.natural : proc.companies, total - plans.length, planned).filter((e) => !this.sameRep(e, planned));
    const all: BidPlan[] = rng.shuffle([...plans, ...others.map((e) => ({ e }))]);
    const bids: Bid[] = [];
    const groupAmount = new Map<number, number>();
    for (const p of all) {
      const amount = p.group && groupAmount.has(p.group) ? groupAmount.get(p.group)! : Math.round((budget * rng.uniform(0.86, 0.99)) / 100) * 100;
      if (p.group) groupAmount.set(p.group, amount);
      bids.push(proc.bid(rng, tender, p.e, amount, p));
    }
    const best = bids.reduce((x, y) => (y.amount < x.amount ? y : x));
    const signed = tender.date + rng.range(10, 35);
    if (signed < b.asOf) proc.contract(rng, { unit: unit.index, project: tender.name, category: '工程', method: '公开招标', contractor: best.bidder, amount: best.amount, signed });
    return { tender, bids };
  }

  private sameRep(e: number, planned: Set<number>): boolean {
    for (const p of planned) if (this.rep(p) === this.rep(e)) return true;
    return false;
  }

  /** Model 9. */
  sharedRepresentative(): void {
    const { b } = this;
    const model = 'engineering.bidders-share-rep';
    const byRep = new Map<number, number[]>();
    for (const e of this.fresh) {
      const list = byRep.get(this.rep(e));
      if (list) list.push(e);
      else byRep.set(this.rep(e), [e]);
    }
    const pairs = [...byRep.values()].filter((l) => l.length >= 2);
    const claim = (l: number[]) => {
      for (const e of l.slice(0, 2)) {
        this.proc.used.add(e);
        const at = this.fresh.indexOf(e);
        if (at >= 0) this.fresh.splice(at, 1);
      }
      return [l[0], l[1]];
    };
    for (let k = 0; k < b.cases && pairs.length > 0; k++) {
      const [e1, e2] = claim(pairs.pop()!);
      const { tender } = this.tender([{ e: e1 }, { e: e2 }]);
      b.plant({ model, subject: this.rep(e1), kind: 'case', row: tender, note: 'planted: two bidders on one tender share a legal representative' });
    }
    const n = b.perKind(2);
    for (let k = 0; k < n && pairs.length > 0; k++) {
      const [e1, e2] = claim(pairs.pop()!);
      const x = this.tender([{ e: e1 }]).tender;
      this.tender([{ e: e2 }]);
      b.plant({ model, subject: this.rep(e1), kind: 'lookalike', row: x, note: 'lookalike: same representative bids on different tenders' });
    }
    const people = b.pop.people;
    const byName = new Map<string, number[]>();
    for (const e of this.fresh) {
      const name = people.name[this.rep(e)];
      const list = byName.get(name);
      if (list) list.push(e);
      else byName.set(name, [e]);
    }
    const namesakes = [...byName.values()]
      .map((l) => l.filter((e) => !this.proc.used.has(e)))
      .filter((l) => new Set(l.map((e) => this.rep(e))).size >= 2);
    for (let k = 0; k < n && namesakes.length > 0; k++) {
      const group = namesakes.pop()!;
      const e1 = group[0];
      const e2 = group.find((e) => this.rep(e) !== this.rep(e1))!;
      claim([e1, e2]);
      const { tender } = this.tender([{ e: e1 }, { e: e2 }]);
      b.plant({ model, subject: this.rep(e1), kind: 'lookalike', row: tender, note: 'lookalike: namesake representatives (same name, other IDs) on one tender' });
    }
  }

  /** Model 10: the subject is the enterprise with the smaller credit code of the pair. */
  sharedContact(): void {
    const { b, rng, proc } = this;
    const model = 'engineering.bidders-share-contact';
    const pair = () => {
      const e1 = this.take();
      const e2 = e1 === undefined ? undefined : this.take((e) => this.rep(e) !== this.rep(e1) && b.pop.people.name[this.rep(e)] !== b.pop.people.name[this.rep(e1)]);
      if (e1 === undefined || e2 === undefined) return undefined;
      return this.code(e1) < this.code(e2) ? [e1, e2] : [e2, e1];
    };
    for (let k = 0; k < b.cases; k++) {
      const p = pair();
      if (!p) break;
      const byPhone = k % 2 === 0;
      const shared = byPhone ? { phone: proc.phone(rng, p[0]) } : { address: b.pop.enterprises[p[0]].address };
      const { tender } = this.tender([{ e: p[0] }, { e: p[1], ...shared }]);
      b.plant({ model, subject: p[0], enterprise: true, kind: 'case', row: tender, note: `planted: two bidders on one tender share the contact ${byPhone ? 'phone' : 'address'}` });
    }
    const n = b.perKind(2);
    for (let k = 0; k < n; k++) {
      const p = pair();
      if (!p) break;
      const x = this.tender([{ e: p[0] }]).tender;
      this.tender([{ e: p[1], phone: proc.phone(rng, p[0]) }]);
      b.plant({ model, subject: p[0], enterprise: true, kind: 'lookalike', row: x, note: 'lookalike: same phone on different tenders' });
    }
    for (let k = 0; k < n; k++) {
      const p = pair();
      if (!p) break;
      const group = proc.newGroup();
      const { tender } = this.tender([{ e: p[0], group }, { e: p[1], group, address: b.pop.enterprises[p[0]].address }]);
      b.plant({ model, subject: p[0], enterprise: true, kind: 'lookalike', row: tender, note: 'lookalike: consortium members share an address' });
    }
  }

  /** Makes `person` an official of `unit` for a planted scenario. */
  private appoint(person: number, unit: Unit, rank: Rank, joined?: number): number {
    const { b, rng } = this;
    const earliest = addYears(b.pop.people.birth[person], 22);
    const day = joined ?? Math.max(earliest, b.asOf - rng.range(900, 5000));
    this.roster.add({ person, unit: unit.index, rank, position: positionFor(unit, rank, rng), joined: Math.min(day, b.asOf - 60), minzheng: false, planted: true });
    return Math.min(day, b.asOf - 60);
  }

  private award(unit: Unit, contractor: number, signed: number, opts: { approver?: number; recused?: boolean; method?: Method; amount?: number; category?: Category } = {}): Contract {
    const { rng, proc } = this;
    const category = opts.category ?? '工程';
    const method = opts.method ?? rng.pick<Method>(['邀请招标', '竞争性谈判', '直接发包']);
    const amount = opts.amount ?? Math.round(rng.uniform(5, 35) * 1000) * 100;
    return proc.contract(rng, { unit: unit.index, project: proc.project(rng, unit, category), category, method, contractor, amount, signed, approver: opts.approver, recused: opts.recused });
  }

  /** A natural approver of the unit who is no relative of `rep`. */
  private approverFor(unit: Unit, rep: number): number {
    const pool = this.roster.approvers(unit.index).filter((o) => !this.b.kin.isRelative(o.person, rep) && o.person !== rep);
    return this.rng.pick(pool.length > 0 ? pool : this.roster.approvers(unit.index)).person;
  }

  /** Model 11: contracts approved by an official whose relative represents the contractor. */
  approverRelative(): void {
    const { b, rng, roster } = this;
    const model = 'engineering.approver-relative';
    const kinOf = (e: number) => b.kin.relatives(this.rep(e)).find((r) => roster.eligible(r) && !b.kin.isSpouse(r, this.rep(e)) && r !== this.rep(e));
    const plantOne = (kind: 'case' | 'lookalike', recused: boolean, note: string) => {
      const e = this.take((x) => kinOf(x) !== undefined);
      if (e === undefined) return false;
      const unit = this.proc.unit(rng, true);
      const official = kinOf(e)!;
      const joined = this.appoint(official, unit, rng.pick<Rank>(['副处', '正科']));
      const c = this.award(unit, e, rng.range(Math.max(joined + 30, b.asOf - 700), b.asOf - 5), { approver: official, recused });
      b.plant({ model, subject: official, kind, row: c, note });
      return true;
    };
    for (let k = 0; k < b.cases; k++) if (!plantOne('case', false, "planted: approver's household member represents the contractor")) break;
    const n = b.perKind(2);
    for (let k = 0; k < n; k++) if (!plantOne('lookalike', true, 'lookalike: approver recused (是)')) break;
    const namesakeKin = (e: number) => {
      for (const other of b.namesakes(this.rep(e))) {
        const r = b.kin.relatives(other).find((x) => roster.eligible(x) && !b.kin.isRelative(x, this.rep(e)) && x !== this.rep(e));
        if (r !== undefined) return r;
      }
      return undefined;
    };
    for (let k = 0; k < n; k++) {
      const e = this.take((x) => namesakeKin(x) !== undefined);
      if (e === undefined) break;
      const official = namesakeKin(e)!;
      const unit = this.proc.unit(rng, true);
      const joined = this.appoint(official, unit, rng.pick<Rank>(['副处', '正科']));
      const c = this.award(unit, e, rng.range(Math.max(joined + 30, b.asOf - 700), b.asOf - 5), { approver: official });
      b.plant({ model, subject: official, kind: 'lookalike', row: c, note: "lookalike: approver's relative is a namesake of the contractor's representative" });
    }
  }

  /** Model 12: works contracts split to stay under the tender line. */
  splitContracts(): void {
    const { b, rng } = this;
    const model = 'engineering.split-contracts';
    const M = 10_000;
    const pool = () => this.take((e) => this.proc.builders.includes(e)) ?? this.take();
    const plan = (kind: 'case' | 'lookalike', amounts: number[], gap: () => number, methods: Method[], note: string) => {
      const e = pool();
      if (e === undefined) return false;
      const unit = this.proc.unit(rng, true);
      let day = rng.range(b.asOf - 700, b.asOf - 320);
      const first = this.award(unit, e, day, { approver: this.approverFor(unit, this.rep(e)), method: methods[0], amount: amounts[0] });
      for (let k = 1; k < amounts.length; k++) {
        day += gap();
        this.award(unit, e, day, { approver: this.approverFor(unit, this.rep(e)), method: methods[k] ?? methods[0], amount: amounts[k] });
      }
      b.plant({ model, subject: e, enterprise: true, kind, row: first, note });
      return true;
    };
    const direct = () => rng.pick<Method>(['直接发包', '竞争性谈判', '邀请招标']);
    for (let k = 0; k < b.cases; k++) {
      const a = rng.range(210, 350) * M;
      const c = rng.range(Math.max(60, 410 - a / M), 380) * M;
      const amounts = k % 3 === 2 ? [a - 60 * M, c - 60 * M] : [a, c];
      if (amounts.length === 2 && k % 3 === 2) amounts.push(rng.range(Math.max(60, 410 - (a + c) / M + 120), 150) * M);
      if (!plan('case', amounts, () => rng.range(10, 40), [direct(), direct(), direct()], `planted: ${amounts.length} works contracts within 90 days summing ${amounts.reduce((x, y) => x + y, 0)}`)) break;
    }
    const n = b.perKind(3);
    for (let k = 0; k < n; k++) {
      const a = rng.range(210, 350) * M;
      if (!plan('lookalike', [a, rng.range(420 - a / M, 380) * M], () => rng.range(120, 300), [direct(), direct()], 'lookalike: two contracts more than 90 days apart')) break;
    }
    for (let k = 0; k < n; k++) {
      const a = rng.range(100, 200) * M;
      if (!plan('lookalike', [a, rng.range(50, 380 - a / M) * M], () => rng.range(10, 60), [direct(), direct()], 'lookalike: sum below 4000000')) break;
    }
    for (let k = 0; k < n; k++) {
      const a = rng.range(210, 350) * M;
      if (!plan('lookalike', [a, rng.range(420 - a / M, 380) * M], () => rng.range(10, 60), ['公开招标', direct()], 'lookalike: one of the two was 公开招标')) break;
    }
  }

  /** Model 13: an official's (or the official's spouse's) company holds a contract with the official's own unit. */
  ownUnitContracts(): void {
    const { b, rng, roster } = this;
    const model = 'officials.enterprise-contracts-own-unit';
    const spouseOf = (e: number) => b.kin.spouses(this.rep(e)).find((s) => roster.eligible(s));
    const plantOne = (kind: 'case' | 'lookalike', own: boolean, how: 'own' | 'other' | 'before', note: string) => {
      const e = this.take((x) => (own ? roster.eligible(this.rep(x)) : spouseOf(x) !== undefined));
      if (e === undefined) return false;
      const official = own ? this.rep(e) : spouseOf(e)!;
      const unit = this.proc.unit(rng, true);
      const recent = how === 'before' ? b.asOf - rng.range(100, 400) : undefined;
      const joined = this.appoint(official, unit, rng.pick<Rank>(['科员', '副科', '正科']), recent);
      const where = how === 'other' ? this.otherUnit(unit) : unit;
      const signed = how === 'before' ? joined - rng.range(60, 500) : rng.range(Math.max(joined + 30, b.asOf - 700), b.asOf - 5);
      const c = this.award(where, e, signed, { approver: this.approverFor(where, this.rep(e)), amount: Math.round(rng.uniform(3, 30) * 1000) * 100 });
      b.plant({ model, subject: official, kind, row: c, note });
      return true;
    };
    for (let k = 0; k < b.cases; k++) {
      const own = k % 4 === 3;
      if (!plantOne('case', own, 'own', own ? "planted: official's own company holds a contract with the official's unit" : "planted: spouse's company holds a contract with the official's unit")) break;
    }
    const n = b.perKind(2);
    for (let k = 0; k < n; k++) if (!plantOne('lookalike', false, 'other', "lookalike: spouse's company contracts with another unit")) break;
    for (let k = 0; k < n; k++) if (!plantOne('lookalike', false, 'before', 'lookalike: contract signed before the official joined')) break;
  }

  private otherUnit(unit: Unit): Unit {
    let u = unit;
    while (u === unit) u = this.proc.unit(this.rng, true);
    return u;
  }
}
