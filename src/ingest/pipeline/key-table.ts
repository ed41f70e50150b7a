/** Bytes of a row's key or content hash: 32 base64url characters (see shortHash). */
export const HASH_BYTES = 24;
const INTS = HASH_BYTES / 4;

/**
 * An open-addressing hash table of a dataset's row keys (the 24-byte hashes written in base64url),
 * each with a small record: what happened to the key in this batch, the current row's id and
 * content hash, the line that first held it. A million keys take about 70 MB here against some
 * 200 MB as a Map of strings to objects, and the ingest process must stay under 500 MB. The keys
 * are hashes already, so their first four bytes are the slot hash.
 */
export class KeyTable {
  private keys = new Int32Array(0);
  private contents = new Int32Array(0);
  private slots = new Int32Array(0);
  private mask = 0;
  /** Per entry: the current row's id (0 when the key is new in this batch). */
  ids = new Float64Array(0);
  /** Per entry: the first line of this batch holding the key (0 while none has). */
  lines = new Int32Array(0);
  /** Per entry: a caller's state, 0 when added. */
  states = new Uint8Array(0);
  size = 0;
  private readonly scratch = Buffer.alloc(HASH_BYTES);
  private readonly scratchInts = new Int32Array(this.scratch.buffer, this.scratch.byteOffset, INTS);

  constructor(capacity = 1024) {
    this.grow(Math.max(16, capacity));
  }

  /** The entry of `key`, or -1. */
  find(key: string): number {
    const k = this.decode(key);
    for (let s = k[0] & this.mask; ; s = (s + 1) & this.mask) {
      const e = this.slots[s] - 1;
      if (e < 0) return -1;
      if (this.equals(e, k)) return e;
    }
  }

  /** Adds `key`, which must not be in the table yet, and returns its entry. */
  add(key: string, id = 0, content?: string): number {
    if ((this.size + 1) * 2 > this.slots.length) this.grow(this.slots.length);
    const k = this.decode(key);
    const e = this.size++;
    this.keys.set(k, e * INTS);
    if (content !== undefined) {
      // Only the dataset's current rows come with a content hash, and they are added first: the
      // batch's new keys, most of a first load, take no room here.
      if ((e + 1) * INTS > this.contents.length) {
        const grown = new Int32Array(Math.max(1024, (e + 1) * 2) * INTS);
        grown.set(this.contents);
        this.contents = grown;
      }
      this.contents.set(this.decode(content), e * INTS);
    }
    this.ids[e] = id;
    this.place(e);
    return e;
  }

  /** Whether `content` is the content hash stored with entry `e`. */
  sameContent(e: number, content: string): boolean {
    const c = this.decode(content);
    for (let i = 0; i < INTS; i++) if (this.contents[e * INTS + i] !== c[i]) return false;
    return true;
  }

  private decode(hash: string): Int32Array {
    if (hash.length !== 32 || this.scratch.write(hash, 'base64url') !== HASH_BYTES) throw new Error(`not a row hash: ${hash}`);
    return this.scratchInts;
  }

  private equals(e: number, k: Int32Array): boolean {
    const o = e * INTS;
    for (let i = 0; i < INTS; i++) if (this.keys[o + i] !== k[i]) return false;
    return true;
  }

  private place(e: number): void {
    for (let s = this.keys[e * INTS] & this.mask; ; s = (s + 1) & this.mask) {
      if (this.slots[s] === 0) {
        this.slots[s] = e + 1;
        return;
      }
    }
  }

  private grow(entries: number): void {
    const cap = entries;
    const keys = new Int32Array(cap * INTS);
    keys.set(this.keys);
    this.keys = keys;
    const ids = new Float64Array(cap);
    ids.set(this.ids);
    this.ids = ids;
    const lines = new Int32Array(cap);
    lines.set(this.lines);
    this.lines = lines;
    const states = new Uint8Array(cap);
    states.set(this.states);
    this.states = states;
    // Twice as many slots as entries: probes stay short at half load.
    let n = 16;
    while (n < cap * 2) n *= 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}
