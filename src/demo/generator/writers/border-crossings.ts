/**
 * 出入境管理大队 出入境记录: exits and entries of residents at the ports, with the document used.
 * Officials' trips on a service passport (公务护照) are here too.
 */
import { isoDate } from '../dates.js';
import { supervisionWriter } from '../supervision/table.js';

export const borderCrossings = supervisionWriter({
  dataset: 'gongan.border_crossings',
  department: '出入境',
  title: '出入境记录',
  description: '本区居民出入境记录：证件类型与号码、出境或入境、日期、口岸。UTF-8。',
  header: ['记录编号', '姓名', '身份证号', '证件类型', '证件号码', '出入境', '日期', '口岸'],
  count: (f) => f.crossings.length,
  *rows(pop, f) {
    for (const c of f.crossings) {
      yield {
        cells: [c.no, pop.people.name[c.person], pop.people.idNumber[c.person], c.docType, c.docNo, c.exit ? '出境' : '入境', isoDate(c.date), c.port],
        person: c.person,
      };
    }
  },
});
