import { describe, expect, it } from 'vitest';
import { builtinModels } from '../models/index.js';
import { dueModels, shanghaiNow } from './run-scheduler.js';

describe('the daily model schedule', () => {
  it('reads the clock in Asia/Shanghai', () => {
    expect(shanghaiNow(new Date('2025-06-30T17:30:00Z'))).toEqual({ date: '2025-07-01', time: '01:30' });
  });

  it('runs a model once a day, after its time, and never a manual one', () => {
    const [a, b] = builtinModels();
    const models = [{ ...a, schedule: '02:00' }, { ...b, schedule: 'manual' }];
    expect(dueModels(models, {}, { date: '2025-07-01', time: '01:59' })).toEqual([]);
    expect(dueModels(models, {}, { date: '2025-07-01', time: '02:00' })).toEqual([a.id]);
    expect(dueModels(models, { [a.id]: '2025-07-01' }, { date: '2025-07-01', time: '23:00' })).toEqual([]);
    expect(dueModels(models, { [a.id]: '2025-06-30' }, { date: '2025-07-01', time: '09:00' })).toEqual([a.id]);
  });
});
