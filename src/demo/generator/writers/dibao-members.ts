/**
 * 民政局 低保家庭成员: members of households on minimum living allowance, one row each. Clerks
 * write the village as they say it (一都村, 一都) rather than its registered name, and amounts as
 * they like. Members who died after approval are often still listed: the file is reviewed yearly.
 */
import { isoDate } from '../dates.js';
import { DIRT, Planter, type DirtLabel } from '../dirt.js';
import { RELATIONS } from '../people.js';
import type { Population } from '../population.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['姓名', '身份证号', '与申请人关系', '户主姓名', '户主身份证号', '月补助金额', '所在镇街', '村社区', '认定日期'];

export const dibaoMembers: DepartmentFileWriter = {
  dataset: 'minzheng.dibao_members',
  department: '民政局',
  title: '低保家庭成员',
  async write(pop, ctx) {
    let expected = 0;
    for (let h = 0; h < pop.households.count; h++) if (pop.households.dibaoSince[h]) expected += pop.households.size[h];
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '最低生活保障家庭成员名单。村社区写村名（未必带“村委会”），金额格式不一。UTF-8 带 BOM。',
        header: HEADER,
        format: 'csv',
        encoding: 'utf8',
        bom: true,
        expected,
      },
      rows(pop, ctx),
    );
  },
};

function* rows(pop: Population, ctx: WriterContext): Generator<SourceRow> {
  const { people, households, district } = pop;
  const rng = ctx.rng('minzheng.dibao_members');
  const rates = DIRT.dibao;
  const comma = new Planter(() => rng.next(), rates.amountComma);
  for (let h = 0; h < households.count; h++) {
    const since = households.dibaoSince[h];
    if (!since) continue;
    const head = households.head[h];
    const village = district.villages[households.village[h]];
    for (let i = households.first[h]; i < households.first[h] + households.size[h]; i++) {
      if (people.death[i] !== 0 && people.death[i] < since) continue;
      const dirt: DirtLabel[] = [];
      const amount = households.dibaoAmount[h];
      let money = String(amount);
      if (rng.chance(rates.amountWan)) {
        money = `${amount / 10_000}万元`;
        dirt.push('amount_wan');
      } else if (comma.draw()) {
        if (amount >= 1000) {
          money = amount.toLocaleString('en-US', { minimumFractionDigits: 2 });
          dirt.push('amount_comma');
        } else comma.defer();
      }
      let place = village.name;
      const r = rng.next();
      if (r < rates.villageBare && village.bareName !== village.shortName) {
        place = village.bareName;
        dirt.push('village_bare');
      } else if (r >= rates.villageBare && r < rates.villageBare + rates.villageShort && village.shortName !== village.name) {
        place = village.shortName;
        dirt.push('village_short');
      }
      yield {
        cells: [
          people.name[i],
          people.idNumber[i],
          i === head ? '本人' : RELATIONS[people.relation[i]],
          people.name[head],
          people.idNumber[head],
          money,
          village.town.name,
          place,
          isoDate(since),
        ],
        person: i,
        dirt,
      };
    }
  }
}
