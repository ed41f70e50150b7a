import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { checkColumns, parseLinkConfig } from './config.js';

function failure(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseLinkConfig', () => {
  it('fills defaults and freezes the result', () => {
    const c = parseLinkConfig({ id: 'rec_id', fields: [{ column: 'given_name', type: 'name' }, { column: 'id', type: 'id_number' }] });
    expect(c).toMatchObject({ maxBlockSize: 1000, threshold: 0.9, blocking: undefined });
    expect(c.fields[0].termFrequency).toBe(true);
    expect(c.fields[1].termFrequency).toBe(false);
    expect(Object.isFrozen(c.fields[0])).toBe(true);
  });

  it('names an unknown field type and the known ones', () => {
    const e = failure(() => parseLinkConfig({ id: 'rec_id', fields: [{ column: 'x', type: 'surname' }] }));
    expect(e.code).toBe('invalid_link_config');
    expect(e.message).toContain('unknown field type "surname"');
    expect(e.message).toContain('chinese_name');
    expect(e.fields).toHaveProperty('fields.0.type');
  });

  it('requires an id column and at least one field, and rejects unknown keys', () => {
    expect(failure(() => parseLinkConfig({ fields: [{ column: 'x', type: 'name' }] })).fields).toHaveProperty('id');
    expect(failure(() => parseLinkConfig({ id: 'rec_id', fields: [] })).message).toContain('at least one field');
    expect(failure(() => parseLinkConfig({ id: 'rec_id', fields: [{ column: 'x', type: 'name' }], blockin: [] })).message).toMatch(/blockin/);
  });

  it('rejects a column compared twice or the id compared as a field', () => {
    expect(failure(() => parseLinkConfig({ id: 'rec_id', fields: [{ column: 'x', type: 'name' }, { column: 'x', type: 'exact' }] })).message).toContain('compared twice');
    expect(failure(() => parseLinkConfig({ id: 'x', fields: [{ column: 'x', type: 'name' }] })).message).toContain('id column');
  });

  it('names the columns a file lacks', () => {
    const c = parseLinkConfig({ id: 'rec_id', fields: [{ column: 'surname', type: 'name' }], blocking: [['postcode']] });
    const e = failure(() => checkColumns(c, ['rec_id', 'surname'], 'a.csv'));
    expect(e.code).toBe('unknown_column');
    expect(e.message).toContain('"postcode"');
    expect(failure(() => checkColumns(c, ['surname', 'postcode'], 'a.csv')).message).toContain('the id column "rec_id"');
    expect(() => checkColumns(c, ['rec_id', 'surname', 'postcode'], 'a.csv')).not.toThrow();
  });
});
