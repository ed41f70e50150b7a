import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CopySession, copyStatement } from './copy-session.js';
import type { DatabaseHandle } from './database.js';
import type { Database } from './schema.js';
import type { Tx } from './transaction.js';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One field of COPY's text format: backslash, tab and line breaks escaped, `\N` for NULL. JSON
 * almost never needs escaping here (it has no raw tabs or newlines), unlike CSV where every one of
 * its quotes would have to be doubled.
 */
export function copyField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}

/**
 * A field of COPY text whose value by construction never holds a backslash, tab or line break:
 * keyed hashes, sealed tokens, masks, ISO dates, booleans, region codes. Skipping copyField's scan
 * saves about 0.1 µs a field (measured), which at ten such fields of a million records is a second
 * of the first resolution's COPY, where Node is the slower side.
 */
export function copySafe(v: string | number | boolean | null | undefined): string {
  return v === null || v === undefined ? '\\N' : String(v);
}

/**
 * Bulk-loads lines of COPY text format (tab-separated fields made with copyField) into a table:
 * through pg-copy-streams on a server, through PGlite's blob COPY when embedded. The pool's
 * connection is held meanwhile, so on PGlite nothing else shares the single session. The lines may
 * come already encoded as UTF-8 (a worker thread's transferred buffer).
 */
export async function copyRows(handle: DatabaseHandle, table: string, columns: string[], text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  const client = await handle.pool.connect();
  try {
    await copyOn(handle, client, table, columns, text);
  } finally {
    client.release();
  }
}

/**
 * Lines encoded as UTF-8 one by one into a buffer outside Node's shared pool, so its ArrayBuffer
 * can be transferred to another thread. A district's worth of lines joined into one string first
 * is a rope of millions of pieces, walked to be measured and again to be encoded: 17 µs a line of
 * an identity record against 5.5 µs this way (measured on 300,000 records), and 7% of an ingest
 * worker's time.
 */
export class Utf8Lines {
  private buf = Buffer.allocUnsafeSlow(1 << 20);
  private length = 0;

  append(line: string): void {
    // A UTF-16 code unit never takes more than three bytes in UTF-8.
    if (this.length + line.length * 3 > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + line.length * 3));
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    }
    this.length += this.buf.write(line, this.length);
  }

  take(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  /**
   * The lines so far in a buffer of their own, exactly their size: an ArrayBuffer that can be
   * transferred whole to another thread, and given to PGlite as it is (blobOf), while this
   * buffer is cleared and filled again.
   */
  copyOut(): Buffer {
    const out = Buffer.allocUnsafeSlow(this.length);
    this.buf.copy(out, 0, 0, this.length);
    return out;
  }

  size(): number {
    return this.length;
  }

  /** Empties it for reuse, keeping its buffer (what take() gave out is overwritten). */
  clear(): void {
    this.length = 0;
  }
}

/** Items to COPY into one table: item `i` written as one line of COPY text by `line(i)`. */
export interface CopyStream {
  table: string;
  columns: string[];
  count: number;
  line: (i: number) => string;
}

/**
 * COPYs streams of items into their tables in slices of about 8 MB: each slice is encoded while
 * the one before it is being copied, and the event loop is let run every 256 KB meanwhile (a COPY
 * is written to its socket by the event loop; busy encoding for seconds, it left the server
 * waiting for data it had already been given).
 * Several streams take turns, the one least far along next, so lines costly to make (a file's
 * golden record) are made while the server stores lines costly to store (a million records with
 * their keys): one stream after another, Node waited on the server through one and the server on
 * Node through the other. Items of one stream go in order.
 */
export async function copyLines(copy: CopyInto, ...streams: CopyStream[]): Promise<void> {
  // Two small buffers in turn, one filled while the other is copied. Memory outside V8's heap
  // counts towards its next full collection: a new buffer of tens of MB per slice had V8 mark the
  // whole heap every slice, a third of storing a million records with a gigabyte of them live.
  const texts = [new Utf8Lines(), new Utf8Lines()];
  let copying: Promise<void> = Promise.resolve();
  let text = texts[0];
  const flush = async (s: CopyStream) => {
    await copying;
    copying = copy(s.table, s.columns, text.take());
    copying.catch(() => undefined); // awaited on the next flush or below
    text = text === texts[0] ? texts[1] : texts[0];
    text.clear();
  };
  const done = streams.map(() => 0);
  for (;;) {
    let k = -1;
    for (let j = 0; j < streams.length; j++) {
      if (done[j] < streams[j].count && (k < 0 || done[j] / streams[j].count < done[k] / streams[k].count)) k = j;
    }
    if (k < 0) break;
    const s = streams[k];
    let i = done[k];
    let yielded = 0; // a slice starts empty: flush left a cleared buffer
    while (i < s.count && text.size() < SLICE_BYTES) {
      text.append(s.line(i++));
      if (text.size() - yielded >= YIELD_BYTES) {
        await new Promise(setImmediate);
        yielded = text.size();
      }
    }
    done[k] = i;
    await flush(s);
  }
  await copying;
}

const SLICE_BYTES = 8 << 20;
/**
 * The event loop is let run after this much text: the socket takes only what its buffer holds
 * and is written again on the next turn, so a slice of lines slow to make (golden records at 50 µs
 * a line) left the server idle between turns when turns came every 5,000 lines.
 */
const YIELD_BYTES = 256 << 10;

export type CopyInto = (table: string, columns: string[], text: string | Uint8Array) => Promise<void>;

/**
 * Appends lines to a COPY that stays open across calls (CopySession): resolves once the
 * connection took them, before the server has stored them. The transaction's next query, COPY or
 * commit first waits for the server to finish and raises any error it met.
 */
export type CopyAppend = (table: string, columns: string[], text: Uint8Array) => Promise<void>;

/**
 * Runs `fn` in one transaction that can also COPY (`copy`, same arguments as copyRows, each
 * awaited until stored; `append`, a COPY kept open between calls): Kysely's own transactions do not
 * lend out their connection, so this one is opened on a connection held from the pool, and the
 * queries of `tx` and the COPYs all go through it. For bulk writes that must land together with
 * other statements (indexes dropped and rebuilt around them). Not retried: a COPY's text may be
 * consumed once.
 */
export async function withCopyTransaction<T>(handle: DatabaseHandle, fn: (tx: Tx, copy: CopyInto, append: CopyAppend) => Promise<T>): Promise<T> {
  const client = await handle.pool.connect();
  // PGlite has no COPY stream to keep open (each COPY is one blob), so there `append` is `copy`.
  const session = handle.pglite ? null : new CopySession(client);
  // Every statement first ends an open COPY: the connection can run nothing else meanwhile. A
  // rollback only waits for it, since the error that caused the rollback is already on its way.
  const query = async (text: string, values?: unknown[]) => {
    await session?.settle(text === 'rollback');
    return client.query(text, values);
  };
  const held = { query, release: () => undefined } as unknown as pg.PoolClient;
  const single = new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => held, end: async () => undefined } as unknown as pg.Pool }) });
  const copy: CopyInto = async (table, columns, text) => {
    await session?.settle();
    await copyOn(handle, client, table, columns, text);
  };
  const append: CopyAppend = session ? (table, columns, text) => session.append(table, columns, text) : copy;
  try {
    // A failure rolls back on this connection (a COPY the server rejected ends cleanly first).
    return await single.transaction().execute((tx) => fn(tx, copy, append));
  } finally {
    session?.close();
    await single.destroy();
    client.release();
  }
}

async function copyOn(handle: DatabaseHandle, client: pg.PoolClient, table: string, columns: string[], text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  const statement = copyStatement(table, columns);
  if (handle.pglite) {
    // One session: the COPY runs inside whatever transaction the pool's connection has open.
    await handle.pglite.query(statement.replace('STDIN', "'/dev/blob'"), [], { blob: blobOf(text) });
  } else {
    await pipeline(Readable.from([text]), client.query(copyFrom(statement)));
  }
}

/**
 * A Blob of bytes that already fill an ArrayBuffer of their own, handed over by arrayBuffer()
 * without a copy. PGlite (0.5) reads a COPY's `/dev/blob` from `await blob.arrayBuffer()`; a Blob
 * made of the bytes copies them and arrayBuffer() copies them again, and on PGlite's thread those
 * dead copies of every chunk waited for a collection: tens of MB of a process held to 500 MB.
 * Everything else a Blob does goes through a real one, made when first asked for.
 */
export class BytesBlob extends Blob {
  private copy?: Blob;

  constructor(private readonly whole: ArrayBuffer) {
    super();
  }

  override get size(): number {
    return this.whole.byteLength;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.whole);
  }

  // Node 22's Blob has bytes(); through the empty Blob this extends it would give nothing.
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.resolve(new Uint8Array(this.whole));
  }

  override text(): Promise<string> {
    return this.real().text();
  }

  override stream(): ReturnType<Blob['stream']> {
    return this.real().stream();
  }

  override slice(start?: number, end?: number, type?: string): Blob {
    return this.real().slice(start, end, type);
  }

  private real(): Blob {
    this.copy ??= new Blob([new Uint8Array(this.whole)]);
    return this.copy;
  }
}

/** COPY text as a Blob for PGlite: without a copy where the bytes fill their own ArrayBuffer (Utf8Lines.copyOut). */
export function blobOf(text: string | Uint8Array): Blob {
  if (typeof text !== 'string' && text.byteOffset === 0 && text.byteLength === text.buffer.byteLength && text.buffer instanceof ArrayBuffer) return new BytesBlob(text.buffer);
  return new Blob([text as BlobPart]);
}
