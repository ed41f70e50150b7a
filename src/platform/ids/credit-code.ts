/**
 * Unified social credit codes (统一社会信用代码) per GB 32100-2015: registration authority (1),
 * entity type (1), region code (6), organisation code per GB 11714 (9, with its own check
 * character) and a check character over the first 17 (mod 31).
 */
import { compactIdentifier } from './normalize-text.js';

export type CreditCodeProblem = 'empty' | 'format' | 'check_char' | 'org_code';

export type CreditCodeResult =
  | {
      ok: true;
      code: string;
      registrationAuthority: string;
      entityType: string;
      regionCode: string;
      /** The 9-character organisation code (主体标识码), check character included. */
      orgCode: string;
    }
  | {
      ok: false;
      reason: CreditCodeProblem;
      detail: string;
      /** Present for 'check_char' and 'org_code': the normalised code, so callers can keep and flag it. */
      code?: string;
    };

/** GB 32100 leaves out I, O, Z, S and V, which are easily mistaken for 1, 0, 2, 5 and U. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`creditCodeCheckChar needs 17 characters, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`"${first17[i]}" is not allowed in a credit code`);
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** The GB 11714 check character for the 8-character body of an organisation code. */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new Error(`orgCodeCheckChar needs 8 digits or capital letters, got "${body8}"`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Validates and normalises a credit code (trimmed, half-width, upper-case). The embedded
 * organisation code's own check character is verified too: GB 32100 requires that segment to be a
 * GB 11714 code, and it catches a second class of typos that the mod-31 check lets through.
 * Both check failures return the normalised `code` so the row can be kept and flagged.
 */
export function parseCreditCode(raw: string): CreditCodeResult {
  const code = compactIdentifier(raw ?? '').toUpperCase();
  if (code === '') return { ok: false, reason: 'empty', detail: 'credit code is empty' };
  if (!FORMAT.test(code)) return { ok: false, reason: 'format', detail: describeFormatProblem(code) };

  const check = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== check) {
    return {
      ok: false,
      reason: 'check_char',
      detail: `check character is ${code[17]}, expected ${check}`,
      code,
    };
  }
  const orgCode = code.slice(8, 17);
  const orgCheck = orgCodeCheckChar(orgCode.slice(0, 8));
  if (orgCode[8] !== orgCheck) {
    return {
      ok: false,
      reason: 'org_code',
      detail: `organisation code ${orgCode} has check character ${orgCode[8]}, expected ${orgCheck}`,
      code,
    };
  }
  return {
    ok: true,
    code,
    registrationAuthority: code[0],
    entityType: code[1],
    regionCode: code.slice(2, 8),
    orgCode,
  };
}

/** True when `raw` is a valid credit code, both check characters included. */
export function isValidCreditCode(raw: string): boolean {
  return parseCreditCode(raw).ok;
}

/**
 * Builds a valid credit code (for demo and test data generators): computes the organisation code's
 * check character and then the code's own.
 * @param prefix2 registration authority + entity type, e.g. "91" for a company registered with
 * market regulation; @param region6 region code; @param orgBody8 8 characters from the charset
 */
export function makeCreditCode(prefix2: string, region6: string, orgBody8: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}$/.test(prefix2)) throw new Error(`bad prefix "${prefix2}"`);
  if (!/^\d{6}$/.test(region6)) throw new Error(`region must be 6 digits, got "${region6}"`);
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(orgBody8)) {
    throw new Error(`organisation code body must be 8 characters of the credit code charset, got "${orgBody8}"`);
  }
  const first17 = prefix2 + region6 + orgBody8 + orgCodeCheckChar(orgBody8);
  return first17 + creditCodeCheckChar(first17);
}

function describeFormatProblem(code: string): string {
  if (code.length !== 18) return `credit code has ${code.length} characters, expected 18`;
  const bad = [...code].filter((ch) => !CHARSET.includes(ch));
  return `credit code contains characters not allowed by GB 32100: ${[...new Set(bad)].join(' ')}`;
}
