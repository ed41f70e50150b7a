export type Handler<T = unknown> = (payload: T, topic: string) => void | Promise<void>;

/**
 * In-process publish/subscribe for live, lossy signals (a job's progress, a new case on the event
 * wall). What must not be lost goes through the outbox instead. A topic ending in `.*` subscribes to
 * a family (`job.*`).
 */
export class EventBus {
  private readonly handlers = new Map<string, Set<Handler>>();

  subscribe<T>(topic: string, handler: Handler<T>): () => void {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler as Handler);
    this.handlers.set(topic, set);
    return () => set.delete(handler as Handler);
  }

  publish<T>(topic: string, payload: T): void {
    const targets: Handler[] = [...(this.handlers.get(topic) ?? [])];
    const dot = topic.lastIndexOf('.');
    if (dot > 0) targets.push(...(this.handlers.get(`${topic.slice(0, dot)}.*`) ?? []));
    targets.push(...(this.handlers.get('*') ?? []));
    for (const h of targets) {
      // One failing subscriber must not stop the others or the publisher.
      queueMicrotask(() => {
        Promise.resolve()
          .then(() => h(payload, topic))
          .catch((err) => process.emitWarning(`event bus subscriber failed on ${topic}: ${(err as Error).message}`));
      });
    }
  }

  listenerCount(topic: string): number {
    return this.handlers.get(topic)?.size ?? 0;
  }
}
