/**
 * Standardisation: one function per semantic type that turns a raw cell into its standard form.
 * A value that cannot be read as its type is rejected with a reason; a value that reads but
 * fails a check (a wrong check digit) is kept and flagged, never "fixed". The caller keeps the
 * raw value beside the result. docs/standardisation.md lists every type, format, flag and reason.
 */
import type { FieldSpec, FieldType } from '../contract.js';
import { standardiseAreaMu } from './area.js';
import { standardiseCreditCode } from './credit-code.js';
import { dateStandardiser, datetimeStandardiser } from './date.js';
import { enumStandardiser } from './enum.js';
import { standardiseGeoPoint } from './geo-point.js';
import { standardiseMoney } from './money.js';
import { standardiseCount, standardiseInteger, standardiseNumber } from './numbers.js';
import { standardisePersonName } from './person-name.js';
import { standardisePhone } from './phone.js';
import { residentIdStandardiser } from './resident-id.js';
import { standardiseAddress, standardiseText } from './text.js';
import type { StandardiseContext, Standardiser } from './types.js';
import { villageCodeStandardiser } from './village-code.js';

export type { Flag, RejectReason, StandardiseContext, Standardiser, StdResult, StdValue } from './types.js';
export { VillageResolver, type VillageCandidate, type VillageLookup } from './village-resolver.js';
export { MAX_TEXT_LENGTH } from './text.js';

/**
 * The standardiser for one contract field. Compile once per ingest and call it for every row:
 * the work that does not depend on the value (enum tables, today's date, caches) is done here.
 */
export function compileStandardiser(field: FieldSpec, ctx: StandardiseContext): Standardiser {
  const std = compileForType(field, ctx);
  // Callers reading CSV always pass strings; a null from a JSON or database source is an empty cell.
  return (raw) => std(typeof raw === 'string' ? raw : raw == null ? '' : String(raw));
}

function compileForType(field: FieldSpec, ctx: StandardiseContext): Standardiser {
  const type: FieldType = field.type;
  switch (type) {
    case 'text':
      return standardiseText;
    case 'person_name':
      return standardisePersonName;
    case 'address':
      return standardiseAddress;
    case 'resident_id':
      return residentIdStandardiser(ctx.today);
    case 'credit_code':
      return standardiseCreditCode;
    case 'phone':
      return standardisePhone;
    case 'date':
      return dateStandardiser(ctx.today);
    case 'datetime':
      return datetimeStandardiser(ctx.today);
    case 'integer':
      return standardiseInteger;
    case 'count':
      return standardiseCount;
    case 'number':
      return standardiseNumber;
    case 'money':
      return standardiseMoney;
    case 'area_mu':
      return standardiseAreaMu;
    case 'enum':
      if (!field.values?.length) throw new Error(`enum field ${field.name} has no values`);
      return enumStandardiser(field.values);
    case 'village_code':
      return villageCodeStandardiser(ctx.villages);
    case 'geo_point':
      return standardiseGeoPoint;
    default: {
      const unknown: never = type;
      throw new Error(`no standardiser for type ${String(unknown)}`);
    }
  }
}
