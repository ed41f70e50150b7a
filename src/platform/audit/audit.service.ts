import type { Executor } from '../db/transaction.js';
import { withTransaction } from '../db/transaction.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';
import { findAudit, lastRecord, lockChain, readChainPage, type AuditFilter } from './audit.store.js';

export type AuditOutcome = 'allowed' | 'denied' | 'failed';

export interface AuditEntry {
  /** Username, `token:<name>`, or `system`. */
  actor: string | null;
  /** Dotted verb: auth.login, auth.denied, personal.reveal, person.read, export.csv … */
  action: string;
  /** Whose data or which object, e.g. `user:<id>`, `region:330112001`. */
  target?: string | null;
  outcome?: AuditOutcome;
  ip?: string | null;
  /** Purpose, matter, fields, counts — never the personal values themselves. */
  detail?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; problem: 'changed' | 'removed' | 'reordered' };
}

/** The append-only, hash-chained audit log. */
export class AuditService {
  constructor(
    private readonly db: Executor,
    private readonly chainKey: Buffer,
  ) {}

  /**
   * Appends one record. Pass the caller's transaction to make the record commit or roll back with
   * the action it describes; otherwise it commits on its own.
   */
  async record(entry: AuditEntry, executor: Executor = this.db): Promise<number> {
    return withTransaction(executor, async (tx) => {
      await lockChain(tx);
      const last = await lastRecord(tx);
      const id = (last ? Number(last.id) : 0) + 1;
      const fields = {
        id,
        at: new Date(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        outcome: entry.outcome ?? 'allowed',
        ip: entry.ip ?? null,
        detail: entry.detail ?? {},
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = chainHash(this.chainKey, prevHash, fields);
      await tx
        .insertInto('audit_log')
        .values({ ...fields, detail: JSON.stringify(fields.detail), prev_hash: prevHash, hash })
        .execute();
      return id;
    });
  }

  async find(filter: AuditFilter, page: number, pageSize: number) {
    const { items, total } = await findAudit(this.db, filter, (page - 1) * pageSize, pageSize);
    return {
      total,
      items: items.map((r) => ({
        id: Number(r.id),
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        action: r.action,
        target: r.target,
        outcome: r.outcome,
        ip: r.ip,
        detail: r.detail,
      })),
    };
  }

  /**
   * Walks the whole chain in id order. A record whose fields no longer give its hash was changed;
   * a gap in ids, or a prev_hash that is not the previous record's hash, means a record was removed.
   */
  async verify(onProgress?: (checked: number) => void): Promise<VerifyResult> {
    let prevHash = GENESIS_HASH;
    let expectedId = 1;
    let checked = 0;
    for (;;) {
      const page = await readChainPage(this.db, expectedId - 1, 5000);
      if (page.length === 0) break;
      for (const r of page) {
        const id = Number(r.id);
        if (id !== expectedId) return { ok: false, checked, firstBad: { id: expectedId, problem: 'removed' } };
        if (r.prev_hash !== prevHash) {
          return { ok: false, checked, firstBad: { id, problem: id === 1 || checked === 0 ? 'removed' : 'reordered' } };
        }
        const recomputed = chainHash(this.chainKey, prevHash, {
          id,
          at: new Date(r.at),
          actor: r.actor,
          action: r.action,
          target: r.target,
          outcome: r.outcome,
          ip: r.ip,
          detail: r.detail,
        });
        if (recomputed !== r.hash) return { ok: false, checked, firstBad: { id, problem: 'changed' } };
        prevHash = r.hash;
        expectedId++;
        checked++;
      }
      onProgress?.(checked);
    }
    return { ok: true, checked };
  }
}
