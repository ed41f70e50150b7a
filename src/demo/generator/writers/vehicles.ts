/**
 * 交警大队 机动车登记: registered vehicles with owner, type, model and purchase price; scrapped
 * (报废) and deregistered (注销) ones stay in the register.
 */
import type { DirtLabel } from '../dirt.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'gongan.vehicles';

export const vehicles = supervisionWriter({
  dataset: DATASET,
  department: '交警大队',
  title: '机动车登记',
  description: '本区登记的机动车（含已注销、报废），号牌、所有人、车辆类型、品牌型号、购置价格。少量 15 位旧身份证号。UTF-8。',
  header: ['号牌号码', '所有人', '所有人证件号', '车辆类型', '品牌型号', '购置价格(元)', '注册日期', '状态'],
  count: (f) => f.vehicles.length,
  *rows(pop, f, ctx) {
    const dirt = new RowDirt(pop, ctx.rng(DATASET), DATASET);
    for (const v of f.vehicles) {
      const labels: DirtLabel[] = [];
      yield {
        cells: [v.no, pop.people.name[v.owner], dirt.id(v.owner, labels), v.type, v.brand, v.price, dirt.date(v.registered, labels), v.status],
        person: v.owner,
        dirt: labels,
      };
    }
  },
});
