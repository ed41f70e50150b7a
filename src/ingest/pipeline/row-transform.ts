import { hash } from 'node:crypto';
import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import { maskPhone, maskResidentId } from '../../platform/ids/index.js';
import { SEALED_TYPES, type DatasetSpec, type FieldSpec, type QualityRule } from '../contract.js';
import { compileStandardiser, type StandardiseContext, type StdResult } from '../standardise/index.js';
import { compileRowRule } from './row-rules.js';
import { isQualityProblem } from './flag-kinds.js';
import { JsonObjectText, jsonValue } from './json-text.js';

export interface StageRow {
  line: number;
  key_hash: string;
  content_hash: string;
  data: Record<string, unknown>;
  /** `data` as JSON, made once for the content hash and reused for the COPY. */
  dataJson: string;
  /** The masks of the sealed fields, as JSON. */
  maskedJson: string;
  sealed: string | null;
  original: Record<string, string> | null;
  flags: Record<string, string[]> | null;
  problem: boolean;
}

export interface RowReject {
  line: number;
  reason: string;
  detail: string;
  /** The row's cells by column name, sealed before it is stored. */
  raw: Record<string, string>;
}

export type Transformed = { ok: true; row: StageRow } | { ok: false; reject: RowReject };

interface CompiledField {
  spec: FieldSpec;
  /** The field's name as JSON. */
  nameJson: string;
  index: number;
  std: (raw: string) => StdResult;
  sealed: boolean;
  hashKind: 'resident_id' | 'phone';
  rules: Array<(v: unknown) => { reason: string; detail: string; action: 'reject' | 'flag' } | null>;
}

const MASKS: Record<string, (v: string) => string> = { resident_id: maskResidentId, phone: maskPhone };

/** 192 bits of sha256, base64url; one-shot `hash` is about five times faster than createHash here. */
export function shortHash(s: string): string {
  return hash('sha256', s, 'base64url').slice(0, 32);
}

/**
 * Compiles a contract into a function from one file row to a stage row or a rejection. Sealed
 * fields (ID numbers, phones) leave here only as a keyed hash, a mask and one sealed token per
 * row; the original text of a value is kept when standardisation changed it.
 */
export function compileRowTransform(spec: DatasetSpec, indexes: number[], columns: string[], ctx: StandardiseContext, cipher: PersonalDataCipher) {
  const rowRules = new Map<string, QualityRule[]>();
  for (const r of spec.rules) if (r.check !== 'unique' && r.check !== 'ref') rowRules.set(r.field, [...(rowRules.get(r.field) ?? []), r]);
  const fields: CompiledField[] = spec.fields.map((f, i) => ({
    spec: f,
    nameJson: jsonValue(f.name),
    index: indexes[i],
    std: compileStandardiser(f, ctx),
    sealed: SEALED_TYPES.has(f.type),
    hashKind: f.type === 'phone' ? 'phone' : 'resident_id',
    rules: (rowRules.get(f.name) ?? []).map((r) => compileRowRule(r, ctx.today)),
  }));
  const keyFields = spec.key.map((k) => fields.findIndex((f) => f.spec.name === k));

  const rawOf = (cells: string[]) => {
    const raw: Record<string, string> = {};
    columns.forEach((c, i) => (raw[c] = cells[i] ?? ''));
    return raw;
  };

  return (line: number, cells: string[]): Transformed => {
    const data: Record<string, unknown> = {};
    const dataText = new JsonObjectText();
    const maskedText = new JsonObjectText();
    const sealedValues = new JsonObjectText();
    const sealedOriginal = new JsonObjectText();
    const valueJson: string[] = new Array(fields.length);
    let original: Record<string, string> | null = null;
    let flags: Record<string, string[]> | null = null;
    let problem = false;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const raw = f.index >= 0 ? (cells[f.index] ?? '') : '';
      const r = f.std(raw);
      if (!r.ok) return { ok: false, reject: { line, reason: r.reason, detail: `${f.spec.column}: ${r.detail}`, raw: rawOf(cells) } };
      const v = r.value;
      if (v === null) {
        if (f.spec.required) return { ok: false, reject: { line, reason: 'missing_required', detail: `${f.spec.column}: 必填项为空 (required value missing)`, raw: rawOf(cells) } };
        data[f.spec.name] = null;
        dataText.add(f.nameJson, (valueJson[i] = 'null'));
        continue;
      }
      let fieldFlags = r.flags && r.flags.length ? [...r.flags] : null;
      for (const rule of f.rules) {
        const broken = rule(v);
        if (!broken) continue;
        if (broken.action === 'reject') return { ok: false, reject: { line, reason: broken.reason, detail: `${f.spec.column}: ${broken.detail}`, raw: rawOf(cells) } };
        (fieldFlags ??= []).push(broken.reason);
      }
      if (fieldFlags) {
        (flags ??= {})[f.spec.name] = fieldFlags;
        if (!problem) problem = fieldFlags.some(isQualityProblem);
      }
      const text = typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : String(v);
      const changed = raw !== text;
      if (f.sealed) {
        const hashed = cipher.hash(f.hashKind, text);
        data[f.spec.name] = hashed;
        valueJson[i] = jsonValue(hashed);
        maskedText.add(f.nameJson, jsonValue(MASKS[f.spec.type](text)));
        sealedValues.add(f.nameJson, jsonValue(text));
        if (changed) sealedOriginal.add(f.nameJson, jsonValue(raw));
      } else {
        data[f.spec.name] = v;
        // A finite number's text is its JSON, so the number is converted to text once, not twice.
        valueJson[i] = typeof v === 'number' && Number.isFinite(v) ? text : jsonValue(v);
        if (changed) (original ??= {})[f.spec.name] = raw;
      }
      dataText.add(f.nameJson, valueJson[i]);
    }
    const dataJson = dataText.toString();
    return {
      ok: true,
      row: {
        line,
        key_hash: shortHash(`[${keyFields.map((k) => valueJson[k]).join(',')}]`),
        content_hash: shortHash(dataJson),
        data,
        dataJson,
        maskedJson: maskedText.toString(),
        sealed: sealedValues.empty ? null : cipher.encrypt(`{"v":${sealedValues}${sealedOriginal.empty ? '' : `,"o":${sealedOriginal}`}}`),
        original,
        flags,
        problem,
      },
    };
  };
}
