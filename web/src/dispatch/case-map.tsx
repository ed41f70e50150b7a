import { Map as MapLibre, Marker, NavigationControl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import '../platform/regions/maplibre-setup';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client';
import { useRequest } from '../api/use-request';
import { boundsOf, EMPTY_COLLECTION as EMPTY, labelPoint } from '../platform/regions/geo-utils';
import { SEVERITY_COLOR } from './dispatch-labels';
import type { Severity } from './dispatch-types';

export interface MapPoint { caseId: string; lon: number; lat: number; severity: Severity; title: string; fresh?: boolean }

// No tile or glyph servers on a closed network: town outlines from the API and case points only.
const STYLE: StyleSpecification = {
  version: 8,
  sources: { towns: { type: 'geojson', data: EMPTY }, cases: { type: 'geojson', data: EMPTY } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
    { id: 'towns-fill', type: 'fill', source: 'towns', paint: { 'fill-color': '#8fb3de', 'fill-opacity': 0.35 } },
    { id: 'towns-line', type: 'line', source: 'towns', paint: { 'line-color': '#1f4e8c', 'line-width': 1 } },
    {
      id: 'cases', type: 'circle', source: 'cases',
      paint: {
        'circle-color': ['get', 'color'],
        'circle-radius': ['case', ['get', 'fresh'], 11, 7],
        'circle-stroke-color': ['case', ['get', 'fresh'], '#000000', '#ffffff'],
        'circle-stroke-width': 2,
      },
    },
  ],
};

function pointsToGeo(points: MapPoint[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { caseId: p.caseId, color: SEVERITY_COLOR[p.severity], fresh: !!p.fresh, title: p.title },
    })),
  };
}

interface Props {
  points: MapPoint[];
  onSelect?: (caseId: string) => void;
  /** Zoom to the points instead of the whole district (the case page's single point). */
  fitPoints?: boolean;
  height: number;
}

/** Town outlines with case points coloured by severity. Boundaries are the demo's approximate ones. */
export default function CaseMap({ points, onSelect, fitPoints, height }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const pointsRef = useRef(points);
  pointsRef.current = points;
  const declutterRef = useRef<() => void>(() => undefined);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  // A village-scoped grid worker may not see the town's outline; their own village frames the map then.
  const towns = useRequest(async (s) => {
    const t = await apiGet<FeatureCollection>('/api/regions/geojson', { level: 'town' }, s);
    return t.features.length ? t : apiGet<FeatureCollection>('/api/regions/geojson', { level: 'village' }, s);
  }, []);

  useEffect(() => {
    let map: MapLibre;
    try {
      map = new MapLibre({ container: box.current!, style: STYLE, center: [119.4, 30.2], zoom: 8, attributionControl: false });
    } catch (e) {
      console.error(e); // no WebGL: the list still works without the map
      setFailed(true);
      return;
    }
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => setReady(true));
    map.on('click', 'cases', (ev) => {
      const id = ev.features?.[0]?.properties?.caseId;
      if (id) onSelectRef.current?.(String(id));
    });
    map.on('mouseenter', 'cases', () => { map.getCanvas().style.cursor = onSelectRef.current ? 'pointer' : ''; });
    map.on('mouseleave', 'cases', () => { map.getCanvas().style.cursor = ''; });
    map.on('error', (ev) => console.error(ev.error));
    mapRef.current = map;
    return () => {
      mapRef.current = null;
      map.remove();
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !towns.data) return;
    (map.getSource('towns') as GeoJSONSource).setData(towns.data);
    const b = boundsOf(towns.data);
    if (b && !fitPoints) map.fitBounds(b, { padding: 16, duration: 0 });
  }, [ready, towns.data, fitPoints]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const geo = pointsToGeo(points);
    (map.getSource('cases') as GeoJSONSource).setData(geo);
    if (fitPoints && points.length) {
      const b = boundsOf(geo);
      if (b) map.fitBounds(b, { padding: 60, maxZoom: 11, duration: 0 });
    }
  }, [ready, points, fitPoints]);

  // Town names as HTML markers (no glyph server). Markers sit above the canvas, so a label that would
  // cover a case point, or an earlier label, is hidden: the cases matter more than the names.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !towns.data) return;
    const markers = towns.data.features.flatMap((f) => {
      const at = labelPoint(f);
      if (!at) return [];
      const el = document.createElement('div');
      el.className = 'region-label town';
      el.textContent = String(f.properties?.name ?? '');
      return [new Marker({ element: el }).setLngLat(at).addTo(map)];
    });
    const declutter = () => {
      const origin = map.getContainer().getBoundingClientRect();
      const placed = pointsRef.current.map((pt) => {
        const { x, y } = map.project([pt.lon, pt.lat]);
        return new DOMRect(origin.left + x - 12, origin.top + y - 12, 24, 24);
      });
      for (const el of markers.map((m) => m.getElement())) {
        const r = el.getBoundingClientRect();
        const hit = placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
        el.style.visibility = hit ? 'hidden' : 'visible';
        if (!hit) placed.push(r);
      }
    };
    declutter();
    declutterRef.current = declutter;
    map.on('moveend', declutter);
    return () => {
      declutterRef.current = () => undefined;
      map.off('moveend', declutter);
      markers.forEach((m) => m.remove());
    };
  }, [ready, towns.data]);

  useEffect(() => declutterRef.current(), [points]);

  return (
    <div style={{ height, position: 'relative', border: '1px solid #e5e7eb', borderRadius: 8, overflow: 'hidden', background: '#eef2f6' }} data-testid="case-map">
      <div ref={box} style={{ position: 'absolute', inset: 0 }} />
      {failed && <div style={{ padding: 16 }}>{t('regions.mapUnavailable')}</div>}
    </div>
  );
}
