import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../testing/test-platform.js';
import { loadDemoGeometry } from '../../demo/load/demo-geometry.loader.js';
import { importBoundaries } from './geojson-import.js';

const square = (lon: number, lat: number, d = 0.01) => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});

describe.each(testEngines())('regions on %s', (engine) => {
  let t: TestPlatform;
  let admin: string;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('loads Lin\'an with its real codes: 18 towns, 319 villages, 61 departments, 18 command centres', async () => {
    const s = (await t.as(admin, { url: '/api/regions/summary' })).json();
    expect(s.district).toEqual({ code: '330112', name: '临安区' });
    expect(s.counts).toMatchObject({ towns: 18, villages: 319, departments: 61, commandCentres: 18 });
    const tms = (await t.as(admin, { url: '/api/regions?parent=330112116' })).json().items;
    expect(tms.find((v: { code: string }) => v.code === '330112116217').name).toBe('一都村委会');
  });

  it('draws approximate demo boundaries and grids, and says they are approximate', async () => {
    const { grids } = await loadDemoGeometry(t.p, async () => undefined);
    expect(grids).toBeGreaterThan(319 * 2);
    const s = (await t.as(admin, { url: '/api/regions/summary' })).json();
    expect(s.approximateBoundaries).toBe(true);
    expect(s.counts.grids).toBe(grids);
    const village = (await t.as(admin, { url: '/api/regions/330112116217' })).json();
    expect(village.geometry.type).toMatch(/Polygon/);
    expect(village.approximate).toBe(true);
    expect(village.path.map((p: { code: string }) => p.code)).toEqual(['330112', '330112116']);
    const fc = (await t.as(admin, { url: '/api/regions/geojson?level=grid&parent=330112116217' })).json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThanOrEqual(2);
    expect(fc.features[0].properties).toMatchObject({ level: 'grid', approximate: true });
  });

  it('gives every town centroid a point inside the district and distinct towns distinct places', async () => {
    const towns = (await t.as(admin, { url: '/api/regions' })).json().items;
    const keys = new Set(towns.map((r: { centroid: number[] }) => r.centroid.join(',')));
    expect(keys.size).toBe(18);
    for (const r of towns) {
      expect(r.centroid[0]).toBeGreaterThan(118.8);
      expect(r.centroid[0]).toBeLessThan(119.9);
    }
  });

  it('imports real boundaries from GeoJSON and reports refused features by index', async () => {
    const r = await importBoundaries(t.p.db, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '330112116217' }, geometry: square(119.45, 30.3) },
        { type: 'Feature', properties: { code: '330112116217999', name: '一都村试点网格' }, geometry: square(119.451, 30.301, 0.002) },
        { type: 'Feature', properties: { code: '999999999999' }, geometry: square(119.45, 30.3) },
        { type: 'Feature', properties: { code: '330112116218' }, geometry: square(30.3, 119.45) },
        { type: 'Feature', properties: {}, geometry: square(119.45, 30.3) },
        { type: 'Feature', properties: { code: '330112116219' }, geometry: { type: 'Point', coordinates: [119.4, 30.2] } },
      ],
    });
    expect(r.updated).toBe(1);
    expect(r.created).toBe(1);
    expect(r.errors.map((e) => e.index)).toEqual([2, 3, 4, 5]);
    const v = (await t.as(admin, { url: '/api/regions/330112116217' })).json();
    expect(v.approximate).toBe(false);
    const g = (await t.as(admin, { url: '/api/regions/330112116217999' })).json();
    expect(g).toMatchObject({ level: 'grid', name: '一都村试点网格', approximate: false });
  });

  it('refuses what is not a FeatureCollection', async () => {
    await expect(importBoundaries(t.p.db, { type: 'Feature' })).rejects.toThrow(/FeatureCollection/);
    await expect(importBoundaries(t.p.db, null)).rejects.toThrow(/FeatureCollection/);
  });

  it('lists departments and town command centres', async () => {
    const deps = (await t.as(admin, { url: '/api/orgs?kind=department' })).json().items;
    expect(deps).toHaveLength(61);
    expect(deps.map((d: { shortName: string }) => d.shortName)).toEqual(expect.arrayContaining(['民政局', '市场监管局', '公安局', '卫健局', '档案馆', '数据资源局']));
    const centres = (await t.as(admin, { url: '/api/orgs?kind=command_centre' })).json().items;
    expect(centres.find((c: { regionCode: string }) => c.regionCode === '330112116').name).toBe('天目山镇综合指挥室');
  });
});
