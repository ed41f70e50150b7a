/**
 * 住建局 公租房租赁: public rental housing leases, running (在租) or ended (退租), with the
 * tenant and the spouse named on the lease.
 */
import { isoDate } from '../dates.js';
import type { DirtLabel } from '../dirt.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'zhujian.rental_leases';

export const rentalLeases = supervisionWriter({
  dataset: DATASET,
  department: '住建局',
  title: '公租房租赁',
  description: '公共租赁住房租赁合同：承租人及合同上登记的配偶、房源、租期、状态、月租金。UTF-8。',
  header: ['合同编号', '承租人', '承租人身份证号', '配偶姓名', '配偶身份证号', '房源地址', '起租日期', '到期日期', '租赁状态', '月租金(元)', '村社区代码'],
  count: (f) => f.leases.length,
  *rows(pop, f, ctx) {
    const dirt = new RowDirt(pop, ctx.rng(DATASET), DATASET);
    const { people, district } = pop;
    const order = [...f.leases].sort((a, b) => a.no.localeCompare(b.no));
    for (const l of order) {
      const labels: DirtLabel[] = [];
      const spouse = l.spouse >= 0;
      yield {
        cells: [
          l.no,
          people.name[l.tenant],
          dirt.id(l.tenant, labels),
          spouse ? people.name[l.spouse] : '',
          spouse ? people.idNumber[l.spouse] : '',
          l.address,
          isoDate(l.start),
          isoDate(l.end),
          l.active ? '在租' : '退租',
          l.rent,
          district.villages[l.village].code,
        ],
        person: l.tenant,
        person2: spouse ? l.spouse : undefined,
        dirt: labels,
      };
    }
  },
});
