/**
 * The demo contracts against the schema and against what the generator really writes: every
 * contract column is in its file's header, every file column has a field, enum values cover what
 * the file says, and every department file has a contract.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetSpec, type DatasetSpec } from '../../ingest/contract.js';
import { stripInvisible, toHalfWidth } from '../../platform/ids/index.js';
import { generateDemo, type DemoFile, type DemoManifest } from '../generator/index.js';
import { demoDatasetSpecs, specFor } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
/** How the ingest header map compares headers: width, invisible characters, spaces and case ignored. */
const normHeader = (s: string) => stripInvisible(toHalfWidth(s)).replace(/\s+/g, '').toLowerCase();

describe('demo dataset contracts', () => {
  const specs = demoDatasetSpecs();

  it('has one contract file per dataset, each valid under datasetSpec', () => {
    const files = readdirSync(here).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(specs.map((s) => `${s.name}.json`).sort());
    for (const f of files) {
      const r = datasetSpec.safeParse(JSON.parse(readFileSync(join(here, f), 'utf8')));
      expect(r.success, `${f}: ${r.success ? '' : JSON.stringify(r.error.issues)}`).toBe(true);
    }
  });

  it('lists the contracts so that every ref points at a field of an earlier one', () => {
    const seen = new Map<string, DatasetSpec>();
    for (const s of specs) {
      for (const r of s.rules.filter((r) => r.check === 'ref')) {
        const target = String(r.value);
        const dot = target.lastIndexOf('.');
        const ref = seen.get(target.slice(0, dot));
        expect(ref, `${s.name}.${r.name} → ${target}: not registered before`).toBeDefined();
        expect(ref!.fields.map((f) => f.name), `${s.name}.${r.name} → ${target}`).toContain(target.slice(dot + 1));
      }
      seen.set(s.name, s);
    }
    expect(specs[0].name).toBe('gongan.household_registry');
  });

  it('makes key fields required and gives no two fields the same header or alias', () => {
    for (const s of specs) {
      for (const k of s.key) expect(s.fields.find((f) => f.name === k)!.required, `${s.name} key ${k}`).toBe(true);
      const headers = s.fields.flatMap((f) => [f.column, ...(f.aliases ?? [])].map(normHeader));
      expect(new Set(headers).size, `${s.name}: ${headers.join(' ')}`).toBe(headers.length);
    }
  });

  it('checks rules against the right kind of field', () => {
    for (const s of specs) {
      for (const r of s.rules) {
        const f = s.fields.find((f) => f.name === r.field)!;
        if (r.check === 'not_future') expect(['date', 'datetime'], `${s.name}.${r.name}`).toContain(f.type);
        // min and max take a number, or an ISO day for a date field (the contract compares ISO text).
        if ((r.check === 'min' || r.check === 'max') && f.type === 'date') expect(String(r.value), `${s.name}.${r.name}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        else if (r.check === 'min' || r.check === 'max') expect(typeof r.value, `${s.name}.${r.name}`).toBe('number');
        if (r.check === 'pattern') expect(() => new RegExp(String(r.value))).not.toThrow();
      }
    }
  });

  it('finds a contract by dataset name and refuses an unknown one', () => {
    expect(specFor('minzheng.dibao_members').key).toEqual(['id_number']);
    expect(specFor('shichang.shareholders').key).toEqual(['credit_code', 'holder_id_number']);
    expect(() => specFor('nosuch.table')).toThrow(/no demo dataset contract/);
    // Callers get copies: changing one does not change the next.
    specFor('weijian.health_records').fields.pop();
    expect(specFor('weijian.health_records').fields).toHaveLength(10);
  });

  describe('against a generated district', () => {
    let dir: string;
    let manifest: DemoManifest;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tianmu-datasets-'));
      manifest = await generateDemo({ scale: 0.003, seed: 7, out: dir });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Header and data rows of a department file, decoded as the manifest says. */
    async function table(f: DemoFile): Promise<{ header: string[]; rows: string[][] }> {
      const path = join(dir, f.file);
      if (f.format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path);
        const ws = wb.worksheets[0];
        const rows: string[][] = [];
        ws.eachRow((row) => {
          const cells: string[] = [];
          for (let c = 1; c <= ws.columnCount; c++) {
            const v = row.getCell(c).value;
            cells.push(v === null || v === undefined ? '' : String(v));
          }
          rows.push(cells);
        });
        return { header: rows[0], rows: rows.slice(1) };
      }
      const buf = readFileSync(path);
      // 'gbk' files may hold GB18030 four-byte sequences (zero-width spaces): decode as its superset.
      const text = f.encoding === 'gbk' ? iconv.decode(buf, 'gb18030') : buf.toString('utf8');
      const all = parse(text, { bom: true, relax_column_count: false }) as string[][];
      return { header: all[0], rows: all.slice(1) };
    }

    it('has a contract for every department file, and a file for every contract', () => {
      expect(manifest.files.map((f) => f.dataset).sort()).toEqual(specs.map((s) => s.name).sort());
      for (const f of manifest.files) {
        const s = specFor(f.dataset);
        expect(s.department, f.dataset).toBe(f.department);
        expect(s.title, f.dataset).toBe(f.title);
      }
    });

    it('names every file column in the contract, exactly as the header writes it', async () => {
      for (const f of manifest.files) {
        const { header, rows } = await table(f);
        const s = specFor(f.dataset);
        expect(rows.length, f.dataset).toBe(f.rows);
        for (const field of s.fields) expect(header, `${f.dataset}: ${field.column}`).toContain(field.column);
        // And the other way: no column the bureau hands over is silently dropped.
        expect(header.filter((h) => !s.fields.some((field) => field.column === h)), f.dataset).toEqual([]);
      }
    });

    it('allows every enum value the files contain', async () => {
      for (const f of manifest.files) {
        const { header, rows } = await table(f);
        for (const field of specFor(f.dataset).fields.filter((x) => x.type === 'enum')) {
          const i = header.indexOf(field.column);
          const found = new Set(rows.map((r) => r[i]).filter((v) => v !== ''));
          expect(found.size, `${f.dataset}.${field.name} has values`).toBeGreaterThan(0);
          for (const v of found) expect(field.values, `${f.dataset}.${field.name}`).toContain(v);
        }
      }
    });

    it('fills every key and required column in every row, except the ID numbers 人社 left empty', async () => {
      for (const f of manifest.files) {
        const { header, rows } = await table(f);
        for (const field of specFor(f.dataset).fields.filter((x) => x.required)) {
          const i = header.indexOf(field.column);
          const empty = rows.filter((r) => r[i].trim() === '').length;
          // id_missing (0.5% of rows) is real dirt: those rows are rejected as missing a required value.
          if (f.dataset === 'renshe.social_insurance' && field.name === 'id_number') expect(empty / rows.length).toBeLessThan(0.03);
          else expect(empty, `${f.dataset}.${field.name}`).toBe(0);
        }
      }
    });
  });
});
