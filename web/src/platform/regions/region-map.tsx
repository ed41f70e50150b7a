import { Alert } from 'antd';
import { Map as MapLibre, Marker, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import './maplibre-setup';
import type { FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import type { RegionDetail, RegionLevel } from '../../api/types';
import { useRequest } from '../../api/use-request';
import { BLANK_STYLE } from './blank-style';
import { boundsOf, EMPTY_COLLECTION, labelPoint } from './geo-utils';

const CHILD_LEVEL: Partial<Record<RegionLevel, RegionLevel>> = { town: 'village', village: 'grid' };

/** What to draw under the selection: its children, or for a grid its siblings, so it keeps context. */
function childQuery(sel: RegionDetail | null): { level: RegionLevel; parent: string } | null {
  if (!sel) return null;
  const child = CHILD_LEVEL[sel.level];
  if (child) return { level: child, parent: sel.code };
  if (sel.level === 'grid' && sel.parentCode) return { level: 'grid', parent: sel.parentCode };
  return null;
}

interface Props {
  selected: RegionDetail | null;
  onSelect: (code: string) => void;
}

/** District map drawn from the API's GeoJSON on a blank background (no tile or glyph servers). */
export default function RegionMap({ selected, onSelect }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  const towns = useRequest((s) => apiGet<FeatureCollection>('/api/regions/geojson', { level: 'town' }, s), []);
  const cq = childQuery(selected);
  const children = useRequest(
    (s) => (cq ? apiGet<FeatureCollection>('/api/regions/geojson', cq, s) : Promise.resolve(EMPTY_COLLECTION)),
    [cq?.level, cq?.parent],
  );

  useEffect(() => {
    let map: MapLibre;
    try {
      map = new MapLibre({ container: box.current!, style: BLANK_STYLE, center: [119.4, 30.2], zoom: 8, attributionControl: false });
    } catch (e) {
      console.error(e); // no WebGL: the tree and details still work without the map
      setFailed(true);
      return;
    }
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => setReady(true));
    map.on('click', (ev) => {
      // Topmost first, so a village wins over the town beneath it.
      const hit = map.queryRenderedFeatures(ev.point, { layers: ['children-fill', 'towns-fill'] })[0];
      const code = hit?.properties?.code;
      if (code) onSelectRef.current(String(code));
    });
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
    if (b && !selected) map.fitBounds(b, { padding: 24, duration: 0 });
    // `selected` is left out on purpose: only the towns' arrival frames the whole district.
  }, [ready, towns.data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource('children') as GeoJSONSource).setData(children.data ?? EMPTY_COLLECTION);
  }, [ready, children.data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const geometry = selected?.geometry ?? null;
    const fc: FeatureCollection = geometry
      ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry, properties: {} }] }
      : EMPTY_COLLECTION;
    (map.getSource('selected') as GeoJSONSource).setData(fc);
    const b = boundsOf(geometry);
    if (b) map.fitBounds(b, { padding: 40, maxZoom: 15, duration: 500 });
  }, [ready, selected]);

  useLabels(mapRef.current, ready, towns.data, children.data, selected?.code);

  return (
    <div className="region-map" data-testid="region-map">
      <div ref={box} style={{ position: 'absolute', inset: 0 }} />
      {failed && (
        <Alert type="info" showIcon title={t('regions.mapUnavailable')} style={{ position: 'absolute', top: 16, left: 16, right: 16 }} />
      )}
    </div>
  );
}

/** Town names and the selection's children as HTML markers: they need no glyph server. */
function useLabels(
  map: MapLibre | null,
  ready: boolean,
  towns: FeatureCollection | undefined,
  children: FeatureCollection | undefined,
  selectedCode: string | undefined,
) {
  useEffect(() => {
    if (!map || !ready) return;
    const kids = children?.features ?? [];
    // Inside a selected town its villages carry the labels; the red outline already marks the town.
    const townFs = (towns?.features ?? []).filter((f) => !(kids.length && f.properties?.code === selectedCode));
    const entries = [...kids.map((f) => ({ f, cls: 'child' })), ...townFs.map((f) => ({ f, cls: 'town' }))]
      .map((e) => ({ ...e, code: String(e.f.properties?.code ?? '') }))
      .sort((a, b) => Number(b.code === selectedCode) - Number(a.code === selectedCode));
    const markers = entries.flatMap(({ f, cls, code }) => {
      const at = labelPoint(f);
      if (!at) return [];
      const el = document.createElement('div');
      el.className = `region-label ${cls}${code === selectedCode ? ' selected' : ''}`;
      el.textContent = String(f.properties?.name ?? '');
      return [new Marker({ element: el }).setLngLat(at).addTo(map)];
    });
    const declutter = () => hideOverlapping(markers.map((m) => m.getElement()));
    declutter();
    map.on('moveend', declutter);
    return () => {
      map.off('moveend', declutter);
      markers.forEach((m) => m.remove());
    };
  }, [map, ready, towns, children, selectedCode]);
}

/** Hides labels that would overlap one placed before them, so earlier entries win. */
function hideOverlapping(labels: HTMLElement[]): void {
  const placed: DOMRect[] = [];
  for (const el of labels) {
    const r = el.getBoundingClientRect();
    const hit = placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
    el.style.visibility = hit ? 'hidden' : 'visible';
    if (!hit) placed.push(r);
  }
}
