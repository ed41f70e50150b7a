// Data for the 护廉天目 browser test, sent through the HTTP API as a bureau's systems would send it:
// a few households, the enterprise register, the shareholder list, the 低保 roster and a roster of
// officials, deaths and subsidy payments, then a full identity run and a run of three models.
// 陈美华 and the official 刘志强 are legal representatives of companies (red warnings, dispatched
// as they are raised); 陈美华 and 王小明 hold shares (orange, left open for an inspector); 赵桂英
// was paid three allowances after her death (red, a grouped warning listing the payments).
import { expect } from 'vitest';
import { demoDatasetSpecs } from '../../src/demo/datasets/index.js';
import { makeCreditCode, makeResidentId } from '../../src/platform/ids/index.js';

export const LINGLONG = '330112002001'; // 玲珑山社区
export const YIDU = '330112116217'; // 天目山镇 一都村

export const CHEN = { name: '陈美华', id: makeResidentId('330112', '19760412', '046') };
export const LIU = { name: '刘志强', id: makeResidentId('330112', '19800105', '013') };
export const WANG = { name: '王小明', id: makeResidentId('330112', '19881120', '071') };
export const ZHAO = { name: '赵桂英', id: makeResidentId('330112', '19380702', '082') };
export const TEA = { name: '杭州临安美华茶叶有限公司', code: makeCreditCode('91', '330112', 'MA2H3K5M') };
export const WOOD = { name: '杭州临安志强竹木制品有限公司', code: makeCreditCode('91', '330112', 'MA2H3K6N') };

const ADDRESS_L = '临安区玲珑街道玲珑山社区8号';
const ADDRESS_Y = '临安区天目山镇一都村12号';

const FILES: Record<string, string[][]> = {
  'gongan.household_registry': [
    ['姓名', '身份证号', '性别', '出生日期', '民族', '户号', '与户主关系', '户籍地址', '村社区代码', '婚姻状况', '联系电话'],
    [CHEN.name, CHEN.id, '女', '1976-04-12', '汉族', 'H3301120101', '户主', ADDRESS_L, LINGLONG, '已婚', '13857100011'],
    [LIU.name, LIU.id, '男', '1980-01-05', '汉族', 'H3301120102', '户主', ADDRESS_Y, YIDU, '已婚', '13857100012'],
    [WANG.name, WANG.id, '男', '1988-11-20', '汉族', 'H3301120103', '户主', ADDRESS_Y, YIDU, '未婚', '13857100013'],
    [ZHAO.name, ZHAO.id, '女', '1938-07-02', '汉族', 'H3301120104', '户主', ADDRESS_Y, YIDU, '丧偶', ''],
  ],
  'shichang.enterprises': [
    ['企业名称', '统一社会信用代码', '法定代表人', '法定代表人身份证号', '注册资本(万元)', '成立日期', '经营状态', '住所', '村社区代码'],
    [TEA.name, TEA.code, CHEN.name, CHEN.id, '50', '2016-05-01', '存续', '临安区玲珑街道工业园8号', LINGLONG],
    [WOOD.name, WOOD.code, LIU.name, LIU.id, '30', '2012-03-18', '存续', '临安区天目山镇一都村工业点', YIDU],
  ],
  'shichang.shareholders': [
    ['统一社会信用代码', '股东姓名', '股东证件号码', '认缴出资额(万元)', '出资比例'],
    [TEA.code, CHEN.name, CHEN.id, '30', '60%'],
    [TEA.code, WANG.name, WANG.id, '20', '40%'],
  ],
  'minzheng.dibao_members': [
    ['姓名', '身份证号', '与申请人关系', '户主姓名', '户主身份证号', '月补助金额', '所在镇街', '村社区', '认定日期'],
    [CHEN.name, CHEN.id, '本人', CHEN.name, CHEN.id, '1230.00', '玲珑街道', LINGLONG, '2021-03-01'],
    [LIU.name, LIU.id, '本人', LIU.name, LIU.id, '980.00', '天目山镇', YIDU, '2022-07-01'],
    [WANG.name, WANG.id, '本人', WANG.name, WANG.id, '1050.00', '天目山镇', YIDU, '2023-01-01'],
  ],
  'gongan.deaths': [
    ['姓名', '身份证号', '死亡日期', '户籍注销日期', '村社区代码'],
    [ZHAO.name, ZHAO.id, '2025-03-10', '2025-03-20', YIDU],
  ],
  // The March allowance was due; the three after her death were not.
  'minzheng.subsidy_payments': [
    ['发放流水号', '姓名', '身份证号', '补助类别', '发放镇街', '镇街代码', '发放日期', '金额(元)', '审批人', '审批人身份证号'],
    ...['03', '05', '06', '07'].map((m) => [`FF2025${m}0001`, ZHAO.name, ZHAO.id, '高龄津贴', '天目山镇', '330112116', `2025-${m}-05`, '200.00', LIU.name, LIU.id]),
  ],
  'zuzhi.officials': [
    ['姓名', '身份证号', '工作单位', '单位代码', '职务', '职级', '入职日期', '所在镇街'],
    [LIU.name, LIU.id, '杭州市临安区天目山镇人民政府', makeCreditCode('11', '330112', '00231160'), '社会事务办副主任', '四级主任科员', '2006-08-01', '330112116'],
  ],
};

export interface Api {
  <T>(method: string, path: string, body?: unknown, type?: string): Promise<T>;
}

/** Signs in over HTTP and returns a caller that sends the session cookie and the CSRF header. */
export async function apiAs(url: string, username: string, password: string): Promise<Api> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(r.status).toBe(200);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async <T>(method: string, path: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${url}${path}`, {
      method, headers: { 'x-tianmu-csrf': '1', cookie, ...(body === undefined ? {} : { 'content-type': type }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** Waits for a job with a plain loop (expect.poll works only inside a test, and this runs in beforeAll). */
export async function jobDone(api: Api, job: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const j = await api<{ status: string; error: string | null; result?: Record<string, unknown> }>('GET', `/api/jobs/${job}`);
    if (j.status === 'succeeded') return j.result ?? {};
    if (j.status === 'failed' || j.status === 'cancelled') throw new Error(`job ${job} ${j.status}: ${j.error}`);
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`job ${job} did not finish in two minutes`);
}

export const MODELS = ['livelihood.dibao-legal-rep', 'livelihood.dibao-shareholder', 'livelihood.paid-after-death'];

/** Loads the files, resolves them and runs the models, as a bureau's systems and an admin would. */
export async function seedSupervision(api: Api): Promise<void> {
  await loadFiles(api);
  const run = await api<{ id: string }>('POST', '/api/supervision/runs', { models: MODELS });
  const result = await jobDone(api, run.id);
  expect(result.totals).toMatchObject({ hits: 5, raised: 5, dispatched: 3 });
}

/** Registers and loads the datasets and resolves the files into person and enterprise files. */
async function loadFiles(api: Api): Promise<void> {
  const csv = (rows: string[][]) => rows.map((row) => row.join(',')).join('\n') + '\n';
  // demoDatasetSpecs is in registration order: the registry before the files checked against it.
  for (const spec of demoDatasetSpecs().filter((s) => s.name in FILES)) {
    await api('POST', '/api/datasets', spec);
    const up = await api<{ job: string }>('POST', `/api/datasets/${spec.name}/batches?filename=${spec.name}.csv`, csv(FILES[spec.name]), 'text/csv');
    await jobDone(api, up.job);
  }
  const run = await api<{ job: string }>('POST', '/api/identity/runs', { mode: 'full' });
  await jobDone(api, run.job);
}
