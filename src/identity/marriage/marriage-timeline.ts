/**
 * A person's marriage history from what four departments recorded: registrations (民政), court
 * divorces (法院), the archive's older registrations (档案馆) and the household registry's status
 * (公安). Pure: the service loads the facts, this decides what they say.
 */

/** One source row that mentions the person as a party, with the other party it names. */
export interface MarriageFact {
  dataset: string;
  batch: number;
  row: number;
  line: number;
  party: string;
  partnerEntity: string | null;
  partnerName: string | null;
  context: Record<string, unknown>;
}

export interface SourceRef {
  dataset: string;
  batch: number;
  row: number;
  line: number;
}

export interface Marriage {
  partnerEntity: string | null;
  partnerName: string | null;
  marriedOn: string | null;
  place: string | null;
  endedOn: string | null;
  endKind: 'divorce_registration' | 'divorce_judgment' | 'annulment' | 'death_inferred' | null;
  /** The status this person declared when marrying (未婚, 离婚, 丧偶), when a registration says it. */
  priorStatus: string | null;
  sources: SourceRef[];
}

export type ConflictKind = 'divorce_without_marriage' | 'overlapping_marriages' | 'dates_out_of_order' | 'registry_status_stale';

export interface Conflict {
  kind: ConflictKind;
  detail: string;
  sources: SourceRef[];
}

export interface Timeline {
  marriages: Marriage[];
  status: { value: '未婚' | '已婚' | '离婚' | '丧偶'; confidence: number; registry: string | null; basis: string };
  conflicts: Conflict[];
}

interface Evt {
  kind: 'marriage' | 'divorce';
  date: string | null;
  partnerKey: string;
  fact: MarriageFact;
  endKind?: Marriage['endKind'];
  place: string | null;
  prior: string | null;
  /** A court's date of the marriage it dissolved. */
  marriedOn?: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const ref = (f: MarriageFact): SourceRef => ({ dataset: f.dataset, batch: f.batch, row: f.row, line: f.line });
const MARRIED = new Set(['已婚', '初婚', '再婚', '复婚']);

/** Names one typo apart (陈淑蓉 / 陈淑榕, 王帼平 / 王国平): old archive rows are transcribed by hand. */
function namesClose(a: string | null, b: string | null): boolean {
  if (!a || !b || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return a[0] === b[0] || diff === 0;
}

function eventsOf(f: MarriageFact): Evt[] {
  const c = f.context;
  const partnerKey = f.partnerEntity ?? `name:${f.partnerName ?? '?'}`;
  const prior = str(c[`${f.party}_prior_status`]);
  const base = { partnerKey, fact: f, prior };
  if (f.dataset === 'fayuan.divorce_judgments') {
    return [{ ...base, kind: 'divorce', date: str(c.effective_on) ?? str(c.decided_on), endKind: 'divorce_judgment', place: str(c.court), marriedOn: str(c.married_on) }];
  }
  const type = str(c.event_type) ?? str(c.category);
  const date = str(c.registered_on);
  const place = str(c.office);
  if (type === '结婚登记' || type === '结婚' || type === '复婚') return [{ ...base, kind: 'marriage', date, place }];
  if (type === '离婚登记' || type === '离婚') return [{ ...base, kind: 'divorce', date, place, endKind: 'divorce_registration' }];
  if (type === '撤销婚姻登记') return [{ ...base, kind: 'divorce', date, place, endKind: 'annulment' }];
  return []; // 补发: a new certificate says nothing new about the marriage itself
}

const samePartner = (m: { key: string; partnerName: string | null }, e: Evt) => m.key === e.partnerKey || namesClose(m.partnerName, e.fact.partnerName);

const before = (a: string | null, b: string | null) => a != null && b != null && a < b;

/** Builds the timeline, the current status with a confidence, and the conflicts to review. */
export function buildTimeline(facts: MarriageFact[], registryStatus: string | null): Timeline {
  const events = facts.flatMap(eventsOf).sort((x, y) => (x.date ?? '9999').localeCompare(y.date ?? '9999') || (x.kind === 'marriage' ? -1 : 1));
  const marriages: Array<Marriage & { key: string }> = [];
  const conflicts: Conflict[] = [];

  for (const e of events.filter((x) => x.kind === 'marriage')) {
    // The same marriage recorded twice (民政 and the archive) is one marriage.
    // The same marriage recorded twice is one; an archive row's partner may not have been linked
    // to the partner's file, so a name one character off counts when the dates do not disagree.
    const same = marriages.find((m) => (m.key === e.partnerKey && m.marriedOn === e.date) || (samePartner(m, e) && (m.marriedOn === e.date || m.marriedOn == null || e.date == null)));
    if (same) {
      same.marriedOn ??= e.date;
      same.sources.push(ref(e.fact));
      continue;
    }
    marriages.push({ key: e.partnerKey, partnerEntity: e.fact.partnerEntity, partnerName: e.fact.partnerName, marriedOn: e.date, place: e.place, endedOn: null, endKind: null, priorStatus: e.prior, sources: [ref(e.fact)] });
  }
  marriages.sort((a, b) => (a.marriedOn ?? '').localeCompare(b.marriedOn ?? ''));

  for (const d of events.filter((x) => x.kind === 'divorce')) {
    if (d.endKind === 'divorce_judgment' && before(str(d.fact.context.effective_on), str(d.fact.context.decided_on))) {
      conflicts.push({ kind: 'dates_out_of_order', detail: '生效日期早于裁判日期 (effective before decided)', sources: [ref(d.fact)] });
    }
    const open = marriages.filter((m) => samePartner(m, d) && m.endedOn == null);
    const ended = marriages.find((m) => samePartner(m, d) && m.endedOn === d.date && m.endKind === d.endKind);
    if (ended) {
      ended.sources.push(ref(d.fact));
      continue;
    }
    const target = [...open].reverse().find((m) => !before(d.date, m.marriedOn));
    if (target) {
      Object.assign(target, { endedOn: d.date, endKind: d.endKind });
      target.sources.push(ref(d.fact));
    } else if (open.length) {
      const m = open[0];
      conflicts.push({ kind: 'dates_out_of_order', detail: `离婚日期 ${d.date} 早于结婚日期 ${m.marriedOn} (divorce before marriage)`, sources: [...m.sources, ref(d.fact)] });
      Object.assign(m, { endedOn: d.date, endKind: d.endKind });
      m.sources.push(ref(d.fact));
    } else {
      conflicts.push({ kind: 'divorce_without_marriage', detail: `离婚 ${d.date ?? '?'} 未见对应结婚登记 (no marriage on file for this divorce)`, sources: [ref(d.fact)] });
      marriages.push({ key: d.partnerKey, partnerEntity: d.fact.partnerEntity, partnerName: d.fact.partnerName, marriedOn: d.marriedOn ?? null, place: null, endedOn: d.date, endKind: d.endKind ?? null, priorStatus: null, sources: [ref(d.fact)] });
    }
  }
  marriages.sort((a, b) => (a.marriedOn ?? a.endedOn ?? '').localeCompare(b.marriedOn ?? b.endedOn ?? ''));

  // A marriage still open when the next begins: ended by a death if the next registration
  // declares 丧偶 (deaths are not in marriage files), otherwise the records overlap.
  for (let i = 0; i + 1 < marriages.length; i++) {
    const m = marriages[i];
    const next = marriages[i + 1];
    const endsAfterNext = m.endedOn == null || before(next.marriedOn, m.endedOn);
    if (!endsAfterNext || m.key === next.key || namesClose(m.partnerName, next.partnerName)) continue;
    if (m.endedOn == null && next.priorStatus === '丧偶') {
      Object.assign(m, { endedOn: next.marriedOn, endKind: 'death_inferred' });
      continue;
    }
    conflicts.push({ kind: 'overlapping_marriages', detail: `与${m.partnerName ?? '?'}的婚姻未见解除，又于 ${next.marriedOn ?? '?'} 与${next.partnerName ?? '?'}登记 (marriages overlap)`, sources: [...m.sources, ...next.sources] });
  }

  const last = marriages[marriages.length - 1];
  const derived: Timeline['status']['value'] = !last ? '未婚' : last.endKind === 'death_inferred' ? '丧偶' : last.endedOn == null ? '已婚' : '离婚';
  const registry = registryStatus && MARRIED.has(registryStatus) ? '已婚' : registryStatus;
  let status: Timeline['status'];
  if (!registry) status = { value: derived, confidence: last ? 0.7 : 0.5, registry: registryStatus, basis: 'marriage records only' };
  else if (registry === derived) status = { value: derived, confidence: 0.97, registry: registryStatus, basis: 'records and registry agree' };
  else if (derived === '已婚' && registry === '丧偶') status = { value: '丧偶', confidence: 0.8, registry: registryStatus, basis: 'registry: spouse deceased (deaths are not in marriage files)' };
  else if (derived === '未婚') status = { value: registry as Timeline['status']['value'], confidence: 0.7, registry: registryStatus, basis: 'registry only (no marriage record on file)' };
  else {
    status = { value: derived, confidence: 0.75, registry: registryStatus, basis: 'marriage records outrank a stale registry entry' };
    conflicts.push({ kind: 'registry_status_stale', detail: `户籍登记为${registryStatus}，婚姻记录显示${derived} (registry contradicts the records)`, sources: last ? last.sources : [] });
  }
  return { marriages: marriages.map(({ key: _key, ...m }) => m), status, conflicts };
}
