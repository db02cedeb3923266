import { describe, expect, it } from 'vitest';
import { baselineOf, presetPeriod, seasonOf, seasonStart, yearBefore } from './periods.ts';

describe('report period presets', () => {
  it('reads months, seasons and years from the territory’s today', () => {
    expect(presetPeriod('thisMonth', '2026-10-14')).toEqual({ from: '2026-10-01', to: '2026-10-14' });
    expect(presetPeriod('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('thisSeason', '2026-08-15')).toEqual({ from: '2026-06-01', to: '2026-08-15' });
    expect(presetPeriod('thisSeason', '2027-01-20')).toEqual({ from: '2026-12-01', to: '2027-01-20' });
    expect(presetPeriod('lastSeason', '2026-10-14')).toEqual({ from: '2026-06-01', to: '2026-08-31' });
    expect(presetPeriod('lastSeason', '2026-03-02')).toEqual({ from: '2025-12-01', to: '2026-02-28' });
    expect(presetPeriod('thisYear', '2026-10-14')).toEqual({ from: '2026-01-01', to: '2026-10-14' });
  });

  it('names the season of a day', () => {
    expect(['2026-12-01', '2026-02-28', '2026-03-01', '2026-07-14', '2026-11-30'].map(seasonOf)).toEqual([
      'winter',
      'winter',
      'spring',
      'summer',
      'autumn',
    ]);
    expect(seasonStart('2026-12-31')).toBe('2026-12-01');
  });

  it('compares with the same period a year before, or the one just before, both closed', () => {
    expect(baselineOf('lastYear', { from: '2026-10-01', to: '2026-10-14' })).toEqual({
      from: '2025-10-01',
      to: '2025-10-14',
    });
    expect(yearBefore('2028-02-29')).toBe('2027-02-28');
    expect(baselineOf('previous', { from: '2026-10-01', to: '2026-10-31' })).toEqual({
      from: '2026-08-31',
      to: '2026-09-30',
    });
  });
});
