/**
 * Per-IP sliding window of login attempts, in memory. It slows password spraying across many
 * accounts; the per-account lockout in the database stops guessing one account from many IPs.
 */
export class LoginLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Records an attempt; returns seconds to wait when over the limit, else 0. */
  take(ip: string, now = Date.now()): number {
    const since = now - 60_000;
    const list = (this.hits.get(ip) ?? []).filter((t) => t > since);
    if (list.length >= this.perMinute) {
      this.hits.set(ip, list);
      return Math.max(1, Math.ceil((list[0] + 60_000 - now) / 1000));
    }
    list.push(now);
    this.hits.set(ip, list);
    if (this.hits.size > 10_000) this.prune(since);
    return 0;
  }

  private prune(since: number): void {
    for (const [ip, list] of this.hits) if (list[list.length - 1] <= since) this.hits.delete(ip);
  }
}
