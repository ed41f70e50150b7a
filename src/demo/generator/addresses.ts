/**
 * Household and business addresses in the shape Lin'an registries use: urban communities by road
 * and number or estate/building/unit/room, villages by 组 (production team) and house number.
 */
import { loadFixture } from './fixtures.js';
import type { District, Village } from './regions.js';
import type { Rng } from './rng.js';

interface AddressWords {
  roads: Record<string, string[]>;
  townRoads: string[];
  estates: string[];
}

export class AddressMaker {
  private readonly words = loadFixture<AddressWords>('address-words.json');
  private readonly prefix: string;

  constructor(district: District) {
    this.prefix = `${district.city}${district.name}`;
  }

  /** 杭州市临安区锦城街道武肃里社区钱王街12号 · 杭州市临安区天目山镇一都村3组15号 */
  household(rng: Rng, v: Village): string {
    const place = `${this.prefix}${v.town.name}${v.shortName}`;
    if (!v.community) return `${place}${rng.range(1, 12)}组${rng.range(1, 80)}号`;
    if (rng.chance(0.45)) {
      const floor = rng.range(1, 18);
      return `${place}${rng.pick(this.words.estates)}${rng.range(1, 30)}幢${rng.range(1, 4)}单元${floor}0${rng.range(1, 4)}室`;
    }
    return `${place}${this.road(rng, v)}${rng.range(1, 400)}号`;
  }

  /** A business address; factories and shops sit on roads even in villages. */
  business(rng: Rng, v: Village): string {
    const place = `${this.prefix}${v.town.name}`;
    if (!v.community && rng.chance(0.6)) return `${place}${v.shortName}${rng.range(1, 200)}号`;
    return `${place}${this.road(rng, v)}${rng.range(1, 999)}号`;
  }

  private road(rng: Rng, v: Village): string {
    const own = this.words.roads[v.town.name];
    if (own) return rng.pick(own);
    const town = v.town.name.replace(/镇$|乡$|街道$/, '');
    const generic = rng.pick(this.words.townRoads);
    return generic === '大街' ? `${town}大街` : generic;
  }
}
