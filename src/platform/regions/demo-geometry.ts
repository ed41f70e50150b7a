import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { buffer } from '@turf/buffer';
import { featureCollection, point, polygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { pointOnFeature } from '@turf/point-on-feature';
import { truncate } from '@turf/truncate';
import { voronoi } from '@turf/voronoi';
import type { Feature, Polygon, MultiPolygon, Position } from 'geojson';
import { seededRandom } from '../random.js';

/**
 * Approximate boundaries for the demo. Lin'an's real boundaries are not in the repository, so towns
 * get Voronoi cells around their approximate seats inside a rough district outline, villages get
 * Voronoi cells inside their town, grids inside their village. Every polygon made here is marked
 * `approximate`; real boundaries replace them through the GeoJSON import.
 */

// A rough convex outline of 临安区 (lon/lat, WGS-84), traced by eye from public maps.
const DISTRICT_OUTLINE: Position[] = [
  [118.86, 30.18], [118.95, 30.33], [119.1, 30.4], [119.35, 30.42], [119.6, 30.42], [119.78, 30.36],
  [119.88, 30.28], [119.86, 30.18], [119.7, 30.1], [119.5, 30.02], [119.25, 29.95], [119.05, 29.98], [118.9, 30.07], [118.86, 30.18],
];

// Approximate seats of the 18 towns and subdistricts.
const TOWN_SEATS: Record<string, [number, number]> = {
  '330112002': [119.68, 30.225], '330112005': [119.725, 30.2], '330112006': [119.72, 30.235], '330112007': [119.73, 30.27],
  '330112008': [119.8, 30.255], '330112102': [119.63, 30.33], '330112103': [119.57, 30.37], '330112104': [119.4, 30.2],
  '330112106': [119.47, 30.14], '330112107': [119.37, 30.1], '330112108': [119.22, 30.16], '330112109': [119.3, 30.06],
  '330112111': [119.17, 30.04], '330112112': [118.97, 30.18], '330112113': [119.06, 30.3], '330112115': [119.6, 30.17],
  '330112116': [119.45, 30.3], '330112117': [119.08, 30.15],
};

export type Area = Feature<Polygon | MultiPolygon>;

export interface Cell {
  code: string;
  geometry: Polygon | MultiPolygon;
  centroid: [number, number];
}

const rng = (seed: number) => seededRandom(seed || 1);

function seedOf(code: string): number {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return h >>> 0;
}

function randomPointsIn(area: Area, n: number, rand: () => number): Position[] {
  const [minX, minY, maxX, maxY] = bbox(area);
  const out: Position[] = [];
  for (let tries = 0; out.length < n && tries < n * 200; tries++) {
    const p: Position = [minX + rand() * (maxX - minX), minY + rand() * (maxY - minY)];
    if (booleanPointInPolygon(p, area)) out.push(p);
  }
  while (out.length < n) out.push(pointOnFeature(area).geometry.coordinates);
  return out;
}

/** Splits `area` into one cell per code, around the given or random seed points. */
export function splitArea(area: Area, codes: string[], seeds?: Position[]): Cell[] {
  if (codes.length === 1) return [cellOf(codes[0], area)];
  const points = seeds ?? randomPointsIn(area, codes.length, rng(seedOf(codes[0])));
  const box = bbox(area);
  const pad = 0.01;
  const cells = voronoi(featureCollection(points.map((p) => point(p))), {
    bbox: [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad],
  });
  return codes.map((code, i) => {
    const v = cells.features[i];
    const clipped = v ? intersect(featureCollection([v, area])) : null;
    return cellOf(code, (clipped as Area | null) ?? buffer(point(points[i]), 0.3, { units: 'kilometers' }) as Area);
  });
}

function cellOf(code: string, f: Area): Cell {
  const rounded = truncate(f, { precision: 5, coordinates: 2 }) as Area;
  const c = pointOnFeature(rounded).geometry.coordinates;
  return { code, geometry: rounded.geometry, centroid: [round5(c[0]), round5(c[1])] };
}

function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

export function districtOutline(): Area {
  return polygon([DISTRICT_OUTLINE]);
}

/** Town cells around the approximate seats; an unknown town gets a random seat. */
export function townCells(codes: string[]): Cell[] {
  const outline = districtOutline();
  const rand = rng(20221);
  const seeds = codes.map((c) => TOWN_SEATS[c] ?? randomPointsIn(outline, 1, rand)[0]);
  return splitArea(outline, codes, seeds);
}
