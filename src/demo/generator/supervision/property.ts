/**
 * Real estate (不动产登记): roughly 0.9 current homes (住宅) per household, owned by the head: a
 * self-built house in a village, a bought flat in a community, some inherited or resettled; one
 * owner in ten has a second flat. Some households sold a flat (注销); community households may
 * own a parking space (车位); enterprise heads own shops (商业) and offices (办公). Households on a
 * running public-rental lease own nothing, and 低保 households no shop or office.
 */
import { dayOf } from '../dates.js';
import type { Village } from '../regions.js';
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { Acquired, Property, Usage } from './types.js';

const RATES = {
  home: 0.8,
  homeIfDibao: 0.6,
  secondHome: 0.1,
  sold: 0.05,
  parking: 0.06,
  /** Of active enterprises' representatives. */
  shop: 0.1,
  /** Of active companies with 500万 or more capital. */
  office: 0.12,
};

export class PropertyMaker {
  private readonly communities: Village[];

  constructor(private readonly b: SupervisionBase) {
    this.communities = b.pop.district.villages.filter((v) => v.community);
  }

  /** A flat in a community somewhere in the district. */
  flat(rng: Rng): { address: string; village: number } {
    const v = rng.pick(this.communities);
    return { address: this.b.addresses.household(rng, v), village: v.index };
  }

  shopSite(rng: Rng): { address: string; village: number } {
    const v = rng.pick(this.communities);
    return { address: this.b.addresses.business(rng, v), village: v.index };
  }

  make(owner: number, site: { address: string; village: number }, usage: Usage, acquired: Acquired, registered: number, current = true, area?: number): Property {
    return { no: '', owner, ...site, usage, area: area ?? defaultArea(usage), acquired, registered, current };
  }
}

function defaultArea(usage: Usage): number {
  return usage === '车位' ? 13.5 : usage === '办公' ? 180 : usage === '商业' ? 85 : 96;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function buildProperties(b: SupervisionBase, maker: PropertyMaker, renting: Uint8Array, rng: Rng): Property[] {
  const { people, households, district } = b.pop;
  const out: Property[] = [];
  const { asOf } = b;
  const since = (year: number) => rng.range(dayOf(year, 1, 1), asOf - 400);
  for (let h = 0; h < households.count; h++) {
    if (renting[h]) continue;
    const head = households.head[h];
    const v = district.villages[households.village[h]];
    const home = { address: households.address[h], village: v.index };
    const dibao = households.dibaoSince[h] !== 0;
    if (rng.chance(dibao ? RATES.homeIfDibao : RATES.home)) {
      let acquired: Acquired;
      let registered: number;
      let area: number;
      const r = rng.next();
      if (!v.community) {
        [acquired, registered, area] =
          r < 0.6 ? ['自建', since(1988), rng.range(120, 300)] : r < 0.75 ? ['继承', since(1995), rng.range(120, 260)] : r < 0.85 ? ['拆迁安置', since(2005), rng.range(80, 140)] : ['购买', since(2000), rng.range(70, 140)];
      } else {
        [acquired, registered, area] =
          r < 0.75 ? ['购买', since(1998), rng.range(55, 145)] : r < 0.85 ? ['拆迁安置', since(2005), rng.range(70, 130)] : r < 0.95 ? ['继承', since(2000), rng.range(50, 120)] : ['赠与', since(2005), rng.range(60, 120)];
      }
      out.push(maker.make(head, home, '住宅', acquired, registered, true, round2(area + rng.next())));
      if (!dibao && rng.chance(RATES.secondHome)) {
        const partner = b.kin.spouses(head).find((s) => people.household[s] === h);
        const owner = partner !== undefined && rng.chance(0.5) ? partner : head;
        out.push(maker.make(owner, maker.flat(rng), '住宅', '购买', since(2005), true, round2(rng.range(60, 140) + rng.next())));
      }
    }
    if (!dibao && rng.chance(RATES.sold)) {
      out.push(maker.make(head, maker.flat(rng), '住宅', '购买', rng.range(dayOf(1998, 1, 1), dayOf(2016, 1, 1)), false, round2(rng.range(50, 120) + rng.next())));
    }
    if (!dibao && v.community && rng.chance(RATES.parking)) {
      out.push(maker.make(head, { address: `${households.address[h].replace(/\d+幢.*$/, '')}地下车位${rng.range(1, 600)}号`, village: v.index }, '车位', '购买', since(2010), true, round2(rng.uniform(12, 16))));
    }
  }
  for (const e of b.pop.enterprises) {
    if (e.status !== '存续' && e.status !== '在业') continue;
    const rep = e.legalRep;
    if (b.dibao[rep] || people.death[rep] !== 0 || renting[people.household[rep]]) continue;
    if (rng.chance(RATES.shop)) {
      out.push(maker.make(rep, { address: e.address, village: e.village }, '商业', '购买', since(2003), true, round2(rng.range(40, 260) + rng.next())));
    }
    if (e.kind === '91' && e.capital >= 500 && rng.chance(RATES.office)) {
      out.push(maker.make(rep, maker.shopSite(rng), rng.chance(0.3) ? '工业' : '办公', '购买', since(2005), true, round2(rng.range(120, 1500) + rng.next())));
    }
  }
  return out;
}
