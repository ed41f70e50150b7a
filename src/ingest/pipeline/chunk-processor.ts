import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { copyField, copySafe, Utf8Lines } from '../../platform/db/copy.js';
import type { Divisions } from '../../platform/regions/divisions.js';
import type { DatasetSpec } from '../contract.js';
import type { SourceItem } from '../readers/index.js';
import { VillageResolver } from '../standardise/index.js';
import { isQualityProblem } from './flag-kinds.js';
import { compileRowTransform, type StageRow } from './row-transform.js';
import type { RejectRow } from './stage.store.js';

/** Everything a processor needs, as plain data so it can cross into a worker thread. */
export interface ChunkSetup {
  spec: DatasetSpec;
  indexes: number[];
  columns: string[];
  divisions: Divisions;
  todayMs: number;
  batchId: number;
  resubmit: boolean;
  /**
   * Rows written straight into ingest_row (see direct-publish.ts) rather than staged: the lines
   * are ingest_row's columns, and each chunk says which key, content and quality of each line.
   */
  direct?: { datasetId: number; districtCode: string; validFrom: string };
}

export interface ChunkStats {
  read: number;
  staged: number;
  rejectedByReason: Record<string, number>;
  flagsByKind: Record<string, number>;
  /** Per contract field, in contract order: rows with a value, rows with a quality-problem flag. */
  present: number[];
  flagged: number[];
  /** `_batch`/`_line` of the rows a resubmitted quarantine file fixes. */
  fixed: Array<[number, number]>;
}

export interface ChunkResult {
  /**
   * The staged rows as COPY text lines for ingest_stage, UTF-8 encoded in a buffer of its own so a
   * worker can transfer it rather than copy it. As a string, each chunk's text (about a megabyte in
   * UTF-16) landed in the calling thread's old generation and stayed until a full collection: its
   * heap climbed to 150 MB between collections, on top of PGlite when that shares the process.
   */
  copy: Buffer;
  rejects: RejectRow[];
  stats: ChunkStats;
  /** For direct writing: per line of `copy`, in order. */
  lines?: LineFacts;
}

export interface LineFacts {
  keys: string[];
  contents: string[];
  /** File line numbers. */
  lines: number[];
  /** Byte offset in `copy` where each line ends. */
  ends: number[];
  /** 1 where the row has a quality-problem flag. */
  problems: number[];
}

const bump = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);

/** The fields a staged row and a stored row share, in the same order in both tables' COPY lines. */
function rowFields(r: StageRow): string {
  return `${r.key_hash}\t${r.content_hash}\t${copyField(r.dataJson)}\t${copyField(r.maskedJson)}\t${copySafe(r.sealed)}\t${r.original ? copyField(JSON.stringify(r.original)) : '\\N'}\t${r.flags ? copyField(JSON.stringify(r.flags)) : '\\N'}`;
}

function stageLine(batchId: number, r: StageRow): string {
  return `${batchId}\t${r.line}\t${rowFields(r)}\t${r.problem ? 't' : 'f'}\n`;
}

export const STAGE_COLUMNS = ['batch_id', 'line', 'key_hash', 'content_hash', 'data', 'masked', 'sealed', 'original', 'flags', 'problem'];

/** A line of ROW_COLUMNS; `head` holds the dataset and district fields, the same on every line. */
function rowLine(head: string, batchId: number, validFrom: string, r: StageRow): string {
  return `${head}${rowFields(r)}\t${batchId}\t${r.line}\t${validFrom}\n`;
}

export const ROW_COLUMNS = ['dataset_id', 'district_code', 'key_hash', 'content_hash', 'data', 'masked', 'sealed', 'original', 'flags', 'batch_id', 'line', 'valid_from'];
/** Where a row line of ROW_COLUMNS holds its data, sealed and original fields. */
export const ROW_FIELD = { data: 4, sealed: 6, original: 7 } as const;

/**
 * Turns one chunk of file items into COPY text (for staging, or for ingest_row when written
 * directly), sealed rejects and counts. Pure given its setup and cipher, so the batch runner can
 * run it on its own thread or in a worker.
 */
export function createChunkProcessor(setup: ChunkSetup, cipher: PersonalDataCipher): (items: SourceItem[]) => ChunkResult {
  const { spec, batchId } = setup;
  const ctx = { villages: new VillageResolver(setup.divisions), today: new Date(setup.todayMs) };
  const transform = compileRowTransform(spec, setup.indexes, setup.columns, ctx, cipher);
  const batchCol = setup.columns.indexOf('_batch');
  const lineCol = setup.columns.indexOf('_line');
  const fieldIndex = new Map(spec.fields.map((f, i) => [f.name, i]));
  const direct = setup.direct;
  const head = direct ? `${direct.datasetId}\t${copyField(direct.districtCode)}\t` : '';
  // One buffer for every chunk, each chunk's text copied out of it at its size (Utf8Lines.copyOut):
  // a new buffer a chunk, grown from a megabyte, left a dead one or two a chunk that V8 frees only
  // at a collection (50 MB of them in a worker between two) and copied the text once more.
  const text = new Utf8Lines();
  return (items) => {
    const facts: LineFacts | undefined = direct ? { keys: [], contents: [], lines: [], ends: [], problems: [] } : undefined;
    const stats: ChunkStats = { read: 0, staged: 0, rejectedByReason: {}, flagsByKind: {}, present: spec.fields.map(() => 0), flagged: spec.fields.map(() => 0), fixed: [] };
    const rejects: RejectRow[] = [];
    text.clear();
    for (const item of items) {
      stats.read++;
      if (item.kind === 'error') {
        bump(stats.rejectedByReason, item.reason);
        rejects.push({ line: item.line, reason: item.reason, detail: item.detail, raw_sealed: cipher.encrypt(JSON.stringify({ _raw: item.raw })) });
        continue;
      }
      const t = transform(item.line, item.cells);
      if (!t.ok) {
        bump(stats.rejectedByReason, t.reject.reason);
        rejects.push({ line: t.reject.line, reason: t.reject.reason, detail: t.reject.detail.slice(0, 1000), raw_sealed: cipher.encrypt(JSON.stringify(t.reject.raw)) });
        continue;
      }
      const r = t.row;
      if (setup.resubmit && batchCol >= 0 && lineCol >= 0) stats.fixed.push([Number(item.cells[batchCol]), Number(item.cells[lineCol])]);
      spec.fields.forEach((f, i) => {
        if (r.data[f.name] != null) stats.present[i]++;
      });
      if (r.flags) {
        for (const [field, fl] of Object.entries(r.flags)) {
          if (fl.some(isQualityProblem)) stats.flagged[fieldIndex.get(field)!]++;
          for (const k of fl) bump(stats.flagsByKind, k);
        }
      }
      if (direct && facts) {
        text.append(rowLine(head, batchId, direct.validFrom, r));
        facts.keys.push(r.key_hash);
        facts.contents.push(r.content_hash);
        facts.lines.push(r.line);
        facts.ends.push(text.size());
        facts.problems.push(r.problem ? 1 : 0);
      } else text.append(stageLine(batchId, r));
      stats.staged++;
    }
    return { copy: text.copyOut(), rejects, stats, ...(facts ? { lines: facts } : {}) };
  };
}

/** Adds one chunk's counts into the batch's. */
export function mergeStats(into: ChunkStats, s: ChunkStats): void {
  into.read += s.read;
  into.staged += s.staged;
  for (const [k, n] of Object.entries(s.rejectedByReason)) bump(into.rejectedByReason, k, n);
  for (const [k, n] of Object.entries(s.flagsByKind)) bump(into.flagsByKind, k, n);
  s.present.forEach((n, i) => (into.present[i] += n));
  s.flagged.forEach((n, i) => (into.flagged[i] += n));
  for (const f of s.fixed) into.fixed.push(f);
}
