import { sql } from 'kysely';
import { ingestOf } from '../../ingest/ingest.module.js';
import { NotFound } from '../../platform/errors.js';
import type { Platform } from '../../platform/platform.js';
import { copyRecords } from './record.store.js';

/** The enterprise register is the one source of enterprise files; its key is the credit code. */
export const ENTERPRISE_DATASET = 'shichang.enterprises';
const CONTEXT = ['registered_capital_wan', 'established_date', 'status', 'legal_rep_name'] as const;

/**
 * Enterprise files need no probabilistic linkage: the unified social credit code identifies an
 * enterprise for life (GB 32100). Records are synced from the register like person records, and
 * every credit code without a file gets one; records join the file of their code. For enterprise
 * records `id_hash` holds the credit code itself, which is public, not a hash.
 */
export async function syncEnterprises(p: Platform, districtCode: string, runId: number, since: number | undefined): Promise<{ inserted: number; created: number; watermark: number | undefined }> {
  const { reader } = ingestOf(p);
  let last: number | null;
  try {
    last = await reader.lastPublishedBatch(ENTERPRISE_DATASET);
  } catch (e) {
    if (e instanceof NotFound) return { inserted: 0, created: 0, watermark: since };
    throw e;
  }
  if (last == null || last === since) return { inserted: 0, created: 0, watermark: since };
  if (since != null) {
    const retired = await reader.retiredSince(ENTERPRISE_DATASET, since);
    if (retired.length) await p.db.updateTable('identity_record').set({ active: false }).where('dataset', '=', ENTERPRISE_DATASET).where('kind', '=', 'enterprise').where(sql<boolean>`row_id = ANY(${sql.val(retired)}::bigint[])`).execute();
  }
  let inserted = 0;
  const fresh = since == null && !(await p.db.selectFrom('identity_record').select('id').where('dataset', '=', ENTERPRISE_DATASET).where('kind', '=', 'enterprise').limit(1).executeTakeFirst());
  for await (const page of reader.current(ENTERPRISE_DATASET, { sinceBatch: since, pageSize: 20_000 })) {
    const records = page.flatMap((row) => {
      const code = typeof row.data.credit_code === 'string' ? row.data.credit_code : null;
      if (!code) return [];
      const context = Object.fromEntries(CONTEXT.filter((c) => row.data[c] != null).map((c) => [c, row.data[c]]));
      return [{
        dataset: ENTERPRISE_DATASET, rowId: row.rowId, batchId: row.batchId, line: row.line, party: 'enterprise', role: 'registration',
        name: typeof row.data.name === 'string' ? row.data.name : null, idHash: code, idToken: null, idPlain: null, idMasked: code, idValid: true,
        birthDate: typeof row.data.established_date === 'string' ? row.data.established_date : null, sex: null,
        phoneHash: null, phoneToken: null, phoneMasked: null,
        address: typeof row.data.address === 'string' ? row.data.address : null,
        villageCode: typeof row.data.village_code === 'string' ? row.data.village_code : null, householdNo: null, context,
      }];
    });
    inserted += await copyRecords(p.database, runId, 'enterprise', districtCode, records, fresh);
  }
  // The person sync just bulk-loaded records: without fresh statistics the join below is planned
  // as if the table were empty, a nested loop over a million rows.
  if (inserted > 0) await sql`ANALYZE identity_record, identity_entity`.execute(p.db);
  const created = await sql<{ n: number }>`
    WITH codes AS (
      SELECT DISTINCT r.id_hash FROM identity_record r
      WHERE r.kind = 'enterprise' AND r.active AND r.entity_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM identity_entity e WHERE e.kind = 'enterprise' AND e.id_hash = r.id_hash AND e.status = 'active')
    ), made AS (
      INSERT INTO identity_entity (id, kind, id_hash, id_masked, district_code)
      SELECT 'E' || lpad(nextval('identity_entity_seq')::text, 9, '0'), 'enterprise', id_hash, id_hash, ${districtCode} FROM codes
      RETURNING id
    ) SELECT count(*)::int AS n FROM made`.execute(p.db);
  await sql`UPDATE identity_record r SET entity_id = e.id FROM identity_entity e
    WHERE r.kind = 'enterprise' AND r.active AND r.entity_id IS NULL AND e.kind = 'enterprise' AND e.status = 'active' AND e.id_hash = r.id_hash`.execute(p.db);
  return { inserted, created: created.rows[0]?.n ?? 0, watermark: last };
}
