/**
 * The truth about marriages: every marriage with how and where it began and ended, the persons in
 * marriage records who are not residents, and the conflicts the files hold by design, so that a
 * marriage timeline and a conflict detector can both be scored.
 */
import { join } from 'node:path';
import { writeCsv } from './csv-sink.js';
import { isoDate } from './dates.js';
import { Parties } from './marriage-parties.js';
import { districtCourt, placeCode, registrationOffice } from './marriage-places.js';
import { RECORDS_FROM } from './marriage-records.js';
import { END, END_KINDS, MF, PRIOR_STATUS, type MarriageTable } from './marriages.js';
import { MARITAL } from './people.js';
import type { Population } from './population.js';
import { marriageId, otherPersonId, partyId, personId } from './truth-ids.js';

export const MARRIAGE_TRUTH_FILES = ['truth/marriages.csv', 'truth/other-persons.csv', 'truth/marriage-conflicts.csv'];

const MARRIAGE_HEADER = [
  'marriage_id', 'husband_person_id', 'wife_person_id', 'married_on', 'registered_county_code', 'registered_office', 'marriage_in_sources',
  'husband_prior_status', 'wife_prior_status', 'ended_on', 'end_kind', 'died_person_id', 'divorce_county_code', 'divorce_office', 'divorce_in_sources',
];
const CONFLICT_HEADER = ['conflict_id', 'kind', 'person_id', 'person2_id', 'marriage_id', 'other_marriage_id', 'dataset', 'detail'];

export function writeMarriageTruth(pop: Population, out: string): void {
  const { table: t, others } = pop.marriages;
  const parties = new Parties(pop);
  writeCsv(join(out, 'truth/marriages.csv'), MARRIAGE_HEADER, (sink) => {
    for (let m = 0; m < t.count; m++) {
      const ended = t.ended[m];
      const kind = t.endKind[m];
      const died = kind === END.death ? (parties.death(t.husband[m]) === ended ? t.husband[m] : t.wife[m]) : undefined;
      sink.row([
        marriageId(m), partyId(t.husband[m]), partyId(t.wife[m]), isoDate(t.married[m]), placeCode(t.regPlace[m], t.married[m]),
        registrationOffice(t.regPlace[m], t.married[m], parties.town(m)).name, t.flags[m] & MF.marriageRecorded ? 1 : 0,
        PRIOR_STATUS[t.priorOf(m, true)], PRIOR_STATUS[t.priorOf(m, false)], ended ? isoDate(ended) : '', END_KINDS[kind],
        died === undefined ? '' : partyId(died),
        kind === END.divorceRegistration ? placeCode(t.endPlace[m], ended) : kind === END.divorceJudgment ? placeCode(0, ended) : '',
        divorceOffice(pop, parties, m), t.isDivorce(m) ? (t.flags[m] & MF.divorceRecorded ? 1 : 0) : '',
      ]);
    }
  });
  writeCsv(join(out, 'truth/other-persons.csv'), ['person_id', 'id_number', 'name', 'sex', 'birth_date', 'death_date'], (sink) => {
    for (let k = 0; k < others.count; k++) {
      sink.row([otherPersonId(k), others.idNumber[k], others.name[k], others.male[k] ? 'M' : 'F', isoDate(others.birth[k]), others.death[k] ? isoDate(others.death[k]) : '']);
    }
  });
  writeCsv(join(out, 'truth/marriage-conflicts.csv'), CONFLICT_HEADER, (sink) => {
    let n = 0;
    const add = (kind: string, person: string, person2: string, m: number, other: number | undefined, dataset: string, detail: string) =>
      sink.row([`C${String(++n).padStart(6, '0')}`, kind, person, person2, marriageId(m), other === undefined ? '' : marriageId(other), dataset, detail]);
    for (let m = 0; m < t.count; m++) {
      if (!t.isDivorce(m) || !(t.flags[m] & MF.divorceRecorded)) continue;
      const couple = [partyId(t.husband[m]), partyId(t.wife[m])] as const;
      if (!(t.flags[m] & MF.marriageRecorded)) {
        const why = t.regPlace[m] > 0 ? `结婚登记于${registrationOffice(t.regPlace[m], t.married[m], parties.town(m)).name}，未报备` : '结婚登记档案未数字化';
        add('divorce_without_marriage', ...couple, m, undefined, divorceDataset(t, m), why);
      }
      if (t.flags[m] & MF.divorceDateError) add('dates_out_of_order', ...couple, m, undefined, divorceDataset(t, m), '离婚日期早于结婚日期');
    }
    const { first: only, two } = marriagesByResident(pop);
    for (const [i, [a, b]] of two) {
      const [first, second] = t.married[a] <= t.married[b] ? [a, b] : [b, a];
      if (!t.isDivorce(first) || t.flags[first] & MF.divorceRecorded) continue;
      if (t.flags[first] & MF.marriageRecorded && t.flags[second] & MF.marriageRecorded) {
        add('overlapping_marriages', personId(i), '', first, second, '', '前一段婚姻的离婚未见于任何数据，两段婚姻在数据中重叠');
      }
    }
    for (const [i, shown] of pop.marriages.registryShown) {
      const pair = two.get(i);
      const last = pair ? (t.married[pair[0]] > t.married[pair[1]] ? pair[0] : pair[1]) : only[i];
      add('registry_status_stale', personId(i), '', last, undefined, 'gongan.household_registry', `户籍登记为${MARITAL[shown]}，实为${MARITAL[pop.people.marital[i]]}`);
    }
  });
}

function divorceOffice(pop: Population, parties: Parties, m: number): string {
  const t = pop.marriages.table;
  if (t.endKind[m] === END.divorceJudgment) return districtCourt(t.ended[m]);
  if (t.endKind[m] === END.divorceRegistration) return registrationOffice(t.endPlace[m], t.ended[m], parties.town(m)).name;
  return '';
}

function divorceDataset(t: MarriageTable, m: number): string {
  if (t.endKind[m] === END.divorceJudgment) return 'fayuan.divorce_judgments';
  return t.ended[m] >= RECORDS_FROM ? 'minzheng.marriage_registrations' : 'danganguan.marriage_archive';
}

/** Each resident's first marriage in the table, and both marriages of those who had two. */
function marriagesByResident(pop: Population): { first: Int32Array; two: Map<number, [number, number]> } {
  const t = pop.marriages.table;
  const first = new Int32Array(pop.people.count).fill(-1);
  const two = new Map<number, [number, number]>();
  for (let m = 0; m < t.count; m++) {
    for (const p of [t.husband[m], t.wife[m]]) {
      if (p < 0) continue;
      if (first[p] < 0) first[p] = m;
      else two.set(p, [first[p], m]);
    }
  }
  return { first, two };
}
