/**
 * The linkage configuration: which column identifies a record, which columns are compared and how,
 * and which blocking rules generate candidate pairs. Parsed once with zod into a frozen object.
 */
import { z } from 'zod';
import { Invalid } from '../../platform/errors.js';

export const FIELD_TYPES = ['name', 'chinese_name', 'date', 'id_number', 'phone', 'address', 'postcode', 'exact', 'numeric'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

// Identifiers are (nearly) unique, so a frequency table would only repeat the u probability.
const TF_BY_DEFAULT: Record<FieldType, boolean> = {
  name: true, chinese_name: true, date: true, address: true, postcode: true, exact: true,
  id_number: false, phone: false, numeric: false,
};

const column = z.string().trim().min(1, 'a column name may not be empty');

const fieldSchema = z.strictObject({
  column,
  type: z.enum(FIELD_TYPES, { error: (i) => `unknown field type ${JSON.stringify(i.input)}; known: ${FIELD_TYPES.join(', ')}` }),
  /** Term-frequency adjustment of the exact level (common values weigh less). */
  termFrequency: z.boolean().optional(),
});

export const linkConfigSchema = z.strictObject({
  id: column,
  fields: z.array(fieldSchema).min(1, 'at least one field must be compared').max(16, 'at most 16 fields'),
  blocking: z.array(z.array(column).min(1, 'a blocking rule needs at least one column')).min(1).max(12).optional(),
  /** Blocks larger than this are skipped (other rules still pair their records) and reported. */
  maxBlockSize: z.number().int().min(2).max(100_000).default(1000),
  /** Safety limit on candidate pairs, so a bad blocking choice fails clearly instead of exhausting memory. */
  maxCandidatePairs: z.number().int().min(1).max(200_000_000).default(50_000_000),
  /** Match probability from which a pair is a link, and the mean probability clusters must keep when merged. */
  threshold: z.number().gt(0).lt(1).default(0.9),
  /** Mean match probability over all pairs between two groups of a component for them to form one entity. */
  clusterSupport: z.number().gt(0).lt(1).default(0.5),
  /**
   * Random record pairs drawn to estimate u probabilities of the inexact levels (the exact level is
   * computed from value counts). 300,000 pairs put a level seen once in a thousand pairs within
   * about ±6 %; rarer levels are smoothed, not measured.
   */
  uSampleSize: z.number().int().min(1000).max(50_000_000).default(300_000),
  /** Seed of the random sampling, so a run can be repeated exactly. */
  seed: z.number().int().default(42),
  maxIterations: z.number().int().min(1).max(1000).default(100),
});

export type LinkConfigInput = z.input<typeof linkConfigSchema>;
export interface FieldSpec {
  readonly column: string;
  readonly type: FieldType;
  readonly termFrequency: boolean;
}
export interface LinkConfig {
  readonly id: string;
  readonly fields: readonly FieldSpec[];
  readonly blocking?: readonly (readonly string[])[];
  readonly maxBlockSize: number;
  readonly maxCandidatePairs: number;
  readonly threshold: number;
  readonly clusterSupport: number;
  readonly uSampleSize: number;
  readonly seed: number;
  readonly maxIterations: number;
}

/** Validates a configuration object; throws Invalid naming each bad field and the reason. */
export function parseLinkConfig(input: unknown): LinkConfig {
  const r = linkConfigSchema.safeParse(input);
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const issue of r.error.issues) fields[issue.path.join('.') || '(config)'] = issue.message;
    throw new Invalid(`链接配置无效 (invalid link config): ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, fields, 'invalid_link_config');
  }
  const c = r.data;
  const seen = new Set<string>();
  for (const f of c.fields) {
    if (f.column === c.id) throw new Invalid(`the id column "${c.id}" cannot also be a compared field`, { fields: f.column }, 'invalid_link_config');
    if (seen.has(f.column)) throw new Invalid(`the column "${f.column}" is compared twice`, { fields: f.column }, 'invalid_link_config');
    seen.add(f.column);
  }
  return deepFreeze({
    ...c,
    fields: c.fields.map((f) => ({ column: f.column, type: f.type, termFrequency: f.termFrequency ?? TF_BY_DEFAULT[f.type] })),
    blocking: c.blocking?.map((rule) => [...new Set(rule)]),
  });
}

/** The columns a table must hold for this configuration. */
export function requiredColumns(config: LinkConfig): string[] {
  return [...new Set([config.id, ...config.fields.map((f) => f.column), ...(config.blocking ?? []).flat()])];
}

/** Throws Invalid when a file's header lacks a column the configuration names. */
export function checkColumns(config: LinkConfig, header: readonly string[], file: string): void {
  const have = new Set(header);
  const missing = requiredColumns(config).filter((c) => !have.has(c));
  if (missing.length === 0) return;
  const what = missing.includes(config.id) ? `the id column "${config.id}"` : `the column(s) ${missing.map((m) => `"${m}"`).join(', ')}`;
  throw new Invalid(`${file}: ${what} named in the config is not in the header (columns: ${header.join(', ')})`, Object.fromEntries(missing.map((m) => [m, 'unknown column'])), 'unknown_column');
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
