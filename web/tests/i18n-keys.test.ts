// Catches untranslated strings before a browser ever shows a raw key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Every file of one language: i18n/zh-CN.json, and per module i18n/<module>/zh-CN.json or …-zh-CN.json. */
function languageFiles(lang: string, dir = join(SRC, 'i18n')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? languageFiles(lang, join(dir, e.name)) : e.name === `${lang}.json` || e.name.endsWith(`-${lang}.json`) ? [join(dir, e.name)] : [],
  );
}

/** The files merged as i18n/index.ts does, refusing a top-level key two files both define. */
function load(lang: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const file of languageFiles(lang)) {
    const part = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const k of Object.keys(part)) if (k in out) throw new Error(`${file} redefines top-level key ${k}`);
    Object.assign(out, part);
  }
  return out;
}

const zh = load('zh-CN');
const en = load('en');

function flatKeys(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? flatKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Keys passed as plain literals: t('a.b'), labelKey: 'a.b', and both arms of t(x ? 'a' : 'b'). */
function literalKeys(): string[] {
  const keys = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) keys.add(m[1]);
    for (const m of text.matchAll(/labelKey:\s*'([\w.]+)'/g)) keys.add(m[1]);
    for (const m of text.matchAll(/\bt\([^()]*?\?\s*'([\w.]+)'\s*:\s*'([\w.]+)'/g)) keys.add(m[1]).add(m[2]);
  }
  return [...keys].sort();
}

describe('console translations', () => {
  it('has the same keys in Chinese and English', () => {
    expect(flatKeys(en).sort()).toEqual(flatKeys(zh).sort());
  });

  it('defines every key the components use in both languages', () => {
    const used = literalKeys();
    expect(used.length).toBeGreaterThan(50);
    const zhKeys = new Set(flatKeys(zh));
    expect(used.filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('loads the module files next to the shell strings', () => {
    expect(languageFiles('zh-CN').length).toBeGreaterThan(1);
    expect(languageFiles('en').length).toBe(languageFiles('zh-CN').length);
  });

  it('names every role in both languages', () => {
    const roles = ['admin', 'data_steward', 'analyst', 'town_operator', 'grid_worker', 'window_staff', 'clinician', 'inspector', 'discipline_inspector', 'leader'];
    for (const r of roles) expect(flatKeys(zh)).toContain(`role.${r}`);
    expect((zh.role as Record<string, string>).admin).toBe('系统管理员');
    expect((en.role as Record<string, string>).admin).toBe('Administrator');
  });
});
