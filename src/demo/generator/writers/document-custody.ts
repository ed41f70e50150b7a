/**
 * 组织部 证照集中保管: officials' private travel documents handed in for safekeeping (在保管), or
 * handed back (已领取). Typed in by the 组织部's clerk.
 */
import type { DirtLabel } from '../dirt.js';
import { isoDate } from '../dates.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'zuzhi.document_custody';

export const documentCustody = supervisionWriter({
  dataset: DATASET,
  department: '组织部',
  title: '证照集中保管',
  description: '公职人员因私出入境证件集中保管登记：证件、交存日期、保管状态。UTF-8。',
  header: ['证件号码', '姓名', '身份证号', '证件类型', '交存日期', '保管状态'],
  count: (f) => f.custody.length,
  *rows(pop, f, ctx) {
    const dirt = new RowDirt(pop, ctx.rng(DATASET), DATASET);
    const order = [...f.custody].sort((a, b) => a.handedIn - b.handedIn || a.doc.no.localeCompare(b.doc.no));
    for (const c of order) {
      const labels: DirtLabel[] = [];
      yield {
        cells: [c.doc.no, dirt.name(c.doc.holder, labels), pop.people.idNumber[c.doc.holder], c.doc.type, isoDate(c.handedIn), c.held ? '在保管' : '已领取'],
        person: c.doc.holder,
        dirt: labels,
      };
    }
  },
});
