import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Who may read a stored file besides district users: everyone who uploaded those bytes, and
  // whoever may see a case whose handling cited it (a resolution photo, a verification scan).
  await sql`CREATE TABLE event_attachment_link (
    sha256 text NOT NULL REFERENCES event_attachment(sha256),
    kind text NOT NULL CHECK (kind IN ('uploader','case')),
    ref text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sha256, kind, ref)
  )`.execute(db);
  await sql`INSERT INTO event_attachment_link (sha256, kind, ref) SELECT sha256, 'uploader', uploaded_by FROM event_attachment WHERE uploaded_by IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS event_attachment_link`.execute(db);
}
