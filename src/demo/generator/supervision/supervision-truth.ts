/**
 * truth/supervision-cases.csv: for each of the sixteen models, every subject it must warn about
 * (`case`: the complete set, evaluated on the facts with true identities, coincidences included)
 * and the planted subjects it must not warn about (`lookalike`). A subject that turns out to be a
 * case is never also listed as a look-alike of the same model.
 */
import { join } from 'node:path';
import { writeCsv } from '../csv-sink.js';
import type { Population } from '../population.js';
import { enterpriseId, partyId } from '../truth-ids.js';
import { listedDibao } from './base.js';
import { evaluateIntegrity } from './evaluate-integrity.js';
import { evaluateLivelihood, type Hit, type NearMiss } from './evaluate-livelihood.js';
import { kinshipOf } from './kinship.js';
import { MODELS, type ModelId, type Plant, type SupervisionFacts } from './types.js';

export const SUPERVISION_TRUTH_FILE = 'truth/supervision-cases.csv';
const HEADER = ['model', 'subject_kind', 'subject_id', 'kind', 'key', 'note'];

export interface SupervisionTruthRow {
  model: ModelId;
  subjectKind: 'person' | 'enterprise';
  subjectId: string;
  kind: 'case' | 'lookalike';
  key: string;
  note: string;
}

export interface SupervisionTruth {
  rows: SupervisionTruthRow[];
  /** Planted cases the evaluation did not find (a generator bug; the tests hold this empty). */
  missing: Plant[];
  /** Planted look-alikes dropped because the subject is a case of the same model after all. */
  dropped: Plant[];
}

const EXISTING: Partial<Record<ModelId, string>> = {
  'livelihood.dibao-legal-rep': 'existing files: listed 低保 member represents an active enterprise (capital ≥ 20万)',
  'livelihood.dibao-shareholder': 'existing files: listed 低保 member subscribed ≥ 10万 in an active enterprise',
};

export function supervisionTruth(pop: Population, facts: SupervisionFacts): SupervisionTruth {
  const subjectOf = (model: ModelId, subject: number, enterprise?: boolean) => `${model}|${enterprise ? enterpriseId(subject) : partyId(subject)}`;
  const cases = new Map<string, { hit: Hit; rows: number }>();
  const hit = (h: Hit) => {
    const k = subjectOf(h.model, h.subject, h.enterprise);
    const seen = cases.get(k);
    if (seen) seen.rows++;
    else cases.set(k, { hit: h, rows: 1 });
  };
  const near: NearMiss[] = [];
  evaluateLivelihood(pop, facts, listedDibao(pop), hit, (n) => near.push(n));
  evaluateIntegrity(pop, facts, kinshipOf(pop), hit);

  const planted = new Map<string, Plant>();
  for (const p of facts.plants) if (p.kind === 'case') planted.set(subjectOf(p.model, p.subject, p.enterprise), p);
  const row = (model: ModelId, subject: number, enterprise: boolean | undefined, kind: 'case' | 'lookalike', key: string, note: string): SupervisionTruthRow => ({
    model,
    subjectKind: enterprise ? 'enterprise' : 'person',
    subjectId: enterprise ? enterpriseId(subject) : partyId(subject),
    kind,
    key,
    note,
  });

  const rows: SupervisionTruthRow[] = [];
  for (const [k, { hit: h, rows: n }] of cases) {
    const p = planted.get(k);
    const note = p?.note ?? EXISTING[h.model] ?? (n > 1 ? `coincidence (${n} rows)` : 'coincidence');
    rows.push(row(h.model, h.subject, h.enterprise, 'case', p ? p.row.no : h.key, note));
  }
  const missing = [...planted.entries()].filter(([k]) => !cases.has(k)).map(([, p]) => p);

  const dropped: Plant[] = [];
  const listed = new Set<string>();
  for (const p of facts.plants) {
    if (p.kind !== 'lookalike') continue;
    const k = subjectOf(p.model, p.subject, p.enterprise);
    if (cases.has(k)) dropped.push(p);
    else if (!listed.has(k)) {
      listed.add(k);
      rows.push(row(p.model, p.subject, p.enterprise, 'lookalike', p.row.no, p.note));
    }
  }
  for (const n of near) {
    const k = subjectOf(n.model, n.subject, n.enterprise);
    if (cases.has(k) || listed.has(k)) continue;
    listed.add(k);
    rows.push(row(n.model, n.subject, n.enterprise, 'lookalike', n.key, n.note));
  }
  const order = new Map<string, number>(MODELS.map((m, i) => [m, i]));
  rows.sort((a, b) => order.get(a.model)! - order.get(b.model)! || a.kind.localeCompare(b.kind) || a.subjectId.localeCompare(b.subjectId));
  return { rows, missing, dropped };
}

export function writeSupervisionTruth(pop: Population, facts: SupervisionFacts, out: string): SupervisionTruth {
  const truth = supervisionTruth(pop, facts);
  writeCsv(join(out, SUPERVISION_TRUTH_FILE), HEADER, (sink) => {
    for (const r of truth.rows) sink.row([r.model, r.subjectKind, r.subjectId, r.kind, r.key, r.note]);
  });
  return truth;
}
