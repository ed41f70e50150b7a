import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys, rotateEncryptionKey, type KeyFile } from './keys.js';

let dataDir: string;
const logs: string[] = [];
const log = (msg: string) => logs.push(msg);

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tianmu-keys-'));
  logs.length = 0;
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const b64 = (n = 32) => randomBytes(n).toString('base64');

describe('loadOrCreateKeys from configuration', () => {
  it('uses both configured keys and writes nothing', async () => {
    const ring = await loadOrCreateKeys({ dataDir, encKeyB64: b64(), hmacKeyB64: b64(), log });
    expect(ring.source).toBe('config');
    expect(ring.activeEncKeyId).toBe('1');
    expect(ring.encKeys.get('1')?.symmetricKeySize).toBe(32);
    expect(await fs.readdir(dataDir)).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('names the variable whose key has the wrong length', async () => {
    await expect(loadOrCreateKeys({ dataDir, encKeyB64: b64(16), hmacKeyB64: b64(), log })).rejects.toThrow(
      /TIANMU_ENCRYPTION_KEY must be the base64 encoding of 32 random bytes.*16 bytes/,
    );
    await expect(loadOrCreateKeys({ dataDir, encKeyB64: b64(), hmacKeyB64: b64(33), log })).rejects.toThrow(
      /TIANMU_HMAC_KEY/,
    );
  });

  it('rejects text that is not base64', async () => {
    const notBase64 = 'this is not a key at all, not even close!!!!';
    await expect(loadOrCreateKeys({ dataDir, encKeyB64: notBase64, hmacKeyB64: b64(), log })).rejects.toThrow(
      /TIANMU_ENCRYPTION_KEY.*openssl rand -base64 32/,
    );
  });

  it('refuses half a configuration', async () => {
    await expect(loadOrCreateKeys({ dataDir, encKeyB64: b64(), log })).rejects.toThrow(/TIANMU_HMAC_KEY is not/);
    await expect(loadOrCreateKeys({ dataDir, hmacKeyB64: b64(), log })).rejects.toThrow(/TIANMU_ENCRYPTION_KEY is not/);
  });

  it('treats blank variables as unset', async () => {
    const ring = await loadOrCreateKeys({ dataDir, encKeyB64: '', hmacKeyB64: ' ', log });
    expect(ring.source).toBe('file');
  });
});

describe('loadOrCreateKeys from the data folder', () => {
  it('generates keys.json with mode 0600 on first start and warns', async () => {
    const ring = await loadOrCreateKeys({ dataDir, log });
    expect(ring.source).toBe('file');
    const file = path.join(dataDir, 'keys.json');
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as KeyFile;
    expect(data.version).toBe(1);
    expect(data.activeEncKeyId).toBe('1');
    expect(Buffer.from(data.encKeys['1'], 'base64')).toHaveLength(32);
    expect(Buffer.from(data.hmacKey, 'base64')).toHaveLength(32);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/WARNING.*keys\.json.*back it up.*TIANMU_ENCRYPTION_KEY/s);
    expect(await fs.readdir(dataDir)).toEqual(['keys.json']);
  });

  it('creates a missing data folder', async () => {
    const nested = path.join(dataDir, 'a', 'b');
    await loadOrCreateKeys({ dataDir: nested, log });
    await expect(fs.access(path.join(nested, 'keys.json'))).resolves.toBeUndefined();
  });

  it('reads the same keys on the next start without warning', async () => {
    await loadOrCreateKeys({ dataDir, log });
    logs.length = 0;
    const before = await fs.readFile(path.join(dataDir, 'keys.json'), 'utf8');
    const ring = await loadOrCreateKeys({ dataDir, log });
    expect(logs).toEqual([]);
    const data = JSON.parse(before) as KeyFile;
    expect(ring.encKeys.get('1')?.export().toString('base64')).toBe(data.encKeys['1']);
    expect(await fs.readFile(path.join(dataDir, 'keys.json'), 'utf8')).toBe(before);
  });

  it('gives concurrent first starts the same keys', async () => {
    const rings = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateKeys({ dataDir, log })));
    const hmacs = new Set(rings.map((r) => r.hmacKey.export().toString('base64')));
    expect(hmacs.size).toBe(1);
    expect(await fs.readdir(dataDir)).toEqual(['keys.json']);
  });

  it('warns when keys.json is readable by others', async () => {
    if (process.platform === 'win32') return;
    await loadOrCreateKeys({ dataDir, log });
    await fs.chmod(path.join(dataDir, 'keys.json'), 0o644);
    logs.length = 0;
    await loadOrCreateKeys({ dataDir, log });
    expect(logs.join('\n')).toMatch(/readable by other users.*chmod 600/);
  });

  it('explains a damaged keys.json instead of replacing it', async () => {
    const file = path.join(dataDir, 'keys.json');
    await fs.writeFile(file, '{"version":1,"encKeys":{"1":"short"},"activeEncKeyId":"1","hmacKey":"x"}', { mode: 0o600 });
    await expect(loadOrCreateKeys({ dataDir, log })).rejects.toThrow(/keys\.json encKeys\["1"\] must be the base64/);
    await fs.writeFile(file, '{"version":1,"encKeys":{"1":"' + b64() + '"},"activeEncKeyId":"2","hmacKey":"' + b64() + '"}');
    await expect(loadOrCreateKeys({ dataDir, log })).rejects.toThrow(/activeEncKeyId "2" is not one of encKeys/);
    await fs.writeFile(file, 'not json');
    await expect(loadOrCreateKeys({ dataDir, log })).rejects.toThrow(/not valid JSON/);
    expect(await fs.readFile(file, 'utf8')).toBe('not json');
  });
});

describe('rotateEncryptionKey', () => {
  it('adds key 2 as active, keeps key 1 and the HMAC key, and keeps mode 0600', async () => {
    const first = await loadOrCreateKeys({ dataDir, log });
    const ring = await rotateEncryptionKey(dataDir);
    expect(ring.activeEncKeyId).toBe('2');
    expect([...ring.encKeys.keys()]).toEqual(['1', '2']);
    expect(ring.encKeys.get('1')?.equals(first.encKeys.get('1')!)).toBe(true);
    expect(ring.hmacKey.equals(first.hmacKey)).toBe(true);
    const file = path.join(dataDir, 'keys.json');
    if (process.platform !== 'win32') expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateKeys({ dataDir, log })).activeEncKeyId).toBe('2');
  });
});
