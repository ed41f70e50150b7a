// The 一网统管 pages in Chromium against the real server: events are published over HTTP, dispatch
// opens cases through the outbox, and the wall, the case page, the rules, the statistics, the
// categories and the grid worker's phone page are driven and photographed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD } from '../../src/platform/testing/test-platform.js';
import { startTestServer } from '../../src/platform/testing/test-server.js';
import { chooseOption, dumpOnFailure, launchBrowser, login, newConsole, shot, waitForCount, waitForText } from './browser-support.js';

const YIDU = '330112116217'; // 天目山镇 / 一都村, where the demo grid worker grid.yidu works
const JINCHENG_TOWN = '330112006';
const DEMO_PASSWORD = 'demo-password-123';
// A 1×1 PNG: the hub recognises images by their first bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let url = '';
let closeServer: () => Promise<void> = async () => undefined;
let adminCookie = '';
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let page: Page;
const pageErrors: string[] = [];

async function startServer(): Promise<void> {
  const server = await startTestServer();
  url = server.url;
  closeServer = server.close;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${url}${path}`, {
    method, headers: { 'content-type': 'application/json', 'x-tianmu-csrf': '1', cookie: adminCookie }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface Case { caseId: string; title: string; status: string; version: number; assignee: string | null; unit: { name: string } }

/** A point inside a region: the centroid the demo geometry gives it. */
async function pointIn(code: string): Promise<{ lon: number; lat: number }> {
  const r = await call<{ centroid: [number, number] }>('GET', `/api/regions/${code}`);
  return { lon: r.centroid[0], lat: r.centroid[1] };
}

/** Publishes an event and waits until dispatch has opened its case (the outbox delivers after the 201). */
async function publish(event: Record<string, unknown>): Promise<Case> {
  const { caseId } = await call<{ caseId: string }>('POST', '/api/events', { source: 'video.algo-7', ...event });
  // A plain loop rather than expect.poll, which vitest allows only inside a test (this also runs in beforeAll).
  for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    const found = (await call<{ items: Case[] }>('GET', '/api/dispatch/cases')).items.find((c) => c.caseId === caseId);
    if (found) return found;
  }
  throw new Error(`dispatch opened no case for ${caseId} within 20 s`);
}

const modal = (p: Page) => p.locator('.ant-modal:visible');

describe('dispatch pages in Chromium', () => {
  beforeEach((ctx) => dumpOnFailure(ctx, page));

  let fire: Case;

  beforeAll(async () => {
    await startServer();
    const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }) });
    adminCookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    fire = await publish({ category: 'smoke-fire', severity: 'critical', title: '一都村后山疑似烟火', description: '<b>烟雾</b>较大', location: { ...(await pointIn(YIDU)), regionCode: YIDU } });
    browser = await launchBrowser();
    admin = await newConsole(browser, pageErrors);
    page = admin.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await closeServer();
  });

  it('lists the open case on the wall and shows a new one without reload', async () => {
    await login(page, url, 'admin', TEST_ADMIN_PASSWORD, '/dispatch/wall');
    const table = page.getByTestId('wall-table');
    await waitForText(table, /特别严重[\s\S]*森林火情[\s\S]*一都村后山疑似烟火[\s\S]*天目山镇[\s\S]*已派遣/);
    await waitForText(page.getByTestId('case-stream-state'), '实时连接');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const flood = await publish({ category: 'flood-waterlogging', severity: 'high', title: '锦城街道地下通道积水', location: { ...(await pointIn(JINCHENG_TOWN)), regionCode: JINCHENG_TOWN } });
    const row = table.locator(`[data-case="${flood.caseId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-fresh')).toBe('true');
    await waitForText(row, /严重[\s\S]*锦城街道地下通道积水/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true); // no reload
    await waitForText(page.getByTestId('wall-open-count'), '2');
    await shot(page, 'dispatch-wall');
  });

  it('accepts and resolves a case with a note and a photo, and shows both in the timeline', async () => {
    await page.getByTestId('wall-case-link').filter({ hasText: '一都村后山疑似烟火' }).click();
    await page.waitForURL((u) => u.pathname === `/dispatch/cases/${fire.caseId}`);
    await waitForText(page.getByTestId('case-reasons'), /规则[\s\S]*森林火情/);
    await waitForText(page.getByTestId('case-timeline'), /上报[\s\S]*派遣/);
    // Descriptions are the reporter's text: markup stays visible as text, nothing is parsed.
    await waitForText(page.getByTestId('report-description'), '<b>烟雾</b>较大');
    expect(await page.getByTestId('report-description').locator('b').count()).toBe(0);

    await page.getByTestId('action-accept').click();
    await expect.poll(() => page.getByTestId('case-page').getAttribute('data-status')).toBe('accepted');

    await page.getByTestId('action-resolve').click();
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await waitForText(modal(page), '请填写说明'); // the note is required
    await page.getByTestId('action-note').fill('已组织扑灭，现场无复燃。<script>alert(1)</script>');
    await page.getByTestId('resolve-photos-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await waitForCount(modal(page).getByTestId('photo-thumb').locator('img'), 1);
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('case-page').getAttribute('data-status')).toBe('resolved');

    const timeline = page.getByTestId('case-timeline');
    await waitForText(timeline, /签收[\s\S]*已派遣 → 已签收[\s\S]*办结反馈[\s\S]*已签收 → 已办结[\s\S]*已组织扑灭，现场无复燃。<script>alert\(1\)<\/script>/);
    await waitForCount(timeline.getByTestId('timeline-photo'), 1);
    await expect.poll(() => timeline.getByTestId('timeline-photo').locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
    const href = await timeline.getByTestId('timeline-photo').getAttribute('href');
    expect(href).toMatch(/^\/api\/events\/attachments\/[0-9a-f]{64}$/);
    expect((await admin.context.request.get(`${url}${href}`)).headers()['content-type']).toBe('image/png');
    await shot(page, 'dispatch-case');
  });

  it('says so clearly when someone else acted first (409)', async () => {
    const c = (await call<{ items: Case[] }>('GET', '/api/dispatch/cases')).items.find((x) => x.title === '锦城街道地下通道积水')!;
    // Without the live feed the page cannot learn of the other step before the click.
    await page.route('**/api/dispatch/stream**', (r) => r.abort());
    await page.goto(`${url}/dispatch/cases/${c.caseId}`);
    await page.getByTestId('action-accept').waitFor();
    await call('POST', `/api/dispatch/cases/${c.caseId}/transitions`, { action: 'accept', expectedVersion: c.version });
    await page.getByTestId('action-accept').click();
    await waitForText(page.getByTestId('case-conflict'), '已被他人处理，请刷新');
    await shot(page, 'dispatch-conflict');
    await page.getByTestId('case-conflict').getByRole('button').click();
    await expect.poll(() => page.getByTestId('case-page').getAttribute('data-status')).toBe('accepted');
    await page.unroute('**/api/dispatch/stream**');
  });

  it('returns a case with a reason and re-dispatches it by hand to a department', async () => {
    await page.getByTestId('action-return').click();
    await page.getByTestId('action-note').fill('积水点在国道上，应由交通部门处置');
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('case-page').getAttribute('data-status')).toBe('returned');
    await page.getByTestId('action-dispatch').click();
    await modal(page).getByTestId('dispatch-unit').click();
    await page.keyboard.type('交通运输');
    // The departments load when the dialog opens: the option is chosen once it shows, then the list
    // must close, or the open list swallows the click on 确定 (seen on a busy CI machine).
    await chooseOption(page, modal(page).getByTestId('dispatch-unit'), '交通运输局');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('case-page').getAttribute('data-status')).toBe('dispatched');
    await waitForText(page.getByTestId('case-details'), /处置单位[\s\S]*交通运输局/);
    await waitForText(page.getByTestId('case-timeline'), /退回[\s\S]*积水点在国道上[\s\S]*派遣[\s\S]*已退回 → 已派遣/);
  });

  it('shows the routing rules in order with their editor, and the time limits', async () => {
    await page.goto(`${url}/dispatch/rules`);
    const rules = page.getByTestId('rules-table');
    await waitForText(rules, /森林火情（特别严重）[\s\S]*事发镇街指挥室[\s\S]*林业局/);
    expect(await rules.locator('.ant-table-row').count()).toBeGreaterThan(10);
    const firstId = await rules.locator('.ant-table-row').first().getAttribute('data-row-key');
    await page.getByTestId(`rule-down-${firstId}`).click();
    await expect.poll(() => rules.locator('.ant-table-row').nth(1).getAttribute('data-row-key')).toBe(firstId);
    await page.getByTestId(`rule-up-${firstId}`).click();
    await expect.poll(() => rules.locator('.ant-table-row').first().getAttribute('data-row-key')).toBe(firstId);
    await shot(page, 'dispatch-rules');

    await page.getByTestId(`rule-edit-${firstId}`).click();
    await waitForText(modal(page), /编辑分拨规则[\s\S]*森林火情/);
    await shot(page, 'dispatch-rule-edit');
    await modal(page).getByRole('button', { name: /取\s*消/ }).click();

    await page.getByRole('tab', { name: '处置时限' }).click();
    await waitForText(page.getByTestId('sla-table'), /森林火情[\s\S]*5 分钟/);
    await shot(page, 'dispatch-sla');
  });

  it('draws the statistics for the date range', async () => {
    await page.goto(`${url}/dispatch/stats`);
    await waitForText(page.getByTestId('stats-totals'), /案件数\s*2/);
    for (const id of ['stats-by-category', 'stats-by-town', 'stats-over-time', 'stats-by-unit']) await page.getByTestId(id).locator('canvas').first().waitFor();
    await waitForText(page.getByTestId('stats-unit-table'), /天目山镇/);
    await shot(page, 'dispatch-stats');
  });

  it('lists the event categories with their labels and default severities', async () => {
    await page.goto(`${url}/events/categories`);
    await waitForText(page.getByTestId('categories-table'), /smoke-fire[\s\S]*森林火情[\s\S]*Smoke or fire[\s\S]*应急安全/);
    await shot(page, 'dispatch-categories');

    await page.getByTestId('category-edit-noise').click();
    await modal(page).locator('#labelZh').fill('噪声扰民（夜间）');
    await modal(page).getByRole('button', { name: /保\s*存/ }).click();
    await waitForText(page.getByTestId('categories-table'), /noise[\s\S]*噪声扰民（夜间）/);
  });

  it('lets the grid worker accept and resolve on a phone', async () => {
    const grids = await call<{ items: Array<{ code: string }> }>('GET', `/api/regions?parent=${YIDU}`);
    const grid = grids.items[0].code;
    const litter = await publish({ category: 'sanitation', title: '村口垃圾堆放', location: { ...(await pointIn(grid)), regionCode: YIDU, gridCode: grid, address: '一都村村口' } });
    expect(litter.assignee).toBe('grid.yidu');

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    context.setDefaultTimeout(20_000);
    const phone = await context.newPage();
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await login(phone, url, 'grid.yidu', DEMO_PASSWORD, '/dispatch/my');
    const card = phone.locator(`[data-testid=my-case][data-case="${litter.caseId}"]`);
    await waitForText(card, /村口垃圾堆放[\s\S]*已派遣[\s\S]*环境卫生[\s\S]*一都村村口/);
    expect(await card.getByTestId('nav-geo').getAttribute('href')).toMatch(/^geo:30\.\d+,119\.\d+$/);
    expect(await card.getByTestId('nav-amap').getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=119\.\d+,30\.\d+$/);
    const accept = card.getByTestId('action-accept');
    expect((await accept.boundingBox())!.height).toBeGreaterThanOrEqual(44); // thumb-sized
    await shot(phone, 'dispatch-my');

    await accept.click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('accepted');
    await card.getByTestId('action-resolve').click();
    await phone.getByTestId('action-note').fill('已清运');
    expect(await phone.getByTestId('resolve-photos-input').getAttribute('capture')).toBe('environment');
    // Other bytes than the admin's photo: the hub keeps one owner per file, and only the owner may read an uncited one.
    await phone.getByTestId('resolve-photos-input').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.from('grid')]) });
    await waitForCount(modal(phone).getByTestId('photo-thumb').locator('img'), 1);
    await expect.poll(() => modal(phone).getByTestId('photo-thumb').locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
    await shot(phone, 'dispatch-my-resolve');
    await modal(phone).getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(async () => (await call<Case>('GET', `/api/dispatch/cases/${litter.caseId}`)).status).toBe('resolved');

    // Resolved, it is no longer the worker's to do: the card leaves the list; the case page still shows it.
    await waitForCount(card, 0);
    await phone.goto(`${url}/dispatch/cases/${litter.caseId}`);
    await waitForText(phone.getByTestId('case-timeline'), /签收[\s\S]*办结反馈[\s\S]*已清运/);
    await expect.poll(() => phone.getByTestId('timeline-photo').locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
    await shot(phone, 'dispatch-case-phone');
    await context.close();
  });

  it('had no uncaught errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
