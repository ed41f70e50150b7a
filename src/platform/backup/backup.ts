import { createWriteStream, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../db/transaction.js';
import { Invalid } from '../errors.js';
import { KEY_FILE_NAME } from '../crypto/index.js';

export interface BackupManifest {
  format: 'tianmu-backup/1';
  createdAt: string;
  engine: string;
  migrations: string[];
  /** Tables in an order that satisfies foreign keys on restore. */
  tables: Array<{ name: string; rows: number; file: string }>;
  keysIncluded: boolean;
}

const PAGE = 5000;

/** Tables of the public schema ordered parents first, from the foreign keys in the catalogue. */
export async function tablesInDependencyOrder(db: Db): Promise<string[]> {
  const tables = (await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db)).rows.map((r) => r.t);
  const deps = (
    await sql<{ child: string; parent: string }>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`.execute(db)
  ).rows;
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, stack: Set<string>) => {
    if (seen.has(t) || stack.has(t)) return;
    stack.add(t);
    for (const d of deps) if (d.child === t && d.parent !== t) visit(d.parent, stack);
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out.filter((t) => !t.startsWith('schema_migration'));
}

/**
 * A logical, engine-neutral backup: one gzipped NDJSON file per table, in pages, plus a manifest.
 * It restores into PGlite or PostgreSQL alike, so it also moves an installation between engines.
 * The key file is copied beside it when the keys live in the data folder: without them the
 * encrypted personal data cannot be read back.
 */
export async function backup(db: Db, engine: string, dir: string, dataDir: string | null, onTable?: (t: string, rows: number) => void): Promise<BackupManifest> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Invalid(`备份目录非空 (backup folder ${dir} is not empty)`, { dir: 'must be empty or new' });
  mkdirSync(dir, { recursive: true });
  const migrations = (await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db)).rows.map((r) => r.name);
  const manifest: BackupManifest = { format: 'tianmu-backup/1', createdAt: new Date().toISOString(), engine, migrations, tables: [], keysIncluded: false };
  for (const table of await tablesInDependencyOrder(db)) {
    const file = `${table}.ndjson.gz`;
    const gz = createGzip();
    const out = gz.pipe(createWriteStream(join(dir, file)));
    let rows = 0;
    // ctid order pages through a table without needing to know its key.
    for (let offset = 0; ; offset += PAGE) {
      const page = await sql<{ j: unknown }>`SELECT row_to_json(t) AS j FROM ${sql.table(table)} t ORDER BY ctid LIMIT ${PAGE} OFFSET ${offset}`.execute(db);
      for (const r of page.rows) {
        if (!gz.write(`${JSON.stringify(r.j)}\n`)) await once(gz, 'drain');
      }
      rows += page.rows.length;
      if (page.rows.length < PAGE) break;
    }
    gz.end();
    await once(out, 'finish');
    manifest.tables.push({ name: table, rows, file });
    onTable?.(table, rows);
  }
  if (dataDir && existsSync(join(dataDir, KEY_FILE_NAME))) {
    copyFileSync(join(dataDir, KEY_FILE_NAME), join(dir, KEY_FILE_NAME));
    manifest.keysIncluded = true;
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
