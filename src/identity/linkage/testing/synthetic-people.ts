/**
 * Synthetic person records with known duplicates, for the speed benchmark and tests: Chinese names
 * with a realistic skew (many 王伟), resident IDs, dates, phones, addresses, and duplicates carrying
 * the mistakes department files carry (homophone characters, traditional forms, 15-digit IDs, one
 * wrong digit, day and month swapped, missing values).
 */
import { makeResidentId } from '../../../platform/ids/index.js';
import { seededRandom } from '../../../platform/random.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤俞章盛';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣雪琳晨梅琴云莉建国志文';
// Characters a pinyin input method offers for the same sound.
const HOMOPHONES: Record<string, string> = { 伟: '玮', 芳: '方', 丽: '莉', 强: '蔷', 军: '君', 杰: '洁', 涛: '韬', 明: '铭', 华: '桦', 玉: '钰', 红: '虹', 飞: '菲', 波: '博', 宇: '雨', 浩: '昊', 俊: '骏', 林: '琳', 欣: '昕', 静: '婧', 敏: '珉' };
const TRADITIONAL: Record<string, string> = { 伟: '偉', 丽: '麗', 军: '軍', 艳: '艷', 杰: '傑', 涛: '濤', 华: '華', 兰: '蘭', 红: '紅', 飞: '飛', 龙: '龍', 国: '國', 凯: '凱', 刘: '劉', 陈: '陳', 杨: '楊', 黄: '黃', 赵: '趙', 吴: '吳', 张: '張' };
const ROADS = ['人民路', '钱王大街', '城中街', '锦城街道', '天目山镇', '於潜镇', '太湖源镇', '玲珑街道', '青山湖街道', '锦北街道'];

export interface SyntheticPerson {
  rec_id: string;
  name: string;
  id_number: string;
  birth_date: string;
  phone: string;
  address: string;
  sex: string;
  /** The true entity: equal for records of one person. */
  entity: string;
}

export interface SyntheticOptions {
  seed?: number;
  /** Share of people who appear more than once (default 0.3). */
  duplicateShare?: number;
}

export const SYNTHETIC_CONFIG = {
  id: 'rec_id',
  fields: [
    { column: 'name', type: 'chinese_name' },
    { column: 'id_number', type: 'id_number' },
    { column: 'birth_date', type: 'date' },
    { column: 'phone', type: 'phone' },
    { column: 'address', type: 'address' },
    { column: 'sex', type: 'exact' },
  ],
  blocking: [['id_number'], ['name', 'birth_date'], ['phone']],
} as const;

/** `count` records; people are drawn until the count is reached. */
export function syntheticPeople(count: number, o: SyntheticOptions = {}): SyntheticPerson[] {
  const rand = seededRandom(o.seed ?? 1);
  const pick = <T>(s: ArrayLike<T>, skew = 1) => s[Math.floor(rand() ** skew * s.length)];
  const out: SyntheticPerson[] = [];
  let person = 0;
  while (out.length < count) {
    const y = 1935 + Math.floor(rand() * 85);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const birth = `${y}${pad(m)}${pad(d)}`;
    const male = rand() < 0.5;
    const seq = pad(Math.floor(rand() * 50), 2) + (male ? pick('13579') : pick('02468'));
    const base: SyntheticPerson = {
      rec_id: '',
      // Squaring the draw skews towards the first surnames and characters, as real names are skewed.
      name: pick(SURNAMES, 2.5) + pick(GIVEN, 2) + (rand() < 0.6 ? pick(GIVEN, 2) : ''),
      id_number: makeResidentId(`3301${pad(10 + Math.floor(rand() * 20))}`, birth, seq),
      birth_date: `${y}-${pad(m)}-${pad(d)}`,
      phone: `1${pick('3578')}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
      address: `杭州市临安区${pick(ROADS)}${1 + Math.floor(rand() * 300)}号`,
      sex: male ? '男' : '女',
      entity: `p${person++}`,
    };
    const copies = rand() < (o.duplicateShare ?? 0.3) ? 2 + Math.floor(rand() * 2) : 1;
    for (let k = 0; k < copies && out.length < count; k++) {
      const r = k === 0 ? { ...base } : corrupt(base, rand);
      r.rec_id = `r${out.length}`;
      out.push(r);
    }
  }
  return out;
}

function corrupt(p: SyntheticPerson, rand: () => number): SyntheticPerson {
  const r = { ...p };
  const mistakes = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < mistakes; i++) {
    const what = Math.floor(rand() * 9);
    if (what === 0) r.name = [...r.name].map((c) => (rand() < 0.5 ? (HOMOPHONES[c] ?? c) : c)).join('');
    else if (what === 1) r.name = [...r.name].map((c) => TRADITIONAL[c] ?? c).join('');
    else if (what === 2 && r.id_number.slice(6, 8) === '19') r.id_number = r.id_number.slice(0, 6) + r.id_number.slice(8, 17);
    else if (what === 3) r.id_number = typo(r.id_number, rand);
    else if (what === 4) r.birth_date = `${r.birth_date.slice(0, 4)}-${r.birth_date.slice(8, 10)}-${r.birth_date.slice(5, 7)}`;
    else if (what === 5) r.phone = typo(r.phone, rand);
    else if (what === 6) r.phone = '';
    else if (what === 7) r.address = r.address.replace(/\d+号$/, `${1 + Math.floor(rand() * 300)}号`);
    else r.id_number = '';
  }
  return r;
}

/** One digit changed (never the first, so the number stays a plausible one). */
function typo(s: string, rand: () => number): string {
  if (s.length < 2) return s;
  const at = 1 + Math.floor(rand() * (s.length - 2));
  const digit = String((Number(s[at]) + 1 + Math.floor(rand() * 9)) % 10);
  return s.slice(0, at) + digit + s.slice(at + 1);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}
