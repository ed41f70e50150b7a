import { hash, verify } from '@node-rs/argon2';
import { Invalid } from '../errors.js';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1): ~20 ms here, so a login
// storm cannot exhaust memory while offline guessing stays expensive.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordPolicy(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new Invalid('密码太短 (password too short)', { password: `at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  if (password.length > 256) throw new Invalid('密码太长 (password too long)', { password: 'at most 256 characters' });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the username is unknown, so response time does not reveal which names exist.
let dummyHash: Promise<string> | null = null;
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('tianmu-dummy-password');
  await verifyPassword(await dummyHash, password);
}
