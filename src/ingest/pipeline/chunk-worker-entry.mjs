// A worker thread's entry. Compiled (build/, beside a chunk-worker.js) it loads the JavaScript;
// from the sources it registers tsx first, because Node 20 does not apply loader hooks given by
// --import to a worker's own main module.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./chunk-worker.js', import.meta.url))) {
  await import('./chunk-worker.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./chunk-worker.ts');
}
