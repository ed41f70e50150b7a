import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { DatasetSpec } from '../contract.js';
import type { RejectRow } from './stage.store.js';

/** A row as staged or stored: standardised values, the sealed token of its personal fields, originals. */
export interface StoredRow {
  data: Record<string, unknown>;
  sealed: string | null;
  original: Record<string, string> | null;
}

/** Why a row was rejected for repeating a key; the staged path writes the same text in SQL (batch-quality.ts). */
export function duplicateDetail(spec: DatasetSpec, first: number): string {
  return `主键与第 ${first} 行重复 (key repeats line ${first}: ${spec.key.join(', ')})`;
}

/**
 * The quarantine entry of a row whose key repeats line `first` of its batch, kept in its stored
 * form: nothing is decrypted or sealed again while the batch runs (see migration 007).
 */
export function duplicateReject(spec: DatasetSpec, row: StoredRow, line: number, first: number): RejectRow {
  return { line, reason: 'duplicate_key', detail: duplicateDetail(spec, first), row_data: row.data, row_sealed: row.sealed, row_original: row.original };
}

/**
 * A stored row's cells by column name, as the file had them: the original text where
 * standardisation changed a value, else the value. Fields are matched by name under the contract
 * as it is now, so a column renamed since the batch comes out under its new header.
 */
export function rebuildRaw(spec: DatasetSpec, cipher: PersonalDataCipher, r: StoredRow): Record<string, string> {
  const sealed = r.sealed ? (JSON.parse(cipher.decrypt(r.sealed)) as { v: Record<string, string>; o?: Record<string, string> }) : { v: {} };
  const raw: Record<string, string> = {};
  for (const f of spec.fields) {
    const v = sealed.o?.[f.name] ?? sealed.v[f.name] ?? r.original?.[f.name] ?? r.data[f.name];
    raw[f.column] = v == null ? '' : Array.isArray(v) ? v.join(',') : String(v);
  }
  return raw;
}

/** A quarantined row's cells by column name (and `_raw`, a line that could not be split), from either form. */
export function rejectRaw(
  spec: DatasetSpec,
  cipher: PersonalDataCipher,
  r: { raw_sealed: string | null; row_data: Record<string, unknown> | null; row_sealed: string | null; row_original: Record<string, string> | null },
): Record<string, string> {
  if (r.raw_sealed) return JSON.parse(cipher.decrypt(r.raw_sealed)) as Record<string, string>;
  return rebuildRaw(spec, cipher, { data: r.row_data ?? {}, sealed: r.row_sealed, original: r.row_original });
}
