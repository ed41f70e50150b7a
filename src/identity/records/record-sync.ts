import { ingestOf } from '../../ingest/ingest.module.js';
import { NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { extractRecord, TokenCache, type PersonRecordInput } from './extract-record.js';
import type { PersonSource, PersonSourceRegistry } from './person-sources.js';
import { copyRecords, hasNoRecords, retireRecords } from './record.store.js';

export interface SyncResult {
  inserted: number;
  retired: number;
  /** Entities that lost records and need their golden record recomputed. */
  touched: string[];
  /** The last published batch read per dataset: where the next sync starts. */
  watermarks: Record<string, number>;
  /** Sources whose dataset is not registered here, so nothing was read from them. */
  missing: string[];
}

/** Where a sync's new records go instead of identity_record, a page at a time; answers how many it took. */
export type RecordSink = (records: PersonRecordInput[]) => Promise<number>;

/**
 * Brings identity records up to date with the published data: records for rows published since
 * each dataset's watermark, and records retired for rows that have since been changed or deleted.
 * Reading from a watermark makes a re-run after a crash safe (inserts skip what is there).
 * With `into` the new records go there instead, to be stored once with their files (a first load
 * holds them in memory, an incremental run parks them in the waiting table).
 */
export async function syncPersonRecords(
  p: Platform,
  sources: PersonSourceRegistry,
  districtCode: string,
  runId: number,
  from: Record<string, number>,
  onProgress?: (msg: string) => void,
  into?: RecordSink,
): Promise<SyncResult> {
  const { reader } = ingestOf(p);
  const result: SyncResult = { inserted: 0, retired: 0, touched: [], watermarks: { ...from }, missing: [] };
  const touched = new Set<string>();
  const tokens = new TokenCache(p.cipher);
  const byDataset = new Map<string, PersonSource[]>();
  for (const s of sources.all()) byDataset.set(s.dataset, [...(byDataset.get(s.dataset) ?? []), s]);

  for (const [dataset, parties] of byDataset) {
    let last: number | null;
    try {
      last = await reader.lastPublishedBatch(dataset);
    } catch (e) {
      if (e instanceof NotFound) {
        result.missing.push(dataset);
        continue;
      }
      throw e;
    }
    const since = from[dataset];
    if (last == null || last === since) continue;
    if (since != null) {
      const rowIds = await reader.retiredSince(dataset, since);
      for (const e of await retireRecords(p.db, dataset, rowIds)) touched.add(e);
      result.retired += rowIds.length;
    }
    // A dataset never read before, with no records, loads by plain COPY: nothing to collide with.
    const fresh = !into && since == null && (await hasNoRecords(p.db, dataset));
    // Large pages: each page re-reads the dataset's current rows in the reader's plan (an index on
    // the key, then a sort by id), so fewer pages cost less. The next page is asked for, and the last
    // one stored, while this one is turned into records: the database works while Node computes.
    const pages = reader.current(dataset, { sinceBatch: since, unseal: true, pageSize: 50_000 })[Symbol.asyncIterator]();
    // Each is awaited later; marked handled now so a failure meanwhile is not an unhandled rejection.
    const handled = <T>(x: Promise<T>) => (x.catch(() => undefined), x);
    let next = handled(pages.next());
    let storing: Promise<number> = Promise.resolve(0);
    for (let page = await next; !page.done; page = await next) {
      next = handled(pages.next());
      const records: PersonRecordInput[] = [];
      for (const row of page.value) for (const s of parties) {
        const r = extractRecord(s, row, tokens);
        if (r) records.push(r);
      }
      result.inserted += await storing;
      onProgress?.(`${dataset}: ${result.inserted} records`);
      storing = handled(into ? into(records) : copyRecords(p.database, runId, 'person', districtCode, records, fresh));
    }
    result.inserted += await storing;
    result.watermarks[dataset] = last;
  }
  result.touched = [...touched];
  return result;
}
