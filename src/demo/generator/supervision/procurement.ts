/**
 * Government procurement (政府采购与工程合同) and the tenders behind it (投标记录). Units put
 * projects out to tender (公开招标 from 4,000,000 yuan for works, 邀请招标 below), three to eight
 * active companies bid, sometimes two as a consortium, and the lowest bid wins a contract. Smaller
 * purchases are negotiated, quoted or awarded directly. A senior official of the unit approves each
 * contract. Bids carry the bidder's own contact phone and registered address.
 */
import type { Enterprise } from '../enterprises.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { OfficialRoster } from './officials.js';
import type { Bid, Category, Contract, Method, Tender, Unit } from './types.js';
import { PROJECTS, ROADS, SCHOOLS } from './words.js';

/** 公开招标 is required for works from this amount (yuan); the split-contract model watches it. */
export const TENDER_LINE = 4_000_000;
const TENDERS_AT_SCALE_1 = 1200;
const DIRECT_AT_SCALE_1 = 1800;
const BUILDER_WORDS = /建筑|装饰|建设|园林|水电|工程/;

const logUniform = (rng: Rng, lo: number, hi: number) => Math.round(Math.exp(rng.uniform(Math.log(lo), Math.log(hi))) / 100) * 100;

export class Procurement {
  readonly tenders: Tender[] = [];
  readonly bids: Bid[] = [];
  readonly contracts: Contract[] = [];
  /** Enterprises in any natural row; planted cases use others, so they stay what they were planted as. */
  readonly used = new Set<number>();
  /** Active companies (91), and those among them that build. */
  readonly companies: number[];
  readonly builders: number[];
  private readonly phones = new Map<number, string>();
  private readonly taken = new Set<string>();
  private groups = 0;

  constructor(
    private readonly b: SupervisionBase,
    readonly roster: OfficialRoster,
  ) {
    const active = (e: Enterprise) => e.kind === '91' && (e.status === '存续' || e.status === '在业');
    this.companies = b.pop.enterprises.filter(active).map((e) => e.index);
    this.builders = this.companies.filter((e) => BUILDER_WORDS.test(b.pop.enterprises[e].name));
  }

  /**
   * The enterprise's contact phone on bids: an office landline, or a company mobile from ranges
   * (176, 178) that no resident's phone uses, so a shared contact is always a planted one.
   */
  phone(rng: Rng, e: number): string {
    let p = this.phones.get(e);
    if (p !== undefined) return p;
    do p = rng.chance(0.6) ? `0571-6${rng.pick(['1', '3', '5'])}${String(rng.range(0, 999_999)).padStart(6, '0')}` : `17${rng.pick(['6', '8'])}${String(rng.range(0, 99_999_999)).padStart(8, '0')}`;
    while (this.taken.has(p));
    this.taken.add(p);
    this.phones.set(e, p);
    return p;
  }

  project(rng: Rng, unit: Unit, category: Category): string {
    const town = unit.town ?? rng.pick(this.b.pop.district.towns);
    const village = rng.pick(town.villages);
    return rng
      .pick(PROJECTS[category])
      .replace('{town}', `临安区${town.name}`)
      .replace('{village}', village.shortName)
      .replace('{school}', rng.pick(SCHOOLS))
      .replace('{unit}', unit.name.replace(/^杭州市/, ''))
      .replace('{road}', rng.pick(ROADS));
  }

  tender(unit: number, name: string, category: Category, method: Method, date: number, budget: number): Tender {
    const t: Tender = { no: '', name, unit, category, method, date, budget };
    this.tenders.push(t);
    return t;
  }

  bid(rng: Rng, tender: Tender, bidder: number, amount: number, opts: { phone?: string; address?: string; group?: number } = {}): Bid {
    const bid: Bid = {
      no: '', tender, bidder, amount, consortium: '', group: opts.group ?? 0,
      phone: opts.phone ?? this.phone(rng, bidder),
      address: opts.address ?? this.b.pop.enterprises[bidder].address,
    };
    this.bids.push(bid);
    return bid;
  }

  newGroup(): number {
    return ++this.groups;
  }

  contract(rng: Rng, c: Omit<Contract, 'no' | 'approver' | 'recused'> & { approver?: number; recused?: boolean }): Contract {
    const contract: Contract = { no: '', ...c, approver: c.approver ?? rng.pick(this.roster.approvers(c.unit)).person, recused: c.recused ?? false };
    this.contracts.push(contract);
    return contract;
  }

  /** Distinct enterprises from a pool, none of them in `exclude`. */
  draw(rng: Rng, pool: number[], n: number, exclude: ReadonlySet<number> = new Set()): number[] {
    const out: number[] = [];
    for (let tries = 0; out.length < n && tries < n * 20; tries++) {
      const e = rng.pick(pool);
      if (!out.includes(e) && !exclude.has(e)) out.push(e);
    }
    return out;
  }

  /** A contracting unit: those that build get more work. */
  unit(rng: Rng, builds = false): Unit {
    const units = this.roster.units.filter((u) => !builds || u.builds);
    for (;;) {
      const u = rng.pick(units);
      if (u.builds || rng.chance(0.35)) return u;
    }
  }
}

export function buildProcurement(b: SupervisionBase, proc: Procurement, rng: Rng): void {
  const { asOf } = b;
  const scale = b.pop.scale;
  const tenders = Math.max(6, Math.round(TENDERS_AT_SCALE_1 * scale));
  for (let k = 0; k < tenders; k++) {
    const unit = proc.unit(rng);
    const r = rng.next();
    const category: Category = unit.builds ? (r < 0.7 ? '工程' : r < 0.85 ? '货物' : '服务') : r < 0.5 ? '货物' : '服务';
    const method: Method = rng.chance(0.8) ? '公开招标' : '邀请招标';
    const budget =
      category === '工程' ? (method === '公开招标' ? logUniform(rng, TENDER_LINE, 30_000_000) : logUniform(rng, 1_000_000, 3_900_000)) : method === '公开招标' ? logUniform(rng, 1_000_000, 8_000_000) : logUniform(rng, 300_000, 2_000_000);
    const t = proc.tender(unit.index, proc.project(rng, unit, category), category, method, rng.range(asOf - 730, asOf - 20), budget);
    const pool = category === '工程' && proc.builders.length >= 8 && rng.chance(0.7) ? proc.builders : proc.companies;
    const bidders = proc.draw(rng, pool, rng.range(3, 8));
    const group = category === '工程' && method === '公开招标' && bidders.length >= 3 && rng.chance(0.08) ? proc.newGroup() : 0;
    let best: Bid | undefined;
    for (const [i, e] of bidders.entries()) {
      proc.used.add(e);
      const inGroup = group > 0 && i < 2;
      const amount = inGroup && i === 1 ? proc.bids[proc.bids.length - 1].amount : Math.round((budget * rng.uniform(0.86, 0.99)) / 100) * 100;
      const bid = proc.bid(rng, t, e, amount, { group: inGroup ? group : 0 });
      if (!best || bid.amount < best.amount) best = bid;
    }
    const signed = t.date + rng.range(10, 35);
    if (best && signed < asOf) {
      proc.contract(rng, { unit: unit.index, project: t.name, category, method, contractor: best.bidder, amount: best.amount, signed, recused: rng.chance(0.01) });
    }
  }
  const direct = Math.max(10, Math.round(DIRECT_AT_SCALE_1 * scale));
  for (let k = 0; k < direct; k++) {
    const unit = proc.unit(rng);
    const r = rng.next();
    const category: Category = unit.builds ? (r < 0.5 ? '工程' : r < 0.75 ? '货物' : '服务') : r < 0.5 ? '货物' : '服务';
    const m = rng.next();
    let method: Method;
    let amount: number;
    if (category === '工程') [method, amount] = m < 0.6 ? ['直接发包', logUniform(rng, 100_000, 1_500_000)] : ['竞争性谈判', logUniform(rng, 300_000, 2_500_000)];
    else if (category === '货物') [method, amount] = m < 0.6 ? ['询价', logUniform(rng, 50_000, 900_000)] : ['竞争性谈判', logUniform(rng, 200_000, 2_000_000)];
    else [method, amount] = m < 0.5 ? ['竞争性谈判', logUniform(rng, 100_000, 1_500_000)] : m < 0.7 ? ['询价', logUniform(rng, 50_000, 600_000)] : ['直接发包', logUniform(rng, 30_000, 300_000)];
    const pool = category === '工程' && proc.builders.length > 0 ? proc.builders : proc.companies;
    const contractor = rng.pick(pool);
    proc.used.add(contractor);
    proc.contract(rng, { unit: unit.index, project: proc.project(rng, unit, category), category, method, contractor, amount, signed: rng.range(asOf - 730, asOf - 5), recused: rng.chance(0.01) });
  }
}
