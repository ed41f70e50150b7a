/**
 * Person names: simplified characters, no spaces typed between Chinese characters (张 三), and one
 * middle dot for transliterated minority and foreign names (阿依古丽·买买提), which arrive with a
 * katakana dot, a bullet, a hyphenation point or a full stop in its place.
 */
import { cleanCell, collapseSpaces } from './clean-cell.js';
import { toSimplified } from './to-simplified.js';
import { EMPTY, accept, reject, type Flag, type StdResult } from './types.js';

/** Longest name kept; transliterated names run to about 40 characters. */
export const MAX_NAME_LENGTH = 200;

const DOT = '·';
// · (U+00B7) in its look-alikes: ・ katakana, ･ half-width katakana, • bullet, ‧ hyphenation point,
// ∙ bullet operator, ⋅ dot operator.
const DOT_LIKE = /[\u30FB\uFF65\u2022\u2027\u2219\u22C5]/g;
const SPACED_DOT = /\s*·\s*/g;
const CJK = '\\u3400-\\u9FFF\\uF900-\\uFAFF\\u{20000}-\\u{3FFFF}';
// A full stop between two Chinese characters is a middle dot typed on the wrong key.
const STOP_BETWEEN_CJK = new RegExp(`([${CJK}])\\s*\\.\\s*(?=[${CJK}])`, 'gu');
const SPACE_BETWEEN_CJK = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'gu');

/** True when the slow path has anything to do: a space, a full stop or some kind of dot. */
function needsPunctuationWork(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x2e || c === 0xb7 || c === 0x30fb || c === 0xff65 || c === 0x2022 || c === 0x2027 || c === 0x2219 || c === 0x22c5) {
      return true;
    }
  }
  return false;
}

export function standardisePersonName(raw: string): StdResult {
  if (raw.length > MAX_NAME_LENGTH * 4) return tooLong(raw.length);
  const cleaned = cleanCell(raw);
  if (cleaned === '') return EMPTY;
  if (cleaned.length > MAX_NAME_LENGTH) return tooLong(cleaned.length);

  let s = cleaned;
  if (needsPunctuationWork(s)) {
    s = collapseSpaces(s)
      .replace(DOT_LIKE, DOT)
      .replace(SPACED_DOT, DOT)
      .replace(STOP_BETWEEN_CJK, `$1${DOT}`)
      .replace(SPACE_BETWEEN_CJK, '$1');
  }
  const simplified = toSimplified(s);
  if (simplified === s) return accept(s);
  const flags: Flag[] = ['traditional_converted'];
  return accept(simplified, flags);
}

function tooLong(length: number): StdResult {
  return reject('value_too_long', `${length} characters, at most ${MAX_NAME_LENGTH} allowed for a name`);
}
