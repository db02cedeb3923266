/** The nightly job's suggestion box part: last month's indicators as JSON and HTML report files. */
import { dayIn } from '#analytics/calendar.ts';
import { suggestionIndicatorsPage } from '#analytics/render/suggestions-html.ts';
import type { Territory } from '../model.ts';
import { suggestionIndicatorsFor, type SuggestionPeriod } from '../suggestion-indicators.ts';
import { putReportSet, type ReportFiles, type ReportFormat } from '../store/reports.ts';
import type { Stores } from '../deps.ts';

/** Beside the surveys' reports; `_` cannot start a survey id, so no survey's files collide. */
export const suggestionReportKey = (territory: string, period: string, format: ReportFormat) =>
  `reports/${territory}/_suggestions/${period}.${format}`;

export async function writeSuggestionReport(
  ctx: { stores: Stores; now: () => Date; files?: ReportFiles },
  territory: Territory,
  period: SuggestionPeriod & { month: string },
): Promise<void> {
  if (!ctx.files) return;
  const indicators = await suggestionIndicatorsFor(ctx.stores.suggestions, territory, period, ctx.now());
  const labels = (list: { id: string; label: Record<string, string | undefined> }[] = []) =>
    Object.fromEntries(list.map((c) => [c.id, c.label.fr ?? c.id]));
  const page = suggestionIndicatorsPage(indicators, {
    territoryName: territory.name,
    from: period.from,
    to: period.to,
    categoryLabels: labels(territory.suggestionCategories),
    districtLabels: labels(territory.suggestionDistricts),
  });
  await putReportSet(
    ctx.files,
    [
      {
        key: suggestionReportKey(territory.id, period.month, 'json'),
        format: 'json',
        body: JSON.stringify(indicators, null, 2),
      },
      { key: suggestionReportKey(territory.id, period.month, 'html'), format: 'html', body: page },
    ],
    dayIn(ctx.now(), territory.timeZone),
  );
}
