/**
 * 人社局 社保参保人员: the insured, from a system that has run since the 1990s and been fed by
 * many hands. Old 15-digit IDs, mistyped digits, homophone slips in names, full-width and
 * invisible characters, Excel serial dates and duplicated rows — each recorded in the truth.
 * Encoded as GB18030 (GBK-compatible): zero-width spaces do not exist in GBK.
 */
import { chineseYearMonth, dayOf, dotYearMonth, excelSerial, yearOf, ymd } from '../dates.js';
import { DIRT, Planter, type DirtLabel } from '../dirt.js';
import { Homophones, straySpace, toFullWidth, toId15, wrongDigit, zeroWidth } from '../mutations.js';
import { INSURANCE } from '../people.js';
import type { Population } from '../population.js';
import type { Rng } from '../rng.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['姓名', '公民身份号码', '出生年月', '手机号', '单位名称', '单位信用代码', '参保状态'];

export const socialInsurance: DepartmentFileWriter = {
  dataset: 'renshe.social_insurance',
  department: '人社局',
  title: '社保参保人员',
  async write(pop, ctx) {
    const insured: number[] = [];
    for (let i = 0; i < pop.people.count; i++) if (pop.people.insurance[i] !== 0) insured.push(i);
    // Exported in the system's own order, not the register's.
    const order = ctx.rng('renshe.social_insurance.order').shuffle(Int32Array.from(insured));
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '养老保险参保人员名单。含旧 15 位身份证号、错号、同音错字、全角与不可见字符、Excel 序列号日期、重复行。GB18030（兼容 GBK）。',
        header: HEADER,
        format: 'csv',
        encoding: 'gb18030',
        expected: order.length,
      },
      rows(pop, ctx, order),
    );
  },
};

function* rows(pop: Population, ctx: WriterContext, order: Int32Array): Generator<SourceRow> {
  const { people, enterprises } = pop;
  const rng = ctx.rng('renshe.social_insurance');
  const rates = DIRT.socialInsurance;
  const draw = () => rng.next();
  const homophones = new Homophones();
  const typo = new Planter(draw, rates.nameTypo);
  const fullWidth = new Planter(draw, rates.fullWidth);
  const space = new Planter(draw, rates.straySpace);
  const zw = new Planter(draw, rates.zeroWidth);
  const phoneMissing = new Planter(draw, rates.phoneMissing);
  const bornBefore2000 = dayOf(2000, 1, 1);

  for (const i of order) {
    const dirt: DirtLabel[] = [];
    let name = people.name[i];
    let id = people.idNumber[i];
    let phone = people.phone[i];
    if (typo.draw()) {
      const t = homophones.typo(rng, name);
      if (t) {
        name = t;
        dirt.push('name_typo');
      } else typo.defer();
    }
    if (rng.chance(rates.idMissing)) {
      id = '';
      dirt.push('id_missing');
    } else if (people.birth[i] < bornBefore2000 && rng.chance(rates.id15)) {
      id = toId15(id);
      dirt.push('id15');
    } else if (rng.chance(rates.idDigit)) {
      id = wrongDigit(rng, id);
      dirt.push('id_digit');
    }
    if (phone && phoneMissing.draw()) {
      phone = '';
      dirt.push('phone_missing');
    }
    if (fullWidth.draw()) {
      if (id && (!phone || rng.chance(0.6))) {
        id = toFullWidth(id);
        dirt.push('id_fullwidth');
      } else if (phone) {
        phone = toFullWidth(phone);
        dirt.push('phone_fullwidth');
      } else fullWidth.defer();
    }
    if (space.draw()) {
      [name, id] = intoNameOrId(rng, name, id, straySpace, dirt, 'name_space', 'id_space');
    }
    if (zw.draw()) {
      [name, id] = intoNameOrId(rng, name, id, zeroWidth, dirt, 'name_zero_width', 'id_zero_width');
    }
    const employer = people.employer[i] >= 0 ? enterprises[people.employer[i]] : undefined;
    const cells = [
      name,
      id,
      birthMonth(rng, people.birth[i], dirt),
      phone,
      employer?.name ?? '',
      employer?.creditCode ?? '',
      INSURANCE[people.insurance[i]],
    ];
    yield { cells, person: i, dirt };
    if (rng.chance(rates.duplicate)) yield { cells, person: i, dirt: [...dirt, 'duplicate'] };
  }
}

function intoNameOrId(
  rng: Rng,
  name: string,
  id: string,
  mutate: (rng: Rng, s: string) => string,
  dirt: DirtLabel[],
  nameLabel: DirtLabel,
  idLabel: DirtLabel,
): [string, string] {
  if (id && rng.chance(0.4)) {
    dirt.push(idLabel);
    return [name, mutate(rng, id)];
  }
  dirt.push(nameLabel);
  return [mutate(rng, name), id];
}

function birthMonth(rng: Rng, birth: number, dirt: DirtLabel[]): string {
  const { birthChinese, birthSerial } = DIRT.socialInsurance;
  const r = rng.next();
  if (r < birthSerial) {
    dirt.push('birth_serial');
    const { m } = ymd(birth);
    return String(excelSerial(dayOf(yearOf(birth), m, 1)));
  }
  if (r < birthSerial + birthChinese) {
    dirt.push('birth_chinese');
    return chineseYearMonth(birth);
  }
  return dotYearMonth(birth);
}
