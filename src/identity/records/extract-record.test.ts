import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../platform/ids/index.js';
import { testCipher } from '../../platform/testing/test-cipher.js';
import { extractRecord, TokenCache } from './extract-record.js';
import { PERSON_SOURCES } from './person-sources.js';

describe('TokenCache', () => {
  it('seals a value once per keyed hash, and every token opens to its value', () => {
    const c = testCipher();
    const tokens = new TokenCache(c);
    const a = makeResidentId('330112', '19800101', '001');
    const b = makeResidentId('330112', '19800101', '002');
    const ta = tokens.seal(c.hash('resident_id', a), a).token;
    expect(tokens.known(c.hash('resident_id', a))?.token).toBe(ta);
    const tb = tokens.seal(c.hash('resident_id', b), b).token;
    expect(tb).not.toBe(ta);
    expect([c.decrypt(ta), c.decrypt(tb)]).toEqual([a, b]);
    // Without a hash there is nothing to share: each call seals afresh.
    expect(tokens.seal(null, a).token).not.toBe(tokens.seal(null, a).token);
  });

  it('gives two records of one person the same ID token and keeps each phone its own', () => {
    const c = testCipher();
    const tokens = new TokenCache(c);
    const src = PERSON_SOURCES.find((s) => s.dataset === 'gongan.household_registry')!;
    const id = makeResidentId('330112', '19700505', '013');
    const row = (rowId: number, phone: string) => ({
      rowId, batchId: 1, line: rowId + 1,
      data: { name: '王伟', id_number: c.hash('resident_id', id), phone: c.hash('phone', phone) },
      plain: { id_number: id, phone },
      masked: { id_number: 'x', phone: 'y' },
    });
    const r1 = extractRecord(src, row(1, '13800000001'), tokens)!;
    const r2 = extractRecord(src, row(2, '13800000002'), tokens)!;
    expect(r1.idToken).toBe(r2.idToken);
    expect(c.decrypt(r1.idToken!)).toBe(id);
    expect([c.decrypt(r1.phoneToken!), c.decrypt(r2.phoneToken!)]).toEqual(['13800000001', '13800000002']);
  });

  it('decrypts a row only for a number or phone not met before in the sync, and takes the rest from the cache', () => {
    const c = testCipher();
    const tokens = new TokenCache(c);
    const src = PERSON_SOURCES.find((s) => s.dataset === 'gongan.household_registry')!;
    const id = makeResidentId('330112', '19700505', '013');
    let decrypted = 0;
    const row = (rowId: number) => ({
      rowId, batchId: 1, line: rowId + 1,
      data: { name: '王伟', id_number: c.hash('resident_id', id), phone: c.hash('phone', '13800000001') },
      get plain() {
        decrypted++;
        return { id_number: id, phone: '13800000001' };
      },
      masked: { id_number: 'x', phone: 'y' },
    });
    const first = extractRecord(src, row(1), tokens)!;
    const seen = decrypted;
    const again = extractRecord(src, row(2), tokens)!;
    expect(seen).toBeGreaterThan(0);
    expect(decrypted).toBe(seen);
    // What the number says comes with it from the cache.
    expect(again).toMatchObject({ idToken: first.idToken, idPlain: id, phoneToken: first.phoneToken, idValid: true, birthDate: '1970-05-05', sex: 'M' });
    expect(first.idPlain).toBe(id);
  });
});
