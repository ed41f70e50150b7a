/**
 * Default masks for personal data in lists and API answers (DESIGN: "masked in every list and API
 * by default"). Each keeps just enough for a clerk to tell records apart and to check a value a
 * citizen reads out. Every mask accepts null/undefined and returns '' for them.
 */
import { MOBILE, parsePhone } from './phone.js';

type Maybe = string | null | undefined;

const stars = (n: number): string => '*'.repeat(Math.max(n, 0));

/** Keeps `head` leading and `tail` trailing characters; values too short to hide anything are fully starred. */
const SURROGATE = /[\uD800-\uDFFF]/;

function keepEnds(s: string, head: number, tail: number): string {
  // Most values (ID numbers, phones) have no characters outside the BMP: slice the string itself
  // instead of splitting it into code points, which ingest paid for on every row.
  if (!SURROGATE.test(s)) {
    if (s.length <= head + tail) return stars(s.length);
    return s.slice(0, head) + stars(s.length - head - tail) + s.slice(s.length - tail);
  }
  const chars = [...s];
  if (chars.length <= head + tail) return stars(chars.length);
  return chars.slice(0, head).join('') + stars(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** 330112199001011234 → 330112********1234 */
export function maskResidentId(id: Maybe): string {
  if (!id) return '';
  return keepEnds(id.trim(), 6, 4);
}

/** 13812345678 → 138****5678; 0571-63712345 → 0571-******45 */
export function maskPhone(phone: Maybe): string {
  if (!phone) return '';
  // A standardised mobile number, as ingest hands over on every row, needs no parsing.
  if (phone.length === 11 && MOBILE.test(phone)) return keepEnds(phone, 3, 4);
  const p = parsePhone(phone);
  if (p.ok && p.kind === 'mobile') return keepEnds(p.phone, 3, 4);
  if (p.ok) {
    const [area, local] = p.phone.split('-');
    return `${area}-${keepEnds(local, 0, 2)}`;
  }
  // Unparseable input still gets masked: only the last two characters survive.
  return keepEnds(phone.trim(), 0, 2);
}

/** 91350100M000100Y43 → 91350100********43 */
export function maskCreditCode(code: Maybe): string {
  if (!code) return '';
  return keepEnds(code.trim(), 8, 2);
}

// Two-character surnames (复姓) that are kept whole. A two-character name is always read as
// surname + given name, since 东方 or 司马 alone is more likely 东 + 方 than a bare surname.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '令狐', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '澹台', '公冶', '宗政', '濮阳', '太史',
  '申屠', '闻人', '赫连', '呼延', '万俟', '钟离', '百里', '东郭', '拓跋', '司空', '左丘', '公羊',
  '谷梁', '淳于', '仲孙', '鲜于', '闾丘', '亓官', '司寇', '巫马', '公西', '颛孙', '漆雕', '乐正',
  '梁丘', '段干', '东门', '微生', '羊舌', '第五', '单于',
]);

/**
 * 张三丰 → 张**, 欧阳娜娜 → 欧阳**, John Smith → J*** *****. Separators (space, the middle dot
 * in transliterated names such as 买买提·艾力) stay, so the shape of the name is still visible.
 */
export function maskName(name: Maybe): string {
  if (!name) return '';
  const chars = [...name.trim()];
  if (chars.length <= 1) return stars(chars.length);
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return chars
    .map((ch, i) => (i < keep || /[\s·•.\-]/.test(ch) ? ch : '*'))
    .join('');
}

// Town and village level: 街道 (subdistrict), 镇 (town), 乡 (township), 社区 (community), 村 (village).
const TOWN_OR_VILLAGE = /村|社区|街道|镇|乡/g;
// A marker right after these (or at the start) is part of a larger place name, e.g. 江苏省镇江市.
const NOT_A_NAME_BEFORE = /[省市区县州盟旗]/;

/**
 * 浙江省杭州市临安区锦城街道衣锦街100号 → 浙江省杭州市临安区锦城街道****. Cuts after the first
 * town- or village-level name; without one, keeps at most 6 characters (fewer for short values).
 */
export function maskAddress(addr: Maybe): string {
  if (!addr) return '';
  const s = addr.trim();
  if (s === '') return '';
  for (const m of s.matchAll(TOWN_OR_VILLAGE)) {
    const i = m.index ?? 0;
    if (i === 0 || NOT_A_NAME_BEFORE.test(s[i - 1])) continue;
    return s.slice(0, i + m[0].length) + '****';
  }
  const chars = [...s];
  return chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('') + '****';
}
