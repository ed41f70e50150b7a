import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import { recordsOfEntities } from '../records/record.store.js';
import type { PersonSourceRegistry } from '../records/person-sources.js';
import { survive, type SurvivorRecord } from './survivorship.js';

type StoredRecord = Awaited<ReturnType<typeof recordsOfEntities>>[number];

function toSurvivor(r: StoredRecord, trust: number): SurvivorRecord {
  return {
    id: Number(r.id),
    dataset: r.dataset,
    batch_id: Number(r.batch_id),
    row_id: Number(r.row_id),
    line: r.line,
    trust,
    idValid: r.id_valid,
    values: {
      name: r.name, id_number: r.id_hash, birth_date: r.birth_date, sex: r.sex,
      phone: r.phone_hash, address: r.address, village_code: r.village_code, household_no: r.household_no,
    },
    masks: { id_number: r.id_masked, phone: r.phone_masked },
  };
}

/** Recomputes the golden records of these entities from their active records; an entity left without records is retired. */
export async function refreshGolden(db: Executor, entityIds: string[], sources: PersonSourceRegistry): Promise<void> {
  const CHUNK = 5000;
  for (let i = 0; i < entityIds.length; i += CHUNK) {
    const ids = entityIds.slice(i, i + CHUNK);
    const byEntity = new Map<string, StoredRecord[]>();
    for (const r of await recordsOfEntities(db, ids)) {
      const list = byEntity.get(r.entity_id!) ?? [];
      list.push(r);
      byEntity.set(r.entity_id!, list);
    }
    const updates: Array<Record<string, unknown>> = [];
    const empty: string[] = [];
    for (const id of ids) {
      const recs = byEntity.get(id);
      if (!recs?.length) {
        empty.push(id);
        continue;
      }
      const g = survive(recs.map((r) => toSurvivor(r, sources.trustOf(r.dataset, r.party))));
      const village = g.village_code?.value ?? null;
      updates.push({
        id, name: g.name?.value ?? null, id_hash: g.id_number?.value ?? null, id_masked: g.id_number?.masked ?? null,
        birth_date: g.birth_date?.value ?? null, village_code: village, town_code: village ? village.slice(0, 9) : null,
        golden: g, record_count: recs.length,
      });
    }
    if (empty.length) await db.updateTable('identity_entity').set({ status: 'retired', record_count: 0, updated_at: new Date() }).where('id', 'in', empty).where('status', '=', 'active').execute();
    // One statement per chunk: an UPDATE per entity costs a round trip each at district scale.
    if (updates.length)
      await sql`UPDATE identity_entity e SET name = x.name, id_hash = x.id_hash, id_masked = x.id_masked, birth_date = x.birth_date,
          village_code = x.village_code, town_code = x.town_code, golden = x.golden, record_count = x.record_count, status = 'active', merged_into = NULL, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS x(id text, name text, id_hash text, id_masked text, birth_date date, village_code text, town_code text, golden jsonb, record_count integer)
        WHERE e.id = x.id`.execute(db);
  }
}
