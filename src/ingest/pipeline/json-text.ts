/**
 * JSON text of a row's values, built field by field as the row is standardised, exactly as
 * JSON.stringify would write it: the content hash is taken over this text, so a row must hash the
 * same whichever way its JSON was made. Building it here skips JSON.stringify's walk over a fresh
 * object for each of the row's three JSON texts (data, key, sealed values), which was a tenth of an
 * ingest worker's time.
 */

// Anything JSON.stringify would escape (quotes, backslashes, control characters, lone surrogates);
// a string with any surrogate at all takes the slow path, which writes pairs as they are.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** One value as JSON.stringify writes it. */
export function jsonValue(v: unknown): string {
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return JSON.stringify(v);
}

/** An object's JSON text, member by member, in the order they are added. */
export class JsonObjectText {
  private text = '';

  /** Adds a member, its name and value already JSON. */
  add(nameJson: string, valueJson: string): void {
    this.text += `${this.text ? ',' : '{'}${nameJson}:${valueJson}`;
  }

  get empty(): boolean {
    return this.text === '';
  }

  toString(): string {
    return this.text ? `${this.text}}` : '{}';
  }
}
