import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { makeResidentId } from '../../src/platform/ids/index.js';
import { seededRandom } from '../../src/platform/random.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤俞章盛';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣雪琳晨梅琴云莉建国志文';
// Traditional forms of a few of the given-name characters above, for the "traditional name" dirt.
const TRAD: Record<string, string> = { 伟: '偉', 丽: '麗', 军: '軍', 艳: '艷', 杰: '傑', 涛: '濤', 华: '華', 兰: '蘭', 红: '紅', 飞: '飛', 鑫: '鑫', 龙: '龍', 国: '國', 凯: '凱', 健: '健' };
const VILLAGES = ['330112116217', '330112104201', '330112006001', '天目山镇一都村', '一都村委会', '330112108201'];

const rng = (seed: number) => seededRandom(seed);

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

export const BENCH_HEADER = ['姓名', '身份证号', '性别', '出生日期', '联系电话', '住址', '村社区', '月收入'];

/**
 * Writes `rows` person records as a department would: GBK, with realistic dirt (traditional
 * characters, full-width digits, 15-digit IDs, mixed date formats, spaced phones, amounts in 万元),
 * and, when `clean` is set, the same rows already standardised in UTF-8 (the COPY baseline's input).
 */
export async function writePersonCsv(path: string, rows: number, opts: { clean?: string; seed?: number } = {}): Promise<void> {
  const rand = rng(opts.seed ?? 7);
  const out = createWriteStream(path);
  const clean = opts.clean ? createWriteStream(opts.clean) : null;
  const write = async (s: typeof out, text: string, gbk: boolean) => {
    if (!s.write(gbk ? iconv.encode(text, 'gbk') : text)) await once(s, 'drain');
  };
  await write(out, `${BENCH_HEADER.join(',')}\n`, true);
  if (clean) await write(clean, 'name,id_number,sex,birth_date,phone,address,village,monthly_income\n', false);
  let dirty = '';
  let tidy = '';
  for (let i = 0; i < rows; i++) {
    const y = 1935 + Math.floor(rand() * 85);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    const seq = String(i % 1000).padStart(3, '0');
    const id = makeResidentId('330124', birth, seq);
    const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + (rand() < 0.7 ? GIVEN[Math.floor(rand() * GIVEN.length)] : '');
    const phone = `13${Math.floor(rand() * 10)}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    const income = Math.round(rand() * 800000) / 100;
    const r = rand();
    const dName = r < 0.01 ? [...name].map((c) => TRAD[c] ?? c).join('') : r < 0.02 ? ` ${name} ` : name;
    const dId = r > 0.98 && y < 2000 ? id.slice(0, 6) + id.slice(8, 17) : r > 0.97 ? fullWidth(id) : id;
    const dBirth = r < 0.3 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : r < 0.5 ? `${y}/${m}/${d}` : r < 0.7 ? `${y}年${m}月${d}日` : birth;
    const dPhone = r < 0.1 ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
    const dIncome = r < 0.05 ? `${(income / 10000).toFixed(6)}万元` : income.toFixed(2);
    const village = VILLAGES[i % VILLAGES.length];
    dirty += `${dName},${dId},${Number(id[16]) % 2 ? '男' : '女'},${dBirth},${dPhone},临安区天目山镇${i % 50}组${i % 97}号,${village},${dIncome}\n`;
    if (clean) tidy += `${name},${id},${Number(id[16]) % 2 ? 'M' : 'F'},${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')},${phone},临安区天目山镇${i % 50}组${i % 97}号,330112116217,${income}\n`;
    if (dirty.length > 1 << 20) {
      await write(out, dirty, true);
      dirty = '';
      if (clean) await write(clean, tidy, false);
      tidy = '';
    }
  }
  await write(out, dirty, true);
  if (clean) await write(clean, tidy, false);
  out.end();
  clean?.end();
  // finished() also resolves for a stream that finished while we waited on the other one.
  await Promise.all([finished(out), clean ? finished(clean) : null]);
}

export const BENCH_SPEC = {
  name: 'bench.persons',
  department: '公安局',
  title: '基准测试人口',
  mode: 'snapshot',
  key: ['id_number'],
  level: 'L3',
  qualityThreshold: 0.5,
  fields: [
    { column: '姓名', name: 'name', type: 'person_name', required: true },
    { column: '身份证号', name: 'id_number', type: 'resident_id', required: true },
    { column: '性别', name: 'sex', type: 'enum', values: ['男', '女'] },
    { column: '出生日期', name: 'birth_date', type: 'date' },
    { column: '联系电话', name: 'phone', type: 'phone' },
    { column: '住址', name: 'address', type: 'address' },
    { column: '村社区', name: 'village', type: 'village_code' },
    { column: '月收入', name: 'monthly_income', type: 'money' },
  ],
};
