/**
 * 民政局 婚姻登记: the national marriage registration system's export for the district since
 * 2000, one row per registration event. Registrations made in another county show that county's
 * office; they are here because they were reported in, and not all were. GBK, as the system
 * exports.
 */
import { isoDate, REFERENCE_DAY, yearOf } from '../dates.js';
import { DIRT, Planter, type DirtLabel } from '../dirt.js';
import { RECORDS_FROM } from '../marriage-records.js';
import { EV, EventList, Parties } from '../marriage-parties.js';
import { registrationOffice } from '../marriage-places.js';
import { END, MF, PRIOR_STATUS } from '../marriages.js';
import { Homophones, mistypedYear, wrongDigit } from '../mutations.js';
import type { Population } from '../population.js';
import type { Rng } from '../rng.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['业务类型', '证字号', '登记日期', '男方姓名', '男方身份证号', '男方婚姻状况', '女方姓名', '女方身份证号', '女方婚姻状况', '登记机关', '登记机关代码'];
const KIND = ['结婚登记', '离婚登记', '补发结婚证', '补发离婚证'];
const CERT_PREFIX = ['J', 'L', 'BJ', 'BL'];
/** Couples who asked for a new certificate (lost, worn out) at some point since 2000. */
const REISSUE = 0.015;

export const marriageRegistrations: DepartmentFileWriter = {
  dataset: 'minzheng.marriage_registrations',
  department: '民政局',
  title: '婚姻登记',
  async write(pop, ctx) {
    const events = collect(pop, ctx.rng('minzheng.marriage_registrations.events'));
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '2000 年以来的结婚、离婚登记与补发证件记录，一次登记一行；外地登记经报备的也在内。更早的登记见档案馆。GBK 编码。',
        header: HEADER,
        format: 'csv',
        encoding: 'gbk',
        expected: events.length,
      },
      rows(pop, ctx, events),
    );
  },
};

function collect(pop: Population, rng: Rng): EventList {
  const t = pop.marriages.table;
  const events = new EventList();
  for (let m = 0; m < t.count; m++) {
    const recorded = (t.flags[m] & MF.marriageRecorded) !== 0;
    if (recorded && t.married[m] >= RECORDS_FROM) events.add(t.married[m], EV.marriage, m);
    const divorce = t.endKind[m] === END.divorceRegistration && (t.flags[m] & MF.divorceRecorded) !== 0;
    if (divorce && t.ended[m] >= RECORDS_FROM) events.add(t.ended[m], EV.divorce, m);
    // Only couples the district knows ask it for a new certificate.
    if (!rng.chance(REISSUE)) continue;
    const from = Math.max(RECORDS_FROM, t.married[m]) + 30;
    const to = (t.ended[m] || REFERENCE_DAY) - 1;
    const after = Math.max(RECORDS_FROM, t.ended[m]) + 30;
    if (recorded && to > from) events.add(from + rng.int(to - from), EV.reissueMarriage, m);
    else if (divorce && after < REFERENCE_DAY) events.add(after + rng.int(REFERENCE_DAY - after), EV.reissueDivorce, m);
  }
  return events;
}

function* rows(pop: Population, ctx: WriterContext, events: EventList): Generator<SourceRow> {
  const t = pop.marriages.table;
  const parties = new Parties(pop);
  const rng = ctx.rng('minzheng.marriage_registrations');
  const rates = DIRT.marriageRegistrations;
  const homophones = new Homophones();
  const typo = new Planter(() => rng.next(), rates.nameTypo);
  const serials = new Map<string, number>();
  for (const { day, kind, m } of events.sorted()) {
    const dirt: DirtLabel[] = [];
    // Reissues are made where the couple lives now; first registrations where they were made.
    const place = kind === EV.marriage ? t.regPlace[m] : kind === EV.divorce ? t.endPlace[m] : 0;
    const office = registrationOffice(place, day, parties.town(m));
    const certKey = `${CERT_PREFIX[kind]}${office.code}-${yearOf(day)}`;
    const serial = (serials.get(certKey) ?? 0) + 1;
    serials.set(certKey, serial);
    let shown = day;
    if (kind === EV.divorce && t.flags[m] & MF.divorceDateError) {
      shown = mistypedYear(day, t.married[m]);
      dirt.push('date_order');
    }
    const cells: string[] = [KIND[kind], `${certKey}-${String(serial).padStart(6, '0')}`, isoDate(shown)];
    for (const [party, n] of [[t.husband[m], 1], [t.wife[m], 2]] as const) {
      let name = parties.name(party);
      if (typo.draw()) {
        const slip = homophones.typo(rng, name);
        if (slip) {
          name = slip;
          dirt.push(`name_typo:${n}`);
        } else typo.defer();
      }
      let id = parties.id(party);
      if (rng.chance(rates.idDigit)) {
        id = wrongDigit(rng, id);
        dirt.push(`id_digit:${n}`);
      }
      cells.push(name, id, kind === EV.marriage ? PRIOR_STATUS[t.priorOf(m, n === 1)] : '');
    }
    cells.push(office.name, office.code);
    yield { cells, person: t.husband[m], person2: t.wife[m], marriage: m, dirt };
  }
}

