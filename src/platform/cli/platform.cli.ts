import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { progressBar } from '../../cli/progress.js';
import { ROLES, SCOPE_KINDS, type ScopeKind } from '../auth/roles.js';
import { backup } from '../backup/backup.js';
import { restore } from '../backup/restore.js';
import type { Platform } from '../platform.js';
import { importBoundaries } from '../regions/geojson-import.js';
import { usingPlatform } from '../../cli/using.js';

const using = usingPlatform;

export function platformCli(program: Command, open: () => Promise<Platform>): void {
  program
    .command('migrate')
    .description('Create or update the database schema (also done by serve)')
    .action(() => using(open, async (p) => console.log(`Schema is current (${p.engine}).`)));

  const user = program.command('user').description('Console users');
  user
    .command('create')
    .description('Create a user; prints a generated password when none is given')
    .requiredOption('--username <name>')
    .requiredOption('--role <role>', ROLES.join('|'))
    .option('--display-name <name>')
    .option('--scope <kind:code>', `${SCOPE_KINDS.join('|')}:code, e.g. town:330112116`, 'district:330112')
    .option('--password <password>', 'at least 10 characters (default: generated)')
    .option('--phone <phone>')
    .action((o: { username: string; role: string; displayName?: string; scope: string; password?: string; phone?: string }) =>
      using(open, async (p) => {
        const [kind, code] = o.scope.split(':');
        const password = o.password ?? randomBytes(12).toString('base64url');
        const u = await p.users.create(null, { username: o.username, displayName: o.displayName ?? o.username, role: o.role, scope: { kind: kind as ScopeKind, code }, password, phone: o.phone });
        console.log(`Created ${u.username} (${u.role}, ${u.scope.name})${o.password ? '' : `, password: ${password}`}`);
      }),
    );

  const apikey = program.command('apikey').description('API keys for machine clients');
  apikey
    .command('create')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', ROLES.join('|'))
    .option('--scope <kind:code>', 'scope', 'district:330112')
    .action((o: { name: string; role: string; scope: string }) =>
      using(open, async (p) => {
        const [kind, code] = o.scope.split(':');
        const { id, token } = await p.auth.createApiToken({ name: o.name, role: o.role, scope: { kind: kind as ScopeKind, code }, createdBy: 'cli' });
        console.log(`API key ${o.name} (${id}); shown once, store it now:\n${token}`);
      }),
    );
  apikey.command('list').action(() => using(open, async (p) => console.table(await p.auth.listApiTokens())));
  apikey.command('revoke <id>').action((id: string) => using(open, async (p) => { await p.auth.revokeApiToken(id, 'cli'); console.log(`Revoked ${id}`); }));

  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description('Check the hash chain; exits 1 naming the first changed or removed record')
    .action(() =>
      using(open, async (p) => {
        const r = await p.audit.verify();
        if (r.ok) console.log(`OK: ${r.checked} records, chain intact`);
        else {
          console.error(`FAILED: record ${r.firstBad!.id} was ${r.firstBad!.problem} (${r.checked} records checked before it)`);
          process.exitCode = 1;
        }
      }),
    );

  program
    .command('backup <dir>')
    .description('Write a logical backup (all tables, gzipped NDJSON) into an empty folder')
    .action((dir: string) =>
      using(open, async (p) => {
        const m = await backup(p.db, p.engine, resolve(dir), p.config.dataDir, (t, n) => console.log(`  ${t}: ${n}`));
        console.log(`Backup written to ${resolve(dir)} (${m.tables.length} tables${m.keysIncluded ? ', with keys.json: keep it safe' : ''})`);
      }),
    );
  program
    .command('restore <dir>')
    .description('Restore a backup into an empty database')
    .action((dir: string) =>
      using(open, async (p) => {
        const m = await restore(p.db, resolve(dir), (t, n) => console.log(`  ${t}: ${n}`));
        console.log(`Restored ${m.tables.length} tables from ${resolve(dir)}`);
      }),
    );

  const regions = program.command('regions').description('Regions and boundaries');
  regions
    .command('import <file>')
    .description('Import real boundaries from a GeoJSON FeatureCollection (properties.code per feature)')
    .action((file: string) =>
      using(open, async (p) => {
        const bar = progressBar('Importing');
        const r = await importBoundaries(p.db, JSON.parse(readFileSync(resolve(file), 'utf8')), (d, t) => bar.update(d, t));
        bar.stop();
        console.log(`Updated ${r.updated}, created ${r.created} grids; ${r.errors.length} features refused`);
        for (const e of r.errors.slice(0, 20)) console.log(`  feature ${e.index}: ${e.reason}`);
      }),
    );
}
