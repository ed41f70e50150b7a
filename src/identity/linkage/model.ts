/**
 * The trained model: everything scoring needs, as plain JSON. It holds no records, so it can be
 * saved, reviewed and reused to score new records against old ones without estimating again.
 */
import { z } from 'zod';
import { Invalid } from '../../platform/errors.js';
import { FIELD_TYPES, parseLinkConfig, type LinkConfig } from './config.js';

export interface FieldModel {
  readonly column: string;
  readonly type: (typeof FIELD_TYPES)[number];
  /** Level names; stored level k (≥ 1) is labels[k - 1], level 0 is "missing". */
  readonly labels: readonly string[];
  /** P(level | match), indexed by stored level; index 0 unused. */
  readonly m: readonly number[];
  /** P(level | non-match), indexed by stored level; index 0 unused. */
  readonly u: readonly number[];
  /** Share of records per value (values held by ≥ 2 records), or null when the field is not adjusted. */
  readonly tf: { readonly values: Readonly<Record<string, number>>; readonly unseen: number } | null;
  /** EM sessions that estimated m (0: starting values, because every blocking rule used this column). */
  readonly emSessions: number;
}

export interface LinkModel {
  readonly version: 1;
  readonly config: LinkConfig;
  /** The blocking rules the model was trained with (chosen automatically when the config had none). */
  readonly blocking: readonly (readonly string[])[];
  /** P(two records drawn at random are the same entity). */
  readonly prior: number;
  readonly fields: readonly FieldModel[];
  readonly trainedOn: { readonly records: number; readonly candidatePairs: number; readonly uSamplePairs: number; readonly emIterations: number };
}

const prob = z.number().min(0).max(1);
/**
 * Shares checked by one loop instead of z.record: a saved district model holds some 170,000 term
 * frequencies, which z.record validated (and modelFromJson copied) in 1.3–1.8 s of every
 * incremental run, against 0.1 s for this.
 */
const shares = z.custom<Record<string, number>>((v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) return false;
  }
  return true;
}, 'expected shares between 0 and 1');
const modelSchema = z.object({
  version: z.literal(1),
  config: z.unknown(),
  blocking: z.array(z.array(z.string())),
  prior: prob,
  fields: z.array(
    z.object({
      column: z.string(),
      type: z.enum(FIELD_TYPES),
      labels: z.array(z.string()).min(2),
      m: z.array(prob),
      u: z.array(prob),
      tf: z.object({ values: shares, unseen: prob }).nullable(),
      emSessions: z.number().int().min(0),
    }),
  ),
  trainedOn: z.object({ records: z.number(), candidatePairs: z.number(), uSamplePairs: z.number(), emIterations: z.number() }),
});

export function modelToJson(model: LinkModel): string {
  return JSON.stringify(model);
}

/** Reads a saved model; throws Invalid when it is not one, or when its fields disagree with its config. */
export function modelFromJson(json: string): LinkModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Invalid(`the model is not valid JSON: ${(e as Error).message}`, { model: 'not JSON' }, 'invalid_model');
  }
  const r = modelSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Invalid(`the model is not a linkage model: ${issue.path.join('.')}: ${issue.message}`, { model: issue.message }, 'invalid_model');
  }
  const config = parseLinkConfig(r.data.config);
  // The parsed object itself, without a prototype: no value may be read as one of Object's members.
  const fields = r.data.fields.map((f) => ({ ...f, tf: f.tf ? { values: Object.setPrototypeOf(f.tf.values, null) as Record<string, number>, unseen: f.tf.unseen } : null }));
  if (fields.length !== config.fields.length || fields.some((f, i) => f.column !== config.fields[i].column || f.type !== config.fields[i].type || f.m.length !== f.labels.length + 1 || f.u.length !== f.labels.length + 1)) {
    throw new Invalid('the model’s fields do not match its config', { model: 'fields' }, 'invalid_model');
  }
  return { ...r.data, config, fields };
}
