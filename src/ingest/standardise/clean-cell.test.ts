import { describe, expect, it } from 'vitest';
import { cleanCell, collapseSpaces, removeSpaces } from './clean-cell.js';
import { toSimplified } from './to-simplified.js';

describe('cleanCell', () => {
  it('returns a clean value itself, without copying', () => {
    const s = '330112199001011237';
    expect(cleanCell(s)).toBe(s);
  });

  it('trims, drops zero-width characters, BOM and controls, and turns odd spaces into spaces', () => {
    expect(cleanCell('\uFEFF 张\u200B三\u00A0 ')).toBe('张三');
    expect(cleanCell('a\u00A0b\u3000c\u2002d')).toBe('a b c d');
    expect(cleanCell('a\u0007b\u202Ec')).toBe('abc');
  });

  it('makes full-width letters, digits and punctuation half-width', () => {
    expect(cleanCell('ＡＢｃ１２３－／：（）')).toBe('ABc123-/:()');
  });

  it('in alnum mode keeps full-width punctuation, which is correct in Chinese prose', () => {
    expect(cleanCell('你好，世界：ＡＢ１２', 'alnum')).toBe('你好，世界：AB12');
  });

  it('keeps inner line breaks and runs of spaces, for the types that want them collapsed to decide', () => {
    expect(cleanCell(' a  b\nc ')).toBe('a  b\nc');
    expect(collapseSpaces('a  b\n\tc')).toBe('a b c');
    expect(removeSpaces('330112 1990\t0101')).toBe('33011219900101');
  });
});

describe('toSimplified', () => {
  it('converts traditional characters and returns the same string when there are none', () => {
    expect(toSimplified('臨安區於潛鎮')).toBe('临安区於潜镇');
    const s = '张三';
    expect(toSimplified(s)).toBe(s);
  });

  it('keeps 乾, 於 and 昇, which the standard character table keeps in names and place names', () => {
    expect(toSimplified('於乾昇')).toBe('於乾昇');
  });

  it('maps compatibility ideographs to their unified, simplified forms', () => {
    expect(toSimplified('\uF900')).toBe('岂'); // CJK COMPATIBILITY IDEOGRAPH-F900 (豈)
  });

  it('is idempotent, chains included (薴 → 苧 → 苎)', () => {
    expect(toSimplified('薴')).toBe('苎');
    expect(toSimplified(toSimplified('張偉 薴 龍'))).toBe(toSimplified('張偉 薴 龍'));
  });

  it('leaves characters outside the Basic Multilingual Plane intact', () => {
    expect(toSimplified('𠀀張')).toBe('𠀀张');
  });
});
