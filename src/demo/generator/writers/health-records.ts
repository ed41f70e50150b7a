/**
 * 卫健局 居民健康档案: digital health records for most residents, with the two chronic
 * diseases tagged. Records of people who died are often never closed, so some remain.
 */
import { addYears, dayOf, isoDate, REFERENCE_DAY, yearsBetween } from '../dates.js';
import { DIRT, Planter, type DirtLabel } from '../dirt.js';
import { Homophones, toId15 } from '../mutations.js';
import { NameGenerator } from '../names.js';
import { DIABETES, HYPERTENSION, MALE, type PersonTable } from '../people.js';
import type { Population } from '../population.js';
import type { Rng } from '../rng.js';
import { writeTable } from '../table-writer.js';
import type { DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';

const HEADER = ['档案编号', '姓名', '身份证号', '性别', '出生日期', '联系电话', '现住址', '责任医生', '建档日期', '慢病标签'];
/** Basic public health records started in mid-2009. */
const PROGRAMME_START = dayOf(2009, 6, 1);
const KEPT_AFTER_DEATH = 0.4;

export const healthRecords: DepartmentFileWriter = {
  dataset: 'weijian.health_records',
  department: '卫健局',
  title: '居民健康档案',
  async write(pop, ctx) {
    const rng = ctx.rng('weijian.health_records.coverage');
    const covered: number[] = [];
    for (let i = 0; i < pop.people.count; i++) if (hasRecord(rng, pop.people, i)) covered.push(i);
    return writeTable(
      ctx,
      {
        dataset: this.dataset,
        department: this.department,
        title: this.title,
        description: '居民电子健康档案（约 85% 居民），含高血压、糖尿病慢病标签。少量旧 15 位身份证号与同音错字。UTF-8。',
        header: HEADER,
        format: 'csv',
        encoding: 'utf8',
        expected: covered.length,
      },
      rows(pop, ctx, covered),
    );
  },
};

function hasRecord(rng: Rng, people: PersonTable, i: number): boolean {
  if (people.death[i] !== 0) return rng.chance(KEPT_AFTER_DEATH);
  const age = yearsBetween(people.birth[i], REFERENCE_DAY);
  // Children and the elderly are covered through school checks and annual elderly check-ups.
  return rng.chance(age >= 65 ? 0.95 : age < 7 ? 0.9 : 0.82);
}

function* rows(pop: Population, ctx: WriterContext, covered: number[]): Generator<SourceRow> {
  const { people, households, district } = pop;
  const rng = ctx.rng('weijian.health_records');
  const names = new NameGenerator();
  const homophones = new Homophones();
  const typo = new Planter(() => rng.next(), DIRT.healthRecords.nameTypo);
  const bornBefore2000 = dayOf(2000, 1, 1);
  const serial = new Int32Array(district.villages.length);
  // One to three contracted family doctors per village.
  const doctors = district.villages.map(() =>
    Array.from({ length: rng.range(1, 3) }, () => names.surname(rng) + names.given(rng, rng.chance(0.6), rng.range(1960, 1995))),
  );

  for (const i of covered) {
    const h = people.household[i];
    const v = households.village[h];
    const dirt: DirtLabel[] = [];
    let name = people.name[i];
    if (typo.draw()) {
      const t = homophones.typo(rng, name);
      if (t) {
        name = t;
        dirt.push('name_typo');
      } else typo.defer();
    }
    let id = people.idNumber[i];
    if (people.birth[i] < bornBefore2000 && rng.chance(DIRT.healthRecords.id15)) {
      id = toId15(id);
      dirt.push('id15');
    }
    const from = Math.max(PROGRAMME_START, people.birth[i]);
    const to = Math.min(people.death[i] || REFERENCE_DAY, people.birth[i] > PROGRAMME_START ? addYears(people.birth[i], 0.3) : dayOf(2024, 12, 31));
    const chronic = people.chronic[i];
    yield {
      cells: [
        district.villages[v].code + String(++serial[v]).padStart(5, '0'),
        name,
        id,
        people.sex[i] === MALE ? '男' : '女',
        isoDate(people.birth[i]),
        contactPhone(people, households.head[h], i),
        households.address[h].replace(/^杭州市/, ''),
        rng.pick(doctors[v]),
        isoDate(from + rng.int(Math.max(1, to - from))),
        [chronic & HYPERTENSION ? '高血压' : '', chronic & DIABETES ? '糖尿病' : ''].filter(Boolean).join('、'),
      ],
      person: i,
      dirt,
    };
  }
}

/** A child's or an elderly person's record carries a parent's or the head's number. */
function contactPhone(people: PersonTable, head: number, i: number): string {
  if (people.phone[i]) return people.phone[i];
  for (const other of [people.mother[i], people.father[i], head]) {
    if (other >= 0 && people.phone[other] && people.death[other] === 0) return people.phone[other];
  }
  return '';
}
