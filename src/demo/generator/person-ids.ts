/**
 * Issues resident ID numbers and mobile numbers, unique across the district. The region part of
 * an ID records where it was first issued: 330124 (临安县) for people born before 1996, 330185
 * (临安市) for 1996–2017, 330112 (临安区) since; people who married or moved in carry the code of
 * their home county.
 */
import { makeResidentId } from '../../platform/ids/index.js';
import { compactDate, yearOf } from './dates.js';
import { flat } from './flat-string.js';
import { Rng, WeightedPicker } from './rng.js';

const OLD_COUNTY = '330124';
const CITY = '330185';
const DISTRICT = '330112';

// Where people who moved in come from: neighbouring Hangzhou counties, the rest of Zhejiang, and
// the Anhui/Jiangxi mountain counties that send brides and workers to Lin'an.
const ELSEWHERE: Record<string, number> = {
  '330106': 1, '330110': 2, '330111': 2, '330127': 3, '330182': 1.5, '330282': 1, '330523': 2,
  '330681': 1, '331081': 0.5, '330781': 0.5, '341022': 1.5, '341021': 2, '341024': 0.5,
  '341003': 1, '341822': 1.5, '341823': 0.5, '362330': 1, '362329': 0.5, '362321': 1,
  '362322': 0.5, '522635': 0.4, '511621': 0.5, '411526': 0.5, '532622': 0.3,
};

// Mobile prefixes weighted toward China Mobile's 13x/15x/18x ranges, as in Zhejiang.
const MOBILE_PREFIXES: Record<string, number> = {
  '134': 2, '135': 4, '136': 3, '137': 4, '138': 5, '139': 5, '150': 3, '151': 3, '152': 2,
  '157': 2, '158': 4, '159': 4, '182': 2, '183': 2, '187': 3, '188': 2, '195': 1, '198': 2,
  '130': 2, '131': 1, '132': 1, '155': 1, '156': 1, '185': 1, '186': 2, '166': 1, '133': 2,
  '153': 1, '180': 1, '181': 1, '189': 2, '177': 1, '199': 1, '191': 1, '173': 0.5,
};

export class IdentityIssuer {
  private readonly usedIds = new Set<number>();
  private readonly usedPhones = new Set<number>();
  private readonly regionIndex = new Map<string, number>();
  private readonly elsewhere = WeightedPicker.fromRecord(ELSEWHERE);
  private readonly prefixes = WeightedPicker.fromRecord(MOBILE_PREFIXES);

  /** The 6-digit code an ID of someone born on `birth` carries. */
  regionFor(rng: Rng, birth: number, outsider: boolean): string {
    if (outsider) return this.elsewhere.pick(rng);
    const y = yearOf(birth);
    if (y < 1996) return rng.chance(0.9) ? OLD_COUNTY : CITY;
    return y <= 2017 ? CITY : DISTRICT;
  }

  residentId(rng: Rng, birth: number, male: boolean, outsider: boolean): string {
    const region = this.regionFor(rng, birth, outsider);
    let r = this.regionIndex.get(region);
    if (r === undefined) this.regionIndex.set(region, (r = this.regionIndex.size));
    for (;;) {
      // The last sequence digit is odd for men and even for women; 000 is never issued.
      const seq = rng.int(500) * 2 + (male ? 1 : 0);
      if (seq === 0) continue;
      const key = r * 1e8 + (birth + 25_000) * 1000 + seq;
      if (this.usedIds.has(key)) continue;
      this.usedIds.add(key);
      return flat(makeResidentId(region, compactDate(birth), String(seq).padStart(3, '0')));
    }
  }

  mobile(rng: Rng): string {
    for (;;) {
      const n = Number(this.prefixes.pick(rng)) * 1e8 + rng.int(1e8);
      if (this.usedPhones.has(n)) continue;
      this.usedPhones.add(n);
      return String(n);
    }
  }
}
