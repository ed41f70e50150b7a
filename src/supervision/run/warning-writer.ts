import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/transaction.js';
import type { ModelSpec, WarningSeverity } from '../model/model-spec.js';
import type { SupervisionWarningLogTable, SupervisionWarningTable } from '../tables.js';
import type { Hit } from './hits.js';
import type { Decision } from './reconcile.js';

export type Subjects = Map<string, { name: string | null; townCode: string | null; official: boolean }>;

export interface WriteInput {
  model: ModelSpec;
  runId: number;
  decisions: Decision[];
  hits: Map<string, Hit>;
  subjects: Subjects;
  districtCode: string;
}

/** Warnings raised or raised again by this write, for auto-dispatch. */
export interface Written {
  id: number;
  severity: WarningSeverity;
}

const CHUNK = 500;

/** A 12-digit village or 9-digit town code, as the place a case is handled; anything else is no place. */
function placeOf(place: string | null): { town: string | null; place: string | null } {
  if (place && /^\d{12}$/.test(place)) return { town: place.slice(0, 9), place };
  if (place && /^\d{9}$/.test(place)) return { town: place, place };
  return { town: null, place: null };
}

/** Writes one model's decisions: inserts, refreshes, re-raises and clears, each logged with the run. */
export async function applyDecisions(tx: Tx, w: WriteInput): Promise<Written[]> {
  const written: Written[] = [];
  const logs: Insertable<SupervisionWarningLogTable>[] = [];
  const severityOf = (d: Decision) => ('candidate' in d ? (d.candidate.severity as WarningSeverity) : 'yellow');
  const row = (d: Decision & { candidate: { dedupKey: string } }) => {
    const h = w.hits.get(d.candidate.dedupKey)!;
    const s = w.subjects.get(h.subjectId);
    const where = placeOf(h.place);
    return {
      model_version: w.model.version,
      subject_name: s?.name ?? null,
      subject_official: s?.official ?? false,
      town_code: where.town ?? s?.townCode ?? null,
      place_code: where.place,
      severity: severityOf(d),
      facts: JSON.stringify(h.facts),
      facts_hash: h.factsHash,
      last_run: w.runId,
      updated_at: new Date(),
    };
  };

  const raises = w.decisions.filter((d): d is Extract<Decision, { kind: 'raise' }> => d.kind === 'raise');
  for (let i = 0; i < raises.length; i += CHUNK) {
    const values: Insertable<SupervisionWarningTable>[] = raises.slice(i, i + CHUNK).map((d) => {
      const h = w.hits.get(d.candidate.dedupKey)!;
      return {
        ...row(d),
        code: sql<string>`'YJ' || lpad(nextval('supervision_warning_code_seq')::text, 8, '0')` as unknown as string,
        model_id: w.model.id, domain: w.model.domain, dedup_key: d.candidate.dedupKey, subject_kind: h.subjectKind, subject_id: h.subjectId,
        first_run: w.runId, district_code: w.districtCode,
      };
    });
    const ids = await tx.insertInto('supervision_warning').values(values).returning(['id', 'severity']).execute();
    for (const r of ids) {
      written.push({ id: Number(r.id), severity: r.severity });
      logs.push({ warning_id: Number(r.id), kind: 'raised', actor: 'supervision', run_id: w.runId, detail: JSON.stringify({ version: w.model.version }) });
    }
  }

  for (const d of w.decisions) {
    if (d.kind === 'raise' || d.kind === 'unchanged') continue;
    if (d.kind === 'clear') {
      await tx.updateTable('supervision_warning').set({ status: 'cleared', last_run: w.runId, updated_at: new Date() }).where('id', '=', d.existing.id).execute();
      logs.push({ warning_id: d.existing.id, kind: 'cleared', actor: 'supervision', run_id: w.runId, detail: JSON.stringify({ reason: 'no longer matched' }) });
      continue;
    }
    const values = row(d);
    if (d.kind === 'reraise') {
      // A closed warning whose facts changed starts over: the old verdict was about other facts.
      await tx.updateTable('supervision_warning').set({ ...values, status: 'open', event_id: null, case_id: null, dispatched_at: null, action: null, recovered_yuan: null, rule_improvement: null, verified_by: null, verified_at: null, verify_note: null }).where('id', '=', d.existing.id).execute();
      written.push({ id: d.existing.id, severity: values.severity });
      logs.push({ warning_id: d.existing.id, kind: 'reraised', actor: 'supervision', run_id: w.runId, detail: JSON.stringify({ previous: d.existing.status, version: w.model.version }) });
    } else {
      await tx.updateTable('supervision_warning').set(values).where('id', '=', d.existing.id).execute();
      logs.push({ warning_id: d.existing.id, kind: 'updated', actor: 'supervision', run_id: w.runId, detail: JSON.stringify({ severity: values.severity, previousSeverity: d.existing.severity }) });
    }
  }
  // Unchanged warnings only record that this run saw them.
  const seen = w.decisions.filter((d) => d.kind === 'unchanged').map((d) => (d as Extract<Decision, { kind: 'unchanged' }>).existing.id);
  if (seen.length) await tx.updateTable('supervision_warning').set({ last_run: w.runId }).where(sql<boolean>`id = ANY(${sql.val(seen)}::bigint[])`).execute();
  for (let i = 0; i < logs.length; i += CHUNK) await tx.insertInto('supervision_warning_log').values(logs.slice(i, i + CHUNK)).execute();
  return written;
}
