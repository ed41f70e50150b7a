/** Land area in mu (亩), 4 decimals; square metres, hectares and square kilometres are converted. */
import { cleanCell, collapseSpaces } from './clean-cell.js';
import { plainNumber, readDecimal, decimalToNumber, scaleAndRound } from './decimal-text.js';
import { EMPTY, accept, quote, reject, type StdResult } from './types.js';

const MAX_LENGTH = 64;
const AREA = /^([+\-−]?[\d,.]+(?:[eE][+-]?\d+)?)(亩|平方米|平米|平方|m2|m²|㎡|公顷|ha|hm2|hm²|平方公里|平方千米|km2|km²)?$/i;
// 1 mu is 10000/15 m² (666.67 m²), so 1 m² is 0.0015 mu, 1 ha 15 mu and 1 km² 1500 mu.
const MU_PER_UNIT: Record<string, number> = {
  平方米: 0.0015, 平米: 0.0015, 平方: 0.0015, m2: 0.0015, 'm²': 0.0015, '㎡': 0.0015,
  公顷: 15, ha: 15, hm2: 15, 'hm²': 15,
  平方公里: 1500, 平方千米: 1500, km2: 1500, 'km²': 1500,
};
const SPACE_BESIDE_UNIT = / (?!\d)|(?<!\d) /g;

export function standardiseAreaMu(raw: string): StdResult {
  if (raw.length > MAX_LENGTH * 4) return reject('unparseable_area', `${raw.length} characters is not an area`);
  let s = collapseSpaces(cleanCell(raw));
  if (s === '') return EMPTY;
  if (s.indexOf(' ') >= 0) s = s.replace(SPACE_BESIDE_UNIT, '');

  const plain = plainNumber(s);
  if (plain !== undefined) return plain < 0 ? negative(s) : accept(round4(plain) + 0);

  const m = s.length <= MAX_LENGTH ? AREA.exec(s) : null;
  const d = m === null ? undefined : readDecimal(m[1]);
  if (m === null || d === undefined) return reject('unparseable_area', `${quote(s)} is not an area in 亩, m², 公顷 or km²`);
  if (d.negative) return negative(s);
  const unit = m[2] === undefined ? undefined : m[2].toLowerCase();
  if (unit === undefined || unit === '亩') return accept(scaleAndRound(d, 0, 4).value);
  const factor = MU_PER_UNIT[unit];
  const mu = round4(decimalToNumber(d) * factor);
  if (!Number.isFinite(mu)) return reject('unparseable_area', `${quote(s)} is too large`);
  return accept(mu, ['unit_converted']);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function negative(s: string): StdResult {
  return reject('unparseable_area', `${quote(s)}: an area cannot be negative`);
}
