/**
 * 规划资源局（不动产登记中心）不动产登记: every registered right, current (现势) or cancelled
 * (注销), one certificate a row. Some 登记日期 were typed by hand as 2016/3/2 or 2016年3月2日.
 */
import type { DirtLabel } from '../dirt.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'guotu.real_estate';

export const realEstate = supervisionWriter({
  dataset: DATASET,
  department: '规划资源局',
  title: '不动产登记',
  description: '不动产权利登记（住宅、商业、办公、工业、车位），含已注销的权利。少量 15 位旧身份证号、繁体姓名与手写日期。UTF-8。',
  header: ['不动产权证号', '权利人', '权利人证件号', '坐落', '用途', '建筑面积(㎡)', '取得方式', '登记日期', '权属状态', '村社区代码'],
  count: (f) => f.properties.length,
  *rows(pop, f, ctx) {
    const dirt = new RowDirt(pop, ctx.rng(DATASET), DATASET);
    const villages = pop.district.villages;
    for (const p of f.properties) {
      const labels: DirtLabel[] = [];
      yield {
        cells: [
          p.no,
          dirt.name(p.owner, labels),
          dirt.id(p.owner, labels),
          p.address,
          p.usage,
          p.area.toFixed(2),
          p.acquired,
          dirt.date(p.registered, labels),
          p.current ? '现势' : '注销',
          villages[p.village].code,
        ],
        person: p.owner,
        dirt: labels,
      };
    }
  },
});
