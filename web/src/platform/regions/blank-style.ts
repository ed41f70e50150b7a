import type { StyleSpecification } from 'maplibre-gl';

// The network is closed: no tiles and no glyph server. The style therefore has only a background
// and GeoJSON fill/line layers; labels are HTML markers, which need no glyphs.
export const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {
    towns: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    children: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    selected: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
    { id: 'towns-fill', type: 'fill', source: 'towns', paint: { 'fill-color': '#8fb3de', 'fill-opacity': 0.45 } },
    { id: 'towns-line', type: 'line', source: 'towns', paint: { 'line-color': '#1f4e8c', 'line-width': 1.2 } },
    { id: 'children-fill', type: 'fill', source: 'children', paint: { 'fill-color': '#f6d58e', 'fill-opacity': 0.5 } },
    { id: 'children-line', type: 'line', source: 'children', paint: { 'line-color': '#b7791f', 'line-width': 0.8 } },
    { id: 'selected-line', type: 'line', source: 'selected', paint: { 'line-color': '#d4380d', 'line-width': 3 } },
  ],
};
