import { z } from 'zod';

/**
 * A warning model as kept in `src/supervision/models/*.json` and edited in the console. The
 * matching logic is declarative so that it can be validated against the dataset contracts, shown
 * to an inspector as conditions, and compiled to one SQL statement (compile/model-sql.ts) that runs
 * on PGlite and PostgreSQL alike.
 */

export const DOMAINS = ['housing', 'livelihood', 'engineering', 'officials', 'border'] as const;
export type Domain = (typeof DOMAINS)[number];
export const WARNING_SEVERITIES = ['red', 'orange', 'yellow'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];
/** `self` lets one join cover "the official or the official's spouse" (the compiler adds it; the view holds the others). */
export const RELATIONS = ['self', 'spouse', 'household'] as const;

const ident = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _');
/** Parameter names read as words in the editor (capitalWan). */
const paramName = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,62}$/, 'letters, digits and _, starting lower-case');
const alias = z.string().regex(/^[a-z][a-z0-9]{0,15}$/, 'a short alias: lower-case letters and digits');
/** `alias.field`: a field of a source's current row. */
export const fieldRef = z.string().regex(/^[a-z][a-z0-9]{0,15}\.[a-z][a-z0-9_]{0,62}$/, 'alias.field');
const party = z.string().regex(/^[a-z0-9_]{0,32}$/, 'a party name (empty for a row about one person)');

export const OPS = ['=', '!=', '<', '<=', '>', '>=', 'in', 'not_in', 'starts_with', 'not_starts_with', 'is_null', 'not_null', 'same_month'] as const;
export type Op = (typeof OPS)[number];

/** The right-hand side of a comparison. */
const operand = z.union([
  z.string().max(200),
  z.number(),
  z.array(z.union([z.string().max(200), z.number()])).max(100),
  z.strictObject({ field: fieldRef, days: z.number().int().min(-36500).max(36500).optional() }),
  z.strictObject({ param: paramName }),
  /** The run's as-of date plus days (negative: before). */
  z.strictObject({ asOf: z.number().int().min(-36500).max(36500) }),
]);
export type Operand = z.infer<typeof operand>;

export const comparison = z.tuple([fieldRef, z.enum(OPS)]).rest(operand);

/** Joins a source to one before it. */
const join = z.union([
  /** The same person (through person files) as a party of an earlier source. */
  z.strictObject({ samePerson: alias, parties: z.array(party).min(1).max(4).default(['']), party: party.default('') }),
  /** A relative (spouse or same household) of a party of an earlier source. */
  z.strictObject({ relativeOf: alias, parties: z.array(party).min(1).max(4).default(['']), party: party.default(''), relations: z.array(z.enum(RELATIONS)).min(1).default(['spouse', 'household']) }),
  /** Equal values: [this source's field, earlier alias.field] pairs. */
  z.strictObject({ equal: z.array(z.tuple([ident, fieldRef])).min(1).max(4) }),
]);

interface SourceShape {
  as: string;
  dataset: string;
  join?: z.infer<typeof join>;
  where?: Predicate[];
}
export type Predicate = z.infer<typeof comparison> | { any: Predicate[] } | { exists: { sources: SourceShape[]; where?: Predicate[] } } | { notExists: { sources: SourceShape[]; where?: Predicate[] } };

export const predicate: z.ZodType<Predicate> = z.lazy(() =>
  z.union([
    comparison,
    z.strictObject({ any: z.array(predicate).min(2).max(10) }),
    z.strictObject({ exists: subquery }),
    z.strictObject({ notExists: subquery }),
  ]),
) as z.ZodType<Predicate>;

export const source: z.ZodType<SourceShape> = z.lazy(() =>
  z.strictObject({
    as: alias,
    dataset: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'department.table'),
    join: join.optional(),
    /** Conditions on this source alone, written with its own aliases (`alias.field`). */
    where: z.array(predicate).max(20).optional(),
  }),
) as z.ZodType<SourceShape>;
export type Source = SourceShape;

const subquery = z.strictObject({ sources: z.array(source).min(1).max(4), where: z.array(predicate).max(20).optional() });

const severityTable = z.strictObject({
  /** Input names: evidence names or aggregate names (`count`, `sum`). */
  inputs: z.array(ident).max(10),
  /** First matching rule wins; a condition is a ZEN unary expression on the input (`>= 100`, `"法定代表人"`). */
  rules: z.array(z.strictObject({ when: z.record(ident, z.string().max(200)), severity: z.enum(WARNING_SEVERITIES) })).min(1).max(50),
});

export const modelSpec = z
  .strictObject({
    id: z.string().regex(/^[a-z]+\.[a-z0-9-]{2,60}$/, 'domain.name in lower-case letters, digits and -'),
    version: z.number().int().min(1),
    domain: z.enum(DOMAINS),
    name: z.string().trim().min(2).max(100),
    nameEn: z.string().trim().min(2).max(200),
    description: z.string().max(2000).default(''),
    /** The regulation and article the model enforces, as text. */
    legalBasis: z.string().trim().min(4).max(2000),
    /** Whose file a warning is on: a party of a source. */
    subject: z.strictObject({ kind: z.enum(['person', 'enterprise']), source: alias, party: party.default(''), field: ident.optional() }),
    sources: z.array(source).min(1).max(6),
    where: z.array(predicate).max(30).default([]),
    /** Mutual-exclusion logic: a hit matching every condition of an exclusion is a legitimate case. */
    exclusions: z.array(z.strictObject({ name: ident, reason: z.string().trim().min(2).max(200), when: z.array(predicate).min(1).max(10) })).max(10).default([]),
    /** Several rows of one source folded into one hit per row of the anchor (contracts split under a threshold). */
    group: z
      .strictObject({
        anchor: alias,
        collect: alias,
        having: z.array(z.tuple([z.union([z.literal('count'), z.string().regex(/^sum\([a-z][a-z0-9]{0,15}\.[a-z][a-z0-9_]*\)$/)]), z.enum(['=', '>', '>=', '<', '<=']), operand])).min(1).max(5),
      })
      .optional(),
    params: z.record(paramName, z.union([z.number(), z.string().max(200)])).default({}),
    /** Named values shown as evidence and fed to the severity table. */
    evidence: z.array(z.strictObject({ name: ident, label: z.string().min(1).max(50), labelEn: z.string().max(100).optional(), field: fieldRef })).min(1).max(20),
    severity: severityTable,
    /** Fields whose values identify one warning across runs (with the model id and subject). */
    dedupKey: z.array(fieldRef).min(1).max(5),
    /** Severities that become dispatch events as soon as they are raised; others wait for an inspector. */
    autoDispatch: z.array(z.enum(WARNING_SEVERITIES)).default(['red']),
    /** Event category for dispatch (routing rules send it to a town or department). */
    eventCategory: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/).default('supervision-warning'),
    /** Where the case is handled: a village or town code field; the subject's town when omitted. */
    place: fieldRef.optional(),
    /** Cron-like daily schedule (`HH:MM` local time) or `manual`. */
    schedule: z.string().regex(/^(manual|([01]\d|2[0-3]):[0-5]\d)$/, 'HH:MM or manual').default('02:00'),
  })
  .superRefine((m, ctx) => checkAliases(m as unknown as ModelSpec, ctx));
export type ModelSpec = z.output<typeof modelSpec>;
export type ModelInput = z.input<typeof modelSpec>;

/** Aliases are unique, joins point backwards, and every `alias.field` names a declared source. */
function checkAliases(spec: ModelSpec, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  const visible = (path: (string | number)[], sources: Source[], outer: Set<string>) => {
    const local = new Set(outer);
    sources.forEach((s, i) => {
      if (local.has(s.as) || seen.has(s.as)) ctx.addIssue({ code: 'custom', message: `alias ${s.as} used twice`, path: [...path, i, 'as'] });
      const target = s.join && ('samePerson' in s.join ? s.join.samePerson : 'relativeOf' in s.join ? s.join.relativeOf : null);
      if (target && !local.has(target)) ctx.addIssue({ code: 'custom', message: `join refers to ${target}, which is not an earlier source`, path: [...path, i, 'join'] });
      if (s.join && 'equal' in s.join) for (const [, ref] of s.join.equal) if (!local.has(ref.split('.')[0])) ctx.addIssue({ code: 'custom', message: `join refers to ${ref}, which is not an earlier source`, path: [...path, i, 'join'] });
      if (i > 0 && !s.join && path.length === 1) ctx.addIssue({ code: 'custom', message: 'every source after the first needs a join', path: [...path, i, 'join'] });
      seen.add(s.as);
      local.add(s.as);
      for (const p of s.where ?? []) checkPredicate(p, local, [...path, i, 'where']);
    });
    return local;
  };
  const checkRef = (ref: string, scope: Set<string>, path: (string | number)[]) => {
    if (!scope.has(ref.split('.')[0])) ctx.addIssue({ code: 'custom', message: `${ref} names no source in scope`, path });
  };
  const checkPredicate = (p: Predicate, scope: Set<string>, path: (string | number)[]): void => {
    if (Array.isArray(p)) {
      checkRef(p[0], scope, path);
      for (const o of p.slice(2)) if (o && typeof o === 'object' && !Array.isArray(o) && 'field' in o) checkRef(o.field, scope, path);
    } else if ('any' in p) p.any.forEach((q) => checkPredicate(q, scope, path));
    else {
      const sub = 'exists' in p ? p.exists : p.notExists;
      const inner = visible([...path, 'sources'], sub.sources, scope);
      for (const q of sub.where ?? []) checkPredicate(q, inner, path);
    }
  };
  const top = visible(['sources'], spec.sources, new Set());
  if (!top.has(spec.subject.source)) ctx.addIssue({ code: 'custom', message: `subject source ${spec.subject.source} is not a source`, path: ['subject', 'source'] });
  spec.where.forEach((p, i) => checkPredicate(p, top, ['where', i]));
  spec.exclusions.forEach((e, i) => e.when.forEach((p) => checkPredicate(p, top, ['exclusions', i, 'when'])));
  spec.evidence.forEach((e, i) => checkRef(e.field, top, ['evidence', i, 'field']));
  spec.dedupKey.forEach((r, i) => checkRef(r, top, ['dedupKey', i]));
  if (spec.place) checkRef(spec.place, top, ['place']);
  if (spec.group) {
    if (!top.has(spec.group.anchor)) ctx.addIssue({ code: 'custom', message: `group anchor ${spec.group.anchor} is not a source`, path: ['group', 'anchor'] });
    if (!top.has(spec.group.collect)) ctx.addIssue({ code: 'custom', message: `group collect ${spec.group.collect} is not a source`, path: ['group', 'collect'] });
    spec.evidence.forEach((e, i) => {
      if (e.field.startsWith(`${spec.group!.collect}.`)) ctx.addIssue({ code: 'custom', message: 'evidence of a grouped model names the anchor or other sources; the collected rows are listed as facts', path: ['evidence', i] });
    });
  }
  const names = new Set([...spec.evidence.map((e) => e.name), 'count', 'sum']);
  spec.severity.inputs.forEach((n, i) => {
    if (!names.has(n)) ctx.addIssue({ code: 'custom', message: `severity input ${n} is not an evidence name`, path: ['severity', 'inputs', i] });
  });
  const params = new Set(Object.keys(spec.params));
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') {
      if ('param' in v && typeof (v as { param: unknown }).param === 'string' && !params.has((v as { param: string }).param)) ctx.addIssue({ code: 'custom', message: `parameter ${(v as { param: string }).param} is not declared in params`, path });
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    }
  };
  walk({ sources: spec.sources, where: spec.where, exclusions: spec.exclusions, group: spec.group }, []);
}

/** Parses a model, naming each problem by its path (for the CLI, the editor and the loader). */
export function parseModel(input: unknown): ModelSpec {
  const r = modelSpec.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || 'model'}: ${i.message}`);
  throw Object.assign(new Error(`模型定义不合法 (invalid model): ${problems.join('; ')}`), { fields: Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || 'model', i.message])) });
}
