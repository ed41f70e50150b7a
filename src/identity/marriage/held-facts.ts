import { setImmediate as tick } from 'node:timers/promises';
import type { FactRow } from './marriage.store.js';

/** Records between yields to the event loop: these run while the server rebuilds indexes, whose next statement waits on Node. */
const SLICE = 20_000;

/** What a first load holds of each record in memory, as far as the marriage library reads it. */
export interface HeldFactRecord {
  id: number;
  entity_id: string | null;
  dataset: string;
  batch_id: number;
  row_id: number;
  line: number;
  party: string;
  role: string;
  name: string | null;
  /** The record's context as stored: a JSON object. */
  context: string;
}

/** What the marriage library reads of a first load's records and files in memory (resolve's `HeldResolution` has it). */
export interface HeldMarriageInput {
  rows: readonly HeldFactRecord[];
  /** Each file's golden name and town, as stored. */
  files: ReadonlyMap<string, { name: string | null; town_code: string | null }>;
  districtCode: string;
}

/**
 * The marriage facts `marriageFacts` reads for everyone, taken from a first load's records in
 * memory instead: straight after the load its query and its reading back took 2 s of a million
 * records, for rows Node had just written. The same rows in the same order: each marriage party
 * with a file, joined to the other parties of its row (by file, golden name or else the record's
 * own), sorted by file then record. A test holds the two to the same answer.
 */
export async function heldMarriageFacts(held: HeldMarriageInput): Promise<FactRow[]> {
  const parties = held.rows.filter((r) => r.role === 'marriage_party');
  // The parties of each row, by dataset then row id (no string key made per record).
  const byRow = new Map<string, Map<number, HeldFactRecord[]>>();
  for (const r of parties) {
    let rows = byRow.get(r.dataset);
    if (!rows) byRow.set(r.dataset, (rows = new Map()));
    const list = rows.get(r.row_id);
    if (list) list.push(r);
    else rows.set(r.row_id, [r]);
  }
  const withFile = parties.filter((r) => r.entity_id != null);
  withFile.sort((a, b) => (a.entity_id! < b.entity_id! ? -1 : a.entity_id! > b.entity_id! ? 1 : a.id - b.id));
  const facts: FactRow[] = [];
  for (let i = 0; i < withFile.length; i++) {
    if (i % SLICE === SLICE - 1) await tick();
    const r = withFile[i];
    const context = JSON.parse(r.context) as Record<string, unknown>;
    const fact = (partnerEntity: string | null, partnerName: string | null): FactRow => ({
      entity: r.entity_id!, dataset: r.dataset, batch: r.batch_id, row: r.row_id, line: r.line, party: r.party, context, partnerEntity, partnerName,
    });
    let partners = 0;
    for (const o of byRow.get(r.dataset)!.get(r.row_id)!) {
      if (o.party === r.party) continue;
      partners++;
      const golden = o.entity_id == null ? null : (held.files.get(o.entity_id)?.name ?? null);
      facts.push(fact(o.entity_id, golden ?? o.name));
    }
    if (partners === 0) facts.push(fact(null, null));
  }
  return facts;
}

/** `registryStatus` for everyone, from a first load's records: the newest resident record's marital status per file. */
export async function heldRegistryStatus(held: HeldMarriageInput): Promise<Map<string, string>> {
  const newest = new Map<string, { batch: number; id: number; status: string }>();
  for (let i = 0; i < held.rows.length; i++) {
    if (i % (SLICE * 5) === SLICE * 5 - 1) await tick();
    const r = held.rows[i];
    if (r.role !== 'resident' || r.entity_id == null || !r.context.includes('"marital_status"')) continue;
    const context = JSON.parse(r.context) as Record<string, unknown>;
    if (!('marital_status' in context)) continue;
    const v = context.marital_status;
    const status = (v == null ? null : typeof v === 'string' ? v : JSON.stringify(v)) as string;
    const seen = newest.get(r.entity_id);
    if (!seen || r.batch_id > seen.batch || (r.batch_id === seen.batch && r.id > seen.id)) newest.set(r.entity_id, { batch: r.batch_id, id: r.id, status });
  }
  return new Map([...newest].map(([e, x]) => [e, x.status]));
}
