/**
 * 组织部 公职人员信息: officials of the town governments and district departments, with the
 * unit's credit code, post, rank and the day they joined. Town staff carry the town's code.
 */
import { isoDate } from '../dates.js';
import { supervisionWriter } from '../supervision/table.js';

export const officials = supervisionWriter({
  dataset: 'zuzhi.officials',
  department: '组织部',
  title: '公职人员信息',
  description: '全区公职人员名单：工作单位（镇街、区级部门）及单位代码、职务、职级、入职日期。UTF-8。',
  header: ['姓名', '身份证号', '工作单位', '单位代码', '职务', '职级', '入职日期', '所在镇街'],
  count: (f) => f.officials.length,
  *rows(pop, f) {
    const order = [...f.officials].sort((a, b) => a.unit - b.unit);
    for (const o of order) {
      const unit = f.units[o.unit];
      yield {
        cells: [pop.people.name[o.person], pop.people.idNumber[o.person], unit.name, unit.code, o.position, o.rank, isoDate(o.joined), unit.town?.code ?? ''],
        person: o.person,
      };
    }
  },
});
