import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Platform } from '../../platform/platform.js';
import type { DatasetRow } from '../catalog.service.js';
import type { DatasetSpec } from '../contract.js';
import { openSource, type SourceEncoding, type SourceFormat, type SourceHeader } from '../readers/index.js';
import { inThread, ingestWorkers, workerPool, workerYoungGenerationMb } from './chunk-pool.js';
import { mergeStats, type ChunkResult, type ChunkSetup, type ChunkStats } from './chunk-processor.js';
import { districtDivisions } from './divisions-from-db.js';
import { mapHeader, type HeaderMap } from './header-map.js';

export interface BatchFile {
  path: string;
  /**
   * A corrected quarantine file: merged like an incremental batch whatever the dataset's mode (it
   * holds only the fixed rows), and its `_batch`/`_line` columns close the rejects it fixes.
   */
  resubmit?: boolean;
  /** The name shown in lineage; defaults to the path's base name. */
  fileName?: string;
  format?: SourceFormat;
  encoding?: SourceEncoding;
}

export interface BatchRead {
  totals: ChunkStats;
  header: HeaderMap;
  /** As the reader ended: a sniffed utf8 file may have turned out to be gb18030. */
  source: SourceHeader;
  /** Per contract field: rows with a value, rows with a quality-problem flag. */
  fieldStats: Record<string, { present: number; flagged: number }>;
  sha256: string;
  size: number;
}

/** Below this size a file is standardised on the calling thread: a worker's start-up would cost more. */
const WORKER_MIN_BYTES = 4 * 2 ** 20;

/**
 * Streams a batch's file through the chunk processors (worker threads for large files) and hands
 * each processed chunk to `take`, in file order, one at a time, with the share of the file read
 * when it was cut. Chunks are standardised ahead while earlier ones are taken; a bounded number in
 * flight keeps memory flat however large the file.
 */
export async function readBatch(
  p: Platform,
  dataset: DatasetRow,
  batchId: number,
  file: BatchFile,
  direct: ChunkSetup['direct'],
  progress: (done: number, total: number | null) => Promise<void>,
  take: (chunk: ChunkResult, readFraction: number) => Promise<void>,
): Promise<BatchRead> {
  const spec = dataset.spec as unknown as DatasetSpec;
  const size = statSync(file.path).size;
  const hash = createHash('sha256');
  const tee = new PassThrough();
  tee.on('data', (c: Buffer) => hash.update(c));
  const input = createReadStream(file.path, { highWaterMark: 1 << 20 }).pipe(tee);
  const reader = await openSource({ stream: input, name: file.fileName ?? file.path, size }, { format: file.format, encoding: file.encoding });
  const header = mapHeader(spec, reader.header.columns);
  const setup: ChunkSetup = {
    spec,
    indexes: header.indexes,
    columns: reader.header.columns,
    divisions: await districtDivisions(p.db, dataset.district_code),
    todayMs: Date.now(),
    batchId,
    resubmit: !!file.resubmit,
    direct,
  };
  const workers = size >= WORKER_MIN_BYTES ? ingestWorkers() : 0;
  const runner = workers > 0 ? workerPool(setup, p.cipher, workers, workerYoungGenerationMb(!!p.database.pglite)) : inThread(setup, p.cipher);
  const totals: ChunkStats = { read: 0, staged: 0, rejectedByReason: {}, flagsByKind: {}, present: spec.fields.map(() => 0), flagged: spec.fields.map(() => 0), fixed: [] };
  // Each chunk is taken after the one before it, whichever worker finishes first: ids follow the
  // file, and the first line holding a key is the one that keeps it.
  let taking: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  try {
    for await (const items of reader.batches()) {
      // How much of the file this chunk ends at, at most (the reader reads a little ahead).
      const readFraction = size > 0 ? Math.min(1, reader.bytesRead() / size) : 1;
      const processed = runner.run(items);
      processed.catch(() => undefined); // awaited in turn below
      taking = taking.then(() => processed).then((r) => {
        mergeStats(totals, r.stats);
        return take(r, readFraction);
      });
      taking.catch(() => undefined);
      inFlight.push(taking);
      if (inFlight.length > Math.max(2, workers * 2)) await inFlight.shift();
      await progress(reader.bytesRead(), size);
    }
    await taking;
  } finally {
    await runner.close();
  }
  const fieldStats = Object.fromEntries(spec.fields.map((f, i) => [f.name, { present: totals.present[i], flagged: totals.flagged[i] }]));
  return { totals, header, source: reader.header, fieldStats, sha256: hash.digest('hex'), size };
}
