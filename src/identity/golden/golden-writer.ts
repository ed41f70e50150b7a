import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import { keyedLookup } from '../records/keyed-lookup.js';
import type { PersonSourceRegistry } from '../records/person-sources.js';
import { survive, type Golden } from './survivorship.js';

/** The fields of a stored record that survivorship reads. */
export interface GoldenInput {
  id: number;
  dataset: string;
  party: string;
  batch_id: number;
  row_id: number;
  line: number;
  id_valid: boolean | null;
  name: string | null;
  id_hash: string | null;
  id_masked: string | null;
  birth_date: string | null;
  sex: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  address: string | null;
  village_code: string | null;
  household_no: string | null;
}

/** An entity's columns that come from its golden record. */
export interface GoldenRow {
  id: string;
  name: string | null;
  id_hash: string | null;
  id_masked: string | null;
  birth_date: string | null;
  village_code: string | null;
  town_code: string | null;
  golden: Golden;
  record_count: number;
}

/** The golden record of one entity from its active records. */
export function goldenRow(id: string, recs: GoldenInput[], sources: PersonSourceRegistry): GoldenRow {
  const g = survive(recs.map((r) => ({
    id: Number(r.id),
    dataset: r.dataset,
    batch_id: Number(r.batch_id),
    row_id: Number(r.row_id),
    line: r.line,
    trust: sources.trustOf(r.dataset, r.party),
    idValid: r.id_valid,
    values: {
      name: r.name, id_number: r.id_hash, birth_date: r.birth_date, sex: r.sex,
      phone: r.phone_hash, address: r.address, village_code: r.village_code, household_no: r.household_no,
    },
    masks: { id_number: r.id_masked, phone: r.phone_masked },
  })));
  const village = g.village_code?.value ?? null;
  return {
    id, name: g.name?.value ?? null, id_hash: g.id_number?.value ?? null, id_masked: g.id_number?.masked ?? null,
    birth_date: g.birth_date?.value ?? null, village_code: village, town_code: village ? village.slice(0, 9) : null,
    golden: g, record_count: recs.length,
  };
}

const COLUMNS = sql`id, dataset, party, batch_id, row_id, line, id_valid, name, id_hash, id_masked, birth_date, sex, phone_hash, phone_masked, address, village_code, household_no, entity_id`;

/** Recomputes the golden records of these entities from their active records; an entity left without records is retired. */
export async function refreshGolden(db: Executor, entityIds: string[], sources: PersonSourceRegistry): Promise<void> {
  const CHUNK = 5000;
  for (let i = 0; i < entityIds.length; i += CHUNK) {
    const ids = entityIds.slice(i, i + CHUNK);
    const byEntity = new Map<string, GoldenInput[]>();
    // One array parameter rather than a list of thousands, joined (an = ANY over thousands of ids
    // was planned as a scan of the table); only the columns survivorship reads.
    const recs = await keyedLookup(db, ids.length, (tx) => sql<GoldenInput & { entity_id: string }>`SELECT ${COLUMNS} FROM unnest(${sql.val(ids)}::text[]) AS k(e)
      JOIN identity_record ON entity_id = k.e WHERE active ORDER BY id`.execute(tx));
    for (const r of recs.rows) {
      const list = byEntity.get(r.entity_id);
      if (list) list.push(r);
      else byEntity.set(r.entity_id, [r]);
    }
    const updates: GoldenRow[] = [];
    const empty: string[] = [];
    for (const id of ids) {
      const list = byEntity.get(id);
      if (list?.length) updates.push(goldenRow(id, list, sources));
      else empty.push(id);
    }
    if (empty.length) await db.updateTable('identity_entity').set({ status: 'retired', record_count: 0, updated_at: new Date() }).where('id', 'in', empty).where('status', '=', 'active').execute();
    // One statement per chunk: an UPDATE per entity costs a round trip each at district scale. As
    // json, not jsonb: the golden column is json, and each golden record goes in as the text it
    // arrives as, not converted to jsonb's binary form and back.
    if (updates.length)
      await sql`UPDATE identity_entity e SET name = x.name, id_hash = x.id_hash, id_masked = x.id_masked, birth_date = x.birth_date,
          village_code = x.village_code, town_code = x.town_code, golden = x.golden, record_count = x.record_count, status = 'active', merged_into = NULL, updated_at = now()
        FROM json_to_recordset(${JSON.stringify(updates)}::json) AS x(id text, name text, id_hash text, id_masked text, birth_date date, village_code text, town_code text, golden json, record_count integer)
        WHERE e.id = x.id`.execute(db);
  }
}
