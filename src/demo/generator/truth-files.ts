/**
 * The ground truth, kept apart from the department files: who everyone really is, which
 * household and enterprise they belong to. Entity resolution and ingest are scored against it.
 */
import { join } from 'node:path';
import { writeCsv, type CsvSink } from './csv-sink.js';
import { MARRIAGE_TRUTH_FILES, writeMarriageTruth } from './marriage-truth.js';
import { isoDate, NO_DAY } from './dates.js';
import { DIABETES, ETHNICITIES, HYPERTENSION, INSURANCE, MALE, MARITAL, RELATIONS } from './people.js';
import type { Population } from './population.js';
import { supervisionFacts } from './supervision/facts.js';
import { SUPERVISION_TRUTH_FILE, writeSupervisionTruth } from './supervision/supervision-truth.js';
import { enterpriseId, personId } from './truth-ids.js';

export const TRUTH_FILES = [
  'truth/persons.csv', 'truth/households.csv', 'truth/enterprises.csv', 'truth/shareholdings.csv', 'truth/source-records.csv', ...MARRIAGE_TRUTH_FILES,
  SUPERVISION_TRUTH_FILE,
];

const PERSON_HEADER = [
  'person_id', 'id_number', 'name', 'sex', 'birth_date', 'death_date', 'household_id', 'relation', 'village_code', 'phone',
  'marital_status', 'spouse_person_id', 'father_person_id', 'mother_person_id', 'marriage_date', 'ethnicity',
  'employer_enterprise_id', 'insurance_status', 'hypertension', 'diabetes',
];

const day = (d: number): string => (d === NO_DAY ? '' : isoDate(d));
const ref = (i: number): string => (i >= 0 ? personId(i) : '');

function table(out: string, file: string, header: string[], fill: (sink: CsvSink) => void): void {
  writeCsv(join(out, file), header, fill);
}

/** Writes every truth table; the supervision cases are evaluated as of `generatedAt`. */
export function writeTruth(pop: Population, out: string, generatedAt: Date): void {
  const { people, households, enterprises, district } = pop;
  table(out, 'truth/persons.csv', PERSON_HEADER, (sink) => {
    for (let i = 0; i < people.count; i++) {
      const h = people.household[i];
      sink.row([
        personId(i), people.idNumber[i], people.name[i], people.sex[i] === MALE ? 'M' : 'F', isoDate(people.birth[i]), day(people.death[i]),
        households.hukouNo[h], RELATIONS[people.relation[i]], district.villages[households.village[h]].code, people.phone[i],
        MARITAL[people.marital[i]], ref(people.spouse[i]), ref(people.father[i]), ref(people.mother[i]), day(people.marriage[i]),
        ETHNICITIES[people.ethnicity[i]], people.employer[i] >= 0 ? enterpriseId(people.employer[i]) : '',
        INSURANCE[people.insurance[i]], people.chronic[i] & HYPERTENSION ? 1 : 0, people.chronic[i] & DIABETES ? 1 : 0,
      ]);
    }
  });
  table(
    out,
    'truth/households.csv',
    ['household_id', 'village_code', 'address', 'head_person_id', 'size', 'dibao_since', 'dibao_monthly_per_person'],
    (sink) => {
      for (let h = 0; h < households.count; h++) {
        sink.row([
          households.hukouNo[h], district.villages[households.village[h]].code, households.address[h], personId(households.head[h]),
          households.size[h], day(households.dibaoSince[h]), households.dibaoAmount[h] || '',
        ]);
        }
    },
  );
  table(
    out,
    'truth/enterprises.csv',
    ['enterprise_id', 'credit_code', 'name', 'kind', 'registered_capital_wan', 'established_date', 'status', 'village_code', 'address', 'legal_rep_person_id'],
    (sink) => {
      for (const e of enterprises) {
        sink.row([
          enterpriseId(e.index), e.creditCode, e.name, e.kind, e.capital, isoDate(e.established), e.status,
          district.villages[e.village].code, e.address, personId(e.legalRep),
        ]);
        }
    },
  );
  table(out, 'truth/shareholdings.csv', ['enterprise_id', 'credit_code', 'person_id', 'subscribed_wan', 'ratio_percent'], (sink) => {
    for (const s of pop.shareholdings) {
      sink.row([enterpriseId(s.enterprise), enterprises[s.enterprise].creditCode, personId(s.person), s.amount, s.ratio]);
    }
  });
  writeMarriageTruth(pop, out);
  writeSupervisionTruth(pop, supervisionFacts(pop, generatedAt), out);
}
