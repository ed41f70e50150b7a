/** Helpers for the reader tests: fixtures in a temp dir, and reading a whole source into arrays. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSource, type ReadOptions, type SourceItem } from './index.js';

export function tempDir(): { path(name: string): string; write(name: string, data: string | Buffer): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tianmu-readers-'));
  return {
    path: (name) => join(dir, name),
    write: (name, data) => {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type ErrorItem = Extract<SourceItem, { kind: 'error' }>;
export type RowItem = Extract<SourceItem, { kind: 'row' }>;

export async function readAll(path: string, opts?: ReadOptions) {
  const reader = await openSource({ path }, opts);
  const items: SourceItem[] = [];
  const batchSizes: number[] = [];
  for await (const batch of reader.batches()) {
    batchSizes.push(batch.length);
    items.push(...batch);
  }
  const rows = items.filter((i): i is RowItem => i.kind === 'row');
  const errors = items.filter((i): i is ErrorItem => i.kind === 'error');
  return { reader, header: reader.header, items, rows, errors, batchSizes };
}
