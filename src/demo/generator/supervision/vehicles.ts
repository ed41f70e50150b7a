/**
 * Motor vehicles (机动车登记): about 0.35 per household, registered to the head or another adult
 * of the household. Households on 低保 or renting public housing rarely have one, and then a
 * cheap one. Plates are Hangzhou's (浙A·5K2D8; new-energy cars 浙A·D12345).
 */
import type { Rng } from '../rng.js';
import { WeightedPicker } from '../rng.js';
import type { SupervisionBase } from './base.js';
import type { Vehicle, VehicleStatus } from './types.js';
import { CAR_MODELS, type CarModel } from './words.js';

const RATES = { first: 0.3, second: 0.15, ifDibao: 0.06, ifRenting: 0.2 };
/** The line model 2 draws: tenants' cars from here up are a warning. */
export const DEAR_CAR = 150_000;
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export class VehicleMaker {
  private readonly plates = new Set<string>();
  readonly all = new WeightedPicker(CAR_MODELS, CAR_MODELS.map((m) => m.weight));
  readonly cheap: WeightedPicker<CarModel>;
  readonly dear: WeightedPicker<CarModel>;

  constructor(private readonly b: SupervisionBase) {
    const cheap = CAR_MODELS.filter((m) => m.high < DEAR_CAR);
    const dear = CAR_MODELS.filter((m) => m.low >= DEAR_CAR && m.type !== '残疾人专用车');
    this.cheap = new WeightedPicker(cheap, cheap.map((m) => m.weight));
    this.dear = new WeightedPicker(dear, dear.map((m) => m.weight));
  }

  plate(rng: Rng, electric: boolean): string {
    for (;;) {
      let tail = '';
      if (electric) tail = (rng.chance(0.8) ? 'D' : 'F') + String(rng.range(0, 99_999)).padStart(5, '0');
      else for (let k = 0; k < 5; k++) tail += PLATE_CHARS[rng.int(k === 0 ? 26 : PLATE_CHARS.length)];
      const plate = `浙A·${tail}`;
      if (!this.plates.has(plate)) {
        this.plates.add(plate);
        return plate;
      }
    }
  }

  make(rng: Rng, owner: number, model: CarModel, registered: number, status: VehicleStatus, price?: number): Vehicle {
    const p = price ?? Math.round(rng.range(model.low, model.high) / 100) * 100;
    return { no: this.plate(rng, model.electric === true), owner, type: model.type, brand: model.brand, price: p, registered, status };
  }

  /** Natural status: old vehicles are often scrapped or deregistered. */
  status(rng: Rng, registered: number): VehicleStatus {
    const old = this.b.asOf - registered > 3650;
    const r = rng.next();
    if (old) return r < 0.25 ? '报废' : r < 0.35 ? '注销' : '正常';
    return r < 0.04 ? '注销' : '正常';
  }
}

export function buildVehicles(b: SupervisionBase, maker: VehicleMaker, renting: Uint8Array, rng: Rng): Vehicle[] {
  const { households } = b.pop;
  const out: Vehicle[] = [];
  for (let h = 0; h < households.count; h++) {
    const poor = households.dibaoSince[h] !== 0 || renting[h] === 1;
    const rate = households.dibaoSince[h] ? RATES.ifDibao : renting[h] ? RATES.ifRenting : RATES.first;
    if (!rng.chance(rate)) continue;
    const drivers: number[] = [];
    for (let i = households.first[h]; i < households.first[h] + households.size[h]; i++) if (b.aged(i, 18, 75)) drivers.push(i);
    if (drivers.length === 0) continue;
    const head = households.head[h];
    const n = !poor && rng.chance(RATES.second) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const owner = k === 0 && drivers.includes(head) && rng.chance(0.7) ? head : rng.pick(drivers);
      const model = (poor ? maker.cheap : maker.all).pick(rng);
      const registered = rng.range(b.asOf - 5475, b.asOf - 10);
      out.push(maker.make(rng, owner, model, registered, maker.status(rng, registered)));
    }
  }
  return out;
}
