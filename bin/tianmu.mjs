#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-old-space-size=8192
// glibc's malloc gives every block of 128 KB or more its own mapping, returned at free. By default
// the threshold rises as such blocks are freed, and the chunk buffers and messages the ingest threads
// pass each other then stay resident in malloc's heaps: an ingest on PGlite peaked at 463-478 MB
// against 412-455 MB with this (the staging of a 3-million-row file, five and four runs, by hand,
// 2026-11-30), a million rows on PGlite 447-490 against 413-428 MiB, on PostgreSQL 397-403 against
// 375-388 MiB, as fast (22.4-25.8 s against 23.2-24.1 s). A first resolution of a million records
// is the same either way (bench/tools/first-resolution-alone.sh, interleaved, 2026-12-01): 44.0 and
// 44.4 s, 2,460 and 2,063 MiB with it, 43.4 and 44.6 s, 2,517 and 2,194 MiB without.
// The old generation may grow to 8 GB instead of V8's 4: a first resolution at Lin'an's scale (2.7
// million person records) holds them all and peaks at 5 GB; under the 4 GB ceiling it crawled: 805 s
// within the demo load, 522 s run alone with room on the same day, its golden-record phase 44 s
// against 7 s and the marriage library 21 s against 0.8 s.
// The young generation is V8's own. Until 2026-11-30 this line also doubled it
// (--max-semi-space-size=32, for identity's garbage collection in an earlier version); measured
// again then, by hand, the first resolution of a million records was no slower without it (104.1
// and 102.1 s against 106.9 and 103.7 s, interleaved, on a slow hour) and peaked lower, and an
// ingest on PGlite peaked at 428-442 MB against 475-523 MB (RSS sampled each second): the flag is
// process-wide and also overrode the young generation each ingest worker is given (chunk-pool.ts).
// `npm start` passes the same flag and setting, and the benchmarks read them from this line.
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
