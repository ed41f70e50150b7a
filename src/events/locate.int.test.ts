import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoGeometry } from '../demo/load/demo-geometry.loader.js';
import { firstGridOf, pointIn, YIDU_VILLAGE } from '../dispatch/testing/fixtures.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { eventsOf } from './events.module.js';
import { roadDamage } from './testing/fixtures.js';

describe.each(testEngines())('placing an event by its coordinates on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(engine);
    await loadDemoGeometry(t.p, async () => undefined);
  });
  afterAll(() => t.close());

  it('gives a point without codes the village and grid whose boundaries contain it', async () => {
    const grid = await firstGridOf(t.p, YIDU_VILLAGE);
    const at = await pointIn(t.p, grid);
    const r = await eventsOf(t.p).hub.publish(roadDamage({ location: { lon: at.lon, lat: at.lat, address: '一都村口' } }));
    const c = await t.p.db.selectFrom('event_case').select(['region_code', 'grid_code']).where('id', '=', r.caseId).executeTakeFirstOrThrow();
    expect(c).toEqual({ region_code: YIDU_VILLAGE, grid_code: grid });
  });

  it('leaves a point outside the district without a region rather than guessing one', async () => {
    const r = await eventsOf(t.p).hub.publish(roadDamage({ location: { lon: 116.4, lat: 39.9 } }));
    const c = await t.p.db.selectFrom('event_case').select(['region_code', 'grid_code']).where('id', '=', r.caseId).executeTakeFirstOrThrow();
    expect(c).toEqual({ region_code: null, grid_code: null });
  });
});
