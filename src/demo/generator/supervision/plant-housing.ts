/**
 * Planted cases and look-alikes of the housing models (1–3) and of 低保 members owning commercial
 * property (6). Each scenario takes people no other scenario has used, so a look-alike stays a
 * look-alike; truth.ts still evaluates every model on everything, coincidences included.
 */
import type { Rng } from '../rng.js';
import type { SupervisionBase } from './base.js';
import { makeLease, type RentalEstates } from './leases.js';
import type { PropertyMaker } from './property.js';
import type { Lease, Property, Vehicle } from './types.js';
import { DEAR_CAR, type VehicleMaker } from './vehicles.js';
import { CAR_MODELS, DEAR_ADAPTED_CARS } from './words.js';

/** Model 3: leases still running in the name of a tenant who has died. Before property is built, so their households own nothing. */
export function plantDeceasedTenants(b: SupervisionBase, estates: RentalEstates, leases: Lease[], rng: Rng): void {
  const { people } = b.pop;
  const { asOf } = b;
  const tenants = new Set(leases.map((l) => l.tenant));
  const dead: number[] = [];
  for (let i = 0; i < people.count; i++) if (people.death[i] !== 0 && people.death[i] < asOf && !tenants.has(i) && b.age(i, people.death[i]) >= 25) dead.push(i);
  rng.shuffle(dead);
  const lease = (tenant: number, spouse: number) => {
    const l = makeLease(b, rng, estates, tenant, spouse, true);
    l.start = rng.range(Math.max(asOf - 1065, people.death[tenant] - 1000), people.death[tenant] - 20);
    l.end = l.start + 1095;
    leases.push(l);
    return l;
  };
  const model = 'housing.tenant-deceased';
  const longAgo = (i: number) => people.death[i] < asOf - 100 && people.death[i] > asOf - 1000;
  const take = (ok: (i: number) => boolean, n: number, fn: (i: number) => void) => {
    for (let k = 0; k < dead.length && n > 0; k++) {
      if (dead[k] >= 0 && ok(dead[k])) {
        fn(dead[k]);
        dead[k] = -1;
        n--;
      }
    }
  };
  take(longAgo, b.cases, (i) => {
    const l = lease(i, -1);
    b.plant({ model, subject: i, kind: 'case', row: l, note: `planted: tenant died ${asOf - people.death[i]} days ago, no spouse on lease` });
  });
  const n = b.perKind(2);
  take((i) => people.death[i] >= asOf - 85 && people.death[i] <= asOf - 10 && people.death[i] - 30 > asOf - 1065, n, (i) => {
    const l = lease(i, -1);
    b.plant({ model, subject: i, kind: 'lookalike', row: l, note: `lookalike: tenant died ${asOf - people.death[i]} days ago (within 90)` });
  });
  const livingSpouse = (i: number) => b.kin.spouses(i).find((s) => people.death[s] === 0 && !tenants.has(s)) ?? -1;
  take((i) => longAgo(i) && livingSpouse(i) >= 0, n, (i) => {
    const l = lease(i, livingSpouse(i));
    b.plant({ model, subject: i, kind: 'lookalike', row: l, note: 'lookalike: tenant died, living spouse named on lease' });
  });
}

/** Models 1 and 2: running leases whose tenant or named spouse owns a home or a dear car. */
export function plantTenantHoldings(
  b: SupervisionBase,
  leases: Lease[],
  properties: Property[],
  vehicles: Vehicle[],
  homes: PropertyMaker,
  cars: VehicleMaker,
  rng: Rng,
): void {
  const { asOf } = b;
  const onLease = new Set<number>();
  for (const l of leases) if (l.active) onLease.add(l.tenant).add(l.spouse);
  const queue = rng.shuffle(leases.filter((l) => l.active && b.alive(l.tenant)));
  const next = (ok: (l: Lease) => boolean = () => true) => {
    const k = queue.findIndex(ok);
    return k < 0 ? undefined : queue.splice(k, 1)[0];
  };
  const home = (owner: number, acquired: Property['acquired'], registered: number, current = true) => {
    properties.push(homes.make(owner, homes.flat(rng), '住宅', acquired, registered, current, rng.range(55, 130) + rng.range(0, 99) / 100));
  };

  let model: 'housing.tenant-owns-property' | 'housing.tenant-owns-vehicle' = 'housing.tenant-owns-property';
  for (let k = 0; k < b.cases; k++) {
    const l = next(k % 3 === 1 ? (x) => x.spouse >= 0 : undefined) ?? next();
    if (!l) break;
    const variant = k % 3 === 1 && l.spouse >= 0 ? 1 : k % 3;
    const days = variant === 2 ? rng.range(220, 900) : rng.range(200, 1500);
    if (variant === 0) home(l.tenant, '购买', asOf - days);
    else if (variant === 1) home(l.spouse, '购买', asOf - days);
    else home(l.tenant, '继承', asOf - days);
    const note = variant === 0 ? 'planted: tenant bought 住宅' : variant === 1 ? 'planted: spouse on lease owns 住宅' : `planted: tenant inherited 住宅 ${days} days ago`;
    b.plant({ model, subject: l.tenant, kind: 'case', row: l, note });
  }
  const n = b.perKind(3);
  for (let k = 0; k < n; k++) {
    const l = next();
    if (!l) break;
    const days = rng.range(20, 160);
    home(l.tenant, '继承', asOf - days);
    b.plant({ model, subject: l.tenant, kind: 'lookalike', row: l, note: `lookalike: inherited ${days} days ago` });
  }
  for (let k = 0; k < n; k++) {
    const l = next();
    if (!l) break;
    home(l.tenant, '购买', asOf - rng.range(2000, 5000), false);
    b.plant({ model, subject: l.tenant, kind: 'lookalike', row: l, note: 'lookalike: 住宅 sold (注销)' });
  }
  const namesake = (l: Lease) => b.namesakes(l.tenant).find((q) => !onLease.has(q) && !b.kin.isSpouse(q, l.tenant)) ?? -1;
  for (let k = 0; k < n; k++) {
    const l = next((x) => namesake(x) >= 0);
    if (!l) break;
    const other = namesake(l);
    if (!properties.some((p) => p.owner === other && p.usage === '住宅' && p.current)) home(other, '购买', asOf - rng.range(300, 4000));
    b.plant({ model, subject: l.tenant, kind: 'lookalike', row: l, note: 'lookalike: namesake (same name, another ID) owns 住宅' });
  }

  model = 'housing.tenant-owns-vehicle';
  const car = (owner: number, dear: boolean, status: Vehicle['status'] = '正常') => {
    const m = dear ? cars.dear.pick(rng) : rng.pick(CAR_MODELS.filter((c) => c.high >= 120_000 && c.high < DEAR_CAR));
    vehicles.push(cars.make(rng, owner, m, asOf - rng.range(60, 2500), status));
  };
  for (let k = 0; k < b.cases; k++) {
    const l = next(k % 2 === 1 ? (x) => x.spouse >= 0 : undefined) ?? next();
    if (!l) break;
    const bySpouse = k % 2 === 1 && l.spouse >= 0;
    car(bySpouse ? l.spouse : l.tenant, true);
    b.plant({ model, subject: l.tenant, kind: 'case', row: l, note: bySpouse ? 'planted: spouse on lease owns a car ≥ 150000' : 'planted: tenant owns a car ≥ 150000' });
  }
  for (let k = 0; k < n; k++) {
    const l = next();
    if (!l) break;
    car(l.tenant, false);
    b.plant({ model, subject: l.tenant, kind: 'lookalike', row: l, note: 'lookalike: car under 150000' });
  }
  for (let k = 0; k < n; k++) {
    const l = next();
    if (!l) break;
    const status = rng.chance(0.5) ? '注销' : '报废';
    car(l.tenant, true, status);
    b.plant({ model, subject: l.tenant, kind: 'lookalike', row: l, note: `lookalike: car ≥ 150000 ${status}` });
  }
  for (let k = 0; k < n; k++) {
    const l = next();
    if (!l) break;
    vehicles.push(cars.make(rng, l.tenant, rng.pick(DEAR_ADAPTED_CARS), asOf - rng.range(60, 2500), '正常'));
    b.plant({ model, subject: l.tenant, kind: 'lookalike', row: l, note: 'lookalike: 残疾人专用车 ≥ 150000' });
  }
}

/** Model 6: listed 低保 members owning a shop or an office. */
export function plantDibaoProperty(b: SupervisionBase, properties: Property[], homes: PropertyMaker, renting: Uint8Array, rng: Rng): void {
  const { people } = b.pop;
  const { asOf } = b;
  const owners = new Set(properties.map((p) => p.owner));
  const members: number[] = [];
  for (let i = 0; i < people.count; i++) if (b.dibao[i] && people.death[i] === 0 && b.age(i) >= 22 && !renting[people.household[i]]) members.push(i);
  rng.shuffle(members);
  const free = members.filter((i) => !owners.has(i));
  const model = 'livelihood.dibao-commercial-property';
  for (let k = 0; k < b.cases && free.length > 0; k++) {
    const owner = free.pop()!;
    const usage = k % 3 === 2 ? '办公' : '商业';
    const p = homes.make(owner, homes.shopSite(rng), usage, rng.chance(0.7) ? '购买' : '继承', asOf - rng.range(200, 3000), true, rng.range(30, 180));
    properties.push(p);
    b.plant({ model, subject: owner, kind: 'case', row: p, note: `planted: 低保 member owns ${usage}` });
  }
  const n = b.perKind(2);
  const otherThanHomes = new Set(properties.filter((p) => p.usage !== '住宅').map((p) => p.owner));
  const homeOwners = members.filter((i) => owners.has(i) && !otherThanHomes.has(i));
  for (let k = 0; k < n; k++) {
    const owner = homeOwners.pop() ?? free.pop();
    if (owner === undefined) break;
    let p = properties.find((x) => x.owner === owner && x.usage === '住宅' && x.current);
    if (!p) properties.push((p = homes.make(owner, homes.flat(rng), '住宅', '继承', asOf - rng.range(400, 4000), true)));
    b.plant({ model, subject: owner, kind: 'lookalike', row: p, note: 'lookalike: owns only a 住宅' });
  }
  for (let k = 0; k < n && free.length > 0; k++) {
    const owner = free.pop()!;
    const p = homes.make(owner, homes.shopSite(rng), '商业', '购买', asOf - rng.range(2000, 5000), false, rng.range(30, 120));
    properties.push(p);
    b.plant({ model, subject: owner, kind: 'lookalike', row: p, note: 'lookalike: 商业 sold (注销)' });
  }
}
