import { sql, type Kysely } from 'kysely';

/*
 * Every held resubmission's claim on the rejects it fixes, not only the latest: with one column
 * (`ingest_reject.resolved_batch_id`) a later resubmission's claim replaced an earlier one's, and
 * discarding the later one left the earlier, still held, claiming nothing, so publishing it closed
 * none of the rejects it fixed. `resolved_batch_id` stays what lists show: the latest claim, then
 * the batch that resolved the reject.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE ingest_reject_claim (
    batch_id bigint NOT NULL,
    reject_id bigint NOT NULL REFERENCES ingest_reject (id) ON DELETE CASCADE,
    PRIMARY KEY (batch_id, reject_id))`.execute(db);
  await sql`CREATE INDEX ingest_reject_claim_reject_idx ON ingest_reject_claim (reject_id)`.execute(db);
  await sql`INSERT INTO ingest_reject_claim (batch_id, reject_id)
    SELECT resolved_batch_id, id FROM ingest_reject WHERE status = 'open' AND resolved_batch_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE ingest_reject_claim`.execute(db);
}
