import type { SourceRow } from '../../ingest/dataset-reader.js';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { parseResidentId, type ResidentIdResult } from '../../platform/ids/index.js';
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
  /** The ID number as sealed, for linkage within this run (which would otherwise decrypt the token); never stored. */
  idPlain: string | null;
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

/** A sealed value as a record stores it: its token and, for an ID number, what the number says. */
export interface SealedValue {
  token: string;
  plain: string;
  parsed: ResidentIdResult | null;
}

/**
 * Values already sealed in one sync, by keyed hash: a person's number appears in about four
 * records, and an AES-GCM encryption per record was a fifth of a first resolution's sync. A value
 * met again needs neither its token made nor its row's sealed fields decrypted (the reader decrypts
 * on first use). Sharing a token between records reveals only what their equal keyed hashes
 * already say. Hashes of different kinds never collide (the kind is hashed with the value), so one
 * cache serves ID numbers and phones. Bounded, so a sync of any size holds at most MAX_TOKENS.
 */
export class TokenCache {
  private readonly sealed = new Map<string, SealedValue>();
  constructor(private readonly cipher: PersonalDataCipher) {}

  /** What was sealed for this keyed hash, if anything yet. */
  known(hash: string): SealedValue | undefined {
    return this.sealed.get(hash);
  }

  seal(hash: string | null, plain: string, parsed: ResidentIdResult | null = null): SealedValue {
    const v = { token: this.cipher.encrypt(plain), plain, parsed };
    if (hash) {
      if (this.sealed.size >= MAX_TOKENS) this.sealed.clear();
      this.sealed.set(hash, v);
    }
    return v;
  }
}

/** A sealed field of a row (its keyed hash given) as sealed for its record: from the cache by the hash, or decrypted and sealed. */
function sealedField(row: SourceRow, field: string | undefined, hash: string | null, tokens: TokenCache, isId: boolean): SealedValue | null {
  if (!field) return null;
  const hit = hash ? tokens.known(hash) : undefined;
  if (hit) return hit;
  const plain = text(row.plain[field]);
  if (!plain) return null;
  return tokens.seal(hash, plain, isId ? parseResidentId(plain) : null);
}

const MAX_TOKENS = 1_000_000;

/**
 * Builds the record for one source's party in a row, or null when the row names nobody there
 * (no name and no ID number). The ID number and phone stay sealed: hash for joins, a sealed token
 * for comparisons that need the digits, a mask for display. Birth date and sex fall back to what
 * a valid ID number says; an invalid number is kept as it is and marked, never repaired.
 */
export function extractRecord(src: PersonSource, row: SourceRow, tokens: TokenCache): PersonRecordInput | null {
  const f = src.fields;
  const get = (field: string | undefined) => (field ? text(row.data[field]) : null);
  const name = get(f.name);
  const idHash = get(f.idNumber);
  const id = sealedField(row, f.idNumber, idHash, tokens, true);
  if (!name && !id) return null;

  const parsed = id?.parsed ?? null;
  const phoneHash = get(f.phone);
  const phone = sealedField(row, f.phone, phoneHash, tokens, false);
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
    idToken: id?.token ?? null,
    idPlain: id?.plain ?? null,
    idMasked: f.idNumber ? (row.masked[f.idNumber] ?? null) : null,
    idValid: parsed ? parsed.ok : null,
    birthDate: get(f.birthDate)?.slice(0, 10) ?? (parsed?.ok ? parsed.birthDate : null),
    sex: SEX[get(f.sex) ?? ''] ?? src.sex ?? (parsed?.ok ? parsed.sex : null),
    phoneHash,
    phoneToken: phone?.token ?? null,
    phoneMasked: f.phone ? (row.masked[f.phone] ?? null) : null,
    address: get(f.address),
    villageCode: get(f.villageCode),
    householdNo: get(f.householdNo),
    context,
  };
}
