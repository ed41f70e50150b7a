// Browser plumbing shared by the console's Chromium tests.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, type TestContext } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A desktop-sized Chinese context in Beijing time that records uncaught page errors. */
export async function newConsole(browser: Browser, pageErrors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Fail a stuck step with Playwright's message well before vitest's own test timeout.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page };
}

export async function login(page: Page, baseUrl: string, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL((u) => u.pathname === '/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => u.pathname === path);
}

export async function shot(p: Page, name: string): Promise<void> {
  await p.waitForLoadState('networkidle').catch(() => undefined); // the job stream never idles
  await p.waitForTimeout(400); // let AntD's fades and the sider's slide finish
  await p.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

async function textOf(l: Locator): Promise<string> {
  return (await l.count()) ? l.first().innerText() : '';
}

export function waitForText(l: Locator, text: string | RegExp) {
  return expect.poll(() => textOf(l), { timeout: 20_000 }).toMatch(text);
}

export function waitForCount(l: Locator, n: number) {
  return expect.poll(() => l.count(), { timeout: 20_000 }).toBe(n);
}

/**
 * Clicks the open dropdown's option with this label until `select` holds it as its value: a click
 * that lands while AntD's list is still sliding in or refiltering is lost on a busy machine (seen in
 * CI: the list stayed open with the option in it, nothing chosen). The value is read from AntD 6's
 * markup (a single select's content marked as having a value, a multiple select's items), not the
 * select's text, which also shows what was typed to search. Each click is given time to show
 * before the next, so a multiple select is not toggled off again.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first();
  const chosen = select.locator('.ant-select-content-has-value, .ant-select-selection-item', { hasText: label });
  for (let attempt = 0; attempt < 5 && !(await chosen.count()); attempt++) {
    await option.click({ timeout: 5_000 }).catch(() => undefined);
    await chosen.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  expect(await chosen.count(), `option "${label}" was not chosen`).toBeGreaterThan(0);
}

/** Opens an AntD select by its form field id and picks the option with this label. */
export async function pick(page: Page, fieldId: string, label: string): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  await chooseOption(page, page.locator('.ant-select', { has: page.locator(`#${fieldId}`) }), label);
}

/**
 * Clicks the open modal's OK button once its zoom-in has finished, and waits for the modal to
 * close. If it stays open the failure says what it shows (a form error, a toast) instead of a later
 * step timing out behind it: twice, under a full-suite load, a confirm left its modal open with no
 * clue why.
 */
export async function confirmModal(page: Page): Promise<void> {
  await confirmOverlay(page, '.ant-modal', 'ant-zoom');
}

/**
 * The same for an open Popconfirm (its pop-in is AntD's zoom-big): a full run once left a
 * warning's dispatch confirm open after its OK was clicked, and the test failed two steps later.
 */
export async function confirmPopconfirm(page: Page): Promise<void> {
  await confirmOverlay(page, '.ant-popconfirm', 'ant-zoom-big');
}

async function confirmOverlay(page: Page, root: string, motion: string): Promise<void> {
  const open = page.locator(`${root}:visible`);
  await expect.poll(() => page.locator(`${root}.${motion}-appear, ${root}.${motion}-enter`).count(), { timeout: 20_000 }).toBe(0);
  await open.locator('.ant-btn-primary').click();
  // allInnerTexts reads what is there without waiting: innerText waited the whole action timeout
  // (20 s) for an overlay that had just closed, or for a message that never came, so one look at a
  // confirm still leaving took 40 s and, in a full run, the test's time.
  const state = async () => ((await open.count()) === 0 ? 'closed' : `open: ${(await open.allInnerTexts()).join(' ')} | ${(await page.locator('.ant-message').allInnerTexts()).join(' ')}`);
  await expect.poll(state, { timeout: 20_000 }).toBe('closed');
}

/**
 * On a failed test, saves what the page showed (FAILED-<test>.png) and prints its open dialogs,
 * alerts and messages (a step timing out behind an overlay says nothing of why the overlay stayed),
 * then closes the overlays.
 * Register in a beforeEach: `beforeEach((ctx) => dumpOnFailure(ctx, page))`.
 */
export function dumpOnFailure(ctx: TestContext, page: Page, what: () => Promise<string> = async () => ''): void {
  ctx.onTestFailed(async ({ task }) => {
    const name = task.name.replace(/[^\w\u4e00-\u9fff-]+/g, '-').slice(0, 80);
    await page.screenshot({ path: `${SHOTS}FAILED-${name}.png`, fullPage: true, timeout: 5_000 }).catch(() => undefined);
    const texts = await page.locator('.ant-modal:visible, .ant-alert:visible, .ant-message, .ant-notification').allInnerTexts().catch(() => []);
    const extra = await what().catch((e: Error) => `(${e.message})`);
    console.error(`[${task.name}] page ${page.url()}\n  overlays: ${texts.join(' | ').replace(/\s+/g, ' ')}\n  ${extra}`);
    // Close what this test left open, so the next one fails (or not) on its own steps rather than
    // timing out behind this test's dialog.
    for (let i = 0; i < 3 && (await page.locator('.ant-modal-wrap:visible, .ant-drawer-open').count().catch(() => 0)); i++) {
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.waitForTimeout(400);
    }
  });
}

/** Registers a dataset contract through the API as the test server's admin. */
export async function registerContract(server: { url: string; adminUser: string; adminPassword: string }, spec: unknown): Promise<void> {
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: server.adminUser, password: server.adminPassword }),
  });
  expect(r.status).toBe(200);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const reg = await fetch(`${server.url}/api/datasets`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-tianmu-csrf': '1', cookie }, body: JSON.stringify(spec),
  });
  expect(reg.status).toBe(201);
}
