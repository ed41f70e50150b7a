import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'tmk_';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their sha256; they are long and random, so no salt or stretching is needed. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
