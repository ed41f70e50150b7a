// The 护廉天目 pages in Chromium against the real server: households, companies, shareholders, the
// 低保 roster and a roster of officials go through ingest, a full resolution run and a run of the
// 低保 models; the inspector, the discipline inspector and users without the permission then drive
// the warnings, a verification, dispatch, the statistics and the models.
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../src/platform/testing/test-server.js';
import { chooseOption, confirmPopconfirm, dumpOnFailure, launchBrowser, login, newConsole, shot, SHOTS, waitForCount, waitForText } from './browser-support.js';
import { apiAs, seedSupervision } from './supervision-seed.js';

const OUT = '/tmp/shots/';
const LEGAL_REP = '低保家庭成员担任企业法定代表人';
const SHAREHOLDER = '低保家庭成员持有企业股份';
const PAID_AFTER_DEATH = '救助对象死亡后仍发放补助';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let url = '';
let browser: Browser;
let inspector: { context: BrowserContext; page: Page };
let page: Page;
const pageErrors: string[] = [];
/** The red warning the inspector opens and verifies. */
let redWarning = '';

/** The shared screenshot, also copied where the task's reviewers look. */
async function snap(pg: Page, name: string): Promise<void> {
  await pg.evaluate(() => window.scrollTo(0, 0)); // a sticky header drawn mid-page otherwise
  await shot(pg, name);
  mkdirSync(OUT, { recursive: true });
  copyFileSync(`${SHOTS}${name}.png`, `${OUT}${name}.png`);
}

async function asUser(username: string, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const c = await newConsole(browser, pageErrors);
  await login(c.page, url, username, username === 'admin' ? server.adminPassword : server.demoPassword, path);
  return c;
}

const rows = (pg: Page) => pg.getByTestId('warnings-table').locator('.ant-table-row');
const menu = (pg: Page) => pg.locator('.ant-layout-sider .ant-menu');
/** 陈美华's red warning: she is a 低保 member and a company's legal representative. */
const chen = (pg: Page) => rows(pg).filter({ hasText: LEGAL_REP }).filter({ hasText: '陈**' });

/** Picks a filter value by typing it: the town list is longer than the dropdown draws. */
async function pickFilter(pg: Page, filter: string, label: string): Promise<void> {
  await pg.getByTestId(`filter-${filter}`).click();
  await pg.keyboard.type(label);
  await chooseOption(pg, pg.getByTestId(`filter-${filter}`), label);
}

describe('supervision pages in Chromium', () => {
  beforeEach((ctx) => dumpOnFailure(ctx, page));

  beforeAll(async () => {
    server = await startTestServer();
    url = server.url;
    await seedSupervision(await apiAs(url, server.adminUser, server.adminPassword));
    browser = await launchBrowser();
    inspector = await asUser('inspector', '/supervision/warnings');
    page = inspector.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the warnings an inspector may see, red first, with masked names and town names', async () => {
    await waitForCount(rows(page), 4);
    await waitForText(rows(page).first(), new RegExp(`YJ\\d{8}[\\s\\S]*红色[\\s\\S]*${PAID_AFTER_DEATH}[\\s\\S]*赵\\*\\*[\\s\\S]*天目山镇[\\s\\S]*已派发`));
    await waitForText(chen(page), new RegExp(`红色[\\s\\S]*${LEGAL_REP}[\\s\\S]*陈\\*\\*[\\s\\S]*玲珑街道[\\s\\S]*已派发`));
    await waitForText(page.getByTestId('warnings-table'), new RegExp(`王\\*\\*[\\s\\S]*天目山镇[\\s\\S]*待处置`));
    // The official's warning is not for an inspector; names stay masked in the list.
    expect(await page.getByTestId('warnings-table').innerText()).not.toMatch(/刘|公职人员|陈美华/);
    await waitForText(menu(page), /护廉天目[\s\S]*监督预警[\s\S]*监督统计[\s\S]*预警模型/);
    await snap(page, 'supervision-warnings');

    await pickFilter(page, 'severity', '橙色');
    await waitForCount(rows(page), 2);
    await waitForText(rows(page).first(), SHAREHOLDER);
    expect(new URL(page.url()).searchParams.get('severity')).toBe('orange');
    await pickFilter(page, 'town', '天目山镇');
    await waitForCount(rows(page), 1);
    await waitForText(rows(page).first(), /王\*\*/);
    await page.goto(`${url}/supervision/warnings`);
    await waitForCount(rows(page), 4);
  });

  it('opens a warning: model, legal basis, facts with their source rows, the case and the history', async () => {
    const code = await chen(page).getAttribute('data-code');
    await chen(page).click();
    await page.waitForURL((u) => /^\/supervision\/warnings\/\d+$/.test(u.pathname));
    redWarning = page.url();
    await waitForText(page.getByTestId('warning-code'), code!);
    await waitForText(page.getByTestId('warning-model'), new RegExp(`${LEGAL_REP}[\\s\\S]*第 1 版[\\s\\S]*民生救助`));
    await waitForText(page.getByTestId('legal-basis'), /社会救助暂行办法》第九条/);
    await waitForText(page.getByTestId('warning-facts'), /低保成员\s*陈美华[\s\S]*企业名称\s*杭州临安美华茶叶有限公司[\s\S]*注册资本\(万元\)\s*50/);
    await waitForText(page.getByTestId('warning-provenance'), /d\s*minzheng\.dibao_members\s*#\d+\s*#\d+\s*2[\s\S]*e\s*shichang\.enterprises/);
    expect(await page.getByTestId('warning-provenance').getByTestId('dataset-link').first().getAttribute('href')).toBe('/datasets/minzheng.dibao_members/batches');
    await waitForText(page.getByTestId('warning-subject'), /陈美华[\s\S]*P\d+[\s\S]*玲珑街道[\s\S]*玲珑山社区/);
    expect(await page.getByTestId('subject-link').getAttribute('href')).toMatch(/^\/persons\/P\d+$/);
    await waitForText(page.getByTestId('case-card'), /案件编号[\s\S]*案件状态\s*已派遣[\s\S]*处置单位/);
    expect(await page.getByTestId('case-link').getAttribute('href')).toMatch(/^\/dispatch\/cases\/[0-9a-f-]{36}$/);
    await waitForText(page.getByTestId('warning-history'), /产生预警 · 模型第 1 版[\s\S]*模型运行 · 运行 #1[\s\S]*派发 · 案件/);
    await snap(page, 'supervision-warning');
  });

  it('lists the rows a grouped model collected, under the dataset\'s column names', async () => {
    await page.goto(`${url}/supervision/warnings`);
    await rows(page).filter({ hasText: '赵**' }).click();
    await waitForText(page.getByTestId('warning-facts'), /死者\s*赵桂英[\s\S]*死亡日期\s*2025-03-10/);
    await waitForText(page.getByTestId('warning-aggregate'), /归集笔数\s*3/);
    const collected = page.getByTestId('warning-collected');
    await waitForCount(collected.locator('.ant-table-row'), 3);
    await waitForText(collected, /发放流水号[\s\S]*补助类别[\s\S]*发放日期[\s\S]*FF2025050001[\s\S]*高龄津贴[\s\S]*2025-05-05[\s\S]*2025-07-05/);
    expect(await collected.innerText()).not.toMatch(/2025-03-05/);
    await snap(page, 'supervision-warning-grouped');
  });

  it('records a verification: confirmed, corrected, money recovered and a rule improved', async () => {
    await page.goto(redWarning);
    const form = page.getByTestId('verify-form');
    await form.getByText('整改').click();
    await page.locator('[data-testid=verify-recovered] input, input[data-testid=verify-recovered]').fill('14760');
    await page.getByTestId('verify-rule').fill('低保年审增加企业登记信息比对');
    await page.getByTestId('verify-note').fill('已停发低保并追回 2025 年全年补助');
    await page.getByTestId('verify-submit').click();
    await waitForText(page.getByTestId('verification'), /核查属实[\s\S]*整改[\s\S]*14,760 元（1\.48 万元）[\s\S]*inspector[\s\S]*低保年审增加企业登记信息比对[\s\S]*已停发低保/);
    await expect.poll(() => page.getByTestId('warning-page').getAttribute('data-status')).toBe('confirmed');
    await waitForText(page.getByTestId('warning-history'), /登记核查[\s\S]*核查属实 · 整改 · 追缴 14,760 元 · 完善制度/);
    await snap(page, 'supervision-verified');
  });

  it('asks for an action when a warning is confirmed, and sends an open warning to dispatch', async () => {
    await page.goto(`${url}/supervision/warnings?severity=orange&town=330112116`);
    await waitForCount(rows(page), 1);
    await rows(page).first().getByTestId('warning-link').click();
    await page.getByTestId('verify-submit').click();
    await waitForText(page.getByTestId('verify-form'), '请选择处理方式');
    await page.getByTestId('dispatch-warning').click();
    await confirmPopconfirm(page);
    await expect.poll(() => page.getByTestId('warning-page').getAttribute('data-status')).toBe('dispatched');
    await page.getByTestId('case-link').waitFor();
    await waitForText(page.getByTestId('warning-history'), /派发[\s\S]*案件/);
  });

  it('shows the article\'s figures and the same by domain, model, town and month', async () => {
    await page.goto(`${url}/supervision/stats`);
    // Aggregates name nobody, so they count the official's warning too.
    await waitForText(page.getByTestId('stat-issued'), '5');
    await waitForText(page.getByTestId('stat-dispatched'), '4');
    await waitForText(page.getByTestId('stat-confirmed-rate'), '100.0%');
    await waitForText(page.getByTestId('stat-recovered'), '1.48');
    await waitForText(page.getByTestId('stat-rules'), '1');
    await page.getByTestId('stats-counts').locator('canvas').waitFor();
    await waitForText(page.getByTestId('stats-table'), /民生救助\s*5\s*4/);
    await snap(page, 'supervision-stats');
    await page.getByTestId('stats-dimension').getByText('镇街').click();
    await waitForText(page.getByTestId('stats-table'), /玲珑街道[\s\S]*天目山镇/);
    await page.getByTestId('stats-dimension').getByText('模型').click();
    await waitForText(page.getByTestId('stats-table'), new RegExp(`${LEGAL_REP}\\s*2[\\s\\S]*${SHAREHOLDER}\\s*2`));
    await snap(page, 'supervision-stats-model');
    await page.getByTestId('stats-dimension').getByText('月份').click();
    await waitForText(page.getByTestId('stats-table'), /\d{4}-\d{2}\s*5/);
  });

  it("hides the official's warning from the inspector, also by address", async () => {
    const discipline = await apiAs(url, 'discipline', server.demoPassword);
    const official = (await discipline<{ items: Array<{ id: number; official: boolean }> }>('GET', '/api/supervision/warnings')).items.find((w) => w.official)!;
    await page.goto(`${url}/supervision/warnings/${official.id}`);
    await waitForText(page.locator('.ant-alert-error'), /没有该预警或无权查看/);
  });

  it("shows the discipline inspector the official's warning", async () => {
    const { context, page: d } = await asUser('discipline', '/supervision/warnings');
    await waitForCount(rows(d), 5);
    const row = rows(d).filter({ hasText: '刘**' });
    await waitForText(row, new RegExp(`红色[\\s\\S]*${LEGAL_REP}[\\s\\S]*刘\\*\\*[\\s\\S]*公职人员[\\s\\S]*天目山镇[\\s\\S]*已派发`));
    await snap(d, 'supervision-warnings-discipline');
    await row.click();
    await waitForText(d.getByTestId('warning-subject'), /刘志强[\s\S]*公职人员/);
    // A discipline inspector has no dispatch.read: the case is named, not linked.
    await waitForText(d.getByTestId('case-card'), /案件编号/);
    expect(await d.getByTestId('case-link').count()).toBe(0);
    await snap(d, 'supervision-warning-official');
    await context.close();
  });

  it('lays a model out readably and names each problem of an edited definition by its path', async () => {
    const { context, page: d } = await asUser('discipline', '/supervision/models');
    await waitForCount(d.getByTestId('models-table').locator('.ant-table-row'), 16);
    await snap(d, 'supervision-models');
    await d.getByTestId('model-link-livelihood.dibao-legal-rep').click();
    await waitForText(d.getByTestId('model-name'), LEGAL_REP);
    // Fields read as the departments' column headers.
    await waitForText(d.getByTestId('model-sources'), /d\s*minzheng\.dibao_members\s*起始数据[\s\S]*e\s*shichang\.enterprises\s*与 d 为同一人[\s\S]*e\.经营状态 属于 “存续”、“在业”[\s\S]*e\.注册资本\(万元\) ≥ 参数 capitalWan（20）/);
    await waitForText(d.getByTestId('model-exclusions'), /cooperative[\s\S]*农民专业合作社[\s\S]*e\.统一社会信用代码 开头为 “93”/);
    await waitForText(d.getByTestId('model-severity'), /注册资本\(万元\)[\s\S]*>= 20\s*红色[\s\S]*任意\s*橙色/);
    await waitForText(d.getByTestId('model-legal-basis'), /民发〔2021〕57号/);
    await snap(d, 'supervision-model');

    await d.getByRole('tab', { name: '编辑' }).click();
    const json = d.getByTestId('model-json');
    const text = await json.inputValue();
    await json.fill(text.replace('"e.registered_capital_wan"', '"e.capital_typo"'));
    await d.getByTestId('editor-validate').click();
    await waitForText(d.getByTestId('editor-errors'), /sources\.1\.where\.1[\s\S]*capital_typo/);
    await snap(d, 'supervision-model-errors');
    await json.fill(text.replace('"severity": "orange"', '"severity": "purple"'));
    await d.getByTestId('editor-save').click();
    await waitForText(d.getByTestId('editor-errors'), /severity\.rules\.1\.severity/);
    await json.fill('{ "id": ');
    await d.getByTestId('editor-validate').click();
    await waitForText(d.getByTestId('editor-errors'), /JSON 格式有误/);
    // A real edit: a lower threshold is saved as draft v2, published, and listed in the history.
    await json.fill(text.replace('"capitalWan": 20', '"capitalWan": 10'));
    await d.getByTestId('editor-save').click();
    await waitForText(d.getByTestId('model-editor'), /正在编辑草稿（将发布为第 2 版）/);
    await snap(d, 'supervision-model-editor');
    await d.getByTestId('editor-publish').click();
    await confirmPopconfirm(d);
    await waitForText(d.getByTestId('model-version'), '第 2 版');
    await d.getByRole('tab', { name: /版本历史/ }).click();
    await waitForText(d.getByTestId('model-versions'), /第 2 版\s*当前版本\s*discipline[\s\S]*第 1 版\s*内置/);
    await context.close();
  });

  it('test-runs a definition and shows its hits, query time and evidence', async () => {
    const { context, page: d } = await asUser('discipline', '/supervision/models');
    await d.goto(`${url}/supervision/models/livelihood.dibao-shareholder?tab=edit`);
    await d.getByTestId('editor-test-run').click();
    await waitForText(d.getByTestId('test-run-total'), '2');
    await waitForText(d.getByTestId('test-run-hits'), /橙色[\s\S]*杭州临安美华茶叶有限公司/);
    await snap(d, 'supervision-test-run');
    await context.close();
  });

  it('runs a model as a job and follows it to the end', async () => {
    const { context, page: a } = await asUser('admin', '/supervision/models/livelihood.dibao-shareholder');
    await a.getByTestId('run-models-button').click();
    await confirmPopconfirm(a);
    await expect.poll(() => a.getByTestId('run-job').getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    await waitForText(a.getByTestId('run-summary'), /运行 1 个模型，命中 2 条/);
    await snap(a, 'supervision-run');
    await context.close();
  });

  it('gives a user without supervision.read no menu entry and a 403 page', async () => {
    const { context, page: an } = await asUser('analyst', '/');
    await menu(an).locator('.ant-menu-item').first().waitFor();
    expect(await menu(an).innerText()).not.toMatch(/护廉天目|监督预警|监督统计|预警模型/);
    await an.goto(`${url}/supervision/warnings`);
    await waitForText(an.locator('.ant-result'), /403[\s\S]*您没有访问此页面的权限/);
    await snap(an, 'supervision-403');
    await context.close();
    // A leader reads the figures and the models, not the warnings themselves.
    const { context: lc, page: leader } = await asUser('leader', '/');
    await waitForText(menu(leader), /护廉天目[\s\S]*监督统计[\s\S]*预警模型/);
    expect(await menu(leader).innerText()).not.toMatch(/监督预警/);
    await lc.close();
  });

  it('reads in English', async () => {
    await page.evaluate(() => localStorage.setItem('tianmu.lang', 'en'));
    await page.goto(redWarning);
    await waitForText(page.getByTestId('warning-model'), /Minimum-allowance member is an enterprise's legal representative[\s\S]*v1[\s\S]*Social assistance/);
    await waitForText(page.getByTestId('warning-facts'), /Capital \(10k yuan\)\s*50/);
    await waitForText(page.getByTestId('verification'), /Confirmed[\s\S]*Correction/);
    await snap(page, 'supervision-warning-en');
    await page.evaluate(() => localStorage.setItem('tianmu.lang', 'zh-CN'));
  });

  it('fits a phone: the list and the warning scroll their tables, not the page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true });
    context.setDefaultTimeout(20_000);
    const phone = await context.newPage();
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await login(phone, url, 'inspector', server.demoPassword, '/supervision/warnings');
    await waitForCount(rows(phone), 4);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.goto(redWarning);
    await waitForText(phone.getByTestId('verification'), /核查属实/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(phone, 'supervision-warning-phone');
    await context.close();
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
