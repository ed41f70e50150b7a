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
    const ta = tokens.seal(c.hash('resident_id', a), a);
    expect(tokens.seal(c.hash('resident_id', a), a)).toBe(ta);
    const tb = tokens.seal(c.hash('resident_id', b), b);
    expect(tb).not.toBe(ta);
    expect([c.decrypt(ta), c.decrypt(tb)]).toEqual([a, b]);
    // Without a hash there is nothing to share: each call seals afresh.
    expect(tokens.seal(null, a)).not.toBe(tokens.seal(null, a));
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
});
