import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type CopyStream = ReturnType<typeof copyFrom>;

/**
 * One COPY kept open across many appends on a held connection, so the server is never left
 * waiting for the next statement: a writer that COPYs chunk by chunk, each awaited to its end,
 * stalls the server whenever the writer is busy elsewhere (a million-row ingest waited on 1,000
 * COPY round trips and left the server idle between them). An append resolves once the connection
 * has taken its text, so the server's speed still paces the writer through the socket.
 *
 * The connection cannot run anything else while a COPY is open, so `settle` ends it first; the
 * transaction that owns the session calls it before each of its queries. An error the server
 * raises mid-COPY surfaces on the next append or settle.
 */
export class CopySession {
  private stream: CopyStream | null = null;
  private target = '';
  private done: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private closed = false;

  constructor(private readonly client: pg.PoolClient) {}

  /** Appends COPY text lines to `table (columns)`, opening a COPY (and ending another) as needed. */
  async append(table: string, columns: string[], text: Uint8Array): Promise<void> {
    // A late append (from work its transaction did not wait for) must not reach a released connection.
    if (this.closed) throw new Error('COPY session is closed: its transaction has ended');
    if (this.failure) throw this.failure;
    if (text.length === 0) return;
    const target = copyStatement(table, columns);
    if (this.stream && this.target !== target) await this.settle();
    if (!this.stream) this.open(target);
    const stream = this.stream!;
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  /**
   * Ends the open COPY, if any, once the server has stored its lines; throws what the server
   * raised. With `quiet`, for a rollback, only waits: the failure is already the caller's error.
   */
  async settle(quiet = false): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    if (stream) stream.end();
    try {
      await this.done;
    } catch (err) {
      if (!quiet) throw err;
    }
  }

  /** After the owning transaction ended: later appends throw instead of using the connection. */
  close(): void {
    this.closed = true;
  }

  private open(target: string): void {
    const stream = this.client.query(copyFrom(target));
    this.stream = stream;
    this.target = target;
    this.done = new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', (err: Error) => {
        this.failure = err;
        reject(err);
      });
    });
    this.done.catch(() => undefined); // awaited by settle, raced by append
  }
}

/** `COPY table (columns) FROM STDIN`, with the identifiers checked since they are spliced in. */
export function copyStatement(table: string, columns: string[]): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table) || !columns.every((c) => /^[a-z_][a-z0-9_]*$/.test(c))) throw new Error('copyRows: bad identifier');
  return `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
}
