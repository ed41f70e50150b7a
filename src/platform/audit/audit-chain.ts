import { createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: Date;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * HMAC-SHA256, under a key the database does not hold, over the previous record's hash and every
 * field of this one: someone with write access to the database alone cannot re-chain edited records.
 */
export function chainHash(key: Buffer, prevHash: string, r: ChainedFields): string {
  const h = createHmac('sha256', key);
  h.update(prevHash);
  h.update('\n');
  h.update(canonicalJson([r.id, r.at.toISOString(), r.actor, r.action, r.target, r.outcome, r.ip, r.detail]));
  return h.digest('hex');
}
