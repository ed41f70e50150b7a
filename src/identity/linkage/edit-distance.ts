/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), bounded: callers
 * only ask "is it at most k?" (k ≤ 2). Two shortcuts keep it cheap on the millions of random pairs
 * that u estimation compares: the bag distance (characters one string has and the other lacks) is a
 * lower bound and rejects most unrelated strings without any matrix; otherwise only the band of
 * width 2k + 1 around the diagonal is filled.
 */
const INF = 1 << 20;
const bag = new Int32Array(64);
let prev2 = new Int32Array(64);
let prev = new Int32Array(64);
let cur = new Int32Array(64);

/** The OSA distance when it is at most `max`, otherwise `max + 1`. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (bagDistance(a, b) > max) return max + 1;
  if (lb + 2 > cur.length) {
    prev2 = new Int32Array((lb + 2) * 2);
    prev = new Int32Array((lb + 2) * 2);
    cur = new Int32Array((lb + 2) * 2);
  }
  for (let j = 0; j <= Math.min(lb, max); j++) prev[j] = j;
  if (max + 1 <= lb) prev[max + 1] = INF;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    cur[lo - 1] = lo === 1 ? i : INF;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi + 1 <= lb) cur[hi + 1] = INF;
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb], max + 1);
}

/** A lower bound of the edit distance from character counts (folded into 64 buckets, which only lowers it). */
function bagDistance(a: string, b: string): number {
  bag.fill(0);
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 63]++;
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 63]--;
  let more = 0;
  let less = 0;
  for (let k = 0; k < 64; k++) {
    const v = bag[k];
    if (v > 0) more += v;
    else less -= v;
  }
  return Math.max(more, less);
}
