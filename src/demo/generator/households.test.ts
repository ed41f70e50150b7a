import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byKey, generateInTemp, readCsv, type Generated } from './test-helpers.js';

const yearsApart = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / (365.2425 * 86_400_000);

describe('demo generator households', () => {
  let g: Generated;
  let persons: Record<string, string>[];
  let people: Map<string, Record<string, string>>;
  beforeAll(async () => {
    g = await generateInTemp(0.005, 21);
    persons = readCsv(g.dir, 'truth/persons.csv');
    people = byKey(persons, 'person_id');
  });
  afterAll(() => g.cleanup());

  it('has exactly one living head per household, who is the household’s head in the truth', () => {
    const households = readCsv(g.dir, 'truth/households.csv');
    const heads = new Map<string, string[]>();
    for (const p of persons) if (p.relation === '户主') heads.set(p.household_id, [...(heads.get(p.household_id) ?? []), p.person_id]);
    for (const h of households) {
      expect(heads.get(h.household_id), h.household_id).toEqual([h.head_person_id]);
      expect(people.get(h.head_person_id)!.death_date).toBe('');
    }
    expect(persons.length / households.length).toBeGreaterThan(2.4);
    expect(persons.length / households.length).toBeLessThan(3.4);
  });

  it('marries adults of opposite sex to each other, both ways', () => {
    let couples = 0;
    for (const p of persons) {
      if (!p.spouse_person_id) continue;
      const s = people.get(p.spouse_person_id)!;
      expect(s.spouse_person_id).toBe(p.person_id);
      expect(s.sex).not.toBe(p.sex);
      expect(s.household_id).toBe(p.household_id);
      expect(p.marriage_date).toBe(s.marriage_date);
      expect(yearsApart(p.birth_date, p.marriage_date)).toBeGreaterThanOrEqual(p.sex === 'M' ? 22 : 20);
      if (!p.death_date && !s.death_date) expect(p.marital_status).toBe('已婚');
      couples++;
    }
    expect(couples).toBeGreaterThan(persons.length * 0.3);
  });

  it('has children born at least 16 years after each parent, to the right sex of parent', () => {
    let links = 0;
    for (const p of persons) {
      for (const [key, sex] of [['father_person_id', 'M'], ['mother_person_id', 'F']] as const) {
        if (!p[key]) continue;
        const parent = people.get(p[key])!;
        expect(parent.sex).toBe(sex);
        expect(yearsApart(parent.birth_date, p.birth_date), `${p.person_id} ${key}`).toBeGreaterThanOrEqual(16);
        if (parent.marriage_date && ['子', '女', '孙子', '孙女'].includes(p.relation)) {
          expect(p.birth_date >= parent.marriage_date, p.person_id).toBe(true);
        }
        links++;
      }
      if (['子', '女'].includes(p.relation)) expect(p.father_person_id || p.mother_person_id).not.toBe('');
    }
    expect(links).toBeGreaterThan(persons.length * 0.3);
  });

  it('keeps births between 1930 and mid-2025 with a county-like age profile', () => {
    const living = persons.filter((p) => !p.death_date);
    const ages = living.map((p) => yearsApart(p.birth_date, '2025-06-30'));
    for (const p of persons) expect(p.birth_date >= '1930-01-01' && p.birth_date <= '2025-06-30', p.birth_date).toBe(true);
    const share = (f: (a: number) => boolean) => ages.filter(f).length / ages.length;
    expect(share((a) => a < 15)).toBeGreaterThan(0.07);
    expect(share((a) => a < 15)).toBeLessThan(0.17);
    expect(share((a) => a >= 60)).toBeGreaterThan(0.18);
    expect(share((a) => a >= 60)).toBeLessThan(0.34);
    expect(persons.some((p) => p.death_date)).toBe(true);
  });

  it('puts every household in a real village of the district', () => {
    for (const p of persons) expect(p.village_code).toMatch(/^330112\d{6}$/);
    const registry = readCsv(g.dir, 'departments/gongan.household_registry.csv', 'gbk');
    expect(registry.every((r) => /^330112\d{6}$/.test(r['村社区代码']))).toBe(true);
    expect(registry.every((r) => r['户籍地址'].startsWith('杭州市临安区'))).toBe(true);
  });
});
