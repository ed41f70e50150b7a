import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCreditCode, parseResidentId } from '../../platform/ids/index.js';
import { byKey, generateInTemp, readCsv, type Generated } from './test-helpers.js';

describe('demo generator identifiers', () => {
  let g: Generated;
  let persons: Record<string, string>[];
  beforeAll(async () => {
    g = await generateInTemp(0.005, 11);
    persons = readCsv(g.dir, 'truth/persons.csv');
  });
  afterAll(() => g.cleanup());

  it('gives every person a unique, valid 18-digit ID that agrees with sex and birth date', () => {
    const seen = new Set<string>();
    for (const p of persons) {
      const r = parseResidentId(p.id_number);
      expect(r.ok, `${p.person_id} ${p.id_number}`).toBe(true);
      if (!r.ok) continue;
      expect(r.id).toBe(p.id_number);
      expect(r.birthDate).toBe(p.birth_date);
      expect(r.sex).toBe(p.sex);
      expect(seen.has(p.id_number)).toBe(false);
      seen.add(p.id_number);
    }
  });

  it('issues local IDs under the region code in force when the person was born', () => {
    let elsewhere = 0;
    for (const p of persons) {
      const region = p.id_number.slice(0, 6);
      const year = Number(p.birth_date.slice(0, 4));
      if (!['330124', '330185', '330112'].includes(region)) {
        elsewhere++;
        continue;
      }
      if (year >= 2018) expect(region, p.person_id).toBe('330112');
      else if (year >= 1996) expect(region, p.person_id).toBe('330185');
      else expect(region, p.person_id).not.toBe('330112');
    }
    expect(elsewhere / persons.length).toBeGreaterThan(0.06);
    expect(elsewhere / persons.length).toBeLessThan(0.18);
  });

  it('gives every enterprise a valid credit code, and residents as representatives and shareholders', () => {
    const people = byKey(persons, 'person_id');
    const enterprises = readCsv(g.dir, 'truth/enterprises.csv');
    expect(enterprises.length).toBe(g.manifest.counts.enterprises);
    for (const e of enterprises) {
      expect(parseCreditCode(e.credit_code).ok, e.credit_code).toBe(true);
      expect(e.credit_code.slice(0, 2)).toBe(e.kind);
      expect(['330112', '330185']).toContain(e.credit_code.slice(2, 8));
      const rep = people.get(e.legal_rep_person_id);
      expect(rep, e.enterprise_id).toBeDefined();
      expect(Number(e.established_date.slice(0, 4)) - Number(rep!.birth_date.slice(0, 4))).toBeGreaterThanOrEqual(17);
    }
    const holdings = readCsv(g.dir, 'truth/shareholdings.csv');
    const sums = new Map<string, number>();
    for (const s of holdings) {
      expect(people.get(s.person_id), s.person_id).toBeDefined();
      sums.set(s.enterprise_id, (sums.get(s.enterprise_id) ?? 0) + Number(s.ratio_percent));
    }
    for (const [e, sum] of sums) expect(sum, e).toBe(100);
  });

  it('writes representatives and shareholders into the department files with their real IDs', () => {
    const byId = byKey(persons, 'id_number');
    const register = readCsv(g.dir, 'departments/shichang.shareholders.csv');
    expect(register.length).toBe(g.manifest.counts.shareholdings);
    for (const r of register) {
      expect(byId.get(r['股东证件号码'])?.name, r['股东证件号码']).toBe(r['股东姓名']);
      expect(parseCreditCode(r['统一社会信用代码']).ok).toBe(true);
    }
  });
});
