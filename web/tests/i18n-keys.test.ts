// Catches untranslated strings before a browser ever shows a raw key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const zh = JSON.parse(readFileSync(join(SRC, 'i18n/zh-CN.json'), 'utf8')) as Record<string, unknown>;
const en = JSON.parse(readFileSync(join(SRC, 'i18n/en.json'), 'utf8')) as Record<string, unknown>;

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

  it('names every role in both languages', () => {
    const roles = ['admin', 'data_steward', 'analyst', 'town_operator', 'grid_worker', 'window_staff', 'clinician', 'inspector', 'discipline_inspector', 'leader'];
    for (const r of roles) expect(flatKeys(zh)).toContain(`role.${r}`);
    expect((zh.role as Record<string, string>).admin).toBe('系统管理员');
    expect((en.role as Record<string, string>).admin).toBe('Administrator');
  });
});
