/**
 * Keys for personal data at rest: encryption keys (several, so they can rotate) and one
 * HMAC key for searchable hashes. The HMAC key never rotates in place: every stored hash would have
 * to be recomputed, and hashes are how the same person is joined across tables.
 */
import { randomBytes, createSecretKey, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface KeyRing {
  /** Encryption keys by id; tokens name the id they were written with. */
  readonly encKeys: ReadonlyMap<string, KeyObject>;
  /** The key new ciphertexts are written with. */
  readonly activeEncKeyId: string;
  readonly hmacKey: KeyObject;
  /** Where the keys came from, for the start-up log and health checks. */
  readonly source: 'config' | 'file';
}

export interface KeyFile {
  version: 1;
  encKeys: Record<string, string>;
  activeEncKeyId: string;
  hmacKey: string;
}

export interface LoadKeysOptions {
  dataDir: string;
  /** TIANMU_ENCRYPTION_KEY: base64 of 32 random bytes. */
  encKeyB64?: string;
  /** TIANMU_HMAC_KEY: base64 of 32 random bytes. */
  hmacKeyB64?: string;
  log: (msg: string) => void;
}

const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'keys.json';
// Keys from configuration take this id, so that an operator who moves keys.json's first key into
// TIANMU_ENCRYPTION_KEY keeps reading what was written with it.
const CONFIG_KEY_ID = '1';

/**
 * Keys from configuration when both are set; otherwise `<dataDir>/keys.json`, generated on first
 * start (mode 0600) with a warning, so a fresh clone runs without setup.
 */
export async function loadOrCreateKeys(opts: LoadKeysOptions): Promise<KeyRing> {
  const enc = blankToUndefined(opts.encKeyB64);
  const hmac = blankToUndefined(opts.hmacKeyB64);
  if (enc !== undefined || hmac !== undefined) {
    // Half a configuration would silently mix a configured key with a generated one.
    if (enc === undefined) throw new Error('TIANMU_HMAC_KEY is set but TIANMU_ENCRYPTION_KEY is not; set both or neither');
    if (hmac === undefined) throw new Error('TIANMU_ENCRYPTION_KEY is set but TIANMU_HMAC_KEY is not; set both or neither');
    return Object.freeze({
      encKeys: new Map([[CONFIG_KEY_ID, decodeKey(enc, 'TIANMU_ENCRYPTION_KEY')]]),
      activeEncKeyId: CONFIG_KEY_ID,
      hmacKey: decodeKey(hmac, 'TIANMU_HMAC_KEY'),
      source: 'config' as const,
    });
  }

  const file = path.join(opts.dataDir, KEY_FILE_NAME);
  const existing = await readKeyFile(file, opts.log);
  if (existing) return existing;

  const created = await createKeyFile(file);
  opts.log(
    `WARNING: generated new encryption and HMAC keys in ${file}. Personal data encrypted with them ` +
      'cannot be read without this file: back it up now. In production, move the keys into ' +
      'TIANMU_ENCRYPTION_KEY and TIANMU_HMAC_KEY and keep them out of the data folder.',
  );
  return created;
}

/**
 * Adds a new encryption key to keys.json and makes it active; older keys stay so their tokens
 * still decrypt. Returns the new ring.
 */
export async function rotateEncryptionKey(dataDir: string): Promise<KeyRing> {
  const file = path.join(dataDir, KEY_FILE_NAME);
  const data = parseKeyFile(await fs.readFile(file, 'utf8'), file);
  const nextId = String(Math.max(0, ...Object.keys(data.encKeys).map(Number)) + 1);
  data.encKeys[nextId] = randomBytes(KEY_BYTES).toString('base64');
  data.activeEncKeyId = nextId;
  const tmp = tempName(file);
  await fs.writeFile(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
  await fs.rename(tmp, file);
  return toRing(data, file);
}

async function readKeyFile(file: string, log: (msg: string) => void): Promise<KeyRing | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const { mode } = await fs.stat(file);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    log(`WARNING: ${file} is readable by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
  return toRing(parseKeyFile(text, file), file);
}

async function createKeyFile(file: string): Promise<KeyRing> {
  const data: KeyFile = {
    version: 1,
    encKeys: { '1': randomBytes(KEY_BYTES).toString('base64') },
    activeEncKeyId: '1',
    hmacKey: randomBytes(KEY_BYTES).toString('base64'),
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Write aside, then hard-link into place: the link fails if another process created the file
  // first, and a crash never leaves a half-written keys.json behind.
  const tmp = tempName(file);
  await fs.writeFile(tmp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
  await fs.chmod(tmp, 0o600); // a umask cannot add bits, but be explicit about the result
  try {
    await fs.link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return toRing(parseKeyFile(await fs.readFile(file, 'utf8'), file), file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return toRing(data, file);
}

function parseKeyFile(text: string, file: string): KeyFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; restore it from backup`);
  }
  const d = data as Partial<KeyFile> | null;
  if (!d || d.version !== 1) throw new Error(`${file}: unsupported version ${String(d?.version)}, expected 1`);
  if (!d.encKeys || typeof d.encKeys !== 'object' || Object.keys(d.encKeys).length === 0) {
    throw new Error(`${file}: encKeys must hold at least one key`);
  }
  if (typeof d.activeEncKeyId !== 'string' || !(d.activeEncKeyId in d.encKeys)) {
    throw new Error(`${file}: activeEncKeyId "${String(d.activeEncKeyId)}" is not one of encKeys`);
  }
  if (typeof d.hmacKey !== 'string') throw new Error(`${file}: hmacKey is missing`);
  return d as KeyFile;
}

function toRing(data: KeyFile, origin: string): KeyRing {
  const encKeys = new Map<string, KeyObject>();
  for (const [id, b64] of Object.entries(data.encKeys)) {
    if (!/^[A-Za-z0-9]+$/.test(id)) throw new Error(`${origin}: key id "${id}" must be letters and digits`);
    encKeys.set(id, decodeKey(b64, `${origin} encKeys["${id}"]`));
  }
  return Object.freeze({
    encKeys,
    activeEncKeyId: data.activeEncKeyId,
    hmacKey: decodeKey(data.hmacKey, `${origin} hmacKey`),
    source: 'file' as const,
  });
}

/** Strict base64 of exactly 32 bytes; Buffer.from would quietly accept garbage and short keys. */
function decodeKey(b64: string, name: string): KeyObject {
  const s = typeof b64 === 'string' ? b64.trim() : '';
  const bytes = Buffer.from(s, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || bytes.length !== KEY_BYTES || bytes.toString('base64') !== s) {
    throw new Error(
      `${name} must be the base64 encoding of ${KEY_BYTES} random bytes ` +
        `(got ${s.length} characters${bytes.length ? `, decoding to ${bytes.length} bytes` : ''}); ` +
        'generate one with: openssl rand -base64 32',
    );
  }
  return createSecretKey(bytes);
}

// Unique per call: concurrent first starts in one process must not share a half-written file.
function tempName(file: string): string {
  return `${file}.${randomBytes(6).toString('hex')}.tmp`;
}

function blankToUndefined(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}
