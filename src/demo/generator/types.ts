/** The demo generator's public types: options, the manifest, and the department-writer contract. */
import type { DirtLabel } from './dirt.js';
import type { Population } from './population.js';
import type { Rng } from './rng.js';

export interface DemoOptions {
  /** 1 ≈ Lin'an: 650,000 residents, 40,000 enterprises. */
  scale: number;
  seed: number;
  /** Output folder; created if missing. */
  out: string;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface DemoFile {
  /** `<dept>.<table>`, e.g. gongan.household_registry */
  dataset: string;
  department: string;
  title: string;
  /** Relative to the output folder. */
  file: string;
  format: 'csv' | 'xlsx';
  /** 'gbk' files may contain GB18030 four-byte sequences; decode them as gb18030, its superset. */
  encoding: 'utf8' | 'gbk';
  rows: number;
  description: string;
}

export interface DemoManifest {
  version: 1;
  seed: number;
  scale: number;
  /** Derived from the seed, not the wall clock, so that runs are byte-identical. */
  generatedAt: string;
  district: '330112';
  counts: Record<string, number>;
  files: DemoFile[];
  /** Ground-truth files, relative to the output folder. */
  truth: string[];
}

/** One row of a department file, with what the truth needs to know about it. */
export interface SourceRow {
  cells: (string | number)[];
  /**
   * Person the row is about: a resident's index, or `~k` for the k-th of the marriage records'
   * other persons (see marriages.ts). In a row about two persons, the first party.
   */
  person?: number;
  /** The second party of a row about two persons (the wife, the defendant), as `person`. */
  person2?: number;
  /** Index of the marriage a row records, in the population's marriage table. */
  marriage?: number;
  enterprise?: number;
  dirt?: DirtLabel[];
}

export interface WriterContext {
  out: string;
  seed: number;
  /** The moment the files claim to be from (also stamped into xlsx files). */
  generatedAt: Date;
  /** A random stream of this writer's own, so writers do not disturb each other. */
  rng(label: string): Rng;
  /** Records the truth about one line of a department file. */
  source(dataset: string, line: number, row: SourceRow): void;
  progress(phase: string, done: number, total: number): void;
}

/** A department's hand-over file. Register new ones in writers/index.ts. */
export interface DepartmentFileWriter {
  dataset: string;
  department: string;
  title: string;
  write(pop: Population, ctx: WriterContext): Promise<DemoFile>;
}
