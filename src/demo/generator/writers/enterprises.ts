/**
 * 市场监管局 企业登记: the enterprise register as an Excel workbook. 成立日期 was typed by hand
 * over the years and comes in four formats.
 */
import { chineseDate, compactDate, isoDate, slashDate } from '../dates.js';
import { DIRT, type DirtLabel } from '../dirt.js';
import type { Population } from '../population.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['企业名称', '统一社会信用代码', '法定代表人', '法定代表人身份证号', '注册资本(万元)', '成立日期', '经营状态', '住所', '村社区代码'];

export const enterpriseRegister: DepartmentFileWriter = {
  dataset: 'shichang.enterprises',
  department: '市场监管局',
  title: '企业登记',
  async write(pop, ctx) {
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '市场主体登记信息（公司、个体工商户、农民专业合作社）。成立日期格式不一。',
        header: HEADER,
        format: 'xlsx',
        encoding: 'utf8',
        expected: pop.enterprises.length,
      },
      rows(pop, ctx),
    );
  },
};

function* rows(pop: Population, ctx: WriterContext): Generator<SourceRow> {
  const { people, enterprises, district } = pop;
  const rng = ctx.rng('shichang.enterprises');
  const { dateSlash, dateChinese, dateCompact } = DIRT.enterprises;
  for (const e of enterprises) {
    const dirt: DirtLabel[] = [];
    const r = rng.next();
    let established: string;
    if (r < dateSlash) {
      established = slashDate(e.established);
      dirt.push('date_slash');
    } else if (r < dateSlash + dateChinese) {
      established = chineseDate(e.established);
      dirt.push('date_chinese');
    } else if (r < dateSlash + dateChinese + dateCompact) {
      established = compactDate(e.established);
      dirt.push('date_compact');
    } else established = isoDate(e.established);
    yield {
      cells: [
        e.name,
        e.creditCode,
        people.name[e.legalRep],
        people.idNumber[e.legalRep],
        e.capital,
        established,
        e.status,
        e.address,
        district.villages[e.village].code,
      ],
      person: e.legalRep,
      enterprise: e.index,
      dirt,
    };
  }
}
