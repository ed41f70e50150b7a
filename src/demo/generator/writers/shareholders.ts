/**
 * 市场监管局 股东信息: shareholders and cooperative members with their subscribed capital.
 * Individual businesses (92) have an operator, not shareholders, so they have no rows here.
 */
import type { Population } from '../population.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow } from '../types.js';

const HEADER = ['统一社会信用代码', '股东姓名', '股东证件号码', '认缴出资额(万元)', '出资比例'];

export const shareholders: DepartmentFileWriter = {
  dataset: 'shichang.shareholders',
  department: '市场监管局',
  title: '股东信息',
  async write(pop, ctx) {
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '公司股东及合作社成员出资信息（个体工商户无股东）。UTF-8。',
        header: HEADER,
        format: 'csv',
        encoding: 'utf8',
        expected: pop.shareholdings.length,
      },
      rows(pop),
    );
  },
};

function* rows(pop: Population): Generator<SourceRow> {
  const { people, enterprises } = pop;
  for (const s of pop.shareholdings) {
    yield {
      cells: [enterprises[s.enterprise].creditCode, people.name[s.person], people.idNumber[s.person], String(s.amount), `${s.ratio}%`],
      person: s.person,
      enterprise: s.enterprise,
    };
  }
}
