#!/usr/bin/env -S node --max-semi-space-size=32 --max-old-space-size=8192
// The young generation at 32 MB a half instead of V8's 16: identity's first resolution and a large
// ingest allocate short-lived objects by the gigabyte while holding large heaps, and the smaller one
// collected so often that garbage collection took 15% of a first resolution (at scale 0.2 it took
// 49 s with V8's default and 46 s with this; a million-row ingest 31 s and 29 s, its peak rising
// from 350 to 390 MB). The old generation may grow to 8 GB instead of V8's 4: a first resolution
// at Lin'an's scale (2.7 million person records) holds them all and peaks at 5 GB; under the 4 GB
// ceiling it crawled: 805 s within the demo load, 522 s run alone with room on the same day, its
// golden-record phase 44 s against 7 s and the marriage library 21 s against 0.8 s.
// `npm start` passes the same flags, and the benchmarks read them from this line.
// Runs the compiled sources in build/, compiling them first when src/ changed (about 1.5 s); where
// that cannot be done, runs the TypeScript directly through tsx's loader. Either way there is no
// build step to forget.
import { pathToFileURL } from 'node:url';
import { serverEntry } from '../scripts/server-build.mjs';

const entry = await serverEntry();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
