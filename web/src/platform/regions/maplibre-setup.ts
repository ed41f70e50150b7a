// Imported by every map: bundled, MapLibre cannot find its worker next to itself, so it is pointed
// at the copy Vite emits, and its stylesheet is loaded once.
import { setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
