import { sql } from 'kysely';
import { copyField as f, copySafe as safe, copyLines, withCopyTransaction } from '../../platform/db/copy.js';
import type { Platform } from '../../platform/platform.js';
import { goldenRow } from '../golden/golden-writer.js';
import { HELD_COLUMNS, heldLine, type HeldRow } from '../records/held-records.js';
import type { PersonSourceRegistry } from '../records/person-sources.js';
import { withoutSecondaryIndexes } from '../records/record-indexes.js';
import type { Assignment, EntityChange } from './assign-entities.js';

export interface FirstLoadInput {
  runId: number;
  districtCode: string;
  /** Every record of the run, held since the sync, as linked. */
  rows: HeldRow[];
  assignment: Assignment;
  sources: PersonSourceRegistry;
  reasonOf: (kind: EntityChange['kind']) => string;
  /**
   * Called once every file and record has been copied, with each file's name and town, as the
   * server starts rebuilding the indexes: Node has nothing else to do until they are built.
   */
  afterCopy?: (files: HeldFiles) => void;
}

/** Each file's golden name and town, as stored: what work building on the files reads of them. */
export type HeldFiles = ReadonlyMap<string, { name: string | null; town_code: string | null }>;

/** A first load's records and files, still in memory once stored: what `whileStoring` hooks get. */
export interface HeldResolution {
  rows: readonly HeldRow[];
  files: HeldFiles;
  districtCode: string;
}

/**
 * Stores the first resolution of a district: every file made whole at once (its golden record
 * computed from the records in hand, not read back), every record written once with its file, by
 * COPY, files and records in one transaction.
 */
export async function storeFirstLoad(p: Platform, x: FirstLoadInput): Promise<Array<EntityChange & { reason: string }>> {
  const { db } = p;
  const a = x.assignment;
  if (x.rows.length === 0) return [];
  const files = new Map<string, { name: string | null; town_code: string | null }>();
  const placeholders = [...a.entities].sort((u, v) => Number(u.slice(4)) - Number(v.slice(4)));
  const ids = placeholders.length
    ? (await sql<{ id: string }>`SELECT 'P' || lpad(nextval('identity_entity_seq')::text, 9, '0') AS id FROM generate_series(1, ${placeholders.length}::int)`.execute(db)).rows.map((r) => r.id).sort()
    : [];
  const real = new Map(placeholders.map((ph, i) => [ph, ids[i]]));
  const idOf = (e: string) => real.get(e) ?? e;

  // Each record is given its file's id here, once: looked up again per record while writing, the
  // ids of a million records cost seconds of map lookups.
  const byEntity = new Map<string, HeldRow[]>();
  for (const r of x.rows) {
    const e = a.entityOf.get(r.id);
    if (e === undefined) continue; // linked into no cluster: stored without a file
    const list = byEntity.get(e);
    if (list) list.push(r);
    else byEntity.set(e, [r]);
  }
  const records: Array<[string, HeldRow[]]> = [];
  for (const [e, recs] of byEntity) {
    const id = idOf(e);
    for (const r of recs) r.entity_id = id;
    records.push([id, recs]);
  }
  byEntity.clear();
  const changes = a.changes.map((c) => ({ ...c, entity: idOf(c.entity), reason: x.reasonOf(c.kind) }));

  // One transaction for files and records. The table holds no person record yet, so its indexes
  // are built once over the whole load (its foreign key to the files is dropped meanwhile, so files
  // and records may go in any order). Golden records are computed as their lines are written (a
  // district's run to hundreds of MB), and their slices take turns with the records': Node computes
  // files while the server stores records. Records go in id order: the primary key kept meanwhile
  // grows at its right edge.
  await withCopyTransaction(p.database, (tx, copy) =>
    withoutSecondaryIndexes(tx, async () => {
      await copyLines(
        copy,
        { table: 'identity_entity', columns: ENTITY_COLUMNS, count: records.length, line: (i) => entityLine(records[i][0], records[i][1], x, files) },
        {
          table: 'identity_change', columns: ['run_id', 'kind', 'entity_id', 'other_entity_id', 'record_ids', 'reason'], count: changes.length,
          line: (i) => {
            const c = changes[i];
            return `${x.runId}\t${c.kind}\t${c.entity}\t${f(c.other)}\t${JSON.stringify(c.records.slice(0, 100))}\t${f(c.reason)}\n`;
          },
        },
        { table: 'identity_record', columns: HELD_COLUMNS, count: x.rows.length, line: (i) => heldLine(x.rows[i], x.districtCode) },
      );
      x.afterCopy?.(files);
    }),
  );
  return changes;
}

/** A file, its golden record computed from its records, as a line of COPY text in ENTITY_COLUMNS order; its name and town noted in `files`. */
function entityLine(id: string, recs: HeldRow[], x: FirstLoadInput, files: Map<string, { name: string | null; town_code: string | null }>): string {
  const g = goldenRow(id, recs, x.sources);
  files.set(id, { name: g.name, town_code: g.town_code });
  return `${id}\tperson\tactive\t${f(g.name)}\t${safe(g.id_hash)}\t${safe(g.id_masked)}\t${safe(g.birth_date)}\t${f(g.village_code)}\t${safe(g.town_code)}\t${f(JSON.stringify(g.golden))}\t${g.record_count}\t${x.districtCode}\n`;
}

const ENTITY_COLUMNS = ['id', 'kind', 'status', 'name', 'id_hash', 'id_masked', 'birth_date', 'village_code', 'town_code', 'golden', 'record_count', 'district_code'];
