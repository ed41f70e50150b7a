import type { Db } from '../platform/db/transaction.js';
import { DomainError } from '../platform/errors.js';
import type { Logger } from '../platform/platform.js';
import * as store from './case.store.js';
import type { LifecycleService } from './lifecycle.service.js';

const BATCH = 200;

/**
 * Escalates overdue cases. The timers are due times in dispatch_case (escalate_at), so they
 * survive restarts: whichever process scans next finds what fell due while nobody was running.
 */
export class EscalationScanner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly lifecycle: LifecycleService,
    private readonly log: Logger,
  ) {}

  /** Escalates every case due at `now`; returns how many escalated. Safe to run concurrently with users acting. */
  async scan(now: Date = this.lifecycle.now()): Promise<number> {
    let escalated = 0;
    for (;;) {
      const due = await store.dueCases(this.db, now, BATCH);
      const before = escalated;
      for (const d of due) {
        try {
          const after = await this.lifecycle.transition({ system: 'system:sla' }, d.case_id, { action: 'escalate', expectedVersion: d.version, at: now });
          if (after.version !== d.version) escalated++;
        } catch (e) {
          // Someone acted on the case meanwhile (409): their action set new timers. Anything else is logged and retried next scan.
          if (e instanceof DomainError && e.status === 409) continue;
          this.log.warn(`dispatch escalation of ${d.case_id} failed: ${(e as Error).message}`);
          return escalated;
        }
      }
      // A full batch that moved nothing (all conflicts) would be fetched again unchanged: stop here.
      if (due.length < BATCH || escalated === before) return escalated;
    }
  }

  start(intervalMs = 30_000): void {
    const tick = () => {
      this.running ??= this.scan().finally(() => {
        this.running = null;
      });
      this.running.catch((e) => this.log.warn(`dispatch escalation scan: ${(e as Error).message}`));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
