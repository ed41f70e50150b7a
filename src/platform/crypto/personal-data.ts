/**
 * Encryption and keyed hashing of personal data (ID numbers, phones, addresses) at rest. A column
 * holds the encrypted token for showing the value to a permitted user, and a hash column for
 * finding and joining records without decrypting.
 */
import { createDecipheriv, hash as oneShotHash, hkdfSync, randomFillSync } from 'node:crypto';
import sodium from 'sodium-native';
import type { KeyRing } from './keys.js';

export type HashKind = 'resident_id' | 'phone' | 'credit_code' | 'text';

/** A token that cannot be decrypted: malformed, unknown key, or altered since it was written. */
export class PersonalDataTokenError extends Error {
  readonly code = 'personal_data_token';
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataTokenError';
  }
}

/*
 * Tokens are written as v2: XChaCha20-Poly1305 (libsodium, through sodium-native) under a subkey
 * derived from the ring's key. v1 tokens (AES-256-GCM through node:crypto), written before
 * 2026-11-30, are still read. Why the change: node:crypto builds a cipher context and expands the
 * key on every call, 4.8–6.1 µs a token whatever its length, and an ingest seals every row on
 * the thread that bounds its speed (a fifth of that thread's time for a million rows); libsodium
 * takes the key per call with no context to build, 1.0 µs a token (measured on Node 20 on the
 * bench machine; AES-GCM on the main thread, XChaCha20 in a worker). Its 192-bit nonces can be
 * drawn at random with no practical limit on the tokens per key, where GCM's 96-bit random IVs are
 * bounded by NIST SP 800-38D at 2^32 per key.
 */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
const NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
const TAG_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
const LEGACY_IV_BYTES = 12;
// Nonces are drawn from a pooled buffer of random bytes: one call into the CSPRNG per 170 values
// instead of one per value (a call cost more than the encryption itself).
const NONCE_POOL_BYTES = NONCE_BYTES * 170;
// One subkey per ring key for v2, so no key ever serves two algorithms.
const V2_INFO = 'tianmu personal data v2 xchacha20-poly1305';
const v2Key = (key: Buffer): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), V2_INFO, 32));
const SHA256_BLOCK = 64;
const SHA256_BYTES = 32;

export class PersonalDataCipher {
  private readonly activeId: string;
  // Raw key bytes, not KeyObjects: createDecipheriv and createHmac take about twice as long per
  // call with a KeyObject (measured on Node 20), and ingest calls them once or twice per row.
  private readonly activeKey: Buffer;
  private readonly activeV2Key: Buffer;
  private readonly hmacKey: Buffer;
  private readonly prefix: string;
  private readonly noncePool = Buffer.alloc(NONCE_POOL_BYTES);
  private nonceOffset = NONCE_POOL_BYTES;
  // The token's bytes are assembled here (nonce, then the plaintext encrypted in place, then the
  // tag) and only the base64url text is allocated per call; grown when a value needs more room.
  private scratch = Buffer.alloc(1024);
  // HMAC (RFC 2104) spelled out over two one-shot SHA-256 calls with the key's pads written once:
  // createHmac builds and keys a native object per call, which cost a fifth more per value than
  // this, and ingest hashes every ID number and phone. `inner` holds ipad then the message;
  // `outer` holds opad then the inner digest.
  private inner = Buffer.alloc(SHA256_BLOCK + 256);
  private readonly outer = Buffer.alloc(SHA256_BLOCK + SHA256_BYTES);
  private readonly ipad: Buffer;
  // Every key of the ring as bytes for v1, and its derived subkey for v2, for decrypt.
  private readonly rawKeys: Map<string, Buffer>;
  private readonly v2Keys: Map<string, Buffer>;

  constructor(private readonly ring: KeyRing) {
    const key = ring.encKeys.get(ring.activeEncKeyId);
    if (!key) throw new Error(`active encryption key "${ring.activeEncKeyId}" is not in the key ring`);
    this.activeId = ring.activeEncKeyId;
    this.activeKey = key.export();
    this.rawKeys = new Map([...ring.encKeys].map(([id, k]) => [id, k.export()]));
    this.v2Keys = new Map([...this.rawKeys].map(([id, k]) => [id, v2Key(k)]));
    this.activeV2Key = this.v2Keys.get(this.activeId)!;
    this.hmacKey = ring.hmacKey.export();
    this.prefix = `${VERSION}.${this.activeId}.`;
    // A key longer than a block is first hashed, as HMAC prescribes; ours are 32 bytes.
    const k = this.hmacKey.length > SHA256_BLOCK ? oneShotHash('sha256', this.hmacKey, 'buffer') : this.hmacKey;
    this.ipad = Buffer.alloc(SHA256_BLOCK, 0x36);
    for (let i = 0; i < k.length; i++) {
      this.ipad[i] ^= k[i];
      this.outer[i] = 0x5c ^ k[i];
    }
    this.outer.fill(0x5c, k.length, SHA256_BLOCK);
    this.ipad.copy(this.inner);
  }

  /** XChaCha20-Poly1305 with a fresh random nonce; returns `v2.<keyId>.<base64url(nonce|ciphertext|tag)>`. */
  encrypt(plain: string): string {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    const room = NONCE_BYTES + plain.length * 3 + TAG_BYTES;
    if (room > this.scratch.length) this.scratch = Buffer.alloc(room * 2);
    const buf = this.scratch;
    this.nextNonce(buf);
    const length = buf.write(plain, NONCE_BYTES, 'utf8');
    const end = NONCE_BYTES + length + TAG_BYTES;
    sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(buf.subarray(NONCE_BYTES, end), buf.subarray(NONCE_BYTES, NONCE_BYTES + length), null, null, buf.subarray(0, NONCE_BYTES), this.activeV2Key);
    return this.prefix + buf.toString('base64url', 0, end);
  }

  /** Decrypts a token written by `encrypt` (or a v1 token of earlier releases) under any key still in the ring. */
  decrypt(token: string): string {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 3 || (parts[0] !== VERSION && parts[0] !== LEGACY_VERSION)) {
      throw new PersonalDataTokenError(`not a personal data token (expected ${VERSION}.<keyId>.<data>)`);
    }
    const legacy = parts[0] === LEGACY_VERSION;
    const key = (legacy ? this.rawKeys : this.v2Keys).get(parts[1]);
    if (!key) throw new PersonalDataTokenError(`token was encrypted with key "${parts[1]}", which is not configured`);
    const raw = Buffer.from(parts[2], 'base64url');
    const nonceBytes = legacy ? LEGACY_IV_BYTES : NONCE_BYTES;
    if (raw.length < nonceBytes + TAG_BYTES) throw new PersonalDataTokenError('token is truncated');
    try {
      if (legacy) return decryptAesGcm(raw, key);
      const plain = Buffer.alloc(raw.length - NONCE_BYTES - TAG_BYTES);
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(plain, null, raw.subarray(NONCE_BYTES), null, raw.subarray(0, NONCE_BYTES), key);
      return plain.toString('utf8');
    } catch {
      throw new PersonalDataTokenError('token failed authentication: it was altered or belongs to another key');
    }
  }

  /**
   * HMAC-SHA256 of `kind:value`, hex. The kind is part of the input so that an ID number and a
   * phone with the same digits do not hash alike; callers pass the normalised value (e.g. the
   * `id` from parseResidentId) so that every spelling of one number joins.
   */
  hash(kind: HashKind, normalisedValue: string): string {
    const message = `${kind}:${normalisedValue}`;
    const room = SHA256_BLOCK + Buffer.byteLength(message, 'utf8');
    if (room > this.inner.length) {
      this.inner = Buffer.alloc(room * 2);
      this.ipad.copy(this.inner);
    }
    const end = SHA256_BLOCK + this.inner.write(message, SHA256_BLOCK, 'utf8');
    // The inner digest travels as a 'binary' (latin1) string, one byte per char: asking for a Buffer
    // result allocates one per call, which measured 4.9 µs a hash against 2.8 µs this way.
    this.outer.write(oneShotHash('sha256', this.inner.subarray(0, end), 'binary'), SHA256_BLOCK, 'binary');
    return oneShotHash('sha256', this.outer, 'hex');
  }

  /** The active keys as bytes, for a worker thread of this same process that seals rows. */
  workerKeys(): { activeEncKeyId: string; activeKey: Buffer; hmacKey: Buffer } {
    return { activeEncKeyId: this.activeId, activeKey: this.activeKey, hmacKey: this.hmacKey };
  }

  /** Copies the next random nonce from the pool into the start of `into`. */
  private nextNonce(into: Buffer): void {
    if (this.nonceOffset + NONCE_BYTES > NONCE_POOL_BYTES) {
      randomFillSync(this.noncePool);
      this.nonceOffset = 0;
    }
    this.noncePool.copy(into, 0, this.nonceOffset, this.nonceOffset + NONCE_BYTES);
    this.nonceOffset += NONCE_BYTES;
  }
}

/** A v1 token's bytes (iv | ciphertext | tag) under AES-256-GCM; throws when authentication fails. */
function decryptAesGcm(raw: Buffer, key: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, LEGACY_IV_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  const body = decipher.update(raw.subarray(LEGACY_IV_BYTES, raw.length - TAG_BYTES));
  return Buffer.concat([body, decipher.final()]).toString('utf8');
}
