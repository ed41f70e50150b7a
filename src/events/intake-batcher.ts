/**
 * Groups concurrent publishes into one transaction each, up to `maxBatch`, with at most
 * `maxConcurrent` transactions at once. A commit (a WAL flush) and the statements of a batch are
 * then paid per batch instead of per event, which is what bounds intake on a small server. Every
 * caller still resolves only after its batch committed, and gets its own result or error.
 */
export class IntakeBatcher<T, R> {
  private readonly queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 64,
    private readonly maxConcurrent = 4,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running < this.maxConcurrent) {
        this.running++;
        // One turn of the event loop lets callers that arrived together share the batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        const settled = await runSettled(this.run, batch.map((b) => b.item));
        settled.forEach((s, i) => (s.status === 'fulfilled' ? batch[i].resolve(s.value) : batch[i].reject(s.reason)));
      }
    } finally {
      this.running--;
    }
  }
}

/**
 * Runs `items` as one batch; when the batch fails (it was rolled back whole), runs each item alone,
 * so one bad item fails only itself and the others are still stored.
 */
export async function runSettled<T, R>(run: (items: T[]) => Promise<R[]>, items: T[]): Promise<PromiseSettledResult<R>[]> {
  try {
    return (await run(items)).map((value) => ({ status: 'fulfilled', value }));
  } catch (err) {
    if (items.length === 1) return [{ status: 'rejected', reason: err }];
    const out: PromiseSettledResult<R>[] = [];
    for (const item of items) out.push(await run([item]).then(([value]): PromiseSettledResult<R> => ({ status: 'fulfilled', value }), (reason): PromiseSettledResult<R> => ({ status: 'rejected', reason })));
    return out;
  }
}
