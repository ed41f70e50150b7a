/**
 * Where marriages were registered and divorces judged, named the way each record names them.
 * Before the 2003 registration regulation rural couples registered at their town government;
 * since then at the county's 民政局. The county itself was 临安县 (330124) until December 1996,
 * 临安市 (330185) until September 2017, and 临安区 (330112) since.
 */
import { dayOf } from './dates.js';
import type { Town } from './regions.js';

export interface Office {
  name: string;
  /** 登记机关代码: the county's 6-digit code, or a town government's 9-digit one. */
  code: string;
}

/** Counties whose offices register Lin'an marriages: brides' home counties and nearby Hangzhou. */
export const OUTSIDE_COUNTIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: '330106', name: '杭州市西湖区' }, { code: '330110', name: '杭州市余杭区' }, { code: '330111', name: '杭州市富阳区' },
  { code: '330127', name: '淳安县' }, { code: '330182', name: '建德市' }, { code: '330282', name: '慈溪市' },
  { code: '330523', name: '安吉县' }, { code: '330681', name: '诸暨市' }, { code: '331081', name: '温岭市' },
  { code: '330781', name: '兰溪市' }, { code: '341022', name: '安徽省休宁县' }, { code: '341021', name: '安徽省歙县' },
  { code: '341024', name: '安徽省祁门县' }, { code: '341003', name: '安徽省黄山市黄山区' }, { code: '341822', name: '安徽省广德县' },
  { code: '341823', name: '安徽省泾县' }, { code: '362330', name: '江西省鄱阳县' }, { code: '362329', name: '江西省余干县' },
  { code: '362321', name: '江西省上饶县' }, { code: '362322', name: '江西省广丰县' }, { code: '522635', name: '贵州省麻江县' },
  { code: '511621', name: '四川省岳池县' }, { code: '411526', name: '河南省潢川县' }, { code: '532622', name: '云南省砚山县' },
  { code: '330102', name: '杭州市上城区' }, { code: '330105', name: '杭州市拱墅区' },
];
const OUTSIDE_INDEX = new Map(OUTSIDE_COUNTIES.map((c, i) => [c.code, i + 1]));

/** The place code (k > 0) of the county an ID was issued in, or 0 when it is not one of ours. */
export function placeOfId(id: string): number {
  return OUTSIDE_INDEX.get(id.slice(0, 6)) ?? 0;
}

/** IDs issued by 临安县, 临安市 or 临安区. */
export function isLinanId(id: string): boolean {
  const r = id.slice(0, 6);
  return r === '330124' || r === '330185' || r === '330112';
}

const TOWN_OFFICES_UNTIL = dayOf(2003, 10, 1);
const CITY_FROM = dayOf(1996, 12, 1);
const DISTRICT_FROM = dayOf(2017, 9, 1);

/** The office that registered a marriage or divorce on `day` at `place`, for a couple living in `town`. */
export function registrationOffice(place: number, day: number, town: Town): Office {
  if (place > 0) {
    const c = OUTSIDE_COUNTIES[place - 1];
    return { name: `${c.name}民政局婚姻登记处`, code: c.code };
  }
  if (day < TOWN_OFFICES_UNTIL && !town.subdistrict) return { name: `${town.name}人民政府`, code: town.code };
  if (day < CITY_FROM) return { name: '临安县民政局', code: '330124' };
  if (day < DISTRICT_FROM) return { name: '临安市民政局婚姻登记处', code: '330185' };
  return { name: '杭州市临安区民政局婚姻登记处', code: '330112' };
}

/** The place code written in the truth: the county code of the office. */
export function placeCode(place: number, day: number): string {
  if (place > 0) return OUTSIDE_COUNTIES[place - 1].code;
  return day < CITY_FROM ? '330124' : day < DISTRICT_FROM ? '330185' : '330112';
}

export function districtCourt(day: number): string {
  return day < DISTRICT_FROM ? '临安市人民法院' : '杭州市临安区人民法院';
}

const NEW_CASE_NUMBERS_FROM = 2016;

/** 案号: (2019)浙0185民初1234号 since the 2016 numbering rules, (2012)杭临民初字第1234号 before. */
export function caseNumber(year: number, serial: number): string {
  return year >= NEW_CASE_NUMBERS_FROM ? `(${year})浙0185民初${serial}号` : `(${year})杭临民初字第${serial}号`;
}
