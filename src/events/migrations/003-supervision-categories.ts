import { sql, type Kysely } from 'kysely';
import { SUPERVISION_CATEGORIES } from '../default-taxonomy.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Databases created before the supervision module got its categories receive them here; newer ones already have them from 001. */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [i, c] of SUPERVISION_CATEGORIES.entries()) {
    await sql`INSERT INTO event_category (code, label_zh, label_en, group_zh, group_en, default_severity, dedup_radius_m, dedup_window_minutes, sort)
      VALUES (${c.code}, ${c.zh}, ${c.en}, ${c.groupZh}, ${c.groupEn}, ${c.severity}, ${c.radiusM}, ${c.windowMinutes}, ${100 + i})
      ON CONFLICT (code) DO NOTHING`.execute(db);
  }
}
