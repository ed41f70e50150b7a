import { z } from 'zod';

/** Semantic field types a dataset contract may use. Each has a standardiser in standardise/. */
export const FIELD_TYPES = [
  'text', 'integer', 'number', 'enum', 'date', 'datetime', 'person_name', 'resident_id', 'credit_code', 'phone',
  'address', 'village_code', 'money', 'area_mu', 'count', 'geo_point',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Types whose values are personal data: stored encrypted with a keyed hash, shown masked. */
export const SEALED_TYPES: ReadonlySet<FieldType> = new Set(['resident_id', 'phone']);

export const LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type Level = (typeof LEVELS)[number];

const name = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter');

export const fieldSpec = z
  .object({
    /** The column header as the department writes it (姓名). */
    column: z.string().trim().min(1).max(100),
    /** The standardised field name used everywhere inside Tianmu (name). */
    name,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    /** For enum: the allowed values; for others ignored. */
    values: z.array(z.string().min(1).max(100)).max(500).optional(),
    /** Other headers the same column appears under in older files (身份证号码, 证件号码). */
    aliases: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    description: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type === 'enum' && !f.values?.length) ctx.addIssue({ code: 'custom', message: 'an enum field needs values', path: ['values'] });
  });
export type FieldSpec = z.infer<typeof fieldSpec>;

export const qualityRule = z
  .object({
    /** A stable name for reports (e.g. amount_positive). */
    name,
    /** The field the rule looks at. */
    field: name,
    /**
     * min/max for numbers and dates (ISO), pattern for text, not_future for dates, unique across the
     * dataset's current rows, ref: the value must exist in another dataset's field
     * (`value: "gongan.household_registry.id_number"`: the person is known to the registry).
     */
    check: z.enum(['min', 'max', 'pattern', 'unique', 'not_future', 'ref']),
    value: z.union([z.string(), z.number()]).optional(),
    /** reject drops the row into quarantine; flag keeps it and lowers the quality score. */
    action: z.enum(['reject', 'flag']).default('flag'),
  })
  .strict();
export type QualityRule = z.infer<typeof qualityRule>;

export const datasetSpec = z
  .object({
    /** department.table, e.g. minzheng.dibao_members */
    name: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'department.table in lower-case letters, digits and _'),
    /** Owning department, by short name (民政局) or org code. */
    department: z.string().trim().min(1).max(100),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** snapshot: each batch is the whole dataset (absent rows were deleted); incremental: each batch adds or changes rows. */
    mode: z.enum(['snapshot', 'incremental']),
    /** Field names that identify a row across batches. */
    key: z.array(name).min(1).max(5),
    level: z.enum(LEVELS),
    fields: z.array(fieldSpec).min(1).max(300),
    /** Below this share of valid values (0–1) a batch is held for review instead of published. */
    qualityThreshold: z.number().min(0).max(1).default(0.9),
    /**
     * A snapshot that would close more than this share (0–1) of the dataset's current rows as deleted
     * is held for review (pipeline/deletion-guard.ts); 1 never holds. Omitted: 0.5.
     */
    maxDeletedShare: z.number().min(0).max(1).optional(),
    /** Expected update cycle in days, for the freshness check; omitted means no expectation. */
    updateCycleDays: z.number().int().min(1).max(3650).optional(),
    rules: z.array(qualityRule).max(100).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    const columns = new Set<string>();
    d.fields.forEach((f, i) => {
      if (names.has(f.name)) ctx.addIssue({ code: 'custom', message: `duplicate field name ${f.name}`, path: ['fields', i, 'name'] });
      if (columns.has(f.column)) ctx.addIssue({ code: 'custom', message: `duplicate column ${f.column}`, path: ['fields', i, 'column'] });
      names.add(f.name);
      columns.add(f.column);
    });
    d.key.forEach((k, i) => {
      if (!names.has(k)) ctx.addIssue({ code: 'custom', message: `key field ${k} is not among the fields`, path: ['key', i] });
    });
    d.rules.forEach((r, i) => {
      if (!names.has(r.field)) ctx.addIssue({ code: 'custom', message: `rule field ${r.field} is not among the fields`, path: ['rules', i, 'field'] });
    });
  });
export type DatasetSpec = z.infer<typeof datasetSpec>;
