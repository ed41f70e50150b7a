import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../db/transaction.js';
import { withTransaction } from '../db/transaction.js';
import { Conflict, Invalid } from '../errors.js';
import type { BackupManifest } from './backup.js';

const BATCH = 1000;

/**
 * Restores a backup into a freshly migrated, empty database, in one transaction: all or nothing.
 * Rows go through json_populate_record, so each column gets its own type back from the JSON.
 */
export async function restore(db: Db, dir: string, onTable?: (t: string, rows: number) => void): Promise<BackupManifest> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Invalid(`不是备份目录 (no manifest.json in ${dir})`, { dir: 'not a backup' });
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== 'tianmu-backup/1') throw new Invalid(`未知备份格式 ${manifest.format}`, { format: 'unknown' });
  const users = await db.selectFrom('app_user').select('id').limit(1).execute();
  const audit = await db.selectFrom('audit_log').select('id').limit(1).execute();
  if (users.length > 0 || audit.length > 0) throw new Conflict('目标数据库已有数据，只能恢复到空库 (target database is not empty)', 'not_empty');
  await withTransaction(db, async (tx) => {
    // Opening the platform seeded regions and settings; the backup's own rows replace them.
    for (const t of [...manifest.tables].reverse()) {
      if (t.name !== 'audit_log') await sql`DELETE FROM ${sql.table(t.name)}`.execute(tx);
    }
    for (const t of manifest.tables) {
      const lines = createInterface({ input: createReadStream(join(dir, t.file)).pipe(createGunzip()), crlfDelay: Infinity });
      let batch: string[] = [];
      let rows = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await sql`INSERT INTO ${sql.table(t.name)} SELECT r.* FROM json_array_elements(${`[${batch.join(',')}]`}::json) e,
          LATERAL json_populate_record(null::${sql.table(t.name)}, e) r`.execute(tx);
        rows += batch.length;
        batch = [];
      };
      for await (const line of lines) {
        if (!line) continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (rows !== t.rows) throw new Invalid(`备份文件 ${t.file} 行数不符 (expected ${t.rows}, found ${rows})`, { [t.file]: 'truncated' });
      onTable?.(t.name, rows);
    }
    await sql`SELECT setval(pg_get_serial_sequence('outbox', 'id'), coalesce((SELECT max(id) FROM outbox), 0) + 1, false)`.execute(tx);
  });
  return manifest;
}
