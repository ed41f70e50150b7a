import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, makeCreditCode } from '../../platform/ids/index.js';
import { standardiserFor } from './test-context.js';

const std = standardiserFor('credit_code');
const valid = makeCreditCode('91', '330112', 'MA2B3C4D');

describe('credit_code', () => {
  it('accepts a valid code, upper-cased and without spaces', () => {
    expect(std(valid)).toEqual({ ok: true, value: valid });
    expect(std(` ${valid.slice(0, 8).toLowerCase()} ${valid.slice(8)} `)).toEqual({ ok: true, value: valid });
  });

  it('keeps a code with a wrong check character and flags it', () => {
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(std(wrong)).toEqual({ ok: true, value: wrong, flags: ['check_digit'] });
  });

  it('keeps a code whose organisation code fails its own check and flags it', () => {
    const first17 = valid.slice(0, 16) + (valid[16] === '0' ? '1' : '0');
    const code = first17 + creditCodeCheckChar(first17);
    expect(std(code)).toEqual({ ok: true, value: code, flags: ['org_code'] });
  });

  it('flags both faults when both check characters are wrong', () => {
    const bothWrong = valid.slice(0, 16) + (valid[16] === '0' ? '1' : '0') + valid[17];
    expect(std(bothWrong)).toEqual({ ok: true, value: bothWrong, flags: ['check_digit', 'org_code'] });
  });

  it('rejects a value that is not shaped like a code', () => {
    expect(std('abc')).toMatchObject({ ok: false, reason: 'unparseable_credit_code' });
    expect(std(valid.slice(0, 17) + 'I')).toMatchObject({ ok: false, reason: 'unparseable_credit_code' });
  });
});
