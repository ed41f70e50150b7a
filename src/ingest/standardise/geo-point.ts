/**
 * Points as [longitude, latitude], 6 decimals (about 0.1 m). The coordinate system (WGS-84,
 * GCJ-02, CGCS2000) cannot be told from the numbers; the contract's description should say which.
 */
import { cleanCell, collapseSpaces } from './clean-cell.js';
import { parsePlainDecimal } from './decimal-text.js';
import { EMPTY, accept, quote, reject, type StdResult } from './types.js';

const MAX_LENGTH = 100;
// 119.45,30.30 / 119.45 30.30 / POINT(119.45 30.30) / [119.45, 30.30] / (119.45;30.30)
const POINT = /^(?:POINT\s*)?[([]?\s*([+-]?\d+(?:\.\d+)?)\s*(?:[,;]\s*|\s+)([+-]?\d+(?:\.\d+)?)\s*[)\]]?$/i;

// China's extent, generously: longitude 73–136 E, latitude 3–54 N. The two ranges do not
// overlap, so a pair written latitude first is recognised without guessing.
const inLon = (x: number): boolean => x >= 73 && x <= 136;
const inLat = (y: number): boolean => y >= 3 && y <= 54;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function standardiseGeoPoint(raw: string): StdResult {
  if (raw.length > MAX_LENGTH * 4) return reject('unparseable_geo_point', `${raw.length} characters is not a point`);
  const s = collapseSpaces(cleanCell(raw));
  if (s === '') return EMPTY;
  let a: number;
  let b: number;
  // "119.45,30.30" is by far the commonest form; reading it in place costs less than the regex.
  const comma = s.indexOf(',');
  const first = comma > 0 ? parsePlainDecimal(s, 0, comma) : NaN;
  const second = first === first ? parsePlainDecimal(s, comma + 1) : NaN;
  if (second === second) {
    a = first;
    b = second;
  } else {
    const m = s.length <= MAX_LENGTH ? POINT.exec(s) : null;
    if (m === null) return reject('unparseable_geo_point', `${quote(s)} is not a point (lon,lat or POINT(lon lat))`);
    a = +m[1];
    b = +m[2];
  }
  if (inLon(a) && inLat(b)) return accept([round6(a), round6(b)]);
  if (inLat(a) && inLon(b)) return accept([round6(b), round6(a)], ['swapped_lat_lon']);
  return reject('unparseable_geo_point', `${quote(s)} is outside China (longitude 73–136, latitude 3–54)`);
}
