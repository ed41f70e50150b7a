import * as crypto from 'node:crypto';

const EARTH_M = 6_371_008.8;
const M_PER_DEG_LAT = 111_320;

/** Great-circle distance in metres (haversine); accurate to well under a metre at county scale. */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A lat/lon box that contains every point within `radiusM` of the centre. */
export function boundingBox(lat: number, lon: number, radiusM: number) {
  const dLat = radiusM / M_PER_DEG_LAT;
  const dLon = radiusM / (M_PER_DEG_LAT * Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat)) * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

/**
 * Names of the grid cells (side 2·radius in degrees of latitude) that a report's neighbourhood
 * touches. Two reports within `radiusM` of each other always share a name: each report's own cell
 * lies inside the other's box. Locking these names serialises exactly the reports that could merge.
 */
export function neighbourhoodCells(category: string, lat: number, lon: number, radiusM: number): string[] {
  const side = (2 * radiusM) / M_PER_DEG_LAT;
  const b = boundingBox(lat, lon, radiusM);
  const cells: string[] = [];
  for (let y = Math.floor(b.minLat / side); y <= Math.floor(b.maxLat / side); y++) {
    for (let x = Math.floor(b.minLon / side); x <= Math.floor(b.maxLon / side); x++) cells.push(`near:${category}:${radiusM}:${x}:${y}`);
  }
  return cells;
}

// Every event takes several of these; the one-shot `hash` (Node 20.12+) skips a Hash object per name.
const sha256: (s: string) => Buffer = crypto.hash ? (s) => crypto.hash('sha256', s, 'buffer') : (s) => crypto.createHash('sha256').update(s).digest();

/** A signed 64-bit advisory lock key for a name (as a decimal string, for a bigint parameter). */
export function lockKey(name: string): string {
  return sha256(name).readBigInt64BE(0).toString();
}
