/**
 * Why a batch waits for a reviewer instead of being published: its share of clean rows fell below
 * the dataset's threshold, or, a snapshot, it would close more than `maxDeletedShare` of the
 * dataset's current rows as deleted. A snapshot cut short at a line end, or a town's file sent for
 * the whole district, reads as a valid file whose missing rows were all deleted; the history keeps
 * them, but every later module would read them as gone. A held snapshot says how many rows
 * publishing it would close (`deleting` of `current`) whichever the cause.
 */
export type BatchHold = (
  | { cause: 'quality'; deleting?: number; current?: number }
  | { cause: 'deletions'; deleting: number; current: number; maxShare: number }
) & {
  /** The newer snapshot that replaced the batch while it was held (held-batches.ts). */
  supersededBy?: number;
};

/** The share of current rows a snapshot may close unreviewed when its contract names none. */
export const DEFAULT_MAX_DELETED_SHARE = 0.5;

/** Thrown inside a publish's transaction, rolling it back, when a snapshot deletes too much. */
export class TooManyDeletions extends Error {
  constructor(readonly hold: Extract<BatchHold, { cause: 'deletions' }>) {
    super(`the snapshot would delete ${hold.deleting} of ${hold.current} current rows, more than ${hold.maxShare * 100}%`);
  }
}

/** Throws TooManyDeletions when closing `deleting` of `current` rows passes `maxShare` (undefined: no check). */
export function checkDeletions(deleting: number, current: number, maxShare: number | undefined): void {
  if (maxShare === undefined || deleting === 0 || deleting <= maxShare * current) return;
  throw new TooManyDeletions({ cause: 'deletions', deleting, current, maxShare });
}
