/** Money in yuan, rounded to the fen (2 decimals); 万元 and 亿元 are converted. */
import { looksLikeChineseAmount, parseChineseAmount } from './chinese-numerals.js';
import { cleanCell, collapseSpaces } from './clean-cell.js';
import { parsePlainDecimal, readDecimal, scaleAndRound } from './decimal-text.js';
import { EMPTY, accept, quote, reject, type Flag, type StdResult } from './types.js';

const MAX_LENGTH = 64;
// ¥1,230.00 / RMB 1230 / 1230元 / 0.123万元 / 1.2亿 / 12千元 / -¥5. ¥ is U+00A5, ￥ its full-width U+FFE5.
const AMOUNT = /^([+-]?)(?:¥|￥|RMB|CNY|人民币)?([+\-−]?[\d,.]+(?:[eE][+-]?\d+)?)(千|万|百万|千万|亿)?(?:元|圆|块)?整?$/i;
const UNIT_SHIFT: Record<string, number> = { 千: 3, 万: 4, 百万: 6, 千万: 7, 亿: 8 };
// Spaces next to a currency sign or unit ("¥ 1230", "12 万元") are layout; a space between two
// digits ("12 34") may separate two numbers, so it is left to fail the parse.
const SPACE_BESIDE_SYMBOL = / (?!\d)|(?<!\d) /g;

export function standardiseMoney(raw: string): StdResult {
  if (raw.length > MAX_LENGTH * 4) return reject('unparseable_money', `${raw.length} characters is not an amount`);
  const s = dropSpacesAroundSymbols(collapseSpaces(cleanCell(raw)));
  if (s === '') return EMPTY;
  const dot = s.indexOf('.');
  if (dot < 0 || s.length - dot <= 3) {
    const plain = parsePlainDecimal(s);
    if (plain === plain) return accept(plain + 0);
  }

  const m = AMOUNT.exec(s);
  if (m !== null) {
    const d = readDecimal(m[2]);
    const signedTwice = m[1] !== '' && /^[+\-−]/.test(m[2]);
    if (d !== undefined && !signedTwice) {
      if (m[1] === '-') d.negative = true;
      const unit = m[3];
      const { value, rounded } = scaleAndRound(d, unit === undefined ? 0 : UNIT_SHIFT[unit], 2);
      if (!Number.isSafeInteger(Math.round(value * 100))) return reject('unparseable_money', `${quote(s)} is too large`);
      const flags: Flag[] = [];
      if (unit !== undefined) flags.push('unit_converted');
      if (rounded) flags.push('rounded');
      return accept(value + 0, flags.length ? flags : undefined);
    }
  }
  if (looksLikeChineseAmount(s)) {
    const fen = parseChineseAmount(s);
    if (fen !== undefined && Number.isSafeInteger(fen)) return accept(fen / 100);
  }
  if (s.endsWith('%')) return reject('unparseable_money', `${quote(s)} is a percentage, not an amount`);
  return reject('unparseable_money', `${quote(s)} is not an amount in yuan (1230.50, ¥1,230, 12万元, 壹万元整)`);
}

function dropSpacesAroundSymbols(s: string): string {
  return s.indexOf(' ') < 0 ? s : s.replace(SPACE_BESIDE_SYMBOL, '');
}
