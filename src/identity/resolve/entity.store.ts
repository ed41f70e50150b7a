import { sql } from 'kysely';
import { copyRows } from '../../platform/db/copy.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import type { Executor } from '../../platform/db/transaction.js';
import type { EntityKind } from '../tables.js';
import type { EntityChange } from './assign-entities.js';

const CHUNK = 5000;

/** Creates `n` entities and returns their ids, in order ("P000000042"). */
export async function createEntities(db: Executor, kind: EntityKind, districtCode: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  const prefix = kind === 'person' ? 'P' : 'E';
  for (let done = 0; done < n; done += CHUNK) {
    const k = Math.min(CHUNK, n - done);
    const r = await sql<{ id: string }>`INSERT INTO identity_entity (id, kind, district_code)
      SELECT ${prefix} || lpad(nextval('identity_entity_seq')::text, 9, '0'), ${kind}, ${districtCode} FROM generate_series(1, ${k}::int)
      RETURNING id`.execute(db);
    ids.push(...r.rows.map((x) => x.id).sort());
  }
  return ids;
}

/** Points records at their entities, in chunks of one statement each. */
export async function setRecordEntities(db: Executor, pairs: Array<[number, string]>): Promise<void> {
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    await sql`UPDATE identity_record r SET entity_id = x.e
      FROM unnest(${sql.val(chunk.map((p) => p[0]))}::bigint[], ${sql.val(chunk.map((p) => p[1]))}::text[]) AS x(id, e)
      WHERE r.id = x.id AND r.entity_id IS DISTINCT FROM x.e`.execute(db);
  }
}

/**
 * Points many records at their entities: by COPY and one UPDATE join when there are many (a full
 * run after a large load), which saves a round trip and a parse of the arrays per chunk.
 */
export async function moveRecords(handle: DatabaseHandle, runId: number, pairs: Array<[number, string]>, bulkFrom = 20_000): Promise<void> {
  if (pairs.length < bulkFrom || pairs.length === 0) return setRecordEntities(handle.db, pairs);
  let lines = '';
  for (const [r, e] of pairs) lines += `${runId}\t${r}\t${e}\n`;
  await copyRows(handle, 'identity_assign_stage', ['run_id', 'record_id', 'entity_id'], lines);
  await sql`ANALYZE identity_assign_stage`.execute(handle.db);
  await sql`UPDATE identity_record r SET entity_id = s.entity_id FROM identity_assign_stage s
    WHERE s.run_id = ${runId} AND r.id = s.record_id AND r.entity_id IS DISTINCT FROM s.entity_id`.execute(handle.db);
  await sql`DELETE FROM identity_assign_stage WHERE run_id = ${runId}`.execute(handle.db);
}

export async function markMerged(db: Executor, from: string, into: string): Promise<void> {
  await db.updateTable('identity_entity').set({ status: 'merged', merged_into: into, record_count: 0, updated_at: new Date() }).where('id', '=', from).execute();
}

export async function recordChanges(db: Executor, runId: number, changes: Array<EntityChange & { reason: string }>): Promise<void> {
  for (let i = 0; i < changes.length; i += 1000) {
    const values = changes.slice(i, i + 1000).map((c) => ({
      run_id: runId, kind: c.kind, entity_id: c.entity, other_entity_id: c.other, record_ids: JSON.stringify(c.records.slice(0, 100)), reason: c.reason,
    }));
    if (values.length) await db.insertInto('identity_change').values(values).execute();
  }
}
