import { describe, expect, it } from 'vitest';
import { standardiserFor } from './test-context.js';

// TODAY in test-context.ts is 2024-06-01 (Asia/Shanghai).
const date = standardiserFor('date');
const datetime = standardiserFor('datetime');

describe('date', () => {
  it.each([
    '2023-05-01', '2023/5/1', '2023/05/01', '2023.05.01', '2023.5.1', '20230501', '2023年5月1日', '2023年05月01号',
    '2023 年 5 月 1 日', '２０２３年５月１日', '2023-05-01 00:00:00', '2023/5/1 8:30', '2023-05-01T08:30:00', '45047', '45047.75',
  ])('reads %s as 2023-05-01', (raw) => {
    expect(date(raw)).toEqual({ ok: true, value: '2023-05-01' });
  });

  it('moves a time with a zone to China’s calendar day first', () => {
    expect(date('2023-04-30T16:30:00Z')).toEqual({ ok: true, value: '2023-05-01' });
    expect(date('2023-05-01T23:30:00-05:00')).toEqual({ ok: true, value: '2023-05-02' });
  });

  it('reads Excel serials around the 1900 leap-year bug', () => {
    expect(date('1')).toEqual({ ok: true, value: '1900-01-01' });
    expect(date('59')).toEqual({ ok: true, value: '1900-02-28' });
    expect(date('61')).toEqual({ ok: true, value: '1900-03-01' });
    expect(date('60')).toMatchObject({ ok: false, reason: 'unparseable_date' });
    expect(date('80001')).toMatchObject({ ok: false, reason: 'unparseable_date' });
    expect(date('0')).toMatchObject({ ok: false, reason: 'unparseable_date' });
  });

  it('refuses a bare year rather than read it as an Excel serial', () => {
    expect(date('1985')).toMatchObject({ ok: false, reason: 'unparseable_date', detail: expect.stringContaining('year alone') });
  });

  it.each(['1985.03', '1985.3', '1985-03', '1985/3', '1985年3月', '1985年03月份'])('reads the month %s as 1985-03-01, flagged month_only', (raw) => {
    expect(date(raw)).toEqual({ ok: true, value: '1985-03-01', flags: ['month_only'] });
  });

  it('keeps a date after today and flags it', () => {
    expect(date('2024-06-01')).toEqual({ ok: true, value: '2024-06-01' });
    expect(date('2024-06-02')).toEqual({ ok: true, value: '2024-06-02', flags: ['future_date'] });
    expect(date('2030-01')).toEqual({ ok: true, value: '2030-01-01', flags: ['month_only', 'future_date'] });
  });

  it.each(['2023-02-30', '2023-13-01', '2023-00-10', '1900-02-29', '2023-05-01 24:00'])('rejects the impossible %s', (raw) => {
    expect(date(raw)).toMatchObject({ ok: false, reason: 'unparseable_date' });
  });

  it('accepts 29 February in a leap year', () => {
    expect(date('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it.each(['23-05-01', '23/5/1', '5/1/2023', '01.05.2023', '230501'])('never guesses the century or the order of %s', (raw) => {
    expect(date(raw)).toMatchObject({ ok: false, reason: 'unparseable_date' });
  });

  it.each(['abc', '2023-05', '2023-05-01x', '2023--05-01', '明天'])('rejects %s when it is not a date', (raw) => {
    const r = date(raw);
    if (raw === '2023-05') expect(r).toMatchObject({ ok: true, flags: ['month_only'] });
    else expect(r).toMatchObject({ ok: false, reason: 'unparseable_date' });
  });
});

describe('datetime', () => {
  it.each([
    '2023-05-01T00:30:00Z', '2023-05-01T00:30:00.000Z', '2023-05-01T08:30:00+08:00', '2023-05-01T08:30:00+0800',
    '2023-05-01 08:30:00', '2023-05-01T08:30', '2023/5/1 8:30', '2023年5月1日 8时30分', '2023年5月1日8点30分', '20230501083000',
  ])('reads %s as 08:30 in China, stored in UTC', (raw) => {
    expect(datetime(raw)).toEqual({ ok: true, value: '2023-05-01T00:30:00.000Z' });
  });

  it('keeps seconds and fractions', () => {
    expect(datetime('2023年5月1日 8时30分15秒')).toEqual({ ok: true, value: '2023-05-01T00:30:15.000Z' });
    expect(datetime('2023-05-01 08:30:15.25')).toEqual({ ok: true, value: '2023-05-01T00:30:15.250Z' });
  });

  it('reads an Excel serial with a time fraction as China time', () => {
    expect(datetime('45047.5')).toEqual({ ok: true, value: '2023-05-01T04:00:00.000Z' });
  });

  it('keeps a date without a time as its midnight in China, flagged date_only', () => {
    expect(datetime('2023-05-01')).toEqual({ ok: true, value: '2023-04-30T16:00:00.000Z', flags: ['date_only'] });
  });

  it('flags a moment on a later calendar day (in China) than today', () => {
    expect(datetime('2024-06-01 23:59:59')).toEqual({ ok: true, value: '2024-06-01T15:59:59.000Z' });
    expect(datetime('2024-06-02 00:00')).toEqual({ ok: true, value: '2024-06-01T16:00:00.000Z', flags: ['future_date'] });
  });

  it.each(['2023-05-01 25:00', '2023-05-01 08:61', '2023-05', '23-5-1 8:30', 'soon', '2023-05-01T08:30:00+15:00'])('rejects %s', (raw) => {
    expect(datetime(raw)).toMatchObject({ ok: false, reason: 'unparseable_datetime' });
  });
});
