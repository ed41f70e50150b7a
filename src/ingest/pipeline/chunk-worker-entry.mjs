// A worker thread's entry: Node 20 does not apply loader hooks given by --import to a worker's own
// main module, so the worker registers tsx itself before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./chunk-worker.ts');
