/**
 * 民政局 社会救助资金发放: six months of monthly payments (paid on the 10th) by the recipient's
 * town, each naming the 民政 official who approved the recipient. Exported from the payment
 * system, so clean.
 */
import { isoDate } from '../dates.js';
import { supervisionWriter } from '../supervision/table.js';

export const subsidyPayments = supervisionWriter({
  dataset: 'minzheng.subsidy_payments',
  department: '民政局',
  title: '社会救助资金发放',
  description: '近六个月低保金、特困供养金、高龄津贴、残疾人生活补贴发放明细（每月 10 日），含发放镇街与审批人。UTF-8。',
  header: ['发放流水号', '姓名', '身份证号', '补助类别', '发放镇街', '镇街代码', '发放日期', '金额(元)', '审批人', '审批人身份证号'],
  count: (f) => f.payments.length,
  *rows(pop, f) {
    const { people } = pop;
    for (const p of f.payments) {
      yield {
        cells: [p.no, people.name[p.recipient], people.idNumber[p.recipient], p.type, p.town.name, p.town.code, isoDate(p.paid), p.amount, people.name[p.approver], people.idNumber[p.approver]],
        person: p.recipient,
      };
    }
  },
});
