import { describe, expect, it } from 'vitest';
import { compactIdentifier, stripInvisible, toHalfWidth } from './normalize-text.js';

describe('toHalfWidth', () => {
  it('turns full-width ASCII and the ideographic space into half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３！～\u3000ｘ')).toBe('ABC123!~ x');
  });

  it('leaves Chinese characters and CJK punctuation alone; the full-width comma is ASCII and converts', () => {
    expect(toHalfWidth('临安区、锦城街道。「一」，')).toBe('临安区、锦城街道。「一」,');
  });
});

describe('stripInvisible', () => {
  it('removes zero-width characters and the BOM', () => {
    expect(stripInvisible('\uFEFF张\u200B三\u200D丰\u200F')).toBe('张三丰');
  });

  it('turns no-break spaces into spaces and collapses whitespace runs', () => {
    expect(stripInvisible('  a\u00A0\u00A0b \t\n c\u3000d  ')).toBe('a b c d');
  });

  it('removes control characters', () => {
    expect(stripInvisible('a\u0000b\u0007c\u007Fd\u0085')).toBe('abcd');
  });
});

describe('compactIdentifier', () => {
  it('removes every space after normalising', () => {
    expect(compactIdentifier(' １３８ 1234\u00A05678\u200B')).toBe('13812345678');
  });
});
