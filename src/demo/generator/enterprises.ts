/**
 * Enterprises registered in the district: companies (credit code prefix 91), individual
 * businesses (92) and farmers' cooperatives (93), with legal representatives and shareholders
 * drawn from the residents. Some people represent several enterprises, and spouses often hold
 * shares together, as in a real register; the supervision rules look for exactly those links.
 */
import { makeCreditCode } from '../../platform/ids/index.js';
import { AddressMaker } from './addresses.js';
import type { AdultPool } from './adult-pool.js';
import { dayOf, REFERENCE_DAY } from './dates.js';
import { loadFixture } from './fixtures.js';
import { flat } from './flat-string.js';
import type { PersonTable } from './people.js';
import type { District } from './regions.js';
import { Rng, WeightedPicker } from './rng.js';

export type EnterpriseKind = '91' | '92' | '93';

export interface Enterprise {
  index: number;
  creditCode: string;
  name: string;
  kind: EnterpriseKind;
  /** 注册资本 / 资金数额, 万元 */
  capital: number;
  established: number;
  status: string;
  village: number;
  address: string;
  legalRep: number;
}

export interface Shareholding {
  enterprise: number;
  person: number;
  /** 认缴出资额, 万元 */
  amount: number;
  /** 出资比例, percent */
  ratio: number;
}

interface Words {
  tradeChars: string;
  industries: string[];
  shops: string[];
  coopProducts: string[];
}

const KINDS = new WeightedPicker<EnterpriseKind>(['91', '92', '93'], [0.5, 0.45, 0.05]);
const STATUS = WeightedPicker.fromRecord({ 存续: 0.6, 在业: 0.22, 注销: 0.12, 吊销: 0.05, 迁出: 0.01 });
const SHAREHOLDERS = new WeightedPicker([1, 2, 3, 4, 5], [0.3, 0.38, 0.16, 0.09, 0.07]);
/** Share of enterprises whose representative already represents another one. */
const REPEAT_REPRESENTATIVE = 0.12;
const THREE_IN_ONE = dayOf(2015, 10, 1);
const DISTRICT_SINCE = dayOf(2017, 9, 1);
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const TWO_WAY_SPLITS = [[50, 50], [51, 49], [60, 40], [70, 30], [80, 20], [90, 10]];

export function buildEnterprises(rng: Rng, district: District, people: PersonTable, adults: AdultPool, count: number) {
  const words = loadFixture<Words>('enterprise-words.json');
  const trade = [...words.tradeChars];
  const addresses = new AddressMaker(district);
  const companyPlaces = new WeightedPicker(district.villages, district.villages.map((v) => v.weight * (v.town.subdistrict ? 2 : 1)));
  const villagePlaces = new WeightedPicker(
    district.villages.filter((v) => !v.community),
    district.villages.filter((v) => !v.community).map((v) => v.weight),
  );
  const enterprises: Enterprise[] = [];
  const shareholdings: Shareholding[] = [];
  const usedNames = new Set<string>();
  const usedCodes = new Set<string>();
  const reps: number[] = [];

  for (let e = 0; e < count; e++) {
    const kind = KINDS.pick(rng);
    const place = kind === '91' ? companyPlaces.pick(rng) : kind === '93' ? villagePlaces.pick(rng) : district.villagePicker.pick(rng);
    const span = REFERENCE_DAY - dayOf(kind === '91' ? 1995 : kind === '92' ? 2000 : 2007, 1, 1);
    // Skewed toward recent years: registrations grew every year after the 2014 reform.
    const established = REFERENCE_DAY - Math.floor(span * (1 - Math.pow(rng.next(), kind === '93' ? 0.8 : 0.55)));
    const again = reps.length > 0 && rng.chance(REPEAT_REPRESENTATIVE) ? rng.pick(reps) : -1;
    const legalRep = again >= 0 && adults.aged(again, established, 22, 75) ? again : adults.drawAged(rng, place.town.index, established, 22, 70);
    if (legalRep < 0) throw new Error('demo generator: no resident is old enough to represent an enterprise; raise the scale');
    reps.push(legalRep);
    let name = '';
    do name = nameFor(rng, kind, words, trade, place.town.name, place.shortName, place.bareName);
    while (usedNames.has(name));
    usedNames.add(name);
    let creditCode = '';
    do creditCode = flat(creditCodeFor(rng, kind, established));
    while (usedCodes.has(creditCode));
    usedCodes.add(creditCode);
    const capital = capitalFor(rng, kind);
    enterprises.push({
      index: e,
      creditCode,
      name: flat(name),
      kind,
      capital,
      established,
      status: STATUS.pick(rng),
      village: place.index,
      address: flat(addresses.business(rng, place)),
      legalRep,
    });
    if (kind !== '92') addShareholders(rng, e, kind, capital, legalRep, place.town.index, people, adults, shareholdings);
  }
  return { enterprises, shareholdings };
}

function addShareholders(
  rng: Rng,
  e: number,
  kind: EnterpriseKind,
  capital: number,
  rep: number,
  town: number,
  people: PersonTable,
  adults: AdultPool,
  out: Shareholding[],
): void {
  // A cooperative needs at least five members (农民专业合作社法); companies have one to five.
  const n = kind === '93' ? 5 : SHAREHOLDERS.pick(rng);
  const holders: number[] = [];
  if (rng.chance(0.85)) holders.push(rep);
  const spouse = people.spouse[rep];
  if (holders.length === 1 && n >= 2 && spouse >= 0 && people.death[spouse] === 0 && rng.chance(0.45)) holders.push(spouse);
  for (let tries = 0; holders.length < n && tries < 50; tries++) {
    const p = adults.draw(rng, town, kind === '93' ? 0.95 : 0.6);
    if (!holders.includes(p)) holders.push(p);
  }
  const ratios = splitPercent(rng, holders.length);
  for (let k = 0; k < holders.length; k++) {
    out.push({ enterprise: e, person: holders[k], amount: Math.round(capital * ratios[k] * 100) / 10_000, ratio: ratios[k] });
  }
}

/** Percentages summing to exactly 100, with the round splits (51/49, 70/30) people choose. */
function splitPercent(rng: Rng, n: number): number[] {
  if (n === 1) return [100];
  if (n === 2 && rng.chance(0.75)) return [...rng.pick(TWO_WAY_SPLITS)];
  const w = Array.from({ length: n }, (_, k) => (k === 0 ? 2 : 1) * rng.uniform(0.3, 1));
  const total = w.reduce((a, b) => a + b, 0);
  const r = w.map((x) => Math.max(1, Math.round((x / total) * 100)));
  r[0] += 100 - r.reduce((a, b) => a + b, 0);
  return r;
}

function capitalFor(rng: Rng, kind: EnterpriseKind): number {
  if (kind === '92') return rng.pick([0.5, 1, 2, 3, 5, 5, 10, 10, 20, 30, 50]);
  if (kind === '93') return rng.pick([10, 20, 50, 100, 100, 200, 300, 500]);
  const r = rng.next();
  if (r < 0.55) return rng.pick([10, 20, 30, 50, 50, 100, 100]);
  if (r < 0.82) return rng.pick([200, 300, 500, 500]);
  if (r < 0.95) return rng.pick([1000, 1000, 2000, 3000, 5000]);
  if (r < 0.98) return rng.pick([10000, 20000, 50000]);
  return Math.round(Math.exp(rng.normal(5, 1.5)) * 100) / 100;
}

function creditCodeFor(rng: Rng, kind: EnterpriseKind, established: number): string {
  const region = established >= DISTRICT_SINCE ? '330112' : '330185';
  let body: string;
  if (kind === '91' && established < THREE_IN_ONE) {
    // Before the 2015 three-in-one reform a company already had a numeric organisation code.
    body = String(rng.range(10_000_000, 79_999_999));
  } else {
    body = 'MA2';
    for (let k = 0; k < 5; k++) body += ORG_CHARS[rng.int(ORG_CHARS.length)];
  }
  return makeCreditCode(kind, region, body);
}

function nameFor(rng: Rng, kind: EnterpriseKind, w: Words, trade: string[], town: string, village: string, bare: string): string {
  const brand = rng.pick(trade) + rng.pick(trade);
  if (kind === '92') {
    const where = rng.chance(0.5) ? town : rng.chance(0.5) ? `${town}${village}` : '';
    return `杭州市临安区${where}${rng.chance(0.3) ? bare : brand}${rng.pick(w.shops)}`;
  }
  if (kind === '93') {
    const product = rng.pick(w.coopProducts);
    return rng.chance(0.6) ? `杭州市临安区${town}${village}${product}专业合作社` : `杭州临安${brand}${product}专业合作社`;
  }
  const industry = rng.pick(w.industries);
  const r = rng.next();
  if (r < 0.4) return `杭州临安${brand}${industry}有限公司`;
  if (r < 0.75) return `杭州${brand}${industry}有限公司`;
  if (r < 0.9) return `杭州市临安区${brand}${industry}有限公司`;
  if (r < 0.95) return `浙江${brand}${industry}股份有限公司`;
  return `${brand}（杭州）${industry}有限公司`;
}
