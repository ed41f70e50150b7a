/**
 * Traditional → simplified Chinese for names and addresses, character by character, from
 * opencc-js's own dictionaries (TSCharacters, plus CJK compatibility ideographs to their unified
 * forms). We use the dictionaries but not opencc's converter: on 2-3 character names (see
 * speed.test.ts) `Converter({from:'tw',to:'cn'})` costs ~700 ns a call and a TSCharacters-only
 * converter ~150 ns, while nearly every cell is already simplified; a one-byte-per-code-unit
 * table answers that in ~15 ns. Phrase rules matter for running prose, not for names.
 */
import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import TSCharacters from 'opencc-js/dict/TSCharacters';

// Characters the General Standard Chinese Characters table (通用规范汉字表, 2013) keeps as they are
// in names and place names, which opencc's prose-oriented table would change: 乾 (qián, 乾坤),
// 於 (a surname, and Lin'an's own 於潜镇), 昇 (one of the 45 variants restored for personal names).
const KEEP = new Set(['乾', '於', '昇']);

function buildMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const dict of [CJKCompatibility, TSCharacters]) {
    for (const entry of dict.split('|')) {
      const space = entry.indexOf(' ');
      if (space <= 0) continue;
      const from = entry.slice(0, space);
      // OpenCC lists alternatives separated by spaces; the first is the standard one.
      const to = entry.slice(space + 1).split(' ')[0];
      if (from !== to && !KEEP.has(from)) map.set(from, to);
    }
  }
  // Follow chains (薴 → 苧 → 苎) to the end, so converting twice changes nothing.
  for (const [from, to] of map) {
    let end = to;
    for (let hops = 0; map.has(end) && hops < 5; hops++) end = map.get(end)!;
    if (end !== to) map.set(from, end);
  }
  return map;
}

const MAP = buildMap();
// 1 where a code unit starts a key of MAP (for a character outside the BMP, its high surrogate).
const STARTS = new Uint8Array(0x10000);
for (const key of MAP.keys()) STARTS[key.charCodeAt(0)] = 1;

/** Simplified form of `s`; returns `s` itself (same reference) when nothing changed. */
export function toSimplified(s: string): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) if (STARTS[s.charCodeAt(i)] === 1 && lookup(s, i) !== undefined) break;
  if (i === n) return s;
  let out = s.slice(0, i);
  while (i < n) {
    const c = s.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const to = STARTS[c] === 1 ? lookup(s, i) : undefined;
    out += to ?? s.slice(i, i + width);
    i += width;
  }
  return out;
}

function lookup(s: string, i: number): string | undefined {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return MAP.get(s.slice(i, i + 2));
  return MAP.get(s[i]);
}
