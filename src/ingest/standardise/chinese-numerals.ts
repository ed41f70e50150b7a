/**
 * Amounts written in Chinese numerals, as on receipts and contracts: 壹万贰仟叁佰元整,
 * 壹仟贰佰叁拾肆元伍角陆分, 十二万. Hand-written because the npm packages for this either skip
 * the financial (大写) forms or accept malformed strings such as 一二三 without complaint.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 壹: 1, 一: 1, 贰: 2, 貳: 2, 二: 2, 两: 2, 兩: 2, 叁: 3, 參: 3, 三: 3, 肆: 4, 四: 4,
  伍: 5, 五: 5, 陆: 6, 陸: 6, 六: 6, 柒: 7, 七: 7, 捌: 8, 八: 8, 玖: 9, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const AMOUNT = /^(?:人民币)?([零〇壹一贰貳二两兩叁參三肆四伍五陆陸六柒七捌八玖九拾十佰百仟千万萬亿億]+)(?:[元圆圓]([零〇壹一贰貳二两兩叁參三肆四伍五陆陸六柒七捌八玖九]角)?零?([零〇壹一贰貳二两兩叁參三肆四伍五陆陸六柒七捌八玖九]分)?)?[整正]?$/;

/** True when `s` starts the way an amount in Chinese numerals does; cheap pre-check. */
export function looksLikeChineseAmount(s: string): boolean {
  const c = s[0];
  return c === '人' || c in DIGITS || c === '拾' || c === '十';
}

/** The amount in fen (hundredths of a yuan), or undefined when `s` is not a well-formed amount. */
export function parseChineseAmount(s: string): number | undefined {
  const m = AMOUNT.exec(s);
  if (m === null) return undefined;
  const yuan = parseChineseInteger(m[1]);
  if (yuan === undefined) return undefined;
  const jiao = m[2] === undefined ? 0 : DIGITS[m[2][0]];
  const fen = m[3] === undefined ? 0 : DIGITS[m[3][0]];
  return yuan * 100 + jiao * 10 + fen;
}

/** 一万二千三百零五 → 12305; undefined for digit strings (一二三) and misplaced units. */
export function parseChineseInteger(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastSmall = Infinity;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // Two digits in a row are only allowed after a 零 placeholder (一千零五).
      if (digit > 0) return undefined;
      digit = d;
      continue;
    }
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      // Within a section units fall (千 before 百 before 十); 十 alone means 一十.
      if (small >= lastSmall) return undefined;
      if (digit < 0 && !(small === 10 && section === 0)) return undefined;
      section += (digit < 0 ? 1 : digit) * small;
      lastSmall = small;
      digit = -1;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big === undefined) return undefined;
    section += Math.max(digit, 0);
    if (section === 0 && total === 0) return undefined;
    total = big === 1e8 ? (total + section) * big : total + section * big;
    section = 0;
    digit = -1;
    lastSmall = Infinity;
  }
  return total + section + Math.max(digit, 0);
}
