import { sql } from 'kysely';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { CopyAppend, CopyInto } from '../../platform/db/copy.js';
import type { Tx } from '../../platform/db/transaction.js';
import type { DatasetSpec } from '../contract.js';
import { applySetRulesWritten } from './batch-quality.js';
import { duplicateReject, type StoredRow } from './reject-raw.js';
import { ROW_COLUMNS, ROW_FIELD, type ChunkResult } from './chunk-processor.js';
import { lockDataset } from './held-batches.js';
import { KeyTable } from './key-table.js';
import type { PublishCounts } from './publish.js';
import { insertRejects, type RejectRow } from './stage.store.js';

/** What a key's entry says: a current row not (yet) met in this batch, or what the batch did with it. */
const CURRENT = 0;
const UNCHANGED = 1;
const CHANGED = 2;
const NEW = 3;
/** Set beside the state of a key whose kept row has a quality problem. */
const PROBLEM = 4;

const FETCH_ROWS = 50_000;
/**
 * Keys (the dataset's current ones and the batch's new ones) beyond which a batch is not written
 * directly. Two million keys fill the key table's arrays at 2^21 entries, about 60 MB (90 MB while
 * it last doubles), which with the rest of an ingest (about 350 MB) stays within the 500 MB allowed.
 * A bigger batch or dataset is staged instead.
 */
const DIRECT_MAX_KEYS = 2_000_000;

/**
 * Rows a batch must have taken before its key count is projected to the end of the file. A file
 * whose projection passes the cap by a quarter is staged at once, rather than after it has written
 * two million rows only to roll them back (at the million-row benchmark's 38,700 rows/s, most of a
 * minute).
 */
const PROJECT_AFTER_ROWS = 100_000;
const PROJECTION_MARGIN = 1.25;

/**
 * The keys a batch will hold at the end of its file, were new keys to keep arriving at the rate
 * they have: `current` keys when it began, `added` new ones in the part of the file taken so far
 * (`readFraction`, bytes read over the file's size; a little ahead of the rows taken, so the
 * projection errs low).
 */
export function projectedKeys(current: number, added: number, readFraction: number): number {
  return readFraction > 0 && readFraction < 1 ? current + added / readFraction : current + added;
}

/** Thrown, to roll the transaction back, when a batch outgrows DirectPublisher.maxKeys. */
export class TooManyKeys extends Error {
  constructor(max: number) {
    super(`more than ${max} keys: staged instead`);
  }
}
const CLOSE_SLICE = 10_000;
/**
 * Rejects (mostly keys repeated in the file) are held until this many and then inserted together:
 * any statement ends the COPY that the chunks' rows stream into, and one per chunk left the server
 * waiting between them.
 */
const REJECT_FLUSH = 5_000;

export interface DirectBatch {
  datasetId: number;
  batchId: number;
  mode: 'snapshot' | 'incremental';
  now: Date;
  spec: DatasetSpec;
  cipher: PersonalDataCipher;
}

/**
 * Publishes a batch as its chunks arrive, inside one transaction that the caller commits: each row
 * is written once, straight into ingest_row, instead of staged and then copied. The dataset's
 * current keys and content hashes are read into memory first, so each row is decided here (new,
 * changed, unchanged, or a key repeated within the batch) and only new and changed rows are
 * written; a changed key's current version is closed just before its new one is copied. A
 * snapshot then closes the keys it never met. Nothing is visible to anyone else until the commit,
 * and a failure anywhere rolls all of it back.
 */
export class DirectPublisher {
  /** DIRECT_MAX_KEYS; a test lowers it to see a batch go the staged way. */
  static maxKeys = DIRECT_MAX_KEYS;
  /** PROJECT_AFTER_ROWS; lowered by a test likewise. */
  static projectAfterRows = PROJECT_AFTER_ROWS;
  /** REJECT_FLUSH; lowered by a test so rejects are inserted between chunks, ending the open COPY. */
  static rejectFlush = REJECT_FLUSH;
  inserted = 0;
  changed = 0;
  unchanged = 0;
  duplicates = 0;
  /** Rows kept (written or unchanged) that carry a quality-problem flag. */
  problems = 0;
  /** Rows of the file taken so far (accepted by the chunk processors). */
  private taken = 0;
  private rejects: RejectRow[] = [];
  /** The dataset's current rows when the batch began. */
  private readonly current: number;

  private constructor(
    private readonly tx: Tx,
    private readonly copy: CopyInto,
    private readonly append: CopyAppend,
    private readonly b: DirectBatch,
    private readonly keys: KeyTable,
  ) {
    this.current = keys.size;
  }

  /** `copy` stores a COPY before returning; `append` streams rows into one left open between chunks. */
  static async open(tx: Tx, copy: CopyInto, append: CopyAppend, b: DirectBatch): Promise<DirectPublisher> {
    // One publisher per dataset at a time, as for a staged publish: versions of a key must not interleave.
    await lockDataset(tx, b.datasetId);
    const keys = new KeyTable();
    // A cursor: a whole dataset's keys in one result would be a few hundred MB of row objects.
    await sql`DECLARE ingest_current_keys NO SCROLL CURSOR FOR
      SELECT id, key_hash, content_hash FROM ingest_row WHERE dataset_id = ${sql.lit(Math.trunc(b.datasetId))} AND valid_to IS NULL`.execute(tx);
    for (;;) {
      const { rows } = await sql<{ id: string; key_hash: string; content_hash: string }>`FETCH ${sql.lit(FETCH_ROWS)} FROM ingest_current_keys`.execute(tx);
      for (const r of rows) keys.addCurrent(r.key_hash, Number(r.id), r.content_hash);
      if (keys.size > DirectPublisher.maxKeys) throw new TooManyKeys(DirectPublisher.maxKeys);
      if (rows.length < FETCH_ROWS) break;
    }
    await sql`CLOSE ingest_current_keys`.execute(tx);
    return new DirectPublisher(tx, copy, append, b, keys);
  }

  /**
   * Decides, closes, copies and quarantines one chunk; chunks must come in file order, each with
   * the share of the file read when it was cut (1 when unknown).
   */
  async apply(chunk: ChunkResult, readFraction = 1): Promise<void> {
    const f = chunk.lines!;
    const { keys } = this;
    this.taken += f.keys.length;
    // The table holds the dataset's current keys and the batch's new ones (`inserted`).
    if (this.taken >= DirectPublisher.projectAfterRows && projectedKeys(keys.size - this.inserted, this.inserted, readFraction) > DirectPublisher.maxKeys * PROJECTION_MARGIN) {
      throw new TooManyKeys(DirectPublisher.maxKeys);
    }
    const close: number[] = [];
    for (const r of chunk.rejects) this.rejects.push(r);
    const parts: Buffer[] = [];
    let start = 0;
    let run = 0;
    for (let i = 0; i < f.keys.length; i++) {
      const end = f.ends[i];
      const line = f.lines[i];
      let write = true;
      let kept = true;
      let e = keys.find(f.keys[i]);
      if (e < 0) {
        if (keys.size >= DirectPublisher.maxKeys) throw new TooManyKeys(DirectPublisher.maxKeys);
        e = keys.add(f.keys[i]);
        keys.lines[e] = line;
        keys.states[e] = NEW;
        this.inserted++;
      } else if (keys.states[e] === CURRENT) {
        keys.lines[e] = line;
        if (keys.sameContent(e, f.contents[i])) {
          keys.states[e] = UNCHANGED;
          this.unchanged++;
          write = false;
        } else {
          keys.states[e] = CHANGED;
          close.push(keys.id(e));
          this.changed++;
        }
      } else {
        // The key was met earlier in this batch: the first line keeps it.
        this.duplicates++;
        this.rejects.push(duplicateReject(this.b.spec, parseRowLine(chunk.copy.toString('utf8', start, end)), line, keys.lines[e]));
        write = false;
        kept = false;
      }
      if (kept && f.problems[i]) {
        this.problems++;
        keys.states[e] |= PROBLEM;
      }
      // A line not written ends the run of lines to copy before it.
      if (!write) {
        if (run < start) parts.push(chunk.copy.subarray(run, start));
        run = end;
      }
      start = end;
    }
    if (run < start) parts.push(chunk.copy.subarray(run, start));
    // A changed key's current version is closed before its new one arrives (one current row per key).
    if (close.length) await sql`UPDATE ingest_row SET valid_to = ${this.b.now} WHERE id = ANY(${close}::bigint[])`.execute(this.tx);
    if (parts.length) await this.append('ingest_row', ROW_COLUMNS, parts.length === 1 ? parts[0] : Buffer.concat(parts));
    if (this.rejects.length >= DirectPublisher.rejectFlush) await this.flushRejects();
  }

  private async flushRejects(): Promise<void> {
    const rows = this.rejects;
    this.rejects = [];
    await insertRejects(this.tx, this.b.datasetId, this.b.batchId, rows);
  }

  /**
   * The dataset's set-based rules (`unique`, `ref`) over the batch's rows, written and unchanged,
   * before a snapshot's deletions, as a staged batch has them; rows they newly flag count as
   * problems. Returns flags added per rule.
   */
  async applySetRules(): Promise<Record<string, number>> {
    await this.flushRejects();
    if (!this.b.spec.rules.some((r) => r.check === 'unique' || r.check === 'ref')) return {};
    const { keys } = this;
    await sql`CREATE TEMPORARY TABLE ingest_unchanged (id bigint PRIMARY KEY) ON COMMIT DROP`.execute(this.tx);
    const ids: string[] = [];
    for (let e = 0; e < keys.size; e++) if ((keys.states[e] & ~PROBLEM) === UNCHANGED) ids.push(String(keys.id(e)));
    for (let i = 0; i < ids.length; i += 100_000) await this.copy('ingest_unchanged', ['id'], `${ids.slice(i, i + 100_000).join('\n')}\n`);
    if (ids.length) await sql`ANALYZE ingest_unchanged`.execute(this.tx);
    return applySetRulesWritten(this.tx, this.b.spec, this.b.datasetId, this.b.batchId, (keyHash) => {
      const e = keys.find(keyHash);
      if (e >= 0 && !(keys.states[e] & PROBLEM)) {
        keys.states[e] |= PROBLEM;
        this.problems++;
      }
    });
  }

  /** What finishing a snapshot would delete: the current keys the batch did not hold, of those there were. */
  deletions(): { deleting: number; current: number } {
    let deleting = 0;
    for (let e = 0; e < this.keys.size; e++) if (this.keys.states[e] === CURRENT) deleting++;
    return { deleting, current: this.current };
  }

  /** Closes, for a snapshot, every current key the batch did not hold; returns the batch's counts. */
  async finish(): Promise<PublishCounts> {
    await this.flushRejects();
    let deleted = 0;
    if (this.b.mode === 'snapshot') {
      const gone: number[] = [];
      for (let e = 0; e < this.keys.size; e++) if (this.keys.states[e] === CURRENT) gone.push(this.keys.id(e));
      for (let i = 0; i < gone.length; i += CLOSE_SLICE) {
        await sql`UPDATE ingest_row SET valid_to = ${this.b.now}, deleted_by_batch = ${this.b.batchId} WHERE id = ANY(${gone.slice(i, i + CLOSE_SLICE)}::bigint[])`.execute(this.tx);
      }
      deleted = gone.length;
    }
    return { inserted: this.inserted, changed: this.changed, unchanged: this.unchanged, deleted };
  }
}

const UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };

/** The fields of one ingest_row COPY line a duplicate's reject is rebuilt from. */
function parseRowLine(line: string): StoredRow {
  const cells = line.replace(/\n$/, '').split('\t');
  const field = (i: number) => (cells[i] === '\\N' ? null : cells[i].replace(/\\(.)/g, (_, c: string) => UNESCAPE[c] ?? c));
  const original = field(ROW_FIELD.original);
  return { data: JSON.parse(field(ROW_FIELD.data)!) as Record<string, unknown>, sealed: field(ROW_FIELD.sealed), original: original ? (JSON.parse(original) as Record<string, string>) : null };
}
