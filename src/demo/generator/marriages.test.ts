import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResidentId } from '../../platform/ids/index.js';
import { byKey, generateInTemp, readCsv, type Generated } from './test-helpers.js';

type Row = Record<string, string>;
const yearsApart = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / (365.2425 * 86_400_000);
const STATUS_AFTER: Record<string, string> = { '': '已婚', death: '丧偶', divorce_registration: '离婚', divorce_judgment: '离婚' };

describe('demo generator marriage histories', () => {
  let g: Generated;
  let persons: Map<string, Row>;
  let others: Map<string, Row>;
  let marriages: Row[];
  const byPerson = new Map<string, Row[]>();
  const person = (id: string) => persons.get(id) ?? others.get(id)!;
  beforeAll(async () => {
    g = await generateInTemp(0.01, 61);
    persons = byKey(readCsv(g.dir, 'truth/persons.csv'), 'person_id');
    others = byKey(readCsv(g.dir, 'truth/other-persons.csv'), 'person_id');
    marriages = readCsv(g.dir, 'truth/marriages.csv');
    for (const m of marriages) {
      for (const p of [m.husband_person_id, m.wife_person_id]) byPerson.set(p, [...(byPerson.get(p) ?? []), m].sort((a, b) => a.married_on.localeCompare(b.married_on)));
    }
  });
  afterAll(() => g.cleanup());

  it('gives every resident who ever married a history whose last marriage is the truth’s status, date and spouse', () => {
    for (const [id, p] of persons) {
      const history = byPerson.get(id);
      if (p.marital_status === '未婚') {
        expect(history, id).toBeUndefined();
        continue;
      }
      const last = history!.at(-1)!;
      expect(last.married_on, id).toBe(p.marriage_date);
      if (p.spouse_person_id) expect([last.husband_person_id, last.wife_person_id]).toContain(p.spouse_person_id);
      // The dead keep the status they died with; their own death ended the marriage.
      if (!p.death_date) expect(STATUS_AFTER[last.end_kind], id).toBe(p.marital_status);
    }
  });

  it('keeps each history in order: legal age, no overlap, endings after beginnings, deaths matching', () => {
    for (const m of marriages) {
      const h = person(m.husband_person_id);
      const w = person(m.wife_person_id);
      expect(h.sex).toBe('M');
      expect(w.sex).toBe('F');
      expect(yearsApart(h.birth_date, m.married_on), m.marriage_id).toBeGreaterThanOrEqual(22);
      expect(yearsApart(w.birth_date, m.married_on), m.marriage_id).toBeGreaterThanOrEqual(20);
      expect(m.married_on <= '2025-06-30').toBe(true);
      if (m.ended_on) expect(m.ended_on > m.married_on, m.marriage_id).toBe(true);
      if (m.end_kind === 'death') expect(person(m.died_person_id).death_date).toBe(m.ended_on);
      else expect(m.died_person_id).toBe('');
      expect(m.end_kind === '').toBe(m.ended_on === '');
    }
    for (const [id, history] of byPerson) {
      for (let k = 1; k < history.length; k++) {
        expect(history[k - 1].ended_on, id).not.toBe('');
        expect(history[k - 1].ended_on < history[k].married_on, id).toBe(true);
        const prior = history[k].husband_person_id === id ? history[k].husband_prior_status : history[k].wife_prior_status;
        expect(prior).toBe(history[k - 1].end_kind === 'death' ? '丧偶' : '离婚');
      }
      if (history.length === 1) {
        const m = history[0];
        expect(m.husband_person_id === id ? m.husband_prior_status : m.wife_prior_status).toBe('未婚');
      }
    }
  });

  it('has a divorce in about a tenth of ever-married living residents, and remarriages', () => {
    const ever = [...persons.values()].filter((p) => !p.death_date && p.marital_status !== '未婚');
    const divorced = ever.filter((p) => byPerson.get(p.person_id)!.some((m) => m.end_kind.startsWith('divorce')));
    const remarried = ever.filter((p) => byPerson.get(p.person_id)!.length > 1);
    expect(divorced.length / ever.length).toBeGreaterThan(0.08);
    expect(divorced.length / ever.length).toBeLessThan(0.12);
    expect(remarried.length / ever.length).toBeGreaterThan(0.04);
    // Some exes live in the district and have remarried: both parties are residents.
    expect(marriages.some((m) => m.end_kind.startsWith('divorce') && persons.has(m.husband_person_id) && persons.has(m.wife_person_id))).toBe(true);
    expect(marriages.some((m) => m.end_kind === 'divorce_judgment')).toBe(true);
    expect(marriages.filter((m) => !['330124', '330185', '330112'].includes(m.registered_county_code)).length / marriages.length).toBeGreaterThan(0.04);
  });

  it('gives the persons outside the register valid IDs that no one else holds', () => {
    const ids = new Set([...persons.values()].map((p) => p.id_number));
    for (const o of others.values()) {
      const parsed = parseResidentId(o.id_number);
      expect(parsed.ok, o.id_number).toBe(true);
      if (parsed.ok) expect(parsed.birthDate).toBe(o.birth_date);
      expect(ids.has(o.id_number), o.id_number).toBe(false);
      ids.add(o.id_number);
      expect(byPerson.get(o.person_id)).toHaveLength(1);
    }
    expect([...others.values()].some((o) => !/^3301(24|85|12)/.test(o.id_number))).toBe(true);
  });

  it('lists the planted conflicts, each consistent with the marriage it names', () => {
    const conflicts = readCsv(g.dir, 'truth/marriage-conflicts.csv');
    const byId = byKey(marriages, 'marriage_id');
    const kinds = new Set(conflicts.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['dates_out_of_order', 'divorce_without_marriage', 'overlapping_marriages', 'registry_status_stale']);
    for (const c of conflicts) {
      const m = byId.get(c.marriage_id)!;
      if (c.kind === 'divorce_without_marriage') expect([m.marriage_in_sources, m.divorce_in_sources]).toEqual(['0', '1']);
      if (c.kind === 'overlapping_marriages') {
        expect([m.divorce_in_sources, m.marriage_in_sources, byId.get(c.other_marriage_id)!.marriage_in_sources]).toEqual(['0', '1', '1']);
      }
      if (c.kind === 'registry_status_stale') expect(persons.get(c.person_id)!.death_date).toBe('');
    }
    // The case: a court divorce of a marriage registered outside and never reported in.
    expect(conflicts.some((c) => c.kind === 'divorce_without_marriage' && c.dataset === 'fayuan.divorce_judgments')).toBe(true);
  });
});
