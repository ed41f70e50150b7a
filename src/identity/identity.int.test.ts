/**
 * Entity resolution end to end on a small generated district: department files through the real
 * ingest pipeline, a full run, then files, search, scope, review and an incremental batch. The
 * generator's truth says which person each source line is about, so accuracy is measured, not assumed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PRINCIPAL, ingestFileNow } from '../ingest/ingest.cli.js';
import { ingestOf } from '../ingest/ingest.module.js';
import { generateDemo, type DemoManifest } from '../demo/generator/index.js';
import { demoDatasetSpecs } from '../demo/datasets/index.js';
import { residentIdCheckChar } from '../platform/ids/index.js';
import { testEngines } from '../platform/testing/engines.js';
import { createTestPlatform, type TestPlatform } from '../platform/testing/test-platform.js';
import { pairwiseScores } from './linkage/index.js';
import { identityOf } from './identity.module.js';
import type { ResolveSummary } from './resolve/resolve.service.js';
import { buildTimeline } from './marriage/marriage-timeline.js';
import { heldMarriageFacts, heldRegistryStatus } from './marriage/held-facts.js';
import { marriageFacts, registryStatus } from './marriage/marriage.store.js';

const PERSON_DATASETS = [
  'gongan.household_registry', 'weijian.health_records', 'renshe.social_insurance', 'minzheng.dibao_members', 'shichang.enterprises', 'shichang.shareholders',
  'minzheng.marriage_registrations', 'fayuan.divorce_judgments', 'danganguan.marriage_archive',
];

describe.each(testEngines())('entity resolution on %s', (engine) => {
  let t: TestPlatform;
  let dir: string;
  let manifest: DemoManifest;
  let first: ResolveSummary;
  let admin: string;
  const truth = new Map<string, string>();
  let truthOf: (r: { dataset: string; line: number; party: string }) => string | undefined;

  beforeAll(async () => {
    t = await createTestPlatform(engine);
    dir = mkdtempSync(join(tmpdir(), 'tianmu-identity-int-'));
    manifest = await generateDemo({ scale: 0.005, seed: 77, out: dir });
    for (const spec of demoDatasetSpecs().filter((s) => PERSON_DATASETS.includes(s.name))) {
      await ingestOf(t.p).catalog.register(spec, CLI_PRINCIPAL);
      const file = manifest.files.find((f) => f.dataset === spec.name)!;
      await ingestFileNow(t.p, spec.name, join(dir, file.file), { quiet: true });
    }
    const rows = parse(readFileSync(join(dir, 'truth/source-records.csv')), { columns: true }) as Array<Record<string, string>>;
    // A marriage row names two persons: the first party is person_id, the second person2_id.
    const SECOND = new Set(['wife', 'defendant']);
    for (const r of rows) {
      if (r.person_id) truth.set(`${r.dataset}:${r.line}:first`, r.person_id);
      if (r.person2_id) truth.set(`${r.dataset}:${r.line}:second`, r.person2_id);
    }
    truthOf = (rec) => truth.get(`${rec.dataset}:${rec.line - 1}:${SECOND.has(rec.party) ? 'second' : 'first'}`);
    first = await identityOf(t.p).resolve.run('full');
    admin = await t.login('admin');
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('links the demo district with pairwise F1 of at least 0.99 against the truth', async () => {
    const recs = await t.p.db.selectFrom('identity_record').select(['dataset', 'line', 'party', 'entity_id']).where('kind', '=', 'person').where('active', '=', true).execute();
    const known = recs.filter((r) => truthOf(r));
    expect(known.length).toBeGreaterThan(recs.length * 0.98);
    const s = pairwiseScores(known.map((r) => r.entity_id!), known.map((r) => truthOf(r)!));
    console.log(`[identity] ${engine}: ${recs.length} records, precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)}, F1 ${s.f1.toFixed(4)}`);
    expect(first.records.linked).toBe(recs.length);
    expect(s.precision).toBeGreaterThan(0.99);
    expect(s.recall).toBeGreaterThan(0.99);
  });

  it('builds marriage timelines whose current status matches the truth, and finds the planted conflicts', async () => {
    const recs = await t.p.db.selectFrom('identity_record').select(['dataset', 'line', 'party', 'entity_id']).where('kind', '=', 'person').where('active', '=', true).execute();
    const votes = new Map<string, Map<string, number>>();
    for (const r of recs) {
      const who = truthOf(r);
      if (!who) continue;
      const v = votes.get(r.entity_id!) ?? new Map<string, number>();
      v.set(who, (v.get(who) ?? 0) + 1);
      votes.set(r.entity_id!, v);
    }
    const personOf = new Map([...votes].map(([e, v]) => [e, [...v].sort((a, b) => b[1] - a[1])[0][0]]));
    const persons = new Map((parse(readFileSync(join(dir, 'truth/persons.csv')), { columns: true }) as Array<Record<string, string>>).map((p) => [p.person_id, p]));
    const facts = await marriageFacts(t.p.db);
    const registry = await registryStatus(t.p.db);
    const byEntity = new Map<string, typeof facts>();
    for (const f of facts) byEntity.set(f.entity, [...(byEntity.get(f.entity) ?? []), f]);
    const norm = (v: string) => (['初婚', '再婚', '复婚'].includes(v) ? '已婚' : v);
    let compared = 0;
    let agree = 0;
    for (const [e, list] of byEntity) {
      const p = persons.get(personOf.get(e) ?? '');
      if (!p || p.death_date) continue;
      compared++;
      if (buildTimeline(list, registry.get(e) ?? null).status.value === norm(p.marital_status)) agree++;
    }
    console.log(`[marriage] ${engine}: status agrees with the truth for ${agree}/${compared}`);
    expect(compared).toBeGreaterThan(100);
    expect(agree / compared).toBeGreaterThan(0.95);

    // Conflicts found after the run, scored per kind against the planted ones (person and kind).
    const planted = parse(readFileSync(join(dir, 'truth/marriage-conflicts.csv')), { columns: true }) as Array<Record<string, string>>;
    const found = await t.p.db.selectFrom('marriage_conflict').select(['entity_id', 'kind']).where('status', '=', 'open').execute();
    const foundKeys = new Set(found.map((c) => `${personOf.get(c.entity_id)}:${c.kind}`));
    // Each conflict carries its person's town, which scopes the review queue to a town's staff.
    const towns = await sql<{ n: number; placed: number; wrong: number }>`SELECT count(*)::int AS n, count(c.town_code)::int AS placed,
        count(*) FILTER (WHERE c.town_code IS DISTINCT FROM e.town_code)::int AS wrong
      FROM marriage_conflict c JOIN identity_entity e ON e.id = c.entity_id`.execute(t.p.db);
    expect(towns.rows[0].wrong).toBe(0);
    expect(towns.rows[0].placed).toBeGreaterThan(towns.rows[0].n / 2);
    // A registry that still says 已婚 after the spouse died cannot be caught: no department file
    // here records deaths (the registry just drops the dead), so those planted cases are left out.
    const detectable = (c: Record<string, string>) => !(c.kind === 'registry_status_stale' && c.detail.endsWith('实为丧偶'));
    for (const kind of ['divorce_without_marriage', 'overlapping_marriages', 'registry_status_stale']) {
      const want = planted.filter((c) => c.kind === kind && detectable(c) && persons.has(c.person_id) && !persons.get(c.person_id)!.death_date);
      const hit = want.filter((c) => foundKeys.has(`${c.person_id}:${kind}`) || (c.person2_id && foundKeys.has(`${c.person2_id}:${kind}`)));
      const plantedKeys = new Set(planted.filter((c) => c.kind === kind).flatMap((c) => [`${c.person_id}:${kind}`, `${c.person2_id}:${kind}`]));
      const raised = found.filter((c) => c.kind === kind);
      const right = raised.filter((c) => plantedKeys.has(`${personOf.get(c.entity_id)}:${kind}`));
      console.log(`[marriage] ${engine}: ${kind} found ${hit.length}/${want.length}; ${right.length}/${raised.length} raised are planted`);
      if (want.length >= 5) expect(hit.length / want.length).toBeGreaterThan(0.8);
    }
  });

  it('reads from a first load\'s records in memory the marriage facts and registry status the stored records give', async () => {
    // What a first load holds, rebuilt from what it stored (context as the database prints it).
    const rows = (await sql<{ id: number; entity_id: string | null; dataset: string; batch_id: number; row_id: number; line: number; party: string; role: string; name: string | null; context: string }>`
      SELECT id, entity_id, dataset, batch_id, row_id, line, party, role, name, context::text AS context FROM identity_record WHERE kind = 'person' ORDER BY id`.execute(t.p.db)).rows
      .map((r) => ({ ...r, id: Number(r.id), batch_id: Number(r.batch_id), row_id: Number(r.row_id) }));
    const files = new Map((await t.p.db.selectFrom('identity_entity').select(['id', 'name', 'town_code']).where('kind', '=', 'person').execute()).map((e) => [e.id, e]));
    const held = { rows, files, districtCode: '330112' };
    const facts = await marriageFacts(t.p.db);
    expect(facts.length).toBeGreaterThan(100);
    expect(await heldMarriageFacts(held)).toEqual(facts);
    expect(await heldRegistryStatus(held)).toEqual(await registryStatus(t.p.db));

    // The first run read them from memory; a detection now reads them from the tables and finds
    // the same conflicts: none opened, none gone.
    const run = await t.p.db.insertInto('identity_run').values({ kind: 'person', mode: 'full' }).returning('id').executeTakeFirstOrThrow();
    const again = await identityOf(t.p).marriage.detect(Number(run.id));
    expect(again.found).toBeGreaterThan(0);
    expect(again).toMatchObject({ opened: 0, gone: 0 });
    expect(first.products.marriage).toMatchObject({ found: again.found, persons: again.persons });
  });

  it('looks many files up by their ids with the same answer as a pass over the whole district', async () => {
    const facts = await marriageFacts(t.p.db);
    const registry = await registryStatus(t.p.db);
    const some = [...new Set([...facts.map((f) => f.entity), ...registry.keys()])].sort().filter((_, i) => i % 2 === 0);
    expect(some.length).toBeGreaterThan(100);
    const wanted = new Set(some);
    expect(await marriageFacts(t.p.db, some)).toEqual(facts.filter((f) => wanted.has(f.entity)));
    expect(await registryStatus(t.p.db, some)).toEqual(new Map([...registry].filter(([e]) => wanted.has(e))));
  });

  it('answers GET /api/persons/{id}/marriage with every fact citing its source, audited', async () => {
    const c = await t.p.db.selectFrom('marriage_conflict').select('entity_id').where('kind', '=', 'divorce_without_marriage').executeTakeFirst();
    const withMarriage = c?.entity_id ?? (await t.p.db.selectFrom('identity_record').select('entity_id').where('role', '=', 'marriage_party').executeTakeFirstOrThrow()).entity_id!;
    const res = await t.as(admin, { method: 'GET', url: `/api/persons/${withMarriage}/marriage` });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.marriages.length).toBeGreaterThan(0);
    for (const x of m.marriages) expect(x.sources.length).toBeGreaterThan(0);
    expect(['未婚', '已婚', '离婚', '丧偶']).toContain(m.status.value);
    expect(m.status.confidence).toBeGreaterThan(0);
    const audit = await t.p.db.selectFrom('audit_log').select('action').where('target', '=', `person:${withMarriage}`).where('action', '=', 'person.marriage').execute();
    expect(audit).toHaveLength(1);
    const queue = await t.as(admin, { method: 'GET', url: '/api/identity/marriage-conflicts' });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().total).toBeGreaterThan(0);
    const first = queue.json().items[0];
    expect((await t.as(admin, { method: 'POST', url: `/api/identity/marriage-conflicts/${first.id}`, payload: { status: 'confirmed', note: '已核实' } })).statusCode).toBe(200);
    expect((await t.as(admin, { method: 'POST', url: `/api/identity/marriage-conflicts/${first.id}`, payload: { status: 'dismissed' } })).statusCode).toBe(409);
  });

  it('finds a person by ID number through its keyed hash, and shows the file with golden values and their sources', async () => {
    const persons = parse(readFileSync(join(dir, 'truth/persons.csv')), { columns: true }) as Array<Record<string, string>>;
    const someone = persons.find((p) => !p.death_date && p.relation === '户主')!;
    const found = await t.as(admin, { method: 'POST', url: '/api/persons/search', payload: { idNumber: someone.id_number } });
    expect(found.statusCode).toBe(200);
    expect(found.json().total).toBe(1);
    const id = found.json().items[0].id as string;
    expect(found.body).not.toContain(someone.id_number);
    const searched = await t.p.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'person.search').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(searched.detail).toMatchObject({ by: ['idNumber'], results: 1 });
    expect(JSON.stringify(searched.detail)).not.toContain(someone.id_number);

    const file = await t.as(admin, { method: 'GET', url: `/api/persons/${id}` });
    expect(file.statusCode).toBe(200);
    const f = file.json();
    expect(f.golden.name.value).toBe(someone.name);
    expect(f.golden.name.source.dataset).toBe('gongan.household_registry');
    expect(f.records.length).toBeGreaterThan(0);
    expect(f.household.length).toBe(Number((parse(readFileSync(join(dir, 'truth/households.csv')), { columns: true }) as Array<Record<string, string>>).find((h) => h.household_id === someone.household_id)!.size) - 1);
    expect(file.body).not.toContain(someone.id_number);
    const audit = await t.p.db.selectFrom('audit_log').select('action').where('target', '=', `person:${id}`).execute();
    expect(audit.map((a) => a.action)).toContain('person.view');
  });

  it('shows an enterprise file with its legal representative linked to a person file', async () => {
    const ents = parse(readFileSync(join(dir, 'truth/enterprises.csv')), { columns: true }) as Array<Record<string, string>>;
    const e = ents.find((x) => x.kind === '91')!;
    const res = await t.as(admin, { method: 'GET', url: `/api/enterprises/${e.credit_code}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().legalRepresentatives[0].personId).toMatch(/^P\d+$/);
    const person = await t.as(admin, { method: 'GET', url: `/api/persons/${res.json().legalRepresentatives[0].personId}` });
    expect(person.json().enterprises.map((x: { creditCode: string }) => x.creditCode)).toContain(e.credit_code);
  });

  it('refuses a town operator a file from another town, and audits the refusal', async () => {
    const f = await t.p.db.selectFrom('identity_entity').select(['id', 'town_code']).where('kind', '=', 'person').where('town_code', 'is not', null).executeTakeFirstOrThrow();
    const other = (await t.p.db.selectFrom('region').select('code').where('level', '=', 'town').where('code', '<>', f.town_code!).executeTakeFirstOrThrow()).code;
    await t.p.users.create(null, { username: 'town-op', displayName: '镇街', password: 'town-password-1', role: 'town_operator', scope: { kind: 'town', code: other } });
    const cookie = await t.login('town-op', 'town-password-1');
    const res = await t.as(cookie, { method: 'GET', url: `/api/persons/${f.id}` });
    expect(res.statusCode).toBe(403);
    const refused = await t.p.db.selectFrom('audit_log').select(['action', 'outcome']).where('actor', '=', 'town-op').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(refused.outcome).not.toBe('ok');
  });

  it('rejects a malformed ID number with a clear error and needs a search term', async () => {
    const bad = await t.as(admin, { method: 'POST', url: '/api/persons/search', payload: { idNumber: "1' OR '1'='1" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('idNumber');
    const none = await t.as(admin, { method: 'POST', url: '/api/persons/search', payload: {} });
    expect(none.statusCode).toBe(400);
  });

  it('links a new batch incrementally to the existing files, keeping their ids', async () => {
    const before = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('active', '=', true).where('kind', '=', 'person').execute();
    const spec = demoDatasetSpecs().find((s) => s.name === 'minzheng.dibao_members')!;
    // A second 低保 file with one more member: a person already on file under another dataset.
    const persons = parse(readFileSync(join(dir, 'truth/persons.csv')), { columns: true }) as Array<Record<string, string>>;
    const p = persons.find((x) => !x.death_date && x.relation === '户主' && x.phone)!;
    const original = readFileSync(join(dir, manifest.files.find((f) => f.dataset === spec.name)!.file), 'utf8');
    const cols = original.split(/\r?\n/)[0].replace(/^\uFEFF/, '').split(',');
    const line = cols.map((c) => (c === '姓名' ? p.name : c === '身份证号' ? p.id_number : c === '户主姓名' ? p.name : c === '户主身份证号' ? p.id_number : c === '与申请人关系' ? '本人' : c === '月补助金额' ? '800' : c === '认定日期' ? '2026-01-01' : '')).join(',');
    const file = join(dir, 'dibao-2.csv');
    writeFileSync(file, `${original.replace(/\s*$/, '')}\r\n${line}\r\n`);
    await ingestFileNow(t.p, spec.name, file, { quiet: true });

    // What a run that stopped before storing its records left waiting: cleared, never stored.
    const lastRun = await t.p.db.selectFrom('identity_run').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await sql`INSERT INTO identity_record_load (run_id, kind, dataset, row_id, batch_id, line, party, role, name, district_code)
      VALUES (${Number(lastRun.id)}, 'person', 'leftover.dataset', 1, 1, 2, '', 'patient', '遗留', '330112')`.execute(t.p.db);
    const golden = await t.p.db.selectFrom('identity_entity').select(['id', 'record_count']).where('id_hash', '=', t.p.cipher.hash('resident_id', p.id_number)).executeTakeFirstOrThrow();

    const inc = await identityOf(t.p).resolve.run('incremental');
    expect(inc.mode).toBe('incremental');
    expect(inc.records.inserted).toBe(1);
    expect(inc.entities.split + inc.entities.merged).toBe(0);
    const after = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id', 'dataset']).where('active', '=', true).where('kind', '=', 'person').execute();
    const moved = after.filter((r) => before.some((b) => b.id === r.id && b.entity_id !== r.entity_id));
    expect(moved).toEqual([]);
    const added = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(added).toHaveLength(1);
    expect(added[0].entity_id).toBe(golden.id);
    // The new record is stored once, with its file, and the file's golden record counts it.
    expect((await t.p.db.selectFrom('identity_entity').select('record_count').where('id', '=', golden.id).executeTakeFirstOrThrow()).record_count).toBe(golden.record_count + 1);
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM identity_record_load`.execute(t.p.db)).rows[0].n)).toBe(0);
    expect(await t.p.db.selectFrom('identity_record').select('id').where('dataset', '=', 'leftover.dataset').execute()).toEqual([]);
    // The model it reused stays with the run that trained it, and the next incremental run finds it.
    expect((await t.p.db.selectFrom('identity_run').select('model').where('id', '=', inc.run).executeTakeFirstOrThrow()).model).toBeNull();
    // A run that stopped after storing its records (its watermark never saved): the next one reads
    // the same row again and stores nothing twice.
    await t.p.db.updateTable('identity_run').set({ status: 'failed' }).where('id', '=', inc.run).execute();
    const again = await identityOf(t.p).resolve.run('incremental');
    expect(again.report.modelReused).toBe(true);
    const afterAgain = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('active', '=', true).where('kind', '=', 'person').orderBy('id').execute();
    expect(afterAgain).toEqual([...after].sort((x, y) => Number(x.id) - Number(y.id)).map((r) => ({ id: r.id, entity_id: r.entity_id })));
  });

  it('starts a new file for a new person in an incremental batch, and records its creation', async () => {
    const spec = demoDatasetSpecs().find((s) => s.name === 'minzheng.dibao_members')!;
    const id17 = '33011219990101123';
    const idNumber = id17 + residentIdCheckChar(id17);
    const current = readFileSync(join(dir, 'dibao-2.csv'), 'utf8');
    const cols = current.split(/\r?\n/)[0].replace(/^\uFEFF/, '').split(',');
    const line = cols.map((c) => (c === '姓名' || c === '户主姓名' ? '甄新来' : c === '身份证号' || c === '户主身份证号' ? idNumber : c === '与申请人关系' ? '本人' : c === '月补助金额' ? '700' : c === '认定日期' ? '2026-02-01' : '')).join(',');
    const file = join(dir, 'dibao-3.csv');
    writeFileSync(file, `${current.replace(/\s*$/, '')}\r\n${line}\r\n`);
    await ingestFileNow(t.p, spec.name, file, { quiet: true });

    const inc = await identityOf(t.p).resolve.run('incremental');
    expect(inc.records.inserted).toBe(1);
    expect(inc.entities.created).toBe(1);
    const rec = await t.p.db.selectFrom('identity_record').select(['id', 'entity_id']).where('id_hash', '=', t.p.cipher.hash('resident_id', idNumber)).execute();
    expect(rec).toHaveLength(1);
    const file2 = await t.p.db.selectFrom('identity_entity').select(['name', 'record_count', 'status']).where('id', '=', rec[0].entity_id!).executeTakeFirstOrThrow();
    expect(file2).toEqual({ name: '甄新来', record_count: 1, status: 'active' });
    const change = await t.p.db.selectFrom('identity_change').select(['kind', 'record_ids']).where('entity_id', '=', rec[0].entity_id!).where('run_id', '=', inc.run).execute();
    expect(change).toEqual([{ kind: 'created', record_ids: [Number(rec[0].id)] }]);
  });

  it('applies a reviewer decision at once and keeps it on the next full run', async () => {
    const e = await t.p.db.selectFrom('identity_entity').select('id').where('kind', '=', 'person').where('status', '=', 'active').where('record_count', '>=', 2).orderBy('id').executeTakeFirstOrThrow();
    const [a, b] = (await t.p.db.selectFrom('identity_record').select('id').where('entity_id', '=', e.id).where('active', '=', true).orderBy('id').limit(2).execute()).map((r) => Number(r.id));
    const review = await t.p.db.insertInto('identity_review').values({ record_a: a, record_b: b, probability: 0.7, explanation: '{}' }).returning('id').executeTakeFirstOrThrow();
    const res = await t.as(admin, { method: 'POST', url: `/api/identity/reviews/${review.id}`, payload: { decision: 'different', note: '不同人' } });
    expect(res.statusCode).toBe(200);
    const [ra, rb] = await Promise.all([a, b].map((id) => t.p.db.selectFrom('identity_record').select('entity_id').where('id', '=', id).executeTakeFirstOrThrow()));
    expect(ra.entity_id).not.toBe(rb.entity_id);
    const again = await t.as(admin, { method: 'POST', url: `/api/identity/reviews/${review.id}`, payload: { decision: 'same' } });
    expect(again.statusCode).toBe(409);

    await identityOf(t.p).resolve.run('full');
    const [fa, fb] = await Promise.all([a, b].map((id) => t.p.db.selectFrom('identity_record').select('entity_id').where('id', '=', id).executeTakeFirstOrThrow()));
    expect(fa.entity_id).not.toBe(fb.entity_id);
  });

  it('explains a pair field by field without showing ID digits', async () => {
    const [x, y] = await t.p.db.selectFrom('identity_record').select(['id']).where('kind', '=', 'person').where('id_token', 'is not', null).orderBy('id').limit(2).execute();
    const res = await t.as(admin, { method: 'GET', url: `/api/identity/pairs/explain?a=${x.id}&b=${y.id}` });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e.fields.map((f: { column: string }) => f.column)).toContain('name');
    const sum = e.fields.reduce((s: number, f: { weight: number }) => s + f.weight, e.prior);
    expect(sum).toBeCloseTo(e.weight, 6);
    expect(e.fields.find((f: { column: string }) => f.column === 'id_number').valueA).toContain('*');
  });
});
