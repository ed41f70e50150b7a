/**
 * Groups concurrent publishes into one transaction each, up to `maxBatch`, with at most
 * `maxConcurrent` transactions at once. A commit (a WAL flush) and the BEGIN/COMMIT round trips are
 * then paid per batch instead of per event, which is what bounds intake on a small server. Every
 * caller still resolves only after its batch committed. When a batch fails, each of its items is
 * retried alone, so one bad item fails only its own caller.
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
        try {
          const results = await this.run(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i]));
        } catch (err) {
          if (batch.length === 1) batch[0].reject(err);
          else for (const b of batch) await this.run([b.item]).then(([r]) => b.resolve(r), b.reject);
        }
      }
    } finally {
      this.running--;
    }
  }
}
