/** The comparison of each field type. */
import type { FieldType } from '../config.js';
import { addressComparison } from './address.js';
import { chineseNameComparison } from './chinese-name.js';
import { dateComparison } from './date.js';
import { exactComparison, identifierComparison } from './identifier.js';
import { nameComparison } from './name.js';
import { numericComparison } from './numeric.js';
import type { Comparison } from './types.js';

export type { Comparison } from './types.js';
export { MISSING } from './types.js';

export const COMPARISONS: Record<FieldType, Comparison<any>> = {
  name: nameComparison,
  chinese_name: chineseNameComparison,
  date: dateComparison,
  id_number: identifierComparison(true),
  phone: identifierComparison(true),
  postcode: identifierComparison(false),
  address: addressComparison,
  exact: exactComparison,
  numeric: numericComparison,
};
