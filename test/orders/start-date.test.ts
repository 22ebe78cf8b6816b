import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, startOfLocalDay } from '../../src/orders/start-date.js';

describe('startOfLocalDay', () => {
  it.each([
    ['UTC', '2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['Europe/Zagreb', '2025-01-15', '2025-01-14T23:00:00.000Z'],
    ['Europe/Zagreb', '2025-07-15', '2025-07-14T22:00:00.000Z'],
    // The day clocks go forward (02:00 → 03:00) still starts at 00:00 CET.
    ['Europe/Zagreb', '2025-03-30', '2025-03-29T23:00:00.000Z'],
    // The day clocks go back (03:00 → 02:00) starts at 00:00 CEST.
    ['Europe/Zagreb', '2025-10-26', '2025-10-25T22:00:00.000Z'],
    ['Europe/Zagreb', '2025-10-27', '2025-10-26T23:00:00.000Z'],
    ['America/New_York', '2025-03-09', '2025-03-09T05:00:00.000Z'],
    ['America/New_York', '2025-03-10', '2025-03-10T04:00:00.000Z'],
    ['America/New_York', '2025-11-02', '2025-11-02T04:00:00.000Z'],
    ['America/New_York', '2025-11-03', '2025-11-03T05:00:00.000Z'],
    // Southern hemisphere: NZDT (+13) in January, NZST (+12) in July; DST ends 2025-04-06, starts 2025-09-28.
    ['Pacific/Auckland', '2025-01-10', '2025-01-09T11:00:00.000Z'],
    ['Pacific/Auckland', '2025-07-10', '2025-07-09T12:00:00.000Z'],
    ['Pacific/Auckland', '2025-04-06', '2025-04-05T11:00:00.000Z'],
    ['Pacific/Auckland', '2025-04-07', '2025-04-06T12:00:00.000Z'],
    ['Pacific/Auckland', '2025-09-28', '2025-09-27T12:00:00.000Z'],
    ['Pacific/Auckland', '2025-09-29', '2025-09-28T11:00:00.000Z'],
    // Midnight does not exist here on this day: the day starts at 01:00 -03 = 00:00 -04.
    ['America/Santiago', '2024-09-08', '2024-09-08T04:00:00.000Z'],
    ['Asia/Kolkata', '2025-05-05', '2025-05-04T18:30:00.000Z'],
  ])('%s %s starts at %s', (timeZone, date, expected) => {
    const start = startOfLocalDay(date, timeZone);
    expect(start.toISOString()).toBe(expected);
    expect(localDateOf(start, timeZone)).toBe(date);
    expect(localDateOf(new Date(start.getTime() - 1000), timeZone)).toBe(addDays(date, -1));
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 30)).toBe('2026-01-30');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
});
