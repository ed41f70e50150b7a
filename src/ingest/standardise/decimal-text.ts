/**
 * Decimal numbers as text: thousands separators, signs, exponents, and exact rounding after a
 * unit shift. Money is scaled and rounded on the digits rather than in floating point, where
 * 0.123 × 10000 is 1230.0000000000002 and 1.005 rounds down.
 */

export interface DecimalText {
  negative: boolean;
  /** Integer digits, separators removed (may be empty: ".5"). */
  int: string;
  /** Fraction digits (may be empty). */
  frac: string;
  /** Power of ten from an exponent (1.2e3 → 3). */
  exp: number;
}

const PLAIN = /^[+-]?\d+(?:\.\d+)?$/;
// Commas only in groups of three ("1,234,567"): "1,23" or "12,5" may be a decimal comma or a typo,
// and reading either way would be a guess.
const FULL = /^([+-])?(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d{1,3}))?$/;

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * s[from, to) as a number when it is a plain decimal ("-12.5", "1234") of at most 15 digits,
 * else NaN. V8 takes 60–70 ns to turn "119.450000" into a double; this loop takes a few. The
 * result is the one Number() gives: an integer below 2^53 divided by an exact power of ten is a
 * single correctly rounded operation.
 */
export function parsePlainDecimal(s: string, from = 0, to = s.length): number {
  let i = from;
  const sign = s.charCodeAt(i);
  if (sign === 0x2d || sign === 0x2b) i++;
  let mantissa = 0;
  let digits = 0;
  let intDigits = 0;
  let scale = 0;
  let dot = false;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot) scale++;
      else intDigits++;
    } else if (c === 0x2e && !dot) {
      dot = true;
    } else {
      return NaN;
    }
  }
  if (intDigits === 0 || (dot && scale === 0) || digits > 15) return NaN;
  const v = scale === 0 ? mantissa : mantissa / POW10[scale];
  return sign === 0x2d ? -v : v;
}

/** A plain decimal ("-12.5", "1234") as a number, or undefined; the hot path of every numeric type. */
export function plainNumber(s: string): number | undefined {
  const v = parsePlainDecimal(s);
  if (v === v) return v;
  return PLAIN.test(s) ? +s : undefined;
}

/** Reads a decimal; the sign may be ASCII or the typographic minus (U+2212). */
export function readDecimal(text: string): DecimalText | undefined {
  const s = text.charCodeAt(0) === 0x2212 ? `-${text.slice(1)}` : text;
  const m = FULL.exec(s);
  if (m === null) return undefined;
  const int = m[2] === undefined ? '' : m[2].indexOf(',') < 0 ? m[2] : m[2].replace(/,/g, '');
  return { negative: m[1] === '-', int, frac: m[3] ?? m[4] ?? '', exp: m[5] === undefined ? 0 : +m[5] };
}

export function decimalToNumber(d: DecimalText): number {
  const v = +`${d.int || '0'}.${d.frac || '0'}e${d.exp}`;
  return d.negative ? -v : v;
}

/**
 * The value × 10^shift, rounded half away from zero to `places` decimals on the digit string.
 * `rounded` says whether a non-zero digit was dropped.
 */
export function scaleAndRound(d: DecimalText, shift: number, places: number): { value: number; rounded: boolean } {
  const digits = d.int + d.frac;
  // Position of the decimal point within `digits` after scaling.
  const point = d.int.length + d.exp + shift;
  const keep = point + places;
  let kept: string;
  let roundUp = false;
  let rounded = false;
  if (keep >= digits.length) {
    kept = digits + '0'.repeat(keep - digits.length);
  } else if (keep < 0) {
    kept = '0';
    rounded = /[1-9]/.test(digits);
  } else {
    kept = digits.slice(0, keep) || '0';
    const dropped = digits.slice(keep);
    roundUp = dropped.charCodeAt(0) >= 0x35;
    rounded = /[1-9]/.test(dropped);
  }
  // Whole hundredths (or ten-thousandths) as an integer, then one division: the result is the
  // double nearest the exact decimal.
  const units = Number(kept) + (roundUp ? 1 : 0);
  const value = units / 10 ** places;
  return { value: d.negative && value !== 0 ? -value : value, rounded };
}
