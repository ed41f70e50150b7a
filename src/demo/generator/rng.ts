/**
 * Seeded randomness for the demo generator. xoshiro128** (Blackman & Vigna) is small, fast and
 * passes BigCrush; Math.random cannot be seeded, and same seed → byte-identical files is a
 * requirement. Every phase draws from its own stream (`rngFor(seed, 'households')`), so adding a
 * department writer never shifts the numbers another writer sees.
 */

/** cyrb53-style string hash, used only to turn (seed, label) into stream seeds. */
function hash32(s: string, salt: number): number {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(seed: number, label = '') {
    this.a = hash32(label, seed) | 1;
    this.b = hash32(label, seed ^ 0x9e3779b9);
    this.c = hash32(label, seed ^ 0x85ebca6b);
    this.d = hash32(label, seed ^ 0xc2b2ae35);
    for (let i = 0; i < 8; i++) this.u32();
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Fisher–Yates, in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(th);
    return mean + sd * r * Math.cos(th);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** An independent stream for one phase or writer. */
export function rngFor(seed: number, label: string): Rng {
  return new Rng(seed >>> 0, label);
}

/** Picks indices with fixed weights in O(log n) by binary search over cumulative weights. */
export class WeightedPicker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error('WeightedPicker needs one weight per item and at least one item');
    }
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += Math.max(0, weights[i]);
      this.cumulative[i] = sum;
    }
    if (sum <= 0) throw new Error('WeightedPicker needs a positive total weight');
    this.total = sum;
  }

  static fromRecord(record: Readonly<Record<string, number>>): WeightedPicker<string> {
    const keys = Object.keys(record);
    return new WeightedPicker(keys, keys.map((k) => record[k]));
  }

  index(rng: Rng): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pick(rng: Rng): T {
    return this.items[this.index(rng)];
  }
}

/** Weights that fall off with rank, so the first entries of a fixture list recur most. */
export function zipfWeights(n: number, exponent = 0.8): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, exponent));
}
