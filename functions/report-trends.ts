/**
 * Monthly trend points for the HTML report: the twelve months ending with the report's last
 * month, each a report of its own built from the month roll-ups (one stored item per month).
 * A month the report stops inside, or that is not over in the territory's time zone, is marked
 * unfinished: its point will still move.
 */
import { addDays, dayIn } from '#analytics/calendar.ts';
import { trendPoint, type TrendPoint } from '#analytics/render/trends.ts';
import type { Stores } from './deps.ts';
import type { SurveyRecord } from './model.ts';
import { ReportSources, surveyReport, surveySetup, type SurveySetup } from './reporting.ts';
import { addMonth, type AggregateStore } from './store/aggregates.ts';

export const TREND_MONTHS = 12;

const previousMonth = (month: string) => addDays(`${month}-01`, -1).slice(0, 7);

export async function monthlyTrends(
  stores: Pick<Stores, 'surveys' | 'responses' | 'comments'> & { aggregates: AggregateStore },
  survey: SurveyRecord,
  { to, timeZone }: { to: string; timeZone: string },
  now: Date,
  setup: SurveySetup | Promise<SurveySetup> = surveySetup(stores, survey), // read once for the twelve months
  months = TREND_MONTHS,
  sources = new ReportSources(stores, survey.id),
): Promise<TrendPoint[]> {
  const today = dayIn(now, timeZone);
  const list = [to.slice(0, 7)];
  while (list.length < months) list.unshift(previousMonth(list[0] ?? ''));
  // One read of the twelve months' roll-ups, one of the history: every month's report shares them.
  await sources.period(`${list[0]}-01`, to);
  const points = await Promise.all(
    list.map(async (month) => {
      const last = addDays(`${addMonth(month)}-01`, -1);
      const period = { from: `${month}-01`, to: last < to ? last : to };
      const report = await surveyReport(stores, survey, period, now, setup, sources, {
        durability: false,
        comments: false,
      });
      return trendPoint(month, report, last > to || last >= today);
    }),
  );
  // Months before the first response say nothing: the line starts with the data.
  const first = points.findIndex((p) => p.nps.n > 0 || p.satisfaction.n > 0);
  return first < 0 ? [] : points.slice(first);
}
