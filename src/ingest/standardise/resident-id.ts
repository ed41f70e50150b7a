/**
 * Resident IDs through `platform/ids` (GB 11643). A number that is an ID but fails a check is kept
 * and flagged for a person to look at; only a value that is not an ID at all is rejected.
 */
import { parseResidentId, residentIdCheckChar } from '../../platform/ids/index.js';
import { cleanCell, removeSpaces } from './clean-cell.js';
import { EMPTY, accept, reject, type Flag, type StdResult, type Standardiser } from './types.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const ID18 = /^\d{17}[\dXx]$/;
const ID15 = /^\d{15}$/;
// Verdicts cached per compiled standardiser; bounded so a file of random digits cannot grow them.
const MAX_CACHED = 100_000;

/**
 * The full parser costs about 2 µs (it re-cleans the value and builds Date objects for the birth
 * date), too slow for every row. A well-formed ID (18 digits with a matching check character, or
 * 15 digits) is accepted here when the full parser has already accepted its region code and its
 * birth date in an earlier row; anything else goes to the full parser, whose verdicts fill the
 * caches. So the rules stay in one place and the common case costs one pass over 17 digits and
 * two Map lookups.
 */
export function residentIdStandardiser(today: Date): Standardiser {
  const regionOk = new Map<number, boolean>();
  const birthOk = new Map<number, boolean>();
  const learnFor = (region: number, birth: number): Learn => (regionVerdict, birthVerdict) => {
    if (regionOk.size >= MAX_CACHED) regionOk.clear();
    if (birthOk.size >= MAX_CACHED) birthOk.clear();
    regionOk.set(region, regionVerdict);
    if (birthVerdict !== undefined) birthOk.set(birth, birthVerdict);
  };

  return (raw) => {
    if (raw.length > 200) return reject('unparseable_resident_id', `${raw.length} characters, expected 18`);
    const s = removeSpaces(cleanCell(raw));
    if (s === '') return EMPTY;
    const is15 = s.length === 15 && ID15.test(s);
    if (!is15 && !(s.length === 18 && ID18.test(s))) return slowPath(s, today);

    // One pass over the first 17 digits; a 15-digit ID is read as if "19" stood before its year.
    let sum = 0;
    let region = 0;
    let birth = 0;
    for (let i = 0; i < 17; i++) {
      const d = !is15 ? s.charCodeAt(i) - 48 : i < 6 ? s.charCodeAt(i) - 48 : i === 6 ? 1 : i === 7 ? 9 : s.charCodeAt(i - 2) - 48;
      sum += d * WEIGHTS[i];
      if (i < 6) region = region * 10 + d;
      else if (i < 14) birth = birth * 10 + d;
    }
    const check = CHECK_CHARS[sum % 11];
    if (regionOk.get(region) === true && birthOk.get(birth) === true) {
      if (is15) return accept(`${s.slice(0, 6)}19${s.slice(6)}${check}`, ['converted_15']);
      const last = s.charCodeAt(17);
      if ((last === 0x78 ? 'X' : s[17]) === check) return accept(last === 0x78 ? s.toUpperCase() : s);
    }
    return slowPath(s, today, learnFor(region, birth));
  };
}

type Learn = (regionOk: boolean, birthOk: boolean | undefined) => void;

function slowPath(s: string, today: Date, learn?: Learn): StdResult {
  const r = parseResidentId(s, { today });
  if (r.ok) {
    learn?.(true, true);
    const flags: Flag[] | undefined = r.converted15 ? ['converted_15'] : undefined;
    return accept(r.id, flags);
  }
  switch (r.reason) {
    case 'check_digit':
      learn?.(true, true);
      return accept(r.id!, ['check_digit']);
    case 'birth_date': {
      learn?.(true, false);
      // Kept as typed (15 digits stay 15): converting assumes a 19xx birth, the very thing in doubt.
      const id = s.toUpperCase();
      const flags: Flag[] = ['birth_date_implausible'];
      if (id.length === 18 && residentIdCheckChar(id.slice(0, 17)) !== id[17]) flags.push('check_digit');
      return accept(id, flags);
    }
    case 'region':
      learn?.(false, undefined);
      return reject('unparseable_resident_id', r.detail);
    default:
      return reject('unparseable_resident_id', r.detail);
  }
}
