/**
 * 公安局 户籍人口: one row per living registered resident, household by household. The
 * authoritative register and nearly clean; GBK, because the police system exports that way.
 * 婚姻状况 is updated only when someone asks, so a few rows still show the status before a
 * divorce, a death or a wedding (decided with the marriage histories).
 */
import { isoDate } from '../dates.js';
import { DIRT, Planter, type DirtLabel } from '../dirt.js';
import { makeTraditionalizer, toFullWidth } from '../mutations.js';
import { ETHNICITIES, MALE, MARITAL, RELATIONS } from '../people.js';
import type { Population } from '../population.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['姓名', '身份证号', '性别', '出生日期', '民族', '户号', '与户主关系', '户籍地址', '村社区代码', '婚姻状况', '联系电话'];

export const householdRegistry: DepartmentFileWriter = {
  dataset: 'gongan.household_registry',
  department: '公安局',
  title: '户籍人口',
  async write(pop, ctx) {
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '户籍人口信息（在册），按户排列。GBK 编码。',
        header: HEADER,
        format: 'csv',
        encoding: 'gbk',
        expected: pop.people.count,
      },
      rows(pop, ctx),
    );
  },
};

function* rows(pop: Population, ctx: WriterContext): Generator<SourceRow> {
  const { people, households, district } = pop;
  const rng = ctx.rng('gongan.household_registry');
  const rates = DIRT.householdRegistry;
  const trad = new Planter(() => rng.next(), rates.nameTraditional);
  const traditionalName = makeTraditionalizer();
  const fullWidth = new Planter(() => rng.next(), rates.phoneFullWidth);
  const stale = pop.marriages.registryShown;
  for (let i = 0; i < people.count; i++) {
    if (people.death[i] !== 0) continue;
    const h = people.household[i];
    const dirt: DirtLabel[] = [];
    let name = people.name[i];
    if (trad.draw()) {
      const t = traditionalName(name);
      if (t) {
        name = t;
        dirt.push('name_traditional');
      } else trad.defer();
    }
    let phone = people.phone[i];
    if (fullWidth.draw()) {
      if (phone) {
        phone = toFullWidth(phone);
        dirt.push('phone_fullwidth');
      } else fullWidth.defer();
    }
    const shown = stale.get(i);
    if (shown !== undefined) dirt.push('marital_stale');
    yield {
      cells: [
        name,
        people.idNumber[i],
        people.sex[i] === MALE ? '男' : '女',
        isoDate(people.birth[i]),
        ETHNICITIES[people.ethnicity[i]],
        households.hukouNo[h],
        RELATIONS[people.relation[i]],
        households.address[h],
        district.villages[households.village[h]].code,
        MARITAL[shown ?? people.marital[i]],
        phone,
      ],
      person: i,
      dirt,
    };
  }
}
