import { describe, expect, it } from 'vitest';
import { blockPairs } from './blocking.js';
import { parseLinkConfig } from './config.js';
import { pairwiseScores } from './evaluate.js';
import { explainPair } from './explain.js';
import { linkTable } from './link.js';
import { modelFromJson, modelToJson } from './model.js';
import { prepareTable } from './prepare.js';
import { scorePairs, weightTables } from './score.js';
import { tableFromRecords } from './table.js';
import { SYNTHETIC_CONFIG, syntheticPeople } from './testing/synthetic-people.js';
import { trainModel } from './train.js';

const COLUMNS = ['name', 'id_number', 'birth_date', 'phone', 'address', 'sex'];
// A smaller u sample than the default keeps the file fast; the estimates stay good on 2,000 records.
const config = parseLinkConfig({ ...SYNTHETIC_CONFIG, uSampleSize: 50_000 });
const people = syntheticPeople(2000, { seed: 5 });
const result = linkTable(tableFromRecords(people, 'rec_id', COLUMNS), config);

describe('training without labels', () => {
  it('finds the duplicates of synthetic people (pairwise F1 above 0.95)', () => {
    const s = pairwiseScores(result.clustering.clusterOf, people.map((p) => p.entity));
    expect(s.f1).toBeGreaterThan(0.95);
    expect(s.precision).toBeGreaterThan(0.98);
  });

  it('learns that agreeing on an ID is strong and agreeing on sex is weak evidence', () => {
    const weight = (column: string) => {
      const f = result.model.fields.find((x) => x.column === column)!;
      return Math.log2(f.m[1] / f.u[1]);
    };
    expect(weight('id_number')).toBeGreaterThan(10);
    expect(weight('sex')).toBeLessThan(1.5);
    expect(result.model.prior).toBeGreaterThan(0);
    expect(result.model.prior).toBeLessThan(0.01);
  });

  it('weighs agreement on a common name (王伟) less than on a rare one', () => {
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => ({ rec_id: `w${i}`, name: '王伟', id_number: '', birth_date: `19${50 + (i % 40)}-01-01`, phone: '', address: '', sex: '男' })),
      { rec_id: 'rare1', name: '欧阳靖雯', id_number: '', birth_date: '1990-05-05', phone: '', address: '', sex: '女' },
      { rec_id: 'rare2', name: '欧阳靖雯', id_number: '', birth_date: '1990-05-05', phone: '', address: '', sex: '女' },
      ...people.slice(0, 200),
    ];
    const r = linkTable(tableFromRecords(rows, 'rec_id', COLUMNS), config);
    const ids = r.prepared.table.ids;
    const at = (id: string) => ids.indexOf(id);
    const nameWeight = (a: string, b: string) => explainPair(r.model, r.weights, r.prepared, at(a), at(b)).fields.find((f) => f.column === 'name')!;
    const common = nameWeight('w0', 'w1');
    const rare = nameWeight('rare1', 'rare2');
    expect(common.level).toBe('exact');
    expect(common.termFrequencyAdjusted).toBe(true);
    expect(rare.weight).toBeGreaterThan(common.weight + 3);
  });
});

describe('explainPair', () => {
  it('gives the prior and each field’s level and weight, which add up to the match weight', () => {
    const i = people.findIndex((p, k) => k > 0 && p.entity === people[k - 1].entity);
    const e = explainPair(result.model, result.weights, result.prepared, i - 1, i);
    expect(e.fields.map((f) => f.column)).toEqual(COLUMNS);
    expect(e.prior).toBeLessThan(0);
    expect(e.weight).toBeCloseTo(e.prior + e.fields.reduce((s, f) => s + f.weight, 0), 9);
    expect(e.probability).toBeGreaterThan(0.9);
    for (const f of e.fields) expect(f.level === 'missing' ? f.weight : 1).not.toBeNaN();
  });
});

describe('a saved model', () => {
  it('scores new records like the model it was saved from, without estimating again', () => {
    const saved = modelFromJson(modelToJson(result.model));
    expect(saved).toEqual(JSON.parse(modelToJson(result.model)));
    const fresh = syntheticPeople(1000, { seed: 99 });
    const p = prepareTable(tableFromRecords(fresh, 'rec_id', COLUMNS), config);
    const pairs = blockPairs(p, saved.blocking);
    expect(Array.from(scorePairs(weightTables(saved, p), p, pairs))).toEqual(Array.from(scorePairs(weightTables(result.model, p), p, pairs)));
    const reused = linkTable(p.table, config, { model: saved });
    expect(reused.summary.modelReused).toBe(true);
    expect(reused.model).toBe(saved);
    expect(pairwiseScores(reused.clustering.clusterOf, fresh.map((x) => x.entity)).f1).toBeGreaterThan(0.95);
  });

  it('is rejected when it is not a model or does not fit its config', () => {
    expect(() => modelFromJson('{')).toThrow(/not valid JSON/);
    expect(() => modelFromJson('{"version":2}')).toThrow(/not a linkage model/);
    const broken = JSON.parse(modelToJson(result.model));
    broken.fields[0].column = 'surname';
    expect(() => modelFromJson(JSON.stringify(broken))).toThrow(/do not match/);
    // Term frequencies are checked value by value: a share above 1 or not a number is refused.
    for (const bad of [1.5, '0.1', null]) {
      const tf = JSON.parse(modelToJson(result.model));
      const field = tf.fields.find((f: { tf: unknown }) => f.tf);
      field.tf.values[Object.keys(field.tf.values)[0]] = bad;
      expect(() => modelFromJson(JSON.stringify(tf))).toThrow(/not a linkage model/);
    }
    // A value named like one of Object's members is read as a value, never as the member.
    const proto = JSON.parse(modelToJson(result.model));
    proto.fields.find((f: { tf: unknown }) => f.tf).tf.values.constructor = 0.5;
    const loaded = modelFromJson(JSON.stringify(proto)).fields.find((f) => f.tf)!.tf!.values;
    expect(Object.getPrototypeOf(loaded)).toBeNull();
    expect(loaded.constructor).toBe(0.5);
  });

  it('trains the same model twice on the same data (seeded sampling)', () => {
    const p = result.prepared;
    expect(modelToJson(trainModel(p, result.pairs))).toBe(modelToJson(result.model));
  });
});
