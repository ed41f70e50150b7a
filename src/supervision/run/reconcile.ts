import type { WarningStatus } from '../tables.js';

export interface Existing {
  id: number;
  dedupKey: string;
  status: WarningStatus;
  factsHash: string;
  severity: string;
}

export interface Candidate {
  dedupKey: string;
  factsHash: string;
  severity: string;
}

export type Decision =
  | { kind: 'raise'; candidate: Candidate }
  | { kind: 'reraise'; candidate: Candidate; existing: Existing }
  | { kind: 'update'; candidate: Candidate; existing: Existing }
  | { kind: 'unchanged'; candidate: Candidate; existing: Existing }
  | { kind: 'clear'; existing: Existing };

/**
 * What a model run does with each warning. A hit with no warning is raised. An open or
 * dispatched warning is refreshed when its facts or severity changed. A warning closed as a false
 * positive, or confirmed and handled, stays closed while its facts are the same: inspectors must
 * not see the same case twice; new facts (another property, a bigger amount) raise it again. An
 * open warning the data no longer supports is cleared; a dispatched one stays with its case, whose
 * handlers decide.
 */
export function reconcile(existing: Existing[], candidates: Candidate[]): Decision[] {
  const byKey = new Map(existing.map((e) => [e.dedupKey, e]));
  const seen = new Set<string>();
  const out: Decision[] = [];
  for (const c of candidates) {
    seen.add(c.dedupKey);
    const e = byKey.get(c.dedupKey);
    if (!e) out.push({ kind: 'raise', candidate: c });
    else if (e.status === 'cleared') out.push({ kind: 'reraise', candidate: c, existing: e });
    else if (e.status === 'false_positive' || e.status === 'confirmed') out.push({ kind: e.factsHash === c.factsHash ? 'unchanged' : 'reraise', candidate: c, existing: e });
    else if (e.factsHash !== c.factsHash || e.severity !== c.severity) out.push({ kind: 'update', candidate: c, existing: e });
    else out.push({ kind: 'unchanged', candidate: c, existing: e });
  }
  for (const e of existing) if (!seen.has(e.dedupKey) && e.status === 'open') out.push({ kind: 'clear', existing: e });
  return out;
}
