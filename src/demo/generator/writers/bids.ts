/**
 * 公共资源交易中心 投标记录: every bid on the district's tenders, with the contact the bidder gave.
 * Members of a consortium bid each have a row carrying the consortium number.
 */
import { isoDate } from '../dates.js';
import { supervisionWriter } from '../supervision/table.js';

export const bids = supervisionWriter({
  dataset: 'caizheng.bids',
  department: '财政局',
  title: '投标记录',
  description: '公共资源交易中心投标记录：招标项目、投标单位及信用代码、联系电话与地址、报价、联合体编号。UTF-8。',
  header: ['投标编号', '招标项目编号', '项目名称', '投标单位', '投标单位信用代码', '联系电话', '联系地址', '投标报价(元)', '联合体编号', '投标日期'],
  count: (f) => f.bids.length,
  *rows(pop, f) {
    for (const b of f.bids) {
      const e = pop.enterprises[b.bidder];
      yield {
        cells: [b.no, b.tender.no, b.tender.name, e.name, e.creditCode, b.phone, b.address, b.amount, b.consortium, isoDate(b.tender.date)],
        enterprise: b.bidder,
      };
    }
  },
});
