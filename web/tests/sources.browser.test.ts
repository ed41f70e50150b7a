// The sources page in Chromium: a steward adds a scheduled pull from a department's PostgreSQL,
// sees the server name a bad field, pulls now and follows the batch to its end.
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIBAO_SPEC, person } from '../../src/ingest/testing/fixtures.js';
import { startTestServer } from '../../src/platform/testing/test-server.js';
import { dumpOnFailure, launchBrowser, login, newConsole, pick, registerContract, shot, waitForText } from './browser-support.js';

// The department database is a table on the test PostgreSQL server.
const SOURCE_URL = process.env.TEST_DATABASE_URL;
if (!SOURCE_URL && process.env.CI) throw new Error('CI is set but TEST_DATABASE_URL is not: the sources page test needs a PostgreSQL to pull from');
const TABLE = `dept_dibao_page_${process.pid}`;

describe.skipIf(!SOURCE_URL)('sources page in Chromium', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let page: Page;
  let src: pg.Client;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    src = new pg.Client({ connectionString: SOURCE_URL });
    await src.connect();
    await src.query(`DROP TABLE IF EXISTS ${TABLE}; CREATE TABLE ${TABLE} (姓名 text, 身份证号 text, 月补助金额 numeric)`);
    for (let i = 0; i < 12; i++) await src.query(`INSERT INTO ${TABLE} VALUES ($1, $2, $3)`, [`张${i}`, person(300 + i).id, 100 + i]);
    server = await startTestServer();
    await registerContract(server, DIBAO_SPEC);
    browser = await launchBrowser();
    admin = await newConsole(browser, pageErrors);
    page = admin.page;
  });
  beforeEach((ctx) => dumpOnFailure(ctx, page));
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await src?.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await src?.end();
  });

  it('adds a pull, naming a bad query under its field, and never shows the URL again', async () => {
    await login(page, server.url, server.adminUser, server.adminPassword, '/sources');
    await page.getByTestId('add-source').click();
    await page.locator('#source_name').fill('minzheng-db');
    await pick(page, 'source_dataset', '低保家庭成员');
    await page.locator('#source_url').fill(SOURCE_URL!);
    await page.locator('#source_query').fill(`DELETE FROM ${TABLE}`);
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForText(page.locator('.ant-modal:visible .ant-form-item-explain-error'), /one SELECT/);
    await shot(page, 'sources-bad-query');
    await page.locator('#source_query').fill(`SELECT 姓名, 身份证号, 月补助金额 FROM ${TABLE}`);
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForText(page.getByTestId('sources-table'), /minzheng-db[\s\S]*minzheng\.dibao_members[\s\S]*每 1440 分钟/);
    expect(await page.getByTestId('sources-table').innerText()).not.toContain(SOURCE_URL!.split('@').pop()!);
    expect((await src.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0].n).toBe(12);
  });

  it('pulls now and shows the batch it published', async () => {
    await page.getByTestId('run-minzheng-db').click();
    await waitForText(page.getByTestId('source-batch-minzheng-db'), /#1[\s\S]*已发布/);
    await shot(page, 'sources');
    await page.getByTestId('source-batch-minzheng-db').locator('a').click();
    await page.waitForURL((u) => u.pathname === `/datasets/${DIBAO_SPEC.name}/batches`);
    await waitForText(page.getByTestId('batches-table'), /#1[\s\S]*已发布[\s\S]*minzheng-db\.ndjson/);
  });

  it('pauses the schedule and resumes it', async () => {
    await page.goBack();
    await page.getByTestId('enabled-minzheng-db').click();
    await waitForText(page.getByTestId('sources-table'), /下次 已停用/);
    await shot(page, 'sources-paused');
    await page.getByTestId('enabled-minzheng-db').click();
    await waitForText(page.getByTestId('sources-table'), /下次 \d{4}-\d{2}-\d{2}/);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
