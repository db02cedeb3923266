/** The month a night reports on. */
import { addDays, dayIn } from '#analytics/calendar.ts';

/** The last closed month of a territory, as `YYYY-MM` with its first and last day. */
export function lastClosedMonth(now: Date, timeZone: string): { month: string; from: string; to: string } {
  const firstOfThisMonth = `${dayIn(now, timeZone).slice(0, 7)}-01`;
  const to = addDays(firstOfThisMonth, -1);
  const month = to.slice(0, 7);
  return { month, from: `${month}-01`, to };
}
