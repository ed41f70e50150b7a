import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKeys, rotateEncryptionKey } from './keys.js';
import { PersonalDataCipher, PersonalDataTokenError } from './personal-data.js';

const b64 = () => randomBytes(32).toString('base64');
const log = () => {};
const configured = (encKeyB64 = b64(), hmacKeyB64 = b64()) =>
  loadOrCreateKeys({ dataDir: '/nonexistent', encKeyB64, hmacKeyB64, log });

/** Flips one bit of the token's binary part at byte `at` (negative counts from the end). */
function flip(token: string, at: number): string {
  const [v, id, data] = token.split('.');
  const raw = Buffer.from(data, 'base64url');
  raw[at < 0 ? raw.length + at : at] ^= 1;
  return `${v}.${id}.${raw.toString('base64url')}`;
}

describe('PersonalDataCipher', () => {
  it('round-trips ASCII, Chinese and empty text', async () => {
    const c = new PersonalDataCipher(await configured());
    for (const plain of ['330112199001011234', '浙江省杭州市临安区锦城街道衣锦街100号', '', '𠀀😀 four-byte characters', '王'.repeat(5000)]) {
      expect(c.decrypt(c.encrypt(plain))).toBe(plain);
    }
  });

  it('writes v2.<keyId>.<base64url> tokens with a different nonce each time', async () => {
    const c = new PersonalDataCipher(await configured());
    const tokens = Array.from({ length: 1000 }, () => c.encrypt('13812345678'));
    expect(tokens[0]).toMatch(/^v2\.1\.[A-Za-z0-9_-]+$/);
    // 24-byte nonce, 11 bytes of text, 16-byte tag.
    expect(Buffer.from(tokens[0].split('.')[2], 'base64url').length).toBe(24 + 11 + 16);
    expect(new Set(tokens).size).toBe(1000);
    expect(new Set(tokens.map((t) => t.split('.')[2].slice(0, 16))).size).toBe(1000);
    expect(tokens.every((t) => c.decrypt(t) === '13812345678')).toBe(true);
  });

  it('detects a changed IV, ciphertext or tag', async () => {
    const c = new PersonalDataCipher(await configured());
    const token = c.encrypt('330112199001011234');
    for (const at of [0, 12, 23, 24, 30, -1]) {
      expect(() => c.decrypt(flip(token, at))).toThrow(/failed authentication/);
    }
    expect(() => c.decrypt(flip(token, 0))).toThrow(PersonalDataTokenError);
  });

  it('refuses malformed tokens and unknown keys with a clear message', async () => {
    const c = new PersonalDataCipher(await configured());
    const token = c.encrypt('x');
    expect(() => c.decrypt('330112199001011234')).toThrow(/not a personal data token/);
    expect(() => c.decrypt(token.replace(/^v2/, 'v9'))).toThrow(/not a personal data token/);
    expect(() => c.decrypt(token.replace(/^v2\.1\./, 'v2.9.'))).toThrow(/key "9", which is not configured/);
    expect(() => c.decrypt('v2.1.AAAA')).toThrow(/truncated/);
    expect(() => c.decrypt('v1.1.AAAA')).toThrow(/truncated/);
    // A v2 body read as v1 (and the reverse) fails authentication rather than yielding garbage.
    expect(() => c.decrypt(token.replace(/^v2/, 'v1'))).toThrow(/failed authentication/);
  });

  it('reads v1 tokens (AES-256-GCM) written before v2, under the same ring key', async () => {
    const enc = b64();
    const c = new PersonalDataCipher(await configured(enc));
    const v1 = (plain: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(enc, 'base64'), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.1.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    };
    for (const plain of ['330112199001011234', '浙江省杭州市临安区', '']) expect(c.decrypt(v1(plain))).toBe(plain);
    expect(() => c.decrypt(flip(v1('x'), 14))).toThrow(/failed authentication/);
    expect(() => c.decrypt(v1('x').replace(/^v1/, 'v2'))).toThrow(/truncated|failed authentication/);
  });

  it('cannot decrypt with a different key', async () => {
    const token = new PersonalDataCipher(await configured()).encrypt('secret');
    const stranger = new PersonalDataCipher(await configured());
    expect(() => stranger.decrypt(token)).toThrow(/failed authentication/);
  });

  it('hashes stably across instances with the same key', async () => {
    const enc = b64();
    const hmac = b64();
    const a = new PersonalDataCipher(await configured(enc, hmac));
    const b = new PersonalDataCipher(await configured(b64(), hmac));
    expect(a.hash('resident_id', '11010519491231002X')).toBe(b.hash('resident_id', '11010519491231002X'));
    expect(a.hash('resident_id', '11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
    const other = new PersonalDataCipher(await configured(enc, b64()));
    expect(other.hash('resident_id', '11010519491231002X')).not.toBe(a.hash('resident_id', '11010519491231002X'));
  });

  it('hashes exactly as HMAC-SHA256 of kind:value, for short, long and multi-byte values', async () => {
    // Hashes already stored join with new ones only if the fast path computes the very same HMAC.
    const hmacB64 = b64();
    const c = new PersonalDataCipher(await configured(b64(), hmacB64));
    const key = Buffer.from(hmacB64, 'base64');
    const values = ['', '11010519491231002X', '浙江省杭州市临安区锦城街道衣锦街100号', 'x'.repeat(300), '王'.repeat(1000), 'short again'];
    for (const v of values) expect(c.hash('text', v)).toBe(createHmac('sha256', key).update(`text:${v}`, 'utf8').digest('hex'));
  });

  it('does not let equal digits of different kinds collide', async () => {
    const c = new PersonalDataCipher(await configured());
    expect(c.hash('phone', '13812345678')).not.toBe(c.hash('resident_id', '13812345678'));
    expect(c.hash('phone', '13812345678')).not.toBe(c.hash('text', '13812345678'));
  });

  it('still decrypts old tokens after a new key becomes active', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tianmu-rotate-'));
    try {
      const before = new PersonalDataCipher(await loadOrCreateKeys({ dataDir, log }));
      const oldToken = before.encrypt('330112199001011234');
      const after = new PersonalDataCipher(await rotateEncryptionKey(dataDir));
      const newToken = after.encrypt('13812345678');
      expect(newToken.startsWith('v2.2.')).toBe(true);
      expect(after.decrypt(oldToken)).toBe('330112199001011234');
      expect(after.decrypt(newToken)).toBe('13812345678');
      expect(after.hash('phone', '13812345678')).toBe(before.hash('phone', '13812345678'));
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('encrypts in bulk without per-value key setup', async () => {
    const c = new PersonalDataCipher(await configured());
    const start = performance.now();
    for (let i = 0; i < 20_000; i++) c.encrypt(`3301121990010${String(i).padStart(5, '0')}`);
    // ~1 µs a value measured; the bound only catches a regression to per-call key derivation.
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
