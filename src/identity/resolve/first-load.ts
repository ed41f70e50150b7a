import { sql } from 'kysely';
import { copyField as f, copyRows } from '../../platform/db/copy.js';
import { withTransaction } from '../../platform/db/transaction.js';
import type { Platform } from '../../platform/platform.js';
import { goldenRow } from '../golden/golden-writer.js';
import type { PersonSourceRegistry } from '../records/person-sources.js';
import { withoutSecondaryIndexes } from '../records/record-indexes.js';
import { RECORD_COLUMNS, type LoadedRow } from '../records/record-load.store.js';
import type { Assignment, EntityChange } from './assign-entities.js';

export interface FirstLoadInput {
  runId: number;
  districtCode: string;
  /** Every waiting record of the run, as linked. */
  rows: LoadedRow[];
  assignment: Assignment;
  sources: PersonSourceRegistry;
  reasonOf: (kind: EntityChange['kind']) => string;
}

/**
 * Stores the first resolution of a district: every file made whole at once (its golden record
 * computed from the records in hand, not read back), every record written once with its file, by
 * COPY and one INSERT … SELECT. Files go first, since records refer to them; if the run stops
 * before its records are stored, the next first load clears those files (clearFirstLoad).
 */
export async function storeFirstLoad(p: Platform, x: FirstLoadInput): Promise<Array<EntityChange & { reason: string }>> {
  const { db } = p;
  const a = x.assignment;
  if (x.rows.length === 0) return [];
  const placeholders = [...a.entities].sort((u, v) => Number(u.slice(4)) - Number(v.slice(4)));
  const ids = placeholders.length
    ? (await sql<{ id: string }>`SELECT 'P' || lpad(nextval('identity_entity_seq')::text, 9, '0') AS id FROM generate_series(1, ${placeholders.length}::int)`.execute(db)).rows.map((r) => r.id).sort()
    : [];
  const real = new Map(placeholders.map((ph, i) => [ph, ids[i]]));
  const idOf = (e: string) => real.get(e) ?? e;

  const byEntity = new Map<string, LoadedRow[]>();
  for (const r of x.rows) {
    const e = idOf(a.entityOf.get(Number(r.id))!);
    const list = byEntity.get(e);
    if (list) list.push(r);
    else byEntity.set(e, [r]);
  }
  // In slices, each stored while the next is computed: a district's golden records run to hundreds
  // of MB of text, beyond V8's longest string, and the database parses JSON as fast as Node makes it.
  const entityColumns = ['id', 'kind', 'status', 'name', 'id_hash', 'id_masked', 'birth_date', 'village_code', 'town_code', 'golden', 'record_count', 'district_code'];
  let storing = Promise.resolve();
  let entities = '';
  let n = 0;
  for (const [id, recs] of byEntity) {
    const g = goldenRow(id, recs, x.sources);
    entities += `${id}\tperson\tactive\t${f(g.name)}\t${f(g.id_hash)}\t${f(g.id_masked)}\t${f(g.birth_date)}\t${f(g.village_code)}\t${f(g.town_code)}\t${f(JSON.stringify(g.golden))}\t${g.record_count}\t${x.districtCode}\n`;
    if (++n % 20_000 === 0 || n === byEntity.size) {
      await storing;
      storing = copyRows(p.database, 'identity_entity', entityColumns, entities);
      storing.catch(() => undefined); // awaited above or below; handled so a failure meanwhile is not unhandled
      entities = '';
    }
  }
  await storing;

  const changes = a.changes.map((c) => ({ ...c, entity: idOf(c.entity), reason: x.reasonOf(c.kind) }));
  await copySlices(p, 'identity_change', ['run_id', 'kind', 'entity_id', 'other_entity_id', 'record_ids', 'reason'], changes,
    (c) => `${x.runId}\t${c.kind}\t${c.entity}\t${f(c.other)}\t${JSON.stringify(c.records.slice(0, 100))}\t${f(c.reason)}\n`);
  await copySlices(p, 'identity_assign_stage', ['run_id', 'record_id', 'entity_id'], [...a.entityOf], ([r, e]) => `${x.runId}\t${r}\t${idOf(e)}\n`);

  // The table holds no person record yet: its indexes are built once over the whole load.
  await withTransaction(db, (tx) =>
    withoutSecondaryIndexes(tx, async () => {
      await sql`INSERT INTO identity_record (${sql.raw(RECORD_COLUMNS.join(', '))}, entity_id)
        SELECT ${sql.raw(RECORD_COLUMNS.map((c) => `l.${c}`).join(', '))}, s.entity_id
        FROM identity_record_load l LEFT JOIN identity_assign_stage s ON s.run_id = l.run_id AND s.record_id = l.id
        WHERE l.run_id = ${x.runId}`.execute(tx);
      // They hold this run's rows only (clearFirstLoad emptied them): a DELETE would leave a
      // district's worth of dead rows for every later incremental run to scan.
      await sql`TRUNCATE identity_record_load, identity_assign_stage`.execute(tx);
    }),
  );
  await sql`ANALYZE identity_record, identity_entity`.execute(db);
  return changes;
}

async function copySlices<T>(p: Platform, table: string, columns: string[], items: T[], line: (item: T) => string): Promise<void> {
  for (let i = 0; i < items.length; i += 200_000) {
    let text = '';
    for (const item of items.slice(i, i + 200_000)) text += line(item);
    await copyRows(p.database, table, columns, text);
  }
}
