import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, excelSerialToEpochDay, isoInstant, shanghaiDay } from './calendar.js';

describe('calendar', () => {
  it('converts between days and dates both ways, leap years included', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2023, 5, 1)).toBe(Date.UTC(2023, 4, 1) / 86_400_000);
    for (let day = -400_000; day < 400_000; day += 997) {
      const [y, m, d] = civilFromDays(day);
      expect(daysFromCivil(y, m, d)).toBe(day);
    }
  });

  it('writes instants exactly as Date.prototype.toISOString does', () => {
    for (let ms = -30_000_000_000_000; ms < 30_000_000_000_000; ms += 123_456_789_011) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('maps Excel serials around the 1900 leap-year bug', () => {
    expect(excelSerialToEpochDay(1)).toBe(daysFromCivil(1900, 1, 1));
    expect(excelSerialToEpochDay(59)).toBe(daysFromCivil(1900, 2, 28));
    expect(excelSerialToEpochDay(60)).toBeUndefined();
    expect(excelSerialToEpochDay(61)).toBe(daysFromCivil(1900, 3, 1));
    expect(excelSerialToEpochDay(45047.9)).toBe(daysFromCivil(2023, 5, 1));
  });

  it('takes the calendar day in China, eight hours ahead of UTC', () => {
    expect(shanghaiDay(new Date('2024-05-31T16:00:00Z'))).toBe('2024-06-01');
    expect(shanghaiDay(new Date('2024-05-31T15:59:59Z'))).toBe('2024-05-31');
  });
});
