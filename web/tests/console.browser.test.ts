// Drives the built console (web/dist) in Debian's Chromium against the real server with demo regions.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../src/platform/testing/test-server.js';
import { confirmPopconfirm, dumpOnFailure, launchBrowser, newConsole, pick as pickIn, shot, waitForText } from './browser-support.js';

const NEW_USER = { username: 'browser-clerk', displayName: '浏览器测试员', password: 'Clerk-Pass-2026!x', phone: '13812345678' };

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function openFromMenu(label: string, path: string): Promise<void> {
  await page.locator('.ant-menu-item', { hasText: label }).click();
  await page.waitForURL((u) => u.pathname === path);
}

const pick = (fieldId: string, label: string) => pickIn(page, fieldId, label);

describe('web console in Chromium', () => {
  beforeEach((ctx) => dumpOnFailure(ctx, page));

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    ({ context, page } = await newConsole(browser, pageErrors));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the server error message when a login fails', async () => {
    const r = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'no-such-user', password: 'wrong-password' }),
    });
    const expected = ((await r.json()) as { error: { message: string } }).error.message;
    expect(r.status).toBe(401);

    await page.goto(`${server.url}/regions`);
    await page.waitForURL((u) => u.pathname === '/login'); // anonymous visitors are sent to login
    await page.locator('#username').fill('no-such-user');
    await page.locator('#password').fill('wrong-password');
    await page.locator('button[type=submit]').click();
    await waitForText(page.getByTestId('login-error'), expected);
    await shot(page, 'login');
  });

  it('signs in as admin and shows the district overview', async () => {
    await page.locator('#username').fill(server.adminUser);
    await page.locator('#password').fill(server.adminPassword);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/regions'); // back where the visitor wanted to go
    await openFromMenu('总览', '/');
    await waitForText(page.getByTestId('district-name'), /临安区/);
    await waitForText(page.getByTestId('count-towns'), /18/);
    await waitForText(page.getByTestId('count-villages'), /319/);
    await shot(page, 'home');
  });

  it('lists 18 towns in the region tree, flags approximate boundaries and zooms to a town', async () => {
    await openFromMenu('行政区划', '/regions');
    const towns = page.locator('[data-testid=region-tree] .ant-tree-treenode');
    await expect.poll(() => towns.count(), { timeout: 15_000 }).toBe(18);
    await page.getByTestId('approximate-banner').waitFor();
    expect(await page.getByTestId('approximate-banner').innerText()).toContain('示意');

    const first = towns.first();
    const name = (await first.locator('[data-level=town]').innerText()).replace(/\d+$/, '').trim();
    await first.locator('.ant-tree-node-content-wrapper').click();
    await waitForText(page.getByTestId('region-details'), name);
    await first.locator('.ant-tree-switcher').click(); // villages load on demand
    await expect.poll(() => page.locator('[data-testid=region-tree] [data-level=village]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('.maplibregl-canvas, [data-testid=region-map] .ant-alert').first().waitFor();
    await page.waitForTimeout(800); // let the camera finish flying to the town
    await shot(page, 'regions');
  });

  it('lists departments and town command centres', async () => {
    await openFromMenu('部门与指挥中心', '/orgs');
    await expect.poll(() => page.locator('[data-testid=orgs-department] .ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.locator('.ant-tabs-tab', { hasText: '镇街指挥中心' }).click();
    await expect.poll(() => page.locator('[data-testid=orgs-command_centre] .ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot(page, 'orgs');
  });

  it('creates a user, shows the phone masked and reveals it on request', async () => {
    await openFromMenu('用户与角色', '/users');
    await page.getByTestId('create-user').click();
    await page.locator('#username').fill(NEW_USER.username);
    await page.locator('#displayName').fill(NEW_USER.displayName);
    await page.locator('#password').fill(NEW_USER.password);
    await page.locator('#phone').fill(NEW_USER.phone);
    await pick('role', '窗口人员');
    await pick('scope_kind', '全区');
    // The district code is filled in once the region summary arrives; saving before that is refused by the form.
    await expect.poll(() => page.locator('#scope_code').inputValue(), { timeout: 15_000 }).toContain('330112');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const masked = page.getByTestId(`phone-masked-${NEW_USER.username}`);
    await masked.waitFor({ timeout: 15_000 });
    const maskedText = await masked.innerText();
    expect(maskedText).toContain('*');
    expect(maskedText).not.toContain(NEW_USER.phone);

    await page.getByTestId(`reveal-${NEW_USER.username}`).click();
    await page.getByTestId('reveal-purpose').fill('浏览器测试：核对联系方式');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForText(page.getByTestId(`phone-full-${NEW_USER.username}`), NEW_USER.phone);
    await shot(page, 'users');

    await page.locator('.ant-tabs-tab', { hasText: '角色' }).click();
    await waitForText(page.getByTestId('roles-table'), /系统管理员[\s\S]*纪检监察员|纪检监察员[\s\S]*系统管理员/);
    await shot(page, 'roles');
  });

  it('issues an API key once and revokes it', async () => {
    await page.locator('.ant-tabs-tab', { hasText: 'API 密钥' }).click();
    await page.getByTestId('create-apikey').click();
    await page.locator('#apikey_name').fill('市民热线');
    await pick('apikey_role', '系统管理员');
    await pick('apikey_scope_kind', '全区');
    await expect.poll(() => page.locator('#apikey_scope_code').inputValue(), { timeout: 15_000 }).toContain('330112');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForText(page.getByTestId('apikey-issued'), /tmk_/);
    const token = (await page.getByTestId('apikey-issued').locator('code').innerText()).trim();
    const ok = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    await shot(page, 'apikeys');
    await page.getByTestId('revoke-市民热线').click();
    await confirmPopconfirm(page);
    await waitForText(page.getByTestId('apikeys-table'), /已吊销/);
    const refused = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });

  it('shows the login in the audit log and verifies the chain', async () => {
    await openFromMenu('审计日志', '/audit');
    await waitForText(page.getByTestId('audit-table'), /login/);
    await page.getByTestId('verify-chain').click();
    await waitForText(page.getByTestId('verify-result'), /审计链完整/);
    await shot(page, 'audit');
  });

  it('shows jobs with a live connection to the job stream', async () => {
    await openFromMenu('后台任务', '/jobs');
    await page.getByTestId('jobs-table').waitFor();
    await waitForText(page.getByTestId('job-stream-state'), /实时更新中/);
    await shot(page, 'jobs');
  });

  it('switches the menu to English and remembers the choice', async () => {
    await page.getByTestId('language-switch').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'English' }).click();
    await waitForText(page.locator('.ant-layout-sider .ant-menu'), /Regions[\s\S]*Audit log/);
    await page.reload();
    await waitForText(page.locator('.ant-layout-sider .ant-menu'), /Users & roles/);
    await waitForText(page.getByTestId('job-stream-state'), /Live/);
    await openFromMenu('Regions', '/regions');
    await page.getByTestId('approximate-banner').waitFor();
    await waitForText(page.getByTestId('approximate-banner'), /Approximate boundaries/);
    await page.locator('.region-label.town').first().waitFor(); // towns drawn once the map has loaded
    await shot(page, 'regions-en');
  });

  it('folds the menu away on a phone-sized screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState(), isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${server.url}/`);
    await p.getByTestId('district-name').waitFor();
    expect(await p.locator('.ant-layout-sider .ant-menu').isVisible()).toBe(false);
    await shot(p, 'mobile-home');
    await p.getByTestId('menu-toggle').click();
    await p.locator('.ant-layout-sider .ant-menu-item', { hasText: 'Regions' }).waitFor({ state: 'visible' });
    await shot(p, 'mobile-menu');
    await phone.close();
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
