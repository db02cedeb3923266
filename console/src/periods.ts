/**
 * Period presets for reports, in the territory's days: this month, last month, this season,
 * this year; and the baseline to compare with: the same period a year before (so October is
 * never compared with the summer peak by mistake) or the one just before.
 */
import { addDays } from '#analytics/calendar.ts';

export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisSeason', 'lastSeason', 'thisYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const BASELINE_PRESETS = ['none', 'lastYear', 'previous', 'custom'] as const;
export type BaselinePreset = (typeof BASELINE_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const month = (day: string) => day.slice(0, 7);
const firstOf = (ym: string) => `${ym}-01`;
/** The month `n` months after `ym` (YYYY-MM). */
function shiftMonth(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
const lastOf = (ym: string) => addDays(firstOf(shiftMonth(ym, 1)), -1);

/** Seasons as the weather has them: spring from March, summer from June, autumn from September, winter from December. */
export function seasonStart(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const startMonth = m === 12 ? 12 : m < 3 ? 12 : Math.floor(m / 3) * 3;
  const year = m < 3 ? y - 1 : y;
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

export type Season = 'winter' | 'spring' | 'summer' | 'autumn';
export function seasonOf(day: string): Season {
  const m = Number(seasonStart(day).slice(5, 7));
  return m === 12 ? 'winter' : m === 3 ? 'spring' : m === 6 ? 'summer' : 'autumn';
}

/** The period a preset stands for, `today` being the territory's today (open periods end today). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  switch (preset) {
    case 'thisMonth':
      return { from: firstOf(month(today)), to: today };
    case 'lastMonth': {
      const last = shiftMonth(month(today), -1);
      return { from: firstOf(last), to: lastOf(last) };
    }
    case 'thisSeason':
      return { from: seasonStart(today), to: today };
    case 'lastSeason': {
      const start = seasonStart(today);
      const from = firstOf(shiftMonth(month(start), -3));
      return { from, to: addDays(start, -1) };
    }
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The same day a year earlier; 29 February becomes the 28th. */
export function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${y}-${md}`;
}

const spanDays = (p: Period) => Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;

export function baselineOf(preset: Exclude<BaselinePreset, 'none' | 'custom'>, period: Period): Period {
  if (preset === 'lastYear') return { from: yearBefore(period.from), to: yearBefore(period.to) };
  const to = addDays(period.from, -1);
  return { from: addDays(to, 1 - spanDays(period)), to };
}
