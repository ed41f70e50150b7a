/**
 * 组织部 因私出国(境)审批: approvals of officials' private trips abroad, with the approved
 * window. Dates are often typed by hand (2024/5/1, 2024年5月1日), one style per row.
 */
import { chineseDate, isoDate, slashDate } from '../dates.js';
import type { DirtLabel } from '../dirt.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'zuzhi.exit_approvals';

export const exitApprovals = supervisionWriter({
  dataset: DATASET,
  department: '组织部',
  title: '因私出国(境)审批',
  description: '公职人员因私出国（境）审批：前往国家（地区）与批准的出境、返回日期。日期写法不一。UTF-8。',
  header: ['审批编号', '姓名', '身份证号', '前往国家(地区)', '批准出境日期', '批准返回日期'],
  count: (f) => f.approvals.length,
  *rows(pop, f, ctx) {
    const dirt = new RowDirt(pop, ctx.rng(DATASET), DATASET);
    for (const a of f.approvals) {
      const labels: DirtLabel[] = [];
      const from = dirt.date(a.from, labels);
      yield {
        cells: [a.no, pop.people.name[a.person], pop.people.idNumber[a.person], a.destination, from, sameStyle(a.to, labels)],
        person: a.person,
        dirt: labels,
      };
    }
  },
});

/** The return date typed the way the clerk typed the departure. */
function sameStyle(day: number, labels: DirtLabel[]): string {
  return labels.includes('date_slash') ? slashDate(day) : labels.includes('date_chinese') ? chineseDate(day) : isoDate(day);
}
