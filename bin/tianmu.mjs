#!/usr/bin/env -S node --max-semi-space-size=32
// The young generation at 32 MB a half instead of V8's 16: identity's first resolution and a large
// ingest allocate short-lived objects by the gigabyte while holding large heaps, and the smaller one
// collected so often that garbage collection took 15% of a first resolution (at scale 0.2 it took
// 49 s with V8's default and 46 s with this; a million-row ingest 31 s and 29 s, its peak rising
// from 350 to 390 MB). `npm start` passes the same flag, and the benchmarks read it from this line.
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
