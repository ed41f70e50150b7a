import { bbox } from '@turf/bbox';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export type Bounds = [[number, number], [number, number]];

/** Bounds of any GeoJSON object in MapLibre's [[west, south], [east, north]] form, or null if empty. */
export function boundsOf(geo: FeatureCollection | Feature | Geometry | null | undefined): Bounds | null {
  if (!geo) return null;
  if (geo.type === 'FeatureCollection' && geo.features.length === 0) return null;
  const [w, s, e, n] = bbox(geo);
  return Number.isFinite(w) ? [[w, s], [e, n]] : null;
}

/** A point inside the polygon for its label; unlike the centroid it never falls outside a concave shape. */
export function labelPoint(f: Feature): [number, number] | null {
  if (!f.geometry) return null;
  const p = pointOnFeature(f);
  return p.geometry.coordinates as [number, number];
}

export const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };
