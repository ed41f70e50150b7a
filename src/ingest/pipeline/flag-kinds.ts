/**
 * Flags that only record what standardisation did (a 15-digit ID converted, 万元 turned into yuan,
 * traditional characters simplified). They are kept on the row for lineage but are not quality
 * problems; every other flag (a bad check digit, an unknown village, a broken rule, and any flag
 * not listed here) counts against the batch's quality score.
 */
const NOTES = new Set(['converted_15', 'unit_converted', 'traditional_converted', 'landline', 'month_only', 'date_only', 'rounded', 'swapped_lat_lon']);

export function isQualityProblem(flag: string): boolean {
  return !NOTES.has(flag);
}
