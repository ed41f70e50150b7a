import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Platform } from '../../platform/platform.js';
import type { DatasetSpec } from '../contract.js';
import type { DatasetRow } from '../catalog.service.js';
import { openSource, type SourceEncoding, type SourceFormat } from '../readers/index.js';
import { applySetRules, rejectDuplicateKeys } from './batch-quality.js';
import { mapHeader } from './header-map.js';
import { publishBatch } from './publish.js';
import { clearBatchWork, insertRejects } from './stage.store.js';
import { copyRows } from '../../platform/db/copy.js';
import { mergeStats, STAGE_COLUMNS, type ChunkSetup, type ChunkStats } from './chunk-processor.js';
import { inThread, ingestWorkers, workerPool } from './chunk-pool.js';
import { districtDivisions } from './divisions-from-db.js';

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

export interface BatchSummary {
  batch: number;
  dataset: string;
  status: 'published' | 'held';
  read: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  flagged: number;
  flagsByKind: Record<string, number>;
  inserted: number;
  changed: number;
  unchanged: number;
  deleted: number;
  qualityScore: number;
  threshold: number;
  format: string;
  encoding: string | null;
  missingColumns: string[];
  extraColumns: string[];
  seconds: number;
  /** Where the time went: reading, standardising and staging; the batch-wide checks; publishing. */
  phasesMs: { stage: number; duplicates: number; rules: number; publish: number };
}

const bump = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);

/** Below this size a file is standardised on the calling thread: a worker's start-up would cost more. */
const WORKER_MIN_BYTES = 4 * 2 ** 20;

/**
 * One ingest batch, start to end: stream the file, standardise and check each row, stage the good
 * rows and quarantine the bad ones with their reasons, apply the batch-wide rules, score quality,
 * then publish atomically or hold the batch for review when quality is below the threshold.
 * Re-running a batch id first clears what an interrupted run staged.
 */
export async function runBatch(
  p: Platform,
  dataset: DatasetRow,
  batchId: number,
  file: BatchFile,
  progress: (done: number, total: number | null) => Promise<void>,
): Promise<BatchSummary> {
  const t0 = performance.now();
  const spec = dataset.spec as unknown as DatasetSpec;
  await clearBatchWork(p.db, batchId);
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
  };
  const workers = size >= WORKER_MIN_BYTES ? ingestWorkers() : 0;
  const runner = workers > 0 ? workerPool(setup, p.cipher, workers) : inThread(setup, p.cipher);
  const totals: ChunkStats = { read: 0, staged: 0, rejectedByReason: {}, flagsByKind: {}, present: spec.fields.map(() => 0), flagged: spec.fields.map(() => 0), fixed: [] };
  // Chunks are standardised ahead (in workers) while earlier ones are copied into staging, one COPY
  // at a time; a bounded number in flight keeps memory flat however large the file.
  let copying: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  try {
    for await (const items of reader.batches()) {
      const chunk = runner.run(items).then((r) => {
        mergeStats(totals, r.stats);
        copying = copying.then(() => copyRows(p.database, 'ingest_stage', STAGE_COLUMNS, r.copy)).then(() => insertRejects(p.db, dataset.id, batchId, r.rejects));
        return copying;
      });
      chunk.catch(() => undefined);
      inFlight.push(chunk);
      if (inFlight.length > Math.max(2, workers * 2)) await inFlight.shift();
      await progress(reader.bytesRead(), size);
    }
    await Promise.all(inFlight);
    await copying;
  } finally {
    await runner.close();
  }
  const { read, staged, rejectedByReason, flagsByKind } = totals;
  const fieldStats = Object.fromEntries(spec.fields.map((f, i) => [f.name, { present: totals.present[i], flagged: totals.flagged[i] }]));
  const fixed = totals.fixed.map(([batch, line]) => ({ batch, line }));

  const tStaged = performance.now();
  const duplicates = await rejectDuplicateKeys(p.db, spec, p.cipher, dataset.id, batchId);
  if (duplicates) bump(rejectedByReason, 'duplicate_key', duplicates);
  const tDuplicates = performance.now();
  const setFlags = await applySetRules(p.db, spec, dataset.id, batchId);
  for (const [k, n] of Object.entries(setFlags)) if (n) bump(flagsByKind, k, n);
  const flaggedNow = await p.db
    .selectFrom('ingest_stage')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .where('problem', '=', true)
    .executeTakeFirstOrThrow();
  const flaggedRows = Number(flaggedNow.n);
  const accepted = staged - duplicates;
  const rejected = read - accepted;
  const qualityScore = read === 0 ? 1 : (accepted - flaggedRows) / read;
  const threshold = spec.qualityThreshold ?? 0.9;
  await p.db
    .updateTable('ingest_batch')
    .set({
      file_sha256: hash.digest('hex'),
      file_bytes: size,
      format: reader.header.format,
      encoding: reader.header.encoding,
      read,
      accepted,
      rejected,
      flagged: flaggedRows,
      rejected_by_reason: JSON.stringify(rejectedByReason),
      flags_by_kind: JSON.stringify(flagsByKind),
      field_stats: JSON.stringify({ fields: fieldStats, missingColumns: header.missingOptional, extraColumns: header.extra }),
      quality_score: qualityScore,
    })
    .where('id', '=', batchId)
    .execute();

  const tRules = performance.now();
  let counts = { inserted: 0, changed: 0, unchanged: 0, deleted: 0 };
  let status: 'published' | 'held' = 'held';
  if (qualityScore >= threshold) {
    counts = await publishBatch(p.db, dataset.id, dataset.district_code, batchId, file.resubmit ? 'incremental' : dataset.mode);
    status = 'published';
    await closeFixedRejects(p, dataset.id, batchId, fixed);
  } else {
    await p.db.updateTable('ingest_batch').set({ status: 'held', finished_at: new Date() }).where('id', '=', batchId).execute();
  }
  return {
    batch: batchId,
    dataset: dataset.name,
    status,
    read,
    accepted,
    rejected,
    rejectedByReason,
    flagged: flaggedRows,
    flagsByKind,
    ...counts,
    qualityScore: Math.round(qualityScore * 10000) / 10000,
    threshold,
    format: reader.header.format,
    encoding: reader.header.encoding,
    missingColumns: header.missingOptional,
    extraColumns: header.extra,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    phasesMs: {
      stage: Math.round(tStaged - t0),
      duplicates: Math.round(tDuplicates - tStaged),
      rules: Math.round(tRules - tDuplicates),
      publish: Math.round(performance.now() - tRules),
    },
  };
}

async function closeFixedRejects(p: Platform, datasetId: number, batchId: number, fixed: Array<{ batch: number; line: number }>) {
  const valid = fixed.filter((f) => Number.isInteger(f.batch) && Number.isInteger(f.line));
  for (let i = 0; i < valid.length; i += 1000) {
    const chunk = valid.slice(i, i + 1000);
    await p.db
      .updateTable('ingest_reject')
      .set({ status: 'resubmitted', resolved_batch_id: batchId })
      .where('dataset_id', '=', datasetId)
      .where('status', '=', 'open')
      .where((eb) => eb.or(chunk.map((f) => eb.and([eb('batch_id', '=', f.batch), eb('line', '=', f.line)]))))
      .execute();
  }
}

export function displayName(file: BatchFile): string {
  return file.fileName ?? basename(file.path);
}
