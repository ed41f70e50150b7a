import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DomainError } from '../platform/errors.js';
import { linkCli } from './link.cli.js';

const BIN = fileURLToPath(new URL('../../bin/tianmu.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tianmu-link-cli-'));
const at = (name: string) => join(dir, name);

function tianmu(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    // `link` needs no database; the data folder is set only so nothing touches the user's.
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TIANMU_DATA_DIR: at('data'), LOG_LEVEL: 'warn' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

// Two people with a duplicate each (a typo, a swapped date, a 15-digit ID), one record with nothing
// to compare, and strangers to give the model something to tell apart.
const HEADER = ' rec_id , name ,id_number,birth_date';
const A = ['a1,张伟,330112198003041234,1980-03-04', 'a2,張偉,330112198003041234,1980-04-03', 'b1,李娜,330112197501023321,1975-01-02', 'b2,李娜,330112750102332,19750102', 'z1,,,'];
const STRANGERS = Array.from({ length: 60 }, (_, i) => `s${i},${'王刘陈杨黄赵吴周'[i % 8]}${'明华国英志文'[i % 6]}${i},3301121960${String(1 + (i % 12)).padStart(2, '0')}${String(10 + (i % 18))}${String(100 + i)}1,1960-${String(1 + (i % 12)).padStart(2, '0')}-${10 + (i % 18)}`);
const CONFIG = { id: 'rec_id', fields: [{ column: 'name', type: 'chinese_name' }, { column: 'id_number', type: 'id_number' }, { column: 'birth_date', type: 'date' }], blocking: [['name'], ['id_number'], ['birth_date']] };

const runs: Record<string, Awaited<ReturnType<typeof tianmu>>> = {};

beforeAll(async () => {
  writeFileSync(at('people.csv'), [HEADER, ...A, ...STRANGERS].join('\n'));
  writeFileSync(at('other.csv'), ['rec_id,name,id_number,birth_date', 'a1,张伟,330112198003041234,1980-03-04', 'x9,赵敏,330112199912120021,1999-12-12'].join('\n'));
  writeFileSync(at('link.json'), JSON.stringify(CONFIG));
  writeFileSync(at('bad.json'), JSON.stringify({ ...CONFIG, fields: [{ column: 'name', type: 'surname' }] }));
  // One process only: start-up (loading every module) costs seconds; the other cases run in-process.
  runs.dedupe = await tianmu('link', '--config', at('link.json'), '--out', at('clusters.csv'), '--pairs', at('pairs.csv'), '--save-model', at('model.json'), '--explain', 'a1,a2', at('people.csv'));
}, 120_000);

/** The same command in this process (no start-up cost), for the cases that need no process boundary. */
async function linkHere(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  linkCli(program, () => Promise.reject(new Error('link must not open the platform')));
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await program.parseAsync(['link', '--quiet', ...args], { from: 'user' });
  } finally {
    log.mockRestore();
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clusters(file: string): Map<string, string> {
  const [head, ...lines] = readFileSync(at(file), 'utf8').trim().split('\n');
  expect(head.startsWith('record_id,cluster_id')).toBe(true);
  return new Map(lines.map((l) => l.split(',')).map(([id, c, s]) => [s ? `${s}:${id}` : id, c]));
}

describe('tianmu link', () => {
  it('deduplicates a CSV: one line per record, duplicates share a cluster, a record without values stands alone', () => {
    expect(runs.dedupe.code, runs.dedupe.err).toBe(0);
    const c = clusters('clusters.csv');
    expect(c.size).toBe(A.length + STRANGERS.length);
    expect(c.get('a1')).toBe(c.get('a2'));
    expect(c.get('b1')).toBe(c.get('b2'));
    expect(c.get('a1')).not.toBe(c.get('b1'));
    expect([...c.values()].filter((x) => x === c.get('z1'))).toHaveLength(1);
    expect(runs.dedupe.out).toMatch(/Linked 65 records into 63 entities/);
    expect(runs.dedupe.err).toContain('Blocking rules (from the config)');
  });

  it('writes scored pairs, the model, and explains a pair field by field', () => {
    const pairs = readFileSync(at('pairs.csv'), 'utf8').trim().split('\n');
    expect(pairs[0]).toBe('record_id_a,record_id_b,match_probability,match_weight');
    const a = pairs.find((l) => l.startsWith('a1,a2,'))!.split(',');
    expect(Number(a[2])).toBeGreaterThan(0.9);
    expect(JSON.parse(readFileSync(at('model.json'), 'utf8'))).toMatchObject({ version: 1, blocking: CONFIG.blocking });
    expect(runs.dedupe.out).toMatch(/a1 ↔ a2: weight [\d.]+/);
    expect(runs.dedupe.out).toMatch(/birth_date \(day_month_swapped\): \+[\d.]+/);
  });

  it('scores with a saved model instead of estimating one, with the same clusters', async () => {
    await linkHere('--config', at('link.json'), '--model', at('model.json'), '--out', at('reused.csv'), '--summary', at('summary.json'), at('people.csv'));
    expect(JSON.parse(readFileSync(at('summary.json'), 'utf8'))).toMatchObject({ modelReused: true, records: 65 });
    expect(readFileSync(at('reused.csv'), 'utf8')).toBe(readFileSync(at('clusters.csv'), 'utf8'));
  });

  it('links two files: scores only pairs across them and gives each record its source', async () => {
    await linkHere('--config', at('link.json'), '--out', at('linked.csv'), '--pairs', at('linked-pairs.csv'), at('people.csv'), at('other.csv'));
    const c = clusters('linked.csv');
    expect(c.size).toBe(A.length + STRANGERS.length + 2);
    expect(c.get('1:a1')).toBe(c.get('2:a1'));
    expect(c.get('2:x9')).not.toBe(c.get('2:a1'));
    const pairs = readFileSync(at('linked-pairs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(pairs.length).toBeGreaterThan(0);
    // The second file's records are the second column of every pair: none is paired within its own file.
    for (const [a, b] of pairs) {
      expect(['a1', 'x9']).toContain(b);
      expect(a).not.toBe('x9');
    }
  });

  // A DomainError is what bin/tianmu.mjs prints as "错误 (code): message" without a stack trace.
  it('rejects a bad config with a domain error naming the field', async () => {
    const err = await linkHere('--config', at('bad.json'), '--out', at('never.csv'), at('people.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'invalid_link_config', fields: { 'fields.0.type': expect.stringContaining('unknown field type "surname"') } });
  });

  it('names a missing input file, an unknown column and a config that is not JSON', async () => {
    await expect(linkHere('--config', at('link.json'), '--out', at('never.csv'), at('no-such.csv'))).rejects.toThrow('no-such.csv: no such file');
    writeFileSync(at('wrong-column.json'), JSON.stringify({ ...CONFIG, fields: [{ column: 'surname', type: 'name' }], blocking: undefined }));
    await expect(linkHere('--config', at('wrong-column.json'), '--out', at('never.csv'), at('people.csv'))).rejects.toThrow('the column(s) "surname" named in the config is not in the header');
    writeFileSync(at('not-json.json'), '{ id: rec_id');
    await expect(linkHere('--config', at('not-json.json'), '--out', at('never.csv'), at('people.csv'))).rejects.toThrow(/is not valid JSON/);
  });
});
