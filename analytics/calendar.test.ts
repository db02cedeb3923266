import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween } from './calendar.ts';

describe('dayIn', () => {
  it('reads the day of an instant in its time zone, either side of midnight', () => {
    const lastMs = new Date('2026-11-30T23:59:59.999Z');
    expect(dayIn(lastMs, 'UTC')).toBe('2026-11-30');
    expect(dayIn(new Date('2026-12-01T00:00:00.000Z'), 'UTC')).toBe('2026-12-01');
    // Paris is an hour ahead in winter, two in summer.
    expect(dayIn(lastMs, 'Europe/Paris')).toBe('2026-12-01');
    expect(dayIn(new Date('2026-06-30T21:59:59Z'), 'Europe/Paris')).toBe('2026-06-30');
    expect(dayIn(new Date('2026-06-30T22:00:00Z'), 'Europe/Paris')).toBe('2026-07-01');
    // The Marquesas are nine and a half hours behind.
    expect(dayIn(new Date('2026-01-01T09:29:59Z'), 'Pacific/Marquesas')).toBe('2025-12-31');
    expect(dayIn(new Date('2026-01-01T09:30:00Z'), 'Pacific/Marquesas')).toBe('2026-01-01');
  });

  it("gives UTC's day as Intl formats it, for any instant from 1970 to 2200", () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(dayIn(new Date(ms), 'UTC')).toBe(intl.format(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an invalid instant, in UTC as elsewhere', () => {
    expect(() => dayIn(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => dayIn(new Date(Number.NaN), 'Europe/Paris')).toThrow(RangeError);
  });
});

describe('day arithmetic', () => {
  it('counts days across month, year and leap-day boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});
