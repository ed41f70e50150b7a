import { sql, type Kysely } from 'kysely';

/*
 * The golden record is written whole and read whole (the file pages, the API); no query looks
 * inside it. As json it is stored as the text it arrives as, checked but not converted to jsonb's
 * binary form: a first resolution writes a district's files at once, about 1.4 KB of golden record
 * each, and the conversion made that COPY the slowest step of storing them (assign 16.8 s against
 * 13.9 s at scale 0.2).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE identity_entity ALTER golden DROP DEFAULT, ALTER golden TYPE json USING golden::json, ALTER golden SET DEFAULT '{}'::json`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE identity_entity ALTER golden DROP DEFAULT, ALTER golden TYPE jsonb USING golden::jsonb, ALTER golden SET DEFAULT '{}'::jsonb`.execute(db);
}
