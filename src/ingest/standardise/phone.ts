/** Phone numbers through `platform/ids`: mobiles as 11 digits, landlines as area code-number. */
import { parsePhone } from '../../platform/ids/index.js';
import { cleanCell } from './clean-cell.js';
import { EMPTY, accept, reject, type StdResult } from './types.js';

// The platform parser's own mobile pattern: a bare 11-digit mobile is the common case, and the
// parser's clean-up chain costs ~400 ns that such a value does not need.
const MOBILE = /^1[3-9]\d{9}$/;

export function standardisePhone(raw: string): StdResult {
  if (raw.length > 200) return reject('unparseable_phone', `${raw.length} characters is not a phone number`);
  const s = cleanCell(raw);
  if (s === '') return EMPTY;
  if (s.length === 11 && MOBILE.test(s)) return accept(s);
  const r = parsePhone(s);
  if (!r.ok) return reject('unparseable_phone', r.detail);
  return r.kind === 'landline' ? accept(r.phone, ['landline']) : accept(r.phone);
}
