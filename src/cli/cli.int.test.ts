import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { csv, DIBAO_SPEC, person } from '../ingest/testing/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/tianmu.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tianmu-cli-'));
const env = {
  ...process.env,
  TIANMU_DATA_DIR: join(dir, 'data'),
  TIANMU_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
  TIANMU_HMAC_KEY: Buffer.alloc(32, 6).toString('base64'),
  LOG_LEVEL: 'warn',
  DATABASE_URL: '',
};

function tianmu(...args: string[]) {
  return tianmuWithin(120_000, ...args);
}

function tianmuWithin(timeout: number, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The command as an operator uses it, on an embedded PGlite data folder: one process per command.
// Each process opens PGlite afresh (seconds on a busy machine), hence the longer timeouts.
describe('the tianmu command', { timeout: 600_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its commands', () => {
    const r = tianmu('--help');
    expect(r.code).toBe(0);
    for (const c of ['serve', 'migrate', 'demo', 'user', 'audit', 'backup', 'restore', 'dataset', 'ingest', 'apikey', 'regions', 'identity', 'link']) expect(r.out).toContain(c);
  });

  it('migrates, creates a user and verifies the audit chain', () => {
    expect(tianmu('migrate').code).toBe(0);
    const u = tianmu('user', 'create', '--username', 'steward1', '--role', 'data_steward', '--scope', 'town:330112116');
    expect(u.code).toBe(0);
    expect(u.out).toMatch(/Created steward1 \(data_steward, 天目山镇\), password: \S{10,}/);
    const bad = tianmu('user', 'create', '--username', 'x!', '--role', 'emperor');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('username');
    const v = tianmu('audit', 'verify');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^OK: \d+ records/);
  });

  it('registers a contract and ingests a file, printing one JSON summary with --json', () => {
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(DIBAO_SPEC));
    expect(tianmu('dataset', 'create', '--spec', join(dir, 'spec.json')).out).toContain('Created minzheng.dibao_members');
    writeFileSync(join(dir, 'dibao.csv'), csv([['张三', person(1).id, '1960-01-01', '300', '', ''], ['李四', 'not-an-id', '', '1', '', '']]));
    const r = tianmu('ingest', 'minzheng.dibao_members', join(dir, 'dibao.csv'), '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out.trim());
    expect(summary).toMatchObject({ read: 2, accepted: 1, rejected: 1, rejectedByReason: { unparseable_resident_id: 1 }, flagged: 0, changed: 0, unchanged: 0, deleted: 0 });
    for (const k of ['batch', 'seconds', 'inserted']) expect(summary).toHaveProperty(k);
    // A header and no rows: as a snapshot it would delete the one row, so it is held, saying so.
    writeFileSync(join(dir, 'empty.csv'), csv([]));
    const held = tianmu('ingest', 'minzheng.dibao_members', join(dir, 'empty.csv'));
    expect(held.code, held.err).toBe(0);
    const batch = /^Batch (\d+) held: read 0/m.exec(held.out)?.[1];
    expect(held.out).toContain(`held for review: the snapshot would delete 1 of 1 current rows, more than 50% (tianmu ingest publish|discard ${batch})`);
    expect(tianmu('ingest', 'discard', batch!).code).toBe(0);
    const missing = tianmu('ingest', 'no.such_dataset', join(dir, 'dibao.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('not_found');
  });

  it('generates a small demo district and loads it through the ingest pipeline', () => {
    const out = join(dir, 'demo');
    const g = tianmu('demo', 'generate', '--scale', '0.003', '--seed', '7', '--out', out);
    expect(g.code).toBe(0);
    expect(g.out).toMatch(/Wrote 21 department files/);
    // 21 files, a first resolution and a first model run: minutes when CI shares the machine.
    const l = tianmuWithin(420_000, 'demo', 'load', out);
    expect(l.code, l.err).toBe(0);
    const list = tianmu('dataset', 'list');
    for (const d of ['gongan.household_registry', 'shichang.enterprises', 'renshe.social_insurance', 'weijian.health_records', 'danganguan.marriage_archive']) expect(list.out).toContain(d);
    // The load ended with a first resolution; an incremental run after it finds nothing new.
    const again = tianmu('identity', 'resolve', '--json');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out.trim().split('\n').pop()!)).toMatchObject({ mode: 'incremental', records: { inserted: 0 }, entities: { created: 0 } });
    // The load also ran the warning models once; running them again raises nothing new.
    const run = tianmu('supervision', 'run', '--json');
    expect(run.code, run.err).toBe(0);
    const summary = JSON.parse(run.out.trim().split('\n').pop()!);
    expect(summary.models).toHaveLength(16);
    expect(summary.totals).toMatchObject({ raised: 0, reraised: 0, updated: 0 });
    expect(tianmu('supervision', 'run', '--model', 'livelihood.no-such-model').code).not.toBe(0);
  });

  it('writes a backup folder', () => {
    const r = tianmu('backup', join(dir, 'backup'));
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'backup'))).toEqual(expect.arrayContaining(['manifest.json', 'app_user.ndjson.gz', 'ingest_row.ndjson.gz']));
  });
});
