/**
 * Writes one supervision department file: CSV, UTF-8, through the shared table writer, from the
 * facts built once for the population (facts.ts).
 */
import type { Population } from '../population.js';
import { writeTable } from '../table-writer.js';
import type { DemoFile, DepartmentFileWriter, SourceRow, WriterContext } from '../types.js';
import { supervisionFacts } from './facts.js';
import type { SupervisionFacts } from './types.js';

export interface SupervisionFile {
  dataset: string;
  department: string;
  title: string;
  description: string;
  header: readonly string[];
  count(f: SupervisionFacts): number;
  rows(pop: Population, f: SupervisionFacts, ctx: WriterContext): Iterable<SourceRow>;
}

const reported = new WeakSet<Population>();

export function supervisionWriter(file: SupervisionFile): DepartmentFileWriter {
  return {
    dataset: file.dataset,
    department: file.department,
    title: file.title,
    async write(pop: Population, ctx: WriterContext): Promise<DemoFile> {
      // The first of the twelve builds the shared facts (a few seconds at scale 1): say so.
      const first = !reported.has(pop);
      if (first) ctx.progress('supervision facts', 0, 1);
      const facts = supervisionFacts(pop, ctx.generatedAt);
      if (first) ctx.progress('supervision facts', 1, 1);
      reported.add(pop);
      return writeTable(
        ctx,
        { dataset: file.dataset, department: file.department, title: file.title, description: file.description, header: file.header, format: 'csv', encoding: 'utf8', expected: file.count(facts) },
        file.rows(pop, facts, ctx),
      );
    },
  };
}
