import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { Invalid } from '../../platform/errors.js';
import { parseCreditCode, parsePhone, parseResidentId } from '../../platform/ids/index.js';

/**
 * The keyed hash a typed ID number is stored under. It is standardised exactly as ingest does
 * (15 digits become 18), and a number with a wrong check digit is still searchable as written,
 * because records keep such numbers as they came.
 */
export function residentIdHash(cipher: PersonalDataCipher, raw: string): string {
  const r = parseResidentId(raw);
  if (r.ok) return cipher.hash('resident_id', r.id);
  if (r.reason === 'check_digit' && r.id) return cipher.hash('resident_id', r.id);
  throw new Invalid('身份证号格式不正确 (not a resident ID number)', { idNumber: r.detail });
}

export function phoneHash(cipher: PersonalDataCipher, raw: string): string {
  const r = parsePhone(raw);
  if (!r.ok) throw new Invalid('电话号码格式不正确 (not a phone number)', { phone: r.detail });
  return cipher.hash('phone', r.phone);
}

/** Credit codes are not personal data: stored whole, compared whole (check character not required). */
export function creditCodeKey(raw: string): string {
  const r = parseCreditCode(raw);
  if (r.ok) return r.code;
  if (r.code) return r.code;
  throw new Invalid('统一社会信用代码格式不正确 (not a credit code)', { creditCode: r.detail });
}
