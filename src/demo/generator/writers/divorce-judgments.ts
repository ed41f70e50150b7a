/**
 * 法院 离婚案件: the district court's divorce cases since 2000 that ended the marriage, by
 * judgment or by mediation, as an Excel workbook from the case management system. A divorce
 * decided here has no 民政 registration; if the couple registered their marriage in another
 * county and it was never reported in, nothing in the district shows the marriage at all.
 */
import { isoDate, yearOf } from '../dates.js';
import { DIRT, type DirtLabel } from '../dirt.js';
import { caseNumber, districtCourt } from '../marriage-places.js';
import { EV, EventList, Parties } from '../marriage-parties.js';
import { END, MF } from '../marriages.js';
import type { Population } from '../population.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['案号', '案由', '原告', '原告身份证号', '被告', '被告身份证号', '登记结婚日期', '结案方式', '裁判日期', '生效日期', '审理法院'];
/** Most divorce suits are brought by the wife. */
const WIFE_SUES = 0.65;
const MEDIATED = 0.45;

export const divorceJudgments: DepartmentFileWriter = {
  dataset: 'fayuan.divorce_judgments',
  department: '法院',
  title: '离婚案件',
  async write(pop, ctx) {
    const t = pop.marriages.table;
    const events = new EventList();
    for (let m = 0; m < t.count; m++) if (t.endKind[m] === END.divorceJudgment) events.add(t.ended[m], EV.divorce, m);
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '2000 年以来本院审结的离婚纠纷案件（判决离婚、调解离婚），一案一行。',
        header: HEADER,
        format: 'xlsx',
        encoding: 'utf8',
        expected: events.length,
      },
      rows(pop, ctx, events),
    );
  },
};

function* rows(pop: Population, ctx: WriterContext, events: EventList): Generator<SourceRow> {
  const t = pop.marriages.table;
  const parties = new Parties(pop);
  const rng = ctx.rng('fayuan.divorce_judgments');
  const serials = new Map<number, number>();
  for (const { day, m } of events.sorted()) {
    const dirt: DirtLabel[] = [];
    const [plaintiff, defendant] = rng.chance(WIFE_SUES) ? [t.wife[m], t.husband[m]] : [t.husband[m], t.wife[m]];
    const mediated = rng.chance(MEDIATED);
    // A mediation agreement binds when signed; a judgment once the 15-day appeal period has passed.
    const decided = mediated ? day : day - rng.range(16, 45);
    const filed = decided - rng.range(30, 150);
    const year = yearOf(filed);
    const serial = (serials.get(year) ?? 0) + rng.range(1, 9);
    serials.set(year, serial);
    let effective = day;
    if (t.flags[m] & MF.divorceDateError) {
      effective = decided - rng.range(20, 300);
      dirt.push('date_order');
    }
    let defendantId = parties.id(defendant);
    if (rng.chance(DIRT.divorceJudgments.defendantIdMissing)) {
      defendantId = '';
      dirt.push('id_missing:2');
    }
    yield {
      cells: [
        caseNumber(year, serial),
        '离婚纠纷',
        parties.name(plaintiff),
        parties.id(plaintiff),
        parties.name(defendant),
        defendantId,
        isoDate(t.married[m]),
        mediated ? '调解离婚' : '判决离婚',
        isoDate(decided),
        isoDate(effective),
        districtCourt(decided),
      ],
      person: plaintiff,
      person2: defendant,
      marriage: m,
      dirt,
    };
  }
}
