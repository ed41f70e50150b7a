/**
 * The district's towns and villages with the population weight each gets. Communities (社区)
 * are the dense, urban units and get more people than villages; subdistricts (街道) are the
 * county seat and get more than mountain towns, as in Lin'an.
 */
import { loadDivisions } from './fixtures.js';
import { Rng, WeightedPicker } from './rng.js';

export interface Village {
  index: number;
  /** 12-digit statistical code */
  code: string;
  /** Official name, e.g. 一都村委会 or 武肃里社区 */
  name: string;
  /** What people write: 一都村, 朱村 (from 朱村村委会), 武肃里社区 */
  shortName: string;
  /** The bare place name: 一都, 朱村, 武肃里 */
  bareName: string;
  community: boolean;
  town: Town;
  weight: number;
}

export interface Town {
  index: number;
  /** 9-digit code */
  code: string;
  name: string;
  subdistrict: boolean;
  villages: Village[];
}

export interface District {
  code: string;
  formerCode: string;
  name: string;
  city: string;
  province: string;
  towns: Town[];
  villages: Village[];
  /** Picks a village for a household, by population weight. */
  villagePicker: WeightedPicker<Village>;
}

const BASE_WEIGHT = {
  subdistrictCommunity: 5,
  subdistrictVillage: 2.2,
  townCommunity: 4,
  townVillage: 1.5,
};

export function loadDistrict(rng: Rng): District {
  const file = loadDivisions();
  const towns: Town[] = [];
  const villages: Village[] = [];
  for (const t of file.towns) {
    const town: Town = { index: towns.length, code: t.code, name: t.name, subdistrict: t.kind === 'subdistrict', villages: [] };
    towns.push(town);
    for (const v of t.villages) {
      const community = v.kind === 'community';
      const base = town.subdistrict
        ? community
          ? BASE_WEIGHT.subdistrictCommunity
          : BASE_WEIGHT.subdistrictVillage
        : community
          ? BASE_WEIGHT.townCommunity
          : BASE_WEIGHT.townVillage;
      const village: Village = {
        index: villages.length,
        code: v.code,
        name: v.name,
        ...shortNames(v.name, community),
        community,
        town,
        // Log-normal spread: village sizes differ by a factor of three or so either way.
        weight: base * Math.exp(rng.normal(0, 0.35)),
      };
      town.villages.push(village);
      villages.push(village);
    }
  }
  return {
    code: file.district.code,
    formerCode: file.district.formerCode,
    name: file.district.name,
    city: file.district.city,
    province: file.district.province,
    towns,
    villages,
    villagePicker: new WeightedPicker(villages, villages.map((v) => v.weight)),
  };
}

function shortNames(name: string, community: boolean): { shortName: string; bareName: string } {
  if (community) return { shortName: name, bareName: name.replace(/社区$/, '') };
  const bare = name.replace(/村委会$|村民委员会$/, '');
  return { shortName: bare.endsWith('村') ? bare : `${bare}村`, bareName: bare };
}
