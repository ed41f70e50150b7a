/** Bytes of a row's key or content hash: 32 base64url characters (see shortHash). */
const HASH_BYTES = 24;
/**
 * Of each hash, the table keeps the first 16 bytes: two different keys (or contents) of a dataset
 * agree on 128 bits with a chance of about 10^-26 at a million rows, and the 8 bytes saved per
 * hash are what lets two million keys fit within an ingest's 500 MB.
 */
const INTS = 4;

/**
 * An open-addressing hash table of a dataset's row keys, each with a small record: what happened
 * to the key in this batch and the line that first held it, and for the dataset's current rows
 * their id and content hash. A key the batch brings takes 29 bytes here (a current row's 53),
 * against some 200 as a Map of strings to objects. The keys are hashes already, so their first
 * four bytes are the slot hash.
 */
export class KeyTable {
  private keys = new Int32Array(0);
  private slots = new Int32Array(0);
  private mask = 0;
  /** Entries added with a current row's id and content come first; only they have room for them. */
  private contents = new Int32Array(0);
  private rowIds = new Float64Array(0);
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
  add(key: string): number {
    if ((this.size + 1) * 2 > this.slots.length) this.grow(this.slots.length);
    const e = this.size++;
    this.keys.set(this.decode(key), e * INTS);
    this.place(e);
    return e;
  }

  /** Adds a current row's key with its id and content hash; all of them before any other key. */
  addCurrent(key: string, id: number, content: string): number {
    const e = this.add(key);
    if (e >= this.rowIds.length) {
      const n = Math.max(1024, (e + 1) * 2);
      this.rowIds = copyInto(new Float64Array(n), this.rowIds);
      this.contents = copyInto(new Int32Array(n * INTS), this.contents);
    }
    this.rowIds[e] = id;
    this.contents.set(this.decode(content), e * INTS);
    return e;
  }

  /** The current row's id of an entry added by addCurrent. */
  id(e: number): number {
    return this.rowIds[e];
  }

  /** Whether `content` is the content hash of an entry added by addCurrent. */
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
    this.keys = copyInto(new Int32Array(entries * INTS), this.keys);
    this.lines = copyInto(new Int32Array(entries), this.lines);
    this.states = copyInto(new Uint8Array(entries), this.states);
    // Twice as many slots as entries: probes stay short at half load.
    let n = 16;
    while (n < entries * 2) n *= 2;
    this.slots = new Int32Array(n);
    this.mask = n - 1;
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}

function copyInto<T extends Int32Array | Float64Array | Uint8Array>(to: T, from: T): T {
  to.set(from as never);
  return to;
}
