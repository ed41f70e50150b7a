// The identity pages in Chromium against the real server: a small family, a clinic record, a
// company and a marriage that ended go through ingest and a full resolution run, then the console
// searches, opens the files, reviews a pair, settles a marriage conflict and starts a run.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoDatasetSpecs } from '../../src/demo/datasets/index.js';
import { makeCreditCode, makeResidentId } from '../../src/platform/ids/index.js';
import { startTestServer } from '../../src/platform/testing/test-server.js';
import { dumpOnFailure, launchBrowser, login, newConsole, shot, waitForCount, waitForText } from './browser-support.js';

const VILLAGE = '330112002001'; // 玲珑山社区
const HEAD = { name: '张建国', id: makeResidentId('330112', '19700315', '131') };
const WIFE = { name: '李秀英', id: makeResidentId('330112', '19720608', '242') };
const SON = { name: '张伟', id: makeResidentId('330112', '19950920', '151') };
const BRIDE = { name: '王芳', id: makeResidentId('330112', '19960412', '262') };
const CREDIT = makeCreditCode('91', '330112', 'MA2H3K4L');
const COMPANY = '杭州临安建国竹木制品有限公司';
const ADDRESS = '临安区玲珑街道玲珑山社区1号';
/** The pre-1999 form of an ID: no century, no check digit. */
const old15 = (id: string) => id.slice(0, 6) + id.slice(8, 17);

const FILES: Record<string, string[][]> = {
  'gongan.household_registry': [
    ['姓名', '身份证号', '性别', '出生日期', '民族', '户号', '与户主关系', '户籍地址', '村社区代码', '婚姻状况', '联系电话'],
    [HEAD.name, HEAD.id, '男', '1970-03-15', '汉族', 'H3301120001', '户主', ADDRESS, VILLAGE, '已婚', '13857100001'],
    [WIFE.name, WIFE.id, '女', '1972-06-08', '汉族', 'H3301120001', '配偶', ADDRESS, VILLAGE, '已婚', '13857100002'],
    // Not updated after the son's divorce: the marriage library must notice.
    [SON.name, SON.id, '男', '1995-09-20', '汉族', 'H3301120001', '子', ADDRESS, VILLAGE, '已婚', ''],
  ],
  'shichang.enterprises': [
    ['企业名称', '统一社会信用代码', '法定代表人', '法定代表人身份证号', '注册资本(万元)', '成立日期', '经营状态', '住所', '村社区代码'],
    [COMPANY, CREDIT, HEAD.name, HEAD.id, '200', '2008-04-01', '存续', '临安区玲珑街道工业园2号', VILLAGE],
  ],
  'shichang.shareholders': [
    ['统一社会信用代码', '股东姓名', '股东证件号码', '认缴出资额(万元)', '出资比例'],
    [CREDIT, HEAD.name, HEAD.id, '140', '70%'],
    [CREDIT, WIFE.name, WIFE.id, '60', '30%'],
  ],
  'weijian.health_records': [
    ['档案编号', '姓名', '身份证号', '性别', '出生日期', '联系电话', '现住址', '责任医生', '建档日期', '慢病标签'],
    // The clinic typed a homophone of the name (健 for 建) and the old 15-digit ID.
    ['33011200200100001', '张健国', old15(HEAD.id), '男', '1970-03-15', '13857100001', '玲珑山社区1号', '陈医生', '2015-06-01', '高血压'],
  ],
  'minzheng.marriage_registrations': [
    ['业务类型', '证字号', '登记日期', '男方姓名', '男方身份证号', '男方婚姻状况', '女方姓名', '女方身份证号', '女方婚姻状况', '登记机关', '登记机关代码'],
    ['结婚登记', 'J330112-1993-000101', '1993-10-01', HEAD.name, HEAD.id, '未婚', WIFE.name, WIFE.id, '未婚', '临安县民政局', '330112'],
    ['结婚登记', 'J330112-2018-000520', '2018-05-20', SON.name, SON.id, '未婚', BRIDE.name, BRIDE.id, '未婚', '临安区民政局', '330112'],
    ['离婚登记', 'L330112-2021-000901', '2021-09-01', SON.name, SON.id, '', BRIDE.name, BRIDE.id, '', '临安区民政局', '330112'],
  ],
};

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let page: Page;
const pageErrors: string[] = [];

/** Contracts, files and a full resolution run through the HTTP API, as a bureau's systems would send them. */
async function seed(): Promise<void> {
  const r = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: server.adminUser, password: server.adminPassword }) });
  expect(r.status).toBe(200);
  const h = { 'x-tianmu-csrf': '1', cookie: r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
  // expect.poll works only inside a test, so the wait for each job is a plain loop.
  const succeeded = async (job: string) => {
    for (let i = 0; i < 300; i++) {
      const j = (await (await fetch(`${server.url}/api/jobs/${job}`, { headers: h })).json()) as { status: string; error: string | null };
      if (j.status === 'succeeded') return;
      if (j.status === 'failed' || j.status === 'cancelled') throw new Error(`job ${job} ${j.status}: ${j.error}`);
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error(`job ${job} did not finish in a minute`);
  };
  const csv = (rows: string[][]) => rows.map((row) => row.join(',')).join('\n') + '\n';
  // demoDatasetSpecs is in registration order: the registry before the files checked against it.
  for (const spec of demoDatasetSpecs().filter((s) => s.name in FILES)) {
    const reg = await fetch(`${server.url}/api/datasets`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(spec) });
    expect(reg.status).toBe(201);
    const up = await fetch(`${server.url}/api/datasets/${spec.name}/batches?filename=${spec.name}.csv`, { method: 'POST', headers: { ...h, 'content-type': 'text/csv' }, body: csv(FILES[spec.name]) });
    expect(up.status).toBe(202);
    await succeeded((await up.json()).job);
  }
  const run = await fetch(`${server.url}/api/identity/runs`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'full' }) });
  expect(run.status).toBe(202);
  await succeeded((await run.json()).job);
}

const tab = (p: Page, label: string | RegExp) => p.getByRole('tab', { name: label }).click();

describe('identity pages in Chromium', () => {
  beforeEach((ctx) => dumpOnFailure(ctx, page));

  beforeAll(async () => {
    server = await startTestServer();
    await seed();
    browser = await launchBrowser();
    admin = await newConsole(browser, pageErrors);
    page = admin.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('names a malformed ID number under its input, then finds the person by ID number', async () => {
    await login(page, server.url, server.adminUser, server.adminPassword, '/persons');
    await page.locator('#idNumber').fill('3301121970');
    await page.getByTestId('person-search-submit').click();
    await waitForText(page.locator('.ant-form-item-has-error'), /身份证号格式不正确/);
    await page.locator('#idNumber').fill(HEAD.id);
    await page.getByTestId('person-search-submit').click();
    const rows = page.getByTestId('person-results').locator('.ant-table-row');
    await waitForCount(rows, 1);
    await waitForText(rows.first(), /张建国[\s\S]*330112\*{8}1314[\s\S]*1970-03-15[\s\S]*玲珑山社区[\s\S]*5/);
    await shot(page, 'identity-search');
  });

  it('opens the file: golden record with rules and sources, every source record, facets', async () => {
    await page.getByTestId('person-results').locator('[data-testid^=person-hit-]').click();
    await page.waitForURL((u) => /^\/persons\/P\d+$/.test(u.pathname));
    await waitForText(page.getByTestId('person-name'), HEAD.name);
    await waitForText(page.getByTestId('person-header'), /330112\*{8}1314[\s\S]*1970-03-15[\s\S]*玲珑山社区[\s\S]*有效[\s\S]*来源记录 5 条/);
    const golden = page.getByTestId('golden-table');
    await waitForText(golden, /姓名[\s\S]*张建国[\s\S]*可信来源优先[\s\S]*gongan\.household_registry #1:2/);
    await waitForText(golden.locator('td[data-field=phone]'), '138****0001');
    // ID numbers and phones are kept as keyed hashes; none may reach the screen.
    expect(await page.locator('body').innerText()).not.toMatch(/[0-9a-f]{64}/);
    await shot(page, 'identity-file');

    await tab(page, /来源记录/);
    await waitForCount(page.getByTestId('records-table').locator('.ant-table-row'), 5);
    await waitForText(page.getByTestId('records-table'), /健康档案\s+张健国/);
    await shot(page, 'identity-records');

    // Why the clinic's 张健国 was put in this file: pick the registry row and the clinic row.
    const records = page.getByTestId('records-table').locator('.ant-table-row');
    await records.nth(0).locator('.ant-checkbox-input').check();
    await records.nth(1).locator('.ant-checkbox-input').check();
    await page.getByTestId('explain-picked').click();
    await waitForText(page.getByTestId('explain-pair'), /姓名[\s\S]*张建国[\s\S]*张健国[\s\S]*同音/);
    await page.locator('[data-testid=explain-pair] [data-testid=waterfall-chart] canvas').waitFor();
    await shot(page, 'identity-explain');
    await page.locator('.ant-modal:visible .ant-modal-close').click();

    await tab(page, /专题/);
    await waitForText(page.getByTestId('facet-health'), /健康档案[\s\S]*高血压[\s\S]*陈医生/);
  });

  it('follows the household to the son and shows his marriage, divorce and the stale registry', async () => {
    await tab(page, /家庭成员/);
    await waitForText(page.getByTestId('household-table'), /李秀英[\s\S]*配偶[\s\S]*张伟[\s\S]*子/);
    await page.getByTestId('household-table').getByRole('link', { name: SON.name }).click();
    await waitForText(page.getByTestId('person-name'), SON.name);
    await tab(page, '婚姻');
    await waitForText(page.getByTestId('marriage-timeline'), /2018-05-20[\s\S]*结婚登记[\s\S]*王芳[\s\S]*临安区民政局[\s\S]*2021-09-01[\s\S]*婚姻解除[\s\S]*协议离婚登记/);
    await waitForText(page.getByTestId('marital-status'), '离婚');
    await waitForText(page.getByTestId('marital-confidence'), '75%');
    await waitForText(page.getByTestId('marriage-conflicts'), /户籍婚姻状况过时[\s\S]*户籍登记为已婚/);
    expect(await page.getByTestId('marriage-timeline').getByTestId('source-tag').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'identity-marriage');
  });

  it('opens the enterprise from the head of household', async () => {
    await page.goBack();
    await waitForText(page.getByTestId('person-name'), HEAD.name);
    await tab(page, /关联企业/);
    await waitForText(page.getByTestId('enterprises-table'), /法定代表人[\s\S]*股东[\s\S]*70%/);
    await page.getByTestId('enterprises-table').locator('[data-testid^=enterprise-link-]').first().click();
    await waitForText(page.getByTestId('enterprise-name'), COMPANY);
    await waitForText(page.getByTestId('enterprise-registration'), new RegExp(`${CREDIT}[\\s\\S]*玲珑山社区[\\s\\S]*存续`));
    await waitForText(page.getByTestId('legal-reps'), /张建国/);
    await waitForCount(page.getByTestId('shareholders').locator('.ant-table-row'), 2);
    await shot(page, 'identity-enterprise');
  });

  it('reviews an uncertain pair with its waterfall, and the decided pair leaves the open list', async () => {
    await page.goto(`${server.url}/identity/reviews`);
    const rows = page.getByTestId('review-list').locator('.ant-table-row');
    await expect.poll(async () => (await rows.count()) + (await page.getByTestId('review-empty').count()), { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await rows.count();
    if (before === 0) {
      await page.getByTestId('review-empty').waitFor();
      await shot(page, 'identity-reviews');
      return;
    }
    await page.locator('[data-testid=waterfall-chart] canvas').waitFor();
    await waitForText(page.getByTestId('waterfall-probability'), /匹配概率 \d+\.\d%/);
    await waitForText(page.getByTestId('pair-fields'), /身份证号[\s\S]*完全一致/);
    await shot(page, 'identity-reviews');
    await page.getByTestId('review-note').fill('同一身份证号，系同一人');
    await page.getByTestId('decide-same').click();
    await waitForCount(rows, before - 1);
  });

  it('counts marriage conflicts by kind and dismisses one', async () => {
    await page.goto(`${server.url}/identity/marriage-conflicts`);
    await waitForText(page.getByTestId('conflict-count-registry_status_stale'), /户籍婚姻状况过时\s*1/);
    const table = page.getByTestId('conflicts-table');
    await waitForCount(table.locator('.ant-table-row'), 1);
    await waitForText(table, /张伟[\s\S]*户籍婚姻状况过时[\s\S]*户籍登记为已婚，婚姻记录显示离婚/);
    await shot(page, 'identity-conflicts');
    await table.locator('[data-testid^=dismiss-]').click();
    await page.getByTestId('settle-note').fill('已通知派出所更新户籍婚姻状况');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForCount(table.locator('.ant-table-row'), 0);
  });

  it('lists the full run with its counts and follows an incremental run to the end', async () => {
    await page.goto(`${server.url}/identity/runs`);
    const table = page.getByTestId('runs-table');
    await waitForCount(table.locator('.ant-table-row'), 1);
    await waitForText(table.locator('.ant-table-row').first(), /#1[\s\S]*全量[\s\S]*已完成[\s\S]*13[\s\S]*4/);
    await page.getByTestId('run-incremental').click();
    await expect.poll(() => page.getByTestId('run-job').getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    await waitForText(page.getByTestId('run-summary'), /新建档案 0 · 合并 0 · 拆分 0/);
    await waitForCount(table.locator('.ant-table-row'), 2);
    await waitForText(table.locator('.ant-table-row').first(), /#2[\s\S]*增量[\s\S]*已完成/);
    await shot(page, 'identity-runs');
  });

  it('fits a phone: the file scrolls its tables, not the page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true });
    const phone = await context.newPage();
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await login(phone, server.url, server.adminUser, server.adminPassword, '/persons');
    await phone.locator('#idNumber').fill(HEAD.id);
    await phone.getByTestId('person-search-submit').click();
    await phone.getByTestId('person-results').locator('[data-testid^=person-hit-]').click();
    await waitForText(phone.getByTestId('golden-table'), /张建国/);
    await tab(phone, /来源记录/);
    await waitForCount(phone.getByTestId('records-table').locator('.ant-table-row'), 5);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'identity-file-phone');
    await phone.goto(`${server.url}/identity/reviews`);
    await phone.getByTestId('review-detail').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'identity-reviews-phone');
    await context.close();
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
