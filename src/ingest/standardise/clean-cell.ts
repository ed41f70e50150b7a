/**
 * The first step of every standardiser: drop invisible characters, turn odd spaces into plain
 * ones, full-width forms into half-width, and trim. It does the same job as
 * `platform/ids/normalize-text.ts` but scans once and returns the input untouched when nothing
 * needs doing, because it runs on every cell of every ingest (that module's chain of five
 * regex replaces costs several hundred nanoseconds even on a clean value).
 */

/** Width handling: 'all' converts every full-width ASCII form; 'alnum' only letters and digits. */
export type WidthMode = 'all' | 'alnum';

// Zero-width characters, direction marks, word joiner, BOM, and C0/C1 controls other than tab,
// line feed and carriage return: removed outright, since they are invisible to the typist.
const INVISIBLE = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\uFEFF';
// No-break, ideographic and typographic spaces look like a space and are meant as one.
const ODD_SPACE = '\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
// One pass that finds every character to rewrite, for each width mode.
const DIRTY_ALL = new RegExp(`[${INVISIBLE}${ODD_SPACE}\\uFF01-\\uFF5E]`, 'g');
const DIRTY_ALNUM = new RegExp(`[${INVISIBLE}${ODD_SPACE}\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A]`, 'g');
const WHITESPACE_RUN = /\s+/g;
const HAS_SPACE_RUN = /\s\s|[\t\n\r\f\v]/;

function rewrite(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  const oddSpace = c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
  return oddSpace ? ' ' : '';
}

/** True for a code unit that the slow path has to rewrite (or, for a space, maybe trim). */
function needsWork(c: number, mode: WidthMode): boolean {
  if (c < 0x21) return c !== 0x20;
  if (c < 0x7f) return false;
  if (c <= 0xa0) return true;
  if (c === 0x1680 || (c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f)) return true;
  if (c === 0x205f || (c >= 0x2060 && c <= 0x2064) || c === 0x3000 || c === 0xfeff) return true;
  if (c >= 0xff01 && c <= 0xff5e) {
    return mode === 'all' || (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
  }
  return false;
}

// needsWork as one table lookup per code unit: the scan below runs over every character ingested.
const WORK_ALL = new Uint8Array(0x10000);
const WORK_ALNUM = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  WORK_ALL[c] = needsWork(c, 'all') ? 1 : 0;
  WORK_ALNUM[c] = needsWork(c, 'alnum') ? 1 : 0;
}

/**
 * Cleans one cell. Inner whitespace (tabs, line breaks, runs of spaces) is kept: free text keeps
 * its layout, and the types that want it collapsed call `collapseSpaces`.
 */
export function cleanCell(raw: string, mode: WidthMode = 'all'): string {
  const n = raw.length;
  const work = mode === 'all' ? WORK_ALL : WORK_ALNUM;
  let i = 0;
  for (; i < n; i++) if (work[raw.charCodeAt(i)] === 1) break;
  if (i === n) {
    if (n === 0 || (raw.charCodeAt(0) !== 0x20 && raw.charCodeAt(n - 1) !== 0x20)) return raw;
    return raw.trim();
  }
  return raw.replace(mode === 'all' ? DIRTY_ALL : DIRTY_ALNUM, rewrite).trim();
}

/** Every run of whitespace to one space. */
export function collapseSpaces(s: string): string {
  return HAS_SPACE_RUN.test(s) ? s.replace(WHITESPACE_RUN, ' ') : s;
}

/** Removes all whitespace, for values people type in groups (codes, numbers). */
export function removeSpaces(s: string): string {
  return s.indexOf(' ') < 0 && !HAS_SPACE_RUN.test(s) ? s : s.replace(WHITESPACE_RUN, '');
}
