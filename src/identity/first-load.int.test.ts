/**
 * The first resolution of a district takes its own path (records held in memory, then stored once
 * with their files, by COPY into the table with its indexes dropped): it must leave the same schema,
 * files and golden records as the general path, recover from a first load cut off half-way, and
 * hand over to later runs without changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from '../ingest/ingest.cli.js';
import { ingestOf } from '../ingest/ingest.module.js';
import { generateDemo } from '../demo/generator/index.js';
import { demoDatasetSpecs } from '../demo/datasets/index.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { refreshGolden } from './golden/golden-writer.js';
import { identityOf } from './identity.module.js';
import { moveRecords } from './resolve/entity.store.js';
import type { ResolveSummary } from './resolve/resolve.service.js';

const DATASETS = ['gongan.household_registry', 'weijian.health_records', 'minzheng.marriage_registrations', 'shichang.enterprises'];

describe.each(testEngines())('first resolution on %s', (engine) => {
  let t: TestPlatform;
  let dir: string;
  let first: ResolveSummary;
  let schemaBefore: string[];
  let failed: unknown;
  let afterFailure: { schema: string[]; records: number; files: number };
  const schema = async () =>
    (await sql<{ d: string }>`SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'identity_record'::regclass
      UNION ALL SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'identity_record'::regclass ORDER BY 1`.execute(t.p.db)).rows.map((r) => r.d);

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    dir = mkdtempSync(join(tmpdir(), 'tianmu-first-load-'));
    const manifest = await generateDemo({ scale: 0.002, seed: 5, out: dir });
    for (const spec of demoDatasetSpecs().filter((s) => DATASETS.includes(s.name))) {
      await ingestOf(t.p).catalog.register(spec, CLI_PRINCIPAL);
      await ingestFileNow(t.p, spec.name, join(dir, manifest.files.find((f) => f.dataset === spec.name)!.file), { quiet: true });
    }
    schemaBefore = await schema();
    // What a first load cut off after making its files leaves: files without records, waiting records.
    await t.p.db.insertInto('identity_entity').values({ id: 'P900000001', kind: 'person', district_code: '330112', record_count: 3 }).execute();
    await t.p.db.insertInto('identity_change').values({ run_id: 99, kind: 'created', entity_id: 'P900000001', reason: 'left over' }).execute();
    await sql`INSERT INTO identity_record_load (run_id, kind, dataset, row_id, batch_id, line, party, role, context, district_code)
      VALUES (99, 'person', 'gongan.household_registry', 1, 1, 2, '', 'resident', '{}', '330112')`.execute(t.p.db);
    // A first load whose records fail to store, after the table's indexes were dropped.
    await sql`CREATE FUNCTION probe_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'probe: refused'; END $$`.execute(t.p.db);
    await sql`CREATE TRIGGER probe_refuse BEFORE INSERT ON identity_record FOR EACH ROW WHEN (NEW.kind = 'person') EXECUTE FUNCTION probe_refuse()`.execute(t.p.db);
    failed = await identityOf(t.p).resolve.run('full').catch((e: unknown) => e);
    await sql`DROP TRIGGER probe_refuse ON identity_record`.execute(t.p.db);
    await sql`DROP FUNCTION probe_refuse()`.execute(t.p.db);
    const count = async (table: 'identity_record' | 'identity_entity') =>
      Number((await t.p.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'person').executeTakeFirstOrThrow()).n);
    afterFailure = { schema: await schema(), records: await count('identity_record'), files: await count('identity_entity') };
    first = await identityOf(t.p).resolve.run('full');
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores every record with its file and leaves the indexes and keys as they were', async () => {
    const recs = await t.p.db.selectFrom('identity_record').select(['entity_id']).where('kind', '=', 'person').execute();
    expect(recs.length).toBe(first.records.inserted);
    expect(recs.every((r) => r.entity_id)).toBe(true);
    expect(first.entities.created).toBe(first.entities.active);
    expect(await schema()).toEqual(schemaBefore);
    const waiting = await sql<{ n: number }>`SELECT (SELECT count(*) FROM identity_record_load) + (SELECT count(*) FROM identity_assign_stage) AS n`.execute(t.p.db);
    expect(Number(waiting.rows[0].n)).toBe(0);
  });

  it('stores no record or file and keeps every index when storing the records fails', () => {
    expect(String(failed)).toMatch(/probe: refused/);
    expect(afterFailure.records).toBe(0);
    expect(afterFailure.files).toBe(0); // files and records go in one transaction
    expect(afterFailure.schema).toEqual(schemaBefore);
  });

  it('clears the files a first load cut off half-way had made', async () => {
    expect(await t.p.db.selectFrom('identity_entity').select('id').where('id', '=', 'P900000001').executeTakeFirst()).toBeUndefined();
    expect(await t.p.db.selectFrom('identity_change').select('id').where('entity_id', '=', 'P900000001').executeTakeFirst()).toBeUndefined();
    const stale = await sql<{ n: number }>`SELECT count(*)::int AS n FROM identity_change c JOIN identity_run r ON r.id = c.run_id WHERE r.status = 'failed'`.execute(t.p.db);
    expect(stale.rows[0].n).toBe(0);
  });

  it('records each new file with its reason, and counts match the files', async () => {
    const persons = await t.p.db.selectFrom('identity_entity').select(['id', 'record_count']).where('kind', '=', 'person').execute();
    const changes = await t.p.db.selectFrom('identity_change').select(['entity_id', 'kind', 'reason']).where('run_id', '=', first.run).execute();
    expect(changes).toHaveLength(persons.length);
    expect(changes.every((c) => c.kind === 'created' && c.reason.includes(`run ${first.run}`))).toBe(true);
    const counts = await sql<{ entity_id: string; n: number }>`SELECT entity_id, count(*)::int AS n FROM identity_record WHERE kind = 'person' GROUP BY entity_id`.execute(t.p.db);
    const byId = new Map(counts.rows.map((r) => [r.entity_id, r.n]));
    expect(persons.every((p) => byId.get(p.id) === p.record_count)).toBe(true);
  });

  it('computes the same golden records as the general path', async () => {
    const before = await t.p.db.selectFrom('identity_entity').select(['id', 'name', 'id_hash', 'id_masked', 'birth_date', 'village_code', 'town_code', 'golden']).where('kind', '=', 'person').orderBy('id').execute();
    expect(before.some((e) => e.golden.name?.source.record)).toBe(true);
    await refreshGolden(t.p.db, before.map((e) => e.id), identityOf(t.p).sources);
    const after = await t.p.db.selectFrom('identity_entity').select(['id', 'name', 'id_hash', 'id_masked', 'birth_date', 'village_code', 'town_code', 'golden']).where('kind', '=', 'person').orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('hands over to a full run that keeps every file id and changes nothing', async () => {
    const before = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('kind', '=', 'person').orderBy('id').execute();
    const again = await identityOf(t.p).resolve.run('full');
    expect(again.entities).toMatchObject({ created: 0, merged: 0, split: 0, moved: 0, active: first.entities.active });
    const after = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('kind', '=', 'person').orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('moves many records at once through the assignment table', async () => {
    const [x, y] = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('kind', '=', 'person').orderBy('id').limit(2).execute();
    await moveRecords(t.p.database, 77, [[Number(x.id), y.entity_id!], [Number(y.id), x.entity_id!]], 0);
    const moved = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('id', 'in', [x.id, y.id]).orderBy('id').execute();
    expect(moved.map((r) => r.entity_id)).toEqual([y.entity_id, x.entity_id]);
    expect(await t.p.db.selectFrom('identity_assign_stage').select('record_id').executeTakeFirst()).toBeUndefined();
  });
});
