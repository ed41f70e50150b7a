/**
 * 出入境管理大队 出入境证件: passports and travel passes issued to residents, valid (有效) or
 * cancelled (作废: expired, lost or replaced).
 */
import { isoDate } from '../dates.js';
import { supervisionWriter } from '../supervision/table.js';

export const travelDocuments = supervisionWriter({
  dataset: 'gongan.travel_documents',
  department: '出入境',
  title: '出入境证件',
  description: '本区居民持有的普通护照、往来港澳通行证、往来台湾通行证，含已作废证件。UTF-8。',
  header: ['证件号码', '姓名', '身份证号', '证件类型', '签发日期', '有效期至', '状态'],
  count: (f) => f.documents.length,
  *rows(pop, f) {
    const order = [...f.documents].sort((a, b) => a.issued - b.issued || a.no.localeCompare(b.no));
    for (const d of order) {
      yield {
        cells: [d.no, pop.people.name[d.holder], pop.people.idNumber[d.holder], d.type, isoDate(d.issued), isoDate(d.expires), d.valid ? '有效' : '作废'],
        person: d.holder,
      };
    }
  },
});
