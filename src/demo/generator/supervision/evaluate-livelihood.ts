/**
 * The housing and livelihood models (1–8) evaluated on the facts with true identities: what the
 * supervision module must find. Every rule here is the contract's (docs/supervision-datasets.md),
 * applied to the rows as the files publish them.
 */
import { ymd } from '../dates.js';
import type { Population } from '../population.js';
import type { ModelId, Property, SupervisionFacts, Vehicle } from './types.js';

export interface Hit {
  model: ModelId;
  subject: number;
  enterprise?: boolean;
  key: string;
}

/** A near miss in the existing files (models 4 and 5 read only them, so nothing can be planted). */
export interface NearMiss extends Hit {
  note: string;
}

export const INHERITANCE_GRACE_DAYS = 180;
export const DEAR_CAR_YUAN = 150_000;
export const DEATH_GRACE_DAYS = 90;
export const PAID_AFTER_DEATH_DAYS = 31;
const ACTIVE = new Set(['存续', '在业']);

function byOwner<T extends { owner: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.owner);
    if (list) list.push(r);
    else m.set(r.owner, [r]);
  }
  return m;
}

export function evaluateLivelihood(pop: Population, f: SupervisionFacts, listed: Uint8Array, hit: (h: Hit) => void, near: (n: NearMiss) => void): void {
  const { people, enterprises } = pop;
  const { asOf } = f;
  const inDeaths = new Set(f.deaths);
  const dead = (p: number) => inDeaths.has(p);
  const homes = byOwner(f.properties);
  const cars = byOwner(f.vehicles);
  const ownsHome = (p: number) =>
    (homes.get(p) ?? []).some((x: Property) => x.current && x.usage === '住宅' && !(x.acquired === '继承' && asOf - x.registered <= INHERITANCE_GRACE_DAYS));
  const ownsDearCar = (p: number) => (cars.get(p) ?? []).some((v: Vehicle) => v.status === '正常' && v.price >= DEAR_CAR_YUAN && v.type !== '残疾人专用车');

  for (const l of f.leases) {
    if (!l.active) continue;
    const parties = l.spouse >= 0 ? [l.tenant, l.spouse] : [l.tenant];
    if (parties.some(ownsHome)) hit({ model: 'housing.tenant-owns-property', subject: l.tenant, key: l.no });
    if (parties.some(ownsDearCar)) hit({ model: 'housing.tenant-owns-vehicle', subject: l.tenant, key: l.no });
    const spouseAlive = l.spouse >= 0 && !dead(l.spouse);
    if (dead(l.tenant) && asOf - people.death[l.tenant] > DEATH_GRACE_DAYS && !spouseAlive) hit({ model: 'housing.tenant-deceased', subject: l.tenant, key: l.no });
  }

  for (const e of enterprises) {
    const rep = e.legalRep;
    if (!listed[rep]) continue;
    const coop = e.creditCode.startsWith('93');
    const model = 'livelihood.dibao-legal-rep';
    if (ACTIVE.has(e.status) && e.capital >= 20 && !coop) hit({ model, subject: rep, key: e.creditCode });
    else {
      const why = !ACTIVE.has(e.status) ? `enterprise ${e.status}` : coop ? 'farmers\' cooperative (93)' : `capital ${e.capital}万 < 20`;
      near({ model, subject: rep, key: e.creditCode, note: `lookalike (existing data): ${why}` });
    }
  }
  for (const s of pop.shareholdings) {
    if (!listed[s.person]) continue;
    const e = enterprises[s.enterprise];
    const coop = e.creditCode.startsWith('93');
    const model = 'livelihood.dibao-shareholder';
    if (ACTIVE.has(e.status) && s.amount >= 10 && !coop) hit({ model, subject: s.person, key: e.creditCode });
    else {
      const why = !ACTIVE.has(e.status) ? `enterprise ${e.status}` : coop ? 'farmers\' cooperative (93)' : `subscribed ${s.amount}万 < 10`;
      near({ model, subject: s.person, key: e.creditCode, note: `lookalike (existing data): ${why}` });
    }
  }
  for (const p of f.properties) {
    if (listed[p.owner] && p.current && (p.usage === '商业' || p.usage === '办公')) hit({ model: 'livelihood.dibao-commercial-property', subject: p.owner, key: p.no });
  }

  const months = new Map<string, Set<string>>();
  for (const p of f.payments) {
    const died = people.death[p.recipient];
    if (dead(p.recipient) && p.paid - died > PAID_AFTER_DEATH_DAYS) hit({ model: 'livelihood.paid-after-death', subject: p.recipient, key: p.no });
    const { y, m } = ymd(p.paid);
    const k = `${p.recipient}|${p.type}|${y}-${m}`;
    const towns = months.get(k);
    if (!towns) months.set(k, new Set([p.town.code]));
    else if (!towns.has(p.town.code)) {
      towns.add(p.town.code);
      hit({ model: 'livelihood.paid-by-two-towns', subject: p.recipient, key: p.no });
    }
  }
}
