import type { SourceRow } from '../../ingest/dataset-reader.js';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { parseResidentId } from '../../platform/ids/index.js';
import type { PersonSource } from './person-sources.js';

/** What a source row says about one person, ready to store as an identity record. */
export interface PersonRecordInput {
  dataset: string;
  rowId: number;
  batchId: number;
  line: number;
  party: string;
  role: string;
  name: string | null;
  idHash: string | null;
  idToken: string | null;
  idMasked: string | null;
  idValid: boolean | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  phoneHash: string | null;
  phoneToken: string | null;
  phoneMasked: string | null;
  address: string | null;
  villageCode: string | null;
  householdNo: string | null;
  context: Record<string, unknown>;
}

const SEX: Record<string, 'M' | 'F'> = { 男: 'M', 女: 'F', M: 'M', F: 'F', 1: 'M', 2: 'F' };

function text(v: unknown): string | null {
  if (v == null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * Tokens already made in one sync, by keyed hash: a person's number appears in about four records,
 * and an AES-GCM encryption per record was a fifth of a first resolution's sync. Sharing a token
 * between records reveals only what their equal keyed hashes already say. Bounded, so a sync of
 * any size holds at most MAX_TOKENS of them.
 */
export class TokenCache {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly cipher: PersonalDataCipher) {}

  seal(hash: string | null, plain: string): string {
    if (!hash) return this.cipher.encrypt(plain);
    let t = this.tokens.get(hash);
    if (t === undefined) {
      if (this.tokens.size >= MAX_TOKENS) this.tokens.clear();
      t = this.cipher.encrypt(plain);
      this.tokens.set(hash, t);
    }
    return t;
  }
}

const MAX_TOKENS = 1_000_000;

/**
 * Builds the record for one source's party in a row, or null when the row names nobody there
 * (no name and no ID number). The ID number and phone stay sealed: hash for joins, an AES token
 * for comparisons that need the digits, a mask for display. Birth date and sex fall back to what
 * a valid ID number says; an invalid number is kept as it is and marked, never repaired.
 */
export function extractRecord(src: PersonSource, row: SourceRow, tokens: TokenCache): PersonRecordInput | null {
  const f = src.fields;
  const get = (field: string | undefined) => (field ? text(row.data[field]) : null);
  const name = get(f.name);
  const idPlain = f.idNumber ? text(row.plain[f.idNumber]) : null;
  if (!name && !idPlain) return null;

  const parsed = idPlain ? parseResidentId(idPlain) : null;
  const phonePlain = f.phone ? text(row.plain[f.phone]) : null;
  // Hashes of different kinds never collide (the kind is hashed with the value), so one cache serves both.
  const idHash = f.idNumber ? text(row.data[f.idNumber]) : null;
  const phoneHash = f.phone ? text(row.data[f.phone]) : null;
  const context: Record<string, unknown> = {};
  for (const c of src.context ?? []) if (row.data[c] != null && row.data[c] !== '') context[c] = row.data[c];

  return {
    dataset: src.dataset,
    rowId: row.rowId,
    batchId: row.batchId,
    line: row.line,
    party: src.party,
    role: src.role,
    name,
    idHash,
    idToken: idPlain ? tokens.seal(idHash, idPlain) : null,
    idMasked: f.idNumber ? (row.masked[f.idNumber] ?? null) : null,
    idValid: parsed ? parsed.ok : null,
    birthDate: get(f.birthDate)?.slice(0, 10) ?? (parsed?.ok ? parsed.birthDate : null),
    sex: SEX[get(f.sex) ?? ''] ?? src.sex ?? (parsed?.ok ? parsed.sex : null),
    phoneHash,
    phoneToken: phonePlain ? tokens.seal(phoneHash, phonePlain) : null,
    phoneMasked: f.phone ? (row.masked[f.phone] ?? null) : null,
    address: get(f.address),
    villageCode: get(f.villageCode),
    householdNo: get(f.householdNo),
    context,
  };
}
