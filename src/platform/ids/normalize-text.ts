/**
 * Text clean-up shared by the identifier parsers and the ingest standardiser. Department files are
 * typed with Chinese input methods, which emit full-width digits and letters, and copied from Word
 * or web pages, which carry zero-width and no-break spaces; both break exact matching silently.
 */

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E\u3000]/g;

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH_ASCII, (ch) => {
    const code = ch.charCodeAt(0);
    return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
  });
}

// Zero-width space/joiners, direction marks, word joiner and BOM: invisible, so they are removed
// outright rather than turned into spaces.
const ZERO_WIDTH = /[\u200B-\u200F\u2060\uFEFF]/g;
// C0/C1 controls other than tab, line feed and carriage return, which count as whitespace below.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const WHITESPACE_RUN = /\s+/g;

/**
 * Removes invisible characters and control characters, turns no-break spaces into spaces, collapses
 * every run of whitespace to one space and trims.
 */
export function stripInvisible(s: string): string {
  return s
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, '')
    .replace(/\u00A0/g, ' ')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * The form an identifier is validated in: half-width, no invisible characters and no whitespace
 * at all, because people type IDs and phone numbers in groups ("330112 19900101 1234").
 */
export function compactIdentifier(raw: string): string {
  return stripInvisible(toHalfWidth(raw)).replace(/ /g, '');
}
