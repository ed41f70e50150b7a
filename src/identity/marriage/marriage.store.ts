import { sql } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import { keyedLookup } from '../records/keyed-lookup.js';
import type { MarriageFact } from './marriage-timeline.js';

export interface FactRow extends MarriageFact {
  entity: string;
}

/**
 * Marriage facts with the other party of the same row, for some entities or (entities omitted)
 * for everyone: one query, so the whole district's conflicts come from a single pass.
 */
export async function marriageFacts(db: Executor, entities?: string[]): Promise<FactRow[]> {
  // Some entities by a join to their ids: an = ANY over thousands of ids was planned as a scan of the table.
  const only = entities ? sql`JOIN unnest(${sql.val(entities)}::text[]) AS k(e) ON r.entity_id = k.e` : sql``;
  const query = (tx: Executor) => sql<{ entity: string; dataset: string; batch: number; row: number; line: number; party: string; context: Record<string, unknown>; partner_entity: string | null; partner_name: string | null; partner_resident: boolean | null; partner_seen: boolean | null }>`
    SELECT r.entity_id AS entity, r.dataset, r.batch_id AS batch, r.row_id AS row, r.line, r.party, r.context,
           o.entity_id AS partner_entity, coalesce(pe.name, o.name) AS partner_name
    FROM identity_record r ${only}
    LEFT JOIN identity_record o ON o.dataset = r.dataset AND o.row_id = r.row_id AND o.party <> r.party AND o.active AND o.role = 'marriage_party'
    LEFT JOIN identity_entity pe ON pe.id = o.entity_id
    WHERE r.role = 'marriage_party' AND r.active AND r.entity_id IS NOT NULL
    ORDER BY r.entity_id, r.id`.execute(tx);
  const rows = entities ? await keyedLookup(db, entities.length, query) : await query(db);
  return rows.rows.map((r) => ({ entity: r.entity, dataset: r.dataset, batch: Number(r.batch), row: Number(r.row), line: r.line, party: r.party, context: r.context, partnerEntity: r.partner_entity, partnerName: r.partner_name }));
}

/** The household registry's marital status per entity (the newest resident record's). */
export async function registryStatus(db: Executor, entities?: string[]): Promise<Map<string, string>> {
  const only = entities ? sql`JOIN unnest(${sql.val(entities)}::text[]) AS k(e) ON entity_id = k.e` : sql``;
  const query = (tx: Executor) => sql<{ entity_id: string; status: string }>`
    SELECT DISTINCT ON (entity_id) entity_id, context->>'marital_status' AS status
    FROM identity_record ${only}
    WHERE role = 'resident' AND active AND entity_id IS NOT NULL AND context ? 'marital_status'
    ORDER BY entity_id, batch_id DESC, id DESC`.execute(tx);
  const rows = entities ? await keyedLookup(db, entities.length, query) : await query(db);
  return new Map(rows.rows.map((r) => [r.entity_id, r.status]));
}
