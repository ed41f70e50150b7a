import { SEVERITIES, type Severity } from './event-messages.js';
import { distanceM } from './geo.js';

/** An open case as merging sees it (the columns the merge rule reads and the grow changes). */
export interface OpenCase {
  id: string;
  category: string;
  severity: Severity;
  count: number;
  lat: number | null;
  lon: number | null;
  dedupKey: string | null;
  occurredAt: Date;
  lastEventAt: Date;
  openedAt: Date;
}

/** Where and when an event may merge by place: the box around its point and its time window. */
export interface NearQuery {
  category: string;
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number };
  /** The case's span of occurrence must reach into [since, until]. */
  since: Date;
  until: Date;
}

/** One event of a batch, reduced to what decides its case. */
export interface Incoming {
  category: string;
  severity: Severity;
  occurredAt: Date;
  dedupKey: string | null;
  lat: number | null;
  lon: number | null;
  /** Null when the event has no point or its category merges by key only. */
  near: (NearQuery & { lat: number; lon: number; radiusM: number }) | null;
}

export type Decision =
  | { caseId: string; merged: false; count: 1; severity: Severity; seq: 0 }
  /** `seq`: how many events of this batch joined the case before this one (orders their receipt). */
  | { caseId: string; merged: true; count: number; severity: Severity; seq: number };

export interface Plan {
  decisions: Decision[];
  /** Cases that were open before the batch and grow, with their state after it. */
  grown: OpenCase[];
  /** Cases the batch opens, with their state after it. */
  opened: OpenCase[];
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Decides, in memory, the case of each event of a batch exactly as if the events were stored one
 * after another: an event sees the cases that earlier events of the batch opened or grew. `known`
 * holds every open case any event of the batch could merge into (looked up under the batch's
 * locks). `newIds[i]` is the case event i opens, if it opens one.
 */
export function planMerges(incoming: Incoming[], known: readonly OpenCase[], newIds: string[], now: Date): Plan {
  // Copies, so the caller's cases stay as fetched.
  const existing = known.map((c) => ({ ...c }));
  existing.sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime());
  const opened: OpenCase[] = [];
  const grown = new Set<OpenCase>();
  const seq = new Map<string, number>();
  const decisions = incoming.map((ev, i): Decision => {
    // The newest case first, as the lookup orders them: this batch's own cases are the newest.
    const target = mergeTarget(ev, [...opened].reverse().concat(existing));
    if (!target) {
      const c: OpenCase = { id: newIds[i], category: ev.category, severity: ev.severity, count: 1, lat: ev.lat, lon: ev.lon, dedupKey: ev.dedupKey, occurredAt: ev.occurredAt, lastEventAt: ev.occurredAt, openedAt: now };
      opened.push(c);
      return { caseId: c.id, merged: false, count: 1, severity: ev.severity, seq: 0 };
    }
    target.count += 1;
    if (rank(ev.severity) > rank(target.severity)) target.severity = ev.severity;
    if (ev.occurredAt > target.lastEventAt) target.lastEventAt = ev.occurredAt;
    if (ev.occurredAt < target.occurredAt) target.occurredAt = ev.occurredAt;
    target.dedupKey ??= ev.dedupKey;
    if (!opened.includes(target)) grown.add(target);
    const n = (seq.get(target.id) ?? 0) + 1;
    seq.set(target.id, n);
    return { caseId: target.id, merged: true, count: target.count, severity: target.severity, seq: n };
  });
  return { decisions, grown: [...grown], opened };
}

/** The case holding the event's dedup key, else the nearest of its category within radius and window. */
function mergeTarget(ev: Incoming, cases: OpenCase[]): OpenCase | null {
  if (ev.dedupKey) {
    const byKey = cases.find((c) => c.dedupKey === ev.dedupKey);
    if (byKey) return byKey;
  }
  const q = ev.near;
  if (!q) return null;
  let best: OpenCase | null = null;
  let bestD = Infinity;
  for (const c of cases) {
    if (!matchesNear(c, q)) continue;
    const d = distanceM(q.lat, q.lon, c.lat!, c.lon!);
    if (d <= q.radiusM && d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/** The lookup's condition by place, applied to a case's state in memory. */
function matchesNear(c: OpenCase, q: NearQuery): boolean {
  return (
    c.category === q.category && c.lat !== null && c.lon !== null &&
    c.lat >= q.box.minLat && c.lat <= q.box.maxLat && c.lon >= q.box.minLon && c.lon <= q.box.maxLon &&
    c.lastEventAt >= q.since && c.occurredAt <= q.until
  );
}
