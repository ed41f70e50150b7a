import { randomUUID } from 'node:crypto';
import { CASE_OPENED, type CaseLocation, type CaseOpened } from '../../events/event-messages.js';
import type { Platform } from '../../platform/platform.js';

export const DISTRICT = '330112';
export const TIANMUSHAN = '330112116';
export const YIDU_VILLAGE = '330112116217';

/** A hub message for a new case; the test writes it to the outbox as the hub would. */
export function caseOpened(over: Omit<Partial<CaseOpened>, 'location'> & { location?: Partial<CaseLocation> } = {}): CaseOpened {
  const { location, ...rest } = over;
  return {
    caseId: `case-${randomUUID()}`,
    eventId: `ev-${randomUUID()}`,
    districtCode: DISTRICT,
    category: 'sanitation',
    severity: 'low',
    title: '垃圾堆放',
    source: 'citizen',
    occurredAt: new Date().toISOString(),
    openedAt: new Date().toISOString(),
    subjects: [],
    ...rest,
    location: { lon: null, lat: null, regionCode: null, gridCode: null, address: null, ...location },
  };
}

/** Publishes a case through the outbox and lets the relay deliver it (to dispatch, among others). */
export async function publishCase(p: Platform, m: CaseOpened): Promise<CaseOpened> {
  await p.outbox.add(p.db, CASE_OPENED, m);
  await p.outbox.drain();
  // Then what dispatch wrote to the outbox meanwhile (texts, status for the hub).
  await p.outbox.drain();
  return m;
}

/** A point inside a grid (the demo geometry's interior point of it). */
export async function pointIn(p: Platform, code: string): Promise<{ lon: number; lat: number }> {
  const r = await p.db.selectFrom('region').select(['centroid_lon', 'centroid_lat']).where('code', '=', code).executeTakeFirstOrThrow();
  return { lon: r.centroid_lon!, lat: r.centroid_lat! };
}

export async function firstGridOf(p: Platform, village: string): Promise<string> {
  const r = await p.db.selectFrom('region').select('code').where('parent_code', '=', village).where('level', '=', 'grid').orderBy('code').executeTakeFirstOrThrow();
  return r.code;
}

export async function departmentCode(p: Platform, short: string): Promise<string> {
  return (await p.db.selectFrom('org_unit').select('code').where('short_name', '=', short).executeTakeFirstOrThrow()).code;
}

export const PASSWORD = 'dispatch-password-1';

/** Users of two towns and one village, with phones for SMS. */
export async function createUsers(p: Platform): Promise<void> {
  const users = [
    { username: 'tms', role: 'town_operator', scope: { kind: 'town', code: TIANMUSHAN }, phone: '13905711001' },
    { username: 'jincheng', role: 'town_operator', scope: { kind: 'town', code: '330112006' }, phone: '13905711002' },
    { username: 'grid.yidu', role: 'grid_worker', scope: { kind: 'village', code: YIDU_VILLAGE }, phone: '13905711003' },
    { username: 'grid.jc', role: 'grid_worker', scope: { kind: 'village', code: '330112006001' }, phone: '13905711004' },
    { username: 'leader', role: 'leader', scope: { kind: 'district', code: DISTRICT }, phone: '13905711005' },
  ] as const;
  for (const u of users) await p.users.create(null, { ...u, displayName: u.username, password: PASSWORD, scope: { ...u.scope } });
}

/** A grid under a village, without drawing the whole district (a small square, enough for routing by code). */
export async function addGrid(p: Platform, village: string, n = 1): Promise<string> {
  const code = `${village}${String(n).padStart(3, '0')}`;
  const square = { type: 'Polygon', coordinates: [[[119.0, 30.0], [119.001, 30.0], [119.001, 30.001], [119.0, 30.001], [119.0, 30.0]]] };
  await p.db
    .insertInto('region')
    .values({ code, parent_code: village, level: 'grid', name: `网格${n}`, kind: 'grid', district_code: DISTRICT, geometry: JSON.stringify(square), centroid_lon: 119.0005, centroid_lat: 30.0005, approximate: true, sort: n })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return code;
}
