import { basename } from 'node:path';
import { copyRows, withCopyTransaction } from '../../platform/db/copy.js';
import type { Executor, Tx } from '../../platform/db/transaction.js';
import type { Platform } from '../../platform/platform.js';
import type { DatasetRow } from '../catalog.service.js';
import type { DatasetSpec } from '../contract.js';
import { applySetRules, rejectDuplicateKeys } from './batch-quality.js';
import { readBatch, type BatchFile, type BatchRead } from './batch-reader.js';
import { STAGE_COLUMNS } from './chunk-processor.js';
import { DirectPublisher, TooManyKeys } from './direct-publish.js';
import { checkDeletions, DEFAULT_MAX_DELETED_SHARE, TooManyDeletions, type BatchHold } from './deletion-guard.js';
import { holdBatch, refuseIfSuperseded, supersedeHeld } from './held-batches.js';
import { publishBatch, snapshotDeletions, type PublishCounts } from './publish.js';
import { claimFixedRejects, clearBatchWork, closeClaimedRejects, insertRejects, reclaimStagedSpace } from './stage.store.js';

export type { BatchFile } from './batch-reader.js';

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
  /** Why a held batch waits for review; null when published. */
  hold: BatchHold | null;
  /** Earlier held batches of the dataset this snapshot replaced, discarded (held-batches.ts). */
  superseded: number[];
  format: string;
  encoding: string | null;
  missingColumns: string[];
  extraColumns: string[];
  seconds: number;
  /** Where the time went: reading, standardising and staging; the batch-wide checks; publishing. */
  phasesMs: { stage: number; duplicates: number; rules: number; publish: number };
}

const bump = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);

/**
 * Whether a batch is written straight into ingest_row in one transaction (direct-publish.ts) or
 * staged and then published. Direct writes each row once, but its transaction lasts the whole
 * ingest, so not on PGlite, whose one session everything else (the job's progress, the console)
 * would wait behind.
 */
function writesDirect(p: Platform): boolean {
  // TIANMU_INGEST_DIRECT=off stages every batch: a way back should a server dislike the long transaction.
  return process.env.TIANMU_INGEST_DIRECT !== 'off' && !p.database.pglite;
}

/**
 * One ingest batch, start to end: stream the file, standardise and check each row, quarantine the
 * bad ones with their reasons, apply the batch-wide rules, score quality, then publish atomically
 * or hold the batch for review when quality is below the threshold. Re-running a batch id first
 * clears what an interrupted run staged.
 */
export async function runBatch(
  p: Platform,
  dataset: DatasetRow,
  batchId: number,
  file: BatchFile,
  progress: (done: number, total: number | null) => Promise<void>,
): Promise<BatchSummary> {
  const t0 = performance.now();
  await clearBatchWork(p.db, batchId);
  // Below the quality threshold or deleting too much (staged for a reviewer to decide), or more keys
  // than direct writing holds in memory: all of a direct run was rolled back.
  const summary = (writesDirect(p) && (await runDirect(p, dataset, batchId, file, progress, t0))) || (await runStaged(p, dataset, batchId, file, progress, t0));
  if (publishMode(dataset, file) === 'snapshot') {
    summary.superseded = await supersedeHeld(p.db, dataset.id, batchId);
    if (summary.superseded.length) await reclaimStagedSpace(p.database);
  }
  return summary;
}

class BelowThreshold extends Error {}

/** The share of current rows a snapshot of the dataset may delete unreviewed; undefined when any may. */
function deletionLimit(spec: DatasetSpec): number | undefined {
  const share = spec.maxDeletedShare ?? DEFAULT_MAX_DELETED_SHARE;
  return share >= 1 ? undefined : share;
}

/** A resubmitted quarantine file merges into the dataset whatever its mode: it holds only the fixed rows. */
function publishMode(dataset: DatasetRow, file: BatchFile): 'snapshot' | 'incremental' {
  return file.resubmit ? 'incremental' : dataset.mode;
}

async function runDirect(p: Platform, dataset: DatasetRow, batchId: number, file: BatchFile, progress: (done: number, total: number | null) => Promise<void>, t0: number): Promise<BatchSummary | null> {
  const spec = dataset.spec as unknown as DatasetSpec;
  const mode = publishMode(dataset, file);
  const now = new Date();
  let tWritten = 0;
  try {
    const done = await withCopyTransaction(p.database, async (tx, copy, append) => {
      const publisher = await DirectPublisher.open(tx, copy, append, { datasetId: dataset.id, batchId, mode, now, spec, cipher: p.cipher });
      const read = await readBatch(p, dataset, batchId, file, { datasetId: dataset.id, districtCode: dataset.district_code, validFrom: now.toISOString() }, progress, (chunk, readFraction) => publisher.apply(chunk, readFraction));
      tWritten = performance.now();
      if (publisher.duplicates) bump(read.totals.rejectedByReason, 'duplicate_key', publisher.duplicates);
      for (const [k, n] of Object.entries(await publisher.applySetRules())) if (n) bump(read.totals.flagsByKind, k, n);
      const outcome = scored(spec, read, read.totals.staged - publisher.duplicates, publisher.problems);
      if (outcome.qualityScore < outcome.threshold) throw new BelowThreshold();
      if (mode === 'snapshot') {
        const d = publisher.deletions();
        checkDeletions(d.deleting, d.current, deletionLimit(spec));
        // Under the dataset's lock since the publisher opened, as publishBatch checks it.
        await refuseIfSuperseded(tx, dataset.id, batchId);
      }
      const counts = await publisher.finish();
      await recordBatch(tx, dataset.id, batchId, read, outcome, { mode, status: 'published', published_at: now, finished_at: now, ...counts });
      await claimFixedRejects(tx, dataset.id, batchId, read.totals.fixed);
      await closeClaimedRejects(tx, batchId);
      return { read, outcome, counts };
    });
    const tEnd = performance.now();
    return summarise(dataset, batchId, null, done.read, done.outcome, done.counts, t0, { stage: tWritten - t0, duplicates: 0, rules: 0, publish: tEnd - tWritten });
  } catch (err) {
    // Staged instead, where a batch can be held, or one too big to write directly.
    if (err instanceof BelowThreshold || err instanceof TooManyDeletions || err instanceof TooManyKeys) return null;
    throw err;
  }
}

async function runStaged(p: Platform, dataset: DatasetRow, batchId: number, file: BatchFile, progress: (done: number, total: number | null) => Promise<void>, t0: number): Promise<BatchSummary> {
  const spec = dataset.spec as unknown as DatasetSpec;
  const mode = publishMode(dataset, file);
  const read = await readBatch(p, dataset, batchId, file, undefined, progress, async (chunk) => {
    await copyRows(p.database, 'ingest_stage', STAGE_COLUMNS, chunk.copy);
    await insertRejects(p.db, dataset.id, batchId, chunk.rejects);
  });
  const tStaged = performance.now();
  const slicing = { settle: (tx: Executor) => p.database.settleWal(tx) };
  const duplicates = await rejectDuplicateKeys(p.db, spec, dataset.id, batchId, slicing);
  if (duplicates) bump(read.totals.rejectedByReason, 'duplicate_key', duplicates);
  const tDuplicates = performance.now();
  const setFlags = await applySetRules(p.db, spec, dataset.id, batchId);
  for (const [k, n] of Object.entries(setFlags)) if (n) bump(read.totals.flagsByKind, k, n);
  const flaggedNow = await p.db
    .selectFrom('ingest_stage')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .where('problem', '=', true)
    .executeTakeFirstOrThrow();
  const outcome = scored(spec, read, read.totals.staged - duplicates, Number(flaggedNow.n));
  await recordBatch(p.db, dataset.id, batchId, read, outcome, { mode });
  await claimFixedRejects(p.db, dataset.id, batchId, read.totals.fixed);
  const tRules = performance.now();
  let counts: PublishCounts = { inserted: 0, changed: 0, unchanged: 0, deleted: 0 };
  let hold: BatchHold | null = null;
  if (outcome.qualityScore >= outcome.threshold) {
    try {
      counts = await publishBatch(p.db, dataset.id, dataset.district_code, batchId, mode, { ...slicing, maxDeletedShare: deletionLimit(spec) });
      await reclaimStagedSpace(p.database);
    } catch (err) {
      if (!(err instanceof TooManyDeletions)) throw err;
      hold = err.hold;
    }
  } else {
    hold = { cause: 'quality', ...(mode === 'snapshot' ? await snapshotDeletions(p.db, dataset.id, batchId) : {}) };
  }
  if (hold) await holdBatch(p.db, dataset.id, batchId, hold, mode === 'snapshot');
  return summarise(dataset, batchId, hold, read, outcome, counts, t0, { stage: tStaged - t0, duplicates: tDuplicates - tStaged, rules: tRules - tDuplicates, publish: performance.now() - tRules });
}

interface Outcome {
  accepted: number;
  rejected: number;
  flagged: number;
  qualityScore: number;
  threshold: number;
}

/** Quality: the share of rows read that were accepted without a quality problem. */
function scored(spec: DatasetSpec, read: BatchRead, accepted: number, flagged: number): Outcome {
  const n = read.totals.read;
  return { accepted, rejected: n - accepted, flagged, qualityScore: n === 0 ? 1 : (accepted - flagged) / n, threshold: spec.qualityThreshold ?? 0.9 };
}

type BatchEnd = Partial<PublishCounts> & { mode: 'snapshot' | 'incremental'; status?: 'published'; published_at?: Date; finished_at?: Date };

/** Writes the batch's file facts and counts; with `end`, also its publication, checking the batch is the dataset's. */
async function recordBatch(db: Tx | Platform['db'], datasetId: number, batchId: number, read: BatchRead, o: Outcome, end: BatchEnd): Promise<void> {
  const { totals, header, source } = read;
  const marked = await db
    .updateTable('ingest_batch')
    .set({
      file_sha256: read.sha256,
      file_bytes: read.size,
      format: source.format,
      encoding: source.encoding,
      read: totals.read,
      accepted: o.accepted,
      rejected: o.rejected,
      flagged: o.flagged,
      rejected_by_reason: JSON.stringify(totals.rejectedByReason),
      flags_by_kind: JSON.stringify(totals.flagsByKind),
      field_stats: JSON.stringify({ fields: read.fieldStats, missingColumns: header.missingOptional, extraColumns: header.extra }),
      quality_score: o.qualityScore,
      ...end,
    })
    .where('id', '=', batchId)
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) throw new Error(`batch ${batchId} does not belong to dataset ${datasetId}`);
}

function summarise(dataset: DatasetRow, batchId: number, hold: BatchHold | null, read: BatchRead, o: Outcome, counts: PublishCounts, t0: number, phases: BatchSummary['phasesMs']): BatchSummary {
  return {
    batch: batchId,
    dataset: dataset.name,
    status: hold ? 'held' : 'published',
    read: read.totals.read,
    accepted: o.accepted,
    rejected: o.rejected,
    rejectedByReason: read.totals.rejectedByReason,
    flagged: o.flagged,
    flagsByKind: read.totals.flagsByKind,
    ...counts,
    qualityScore: Math.round(o.qualityScore * 10000) / 10000,
    threshold: o.threshold,
    hold,
    superseded: [],
    format: read.source.format,
    encoding: read.source.encoding,
    missingColumns: read.header.missingOptional,
    extraColumns: read.header.extra,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    phasesMs: { stage: Math.round(phases.stage), duplicates: Math.round(phases.duplicates), rules: Math.round(phases.rules), publish: Math.round(phases.publish) },
  };
}

export function displayName(file: BatchFile): string {
  return file.fileName ?? basename(file.path);
}
