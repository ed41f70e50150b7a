import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { SourceItem } from '../readers/index.js';
import { createChunkProcessor, type ChunkResult, type ChunkSetup } from './chunk-processor.js';

export interface ChunkRunner {
  run(items: SourceItem[]): Promise<ChunkResult>;
  close(): Promise<void>;
}

/**
 * How many worker threads standardise rows: one core stays with reading and the database. (A
 * worker on every core measured no faster on two cores and took the process over 500 MB.)
 */
export function ingestWorkers(): number {
  const configured = Number(process.env.TIANMU_INGEST_WORKERS);
  if (Number.isInteger(configured) && configured >= 0) return Math.min(configured, 16);
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** Processing on the calling thread: for small files, where starting a worker costs more than it saves. */
export function inThread(setup: ChunkSetup, cipher: PersonalDataCipher): ChunkRunner {
  const processChunk = createChunkProcessor(setup, cipher);
  return { run: async (items) => processChunk(items), close: async () => undefined };
}

/**
 * A worker's young generation, in MB, where it should not be V8's own (32 MB). On a server the
 * worker is the slower side of a direct ingest and keeps it (held to 24 MB, a million rows took up
 * to 8% longer). With PGlite the calling thread, which runs the database, is the slower side and
 * the worker waits on it, so 16 MB costs no time there and keeps 16 MB, and the garbage buffers it
 * would have held, out of a process that has PGlite in it too.
 */
export function workerYoungGenerationMb(embeddedDatabase: boolean): number | undefined {
  return embeddedDatabase ? 16 : undefined;
}

/**
 * Worker threads that standardise, seal and format chunks while this thread reads the file and
 * feeds the database; with PGlite, which runs on this thread, that is the difference between one
 * core and two. Chunks go round-robin; results come back in any order and are independent.
 */
export function workerPool(setup: ChunkSetup, cipher: PersonalDataCipher, size: number, youngGenerationMb?: number): ChunkRunner {
  const options = { workerData: { setup, keys: cipher.workerKeys() }, ...(youngGenerationMb ? { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } } : {}) };
  const workers = Array.from({ length: size }, () => new Worker(new URL('./chunk-worker-entry.mjs', import.meta.url), options));
  const pending = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  let seq = 0;
  for (const w of workers) {
    w.on('message', (m: { seq: number; result?: ChunkResult; error?: string }) => {
      const p = pending.get(m.seq);
      pending.delete(m.seq);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else {
        // A transferred Buffer arrives as a plain Uint8Array: view the same memory as a Buffer again.
        const c = m.result!.copy as Uint8Array;
        p?.resolve({ ...m.result!, copy: Buffer.from(c.buffer, c.byteOffset, c.byteLength) });
      }
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  return {
    run(items) {
      const id = seq++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length].postMessage({ seq: id, items });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
