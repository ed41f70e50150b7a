import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { SourceItem } from '../readers/index.js';
import { createChunkProcessor, type ChunkResult, type ChunkSetup } from './chunk-processor.js';

export interface ChunkRunner {
  run(items: SourceItem[]): Promise<ChunkResult>;
  close(): Promise<void>;
  /** Chunks processed so far in workers and on the calling thread. */
  counts(): { worker: number; local: number };
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
  let local = 0;
  return {
    run: async (items) => {
      local++;
      return processChunk(items);
    },
    close: async () => undefined,
    counts: () => ({ worker: 0, local }),
  };
}

/**
 * Worker threads that standardise, seal and format chunks while this thread reads the file and
 * feeds the database; with PGlite, which runs on this thread, that is the difference between one
 * core and two. Chunks go round-robin; results come back in any order and are independent.
 * When every worker already has a chunk waiting behind the one it is on, this thread processes
 * the next chunk itself instead of waiting: on PostgreSQL it reads and copies faster than one
 * worker standardises (a profile of 200,000 rows: this thread idle 16 s of 20, the worker busy),
 * and a second worker would compete with the database for the same two cores all the time.
 */
export function workerPool(setup: ChunkSetup, cipher: PersonalDataCipher, size: number): ChunkRunner {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./chunk-worker-entry.mjs', import.meta.url), { workerData: { setup, keys: cipher.workerKeys() } }));
  const pending = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let outstanding = 0;
  let local: ((items: SourceItem[]) => ChunkResult) | null = null;
  const counts = { worker: 0, local: 0 };
  for (const w of workers) {
    w.on('message', (m: { seq: number; result?: ChunkResult; error?: string }) => {
      const p = pending.get(m.seq);
      pending.delete(m.seq);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.result!);
    });
    w.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  return {
    run(items) {
      if (outstanding > workers.length) {
        local ??= createChunkProcessor(setup, cipher);
        counts.local++;
        try {
          return Promise.resolve(local(items));
        } catch (e) {
          return Promise.reject(e as Error);
        }
      }
      const id = seq++;
      outstanding++;
      counts.worker++;
      return new Promise<ChunkResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length].postMessage({ seq: id, items });
      }).finally(() => outstanding--);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
    counts: () => ({ ...counts }),
  };
}
