/**
 * 档案馆 婚姻登记档案: the district's marriage and divorce registrations before 2000, typed from
 * the paper registers by a digitisation contractor. Resident ID cards came in 1986 and carried
 * 15 digits, so older rows have names and birth dates only, and newer ones the 15-digit number,
 * when the clerk wrote it down. Typists misread names and digits, swapped day and month, and kept
 * the traditional characters some clerks wrote.
 */
import { chineseDate, dayOf, dotDate, isoDate, yearOf, ymd } from '../dates.js';
import { DIRT, Planter, type DirtLabel } from '../dirt.js';
import { RECORDS_FROM } from '../marriage-records.js';
import { EV, EventList, Parties } from '../marriage-parties.js';
import { registrationOffice } from '../marriage-places.js';
import { END, MF, PRIOR_STATUS } from '../marriages.js';
import { Homophones, makeTraditionalizer, mistypedYear, toId15, wrongDigit15 } from '../mutations.js';
import type { Population } from '../population.js';
import type { Rng } from '../rng.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['档号', '类别', '登记日期', '男方姓名', '男方出生日期', '男方身份证号', '男方婚姻状况', '女方姓名', '女方出生日期', '女方身份证号', '女方婚姻状况', '登记机关'];
/** The first resident ID cards were issued in 1986 (the 1985 regulations). */
const IDS_FROM = dayOf(1986, 1, 1);
/** Fonds number of the county 民政局's records; a town government's is its 3-digit town code. */
const COUNTY_FONDS = '047';

export const marriageArchive: DepartmentFileWriter = {
  dataset: 'danganguan.marriage_archive',
  department: '档案馆',
  title: '婚姻登记档案',
  async write(pop, ctx) {
    const t = pop.marriages.table;
    const events = new EventList();
    for (let m = 0; m < t.count; m++) {
      if (t.flags[m] & MF.marriageRecorded && t.married[m] < RECORDS_FROM) events.add(t.married[m], EV.marriage, m);
      if (t.endKind[m] === END.divorceRegistration && t.flags[m] & MF.divorceRecorded && t.ended[m] < RECORDS_FROM) events.add(t.ended[m], EV.divorce, m);
    }
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '2000 年以前的结婚、离婚登记档案数字化成果。1986 年前无身份证号，之后多为 15 位旧号；录入有错字、繁体、日月颠倒，日期写法不一。UTF-8。',
        header: HEADER,
        format: 'csv',
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
  const rng = ctx.rng('danganguan.marriage_archive');
  const rates = DIRT.marriageArchive;
  const draw = () => rng.next();
  const homophones = new Homophones();
  const traditional = makeTraditionalizer();
  const typo = new Planter(draw, rates.nameTypo);
  const trad = new Planter(draw, rates.nameTraditional);
  const swapped = new Planter(draw, rates.dateSwapped);
  const serials = new Map<string, number>();
  for (const { day, kind, m } of events.sorted()) {
    const dirt: DirtLabel[] = [];
    const office = registrationOffice(0, day, parties.town(m));
    const fonds = office.code.length === 9 ? office.code.slice(6) : COUNTY_FONDS;
    const fileKey = `${fonds}-${kind + 1}-${yearOf(day)}`;
    const serial = (serials.get(fileKey) ?? 0) + 1;
    serials.set(fileKey, serial);

    const style = rng.next();
    const format = style < rates.dateChinese ? chineseDate : style < rates.dateChinese + rates.dateDot ? dotDate : isoDate;
    if (format === chineseDate) dirt.push('date_chinese');
    else if (format === dotDate) dirt.push('date_dot');
    let registered = day;
    if (kind === EV.divorce && t.flags[m] & MF.divorceDateError) {
      registered = mistypedYear(day, t.married[m]);
      dirt.push('date_order');
    }
    let registeredText = format(registered);
    if (swapped.draw()) {
      const s = swapDayMonth(registered);
      if (s !== undefined) {
        registeredText = format(s);
        dirt.push('date_swapped');
      } else swapped.defer();
    }

    const cells: string[] = [`${fileKey}-${String(serial).padStart(4, '0')}`, kind === EV.marriage ? '结婚' : '离婚', registeredText];
    for (const [party, n] of [[t.husband[m], 1], [t.wife[m], 2]] as const) {
      let name = parties.name(party);
      if (typo.draw()) {
        const slip = homophones.typo(rng, name);
        if (slip) {
          name = slip;
          dirt.push(`name_typo:${n}`);
        } else typo.defer();
      }
      if (trad.draw()) {
        const old = traditional(name);
        if (old) {
          name = old;
          dirt.push(`name_traditional:${n}`);
        } else trad.defer();
      }
      cells.push(name, format(parties.birth(party)), idCell(rng, parties.id(party), day, n, dirt));
      cells.push(kind === EV.marriage ? PRIOR_STATUS[t.priorOf(m, n === 1)] : '');
    }
    cells.push(office.name);
    yield { cells, person: t.husband[m], person2: t.wife[m], marriage: m, dirt };
  }
}

function idCell(rng: Rng, id: string, day: number, n: 1 | 2, dirt: DirtLabel[]): string {
  if (day < IDS_FROM || rng.chance(DIRT.marriageArchive.idMissing)) {
    dirt.push(`id_missing:${n}`);
    return '';
  }
  dirt.push(`id15:${n}`);
  const id15 = toId15(id);
  if (!rng.chance(DIRT.marriageArchive.idDigit)) return id15;
  dirt.push(`id_digit:${n}`);
  return wrongDigit15(rng, id15);
}

/** The same date with day and month swapped, when that is another real date. */
function swapDayMonth(day: number): number | undefined {
  const { y, m, d } = ymd(day);
  return d <= 12 && d !== m ? dayOf(y, d, m) : undefined;
}
