/**
 * The built-in warning models, one JSON file each in this folder (the same shape the console's
 * editor saves). They are seeded into the database on first start and upgraded when a file's
 * version is newer than the database's; edits made in the console are later versions of the same id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseModel, type ModelSpec } from '../model/model-spec.js';

let cached: ModelSpec[] | undefined;

export function builtinModels(): ModelSpec[] {
  cached ??= readdirSync(new URL('.', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const spec = parseBuiltin(f, readFileSync(new URL(`./${f}`, import.meta.url), 'utf8'));
      if (`${spec.id}.json` !== f) throw new Error(`built-in model ${f} names itself ${spec.id}`);
      return spec;
    });
  return cached.map((m) => structuredClone(m));
}

function parseBuiltin(file: string, text: string): ModelSpec {
  try {
    return parseModel(JSON.parse(text));
  } catch (e) {
    throw new Error(`built-in model ${file}: ${(e as Error).message}`);
  }
}
