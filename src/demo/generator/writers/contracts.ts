/**
 * 财政局 政府采购与工程合同: contracts of the towns and departments with the winning enterprise,
 * the amount, the approving official and whether the approver recused.
 */
import type { DirtLabel } from '../dirt.js';
import { RowDirt } from '../supervision/row-dirt.js';
import { supervisionWriter } from '../supervision/table.js';

const DATASET = 'caizheng.contracts';

export const contracts = supervisionWriter({
  dataset: DATASET,
  department: '财政局',
  title: '政府采购与工程合同',
  description: '政府采购与工程建设合同：采购单位及代码、项目、类别、采购方式、中标单位、金额、签订日期、审批人、是否回避。UTF-8。',
  header: ['合同编号', '采购单位', '单位代码', '项目名称', '类别', '采购方式', '中标单位', '中标单位信用代码', '合同金额(元)', '签订日期', '审批人', '审批人身份证号', '是否回避'],
  count: (f) => f.contracts.length,
  *rows(pop, f, ctx) {
    const dirt = new RowDirt(pop, ctx.rng(DATASET), DATASET);
    const { people, enterprises } = pop;
    for (const c of f.contracts) {
      const labels: DirtLabel[] = [];
      const unit = f.units[c.unit];
      const e = enterprises[c.contractor];
      yield {
        cells: [c.no, unit.name, unit.code, c.project, c.category, c.method, e.name, e.creditCode, c.amount, dirt.date(c.signed, labels), people.name[c.approver], people.idNumber[c.approver], c.recused ? '是' : '否'],
        enterprise: c.contractor,
        dirt: labels,
      };
    }
  },
});
