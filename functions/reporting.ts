/**
 * Reports from stored aggregates only (never a re-read of raw responses): the same code serves
 * GET /report, the files the nightly job writes to S3, and the dashboard.
 */
import { dayIn } from '#analytics/calendar.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import { UnknownSurveyVersionError } from '#analytics/aggregate.ts';
import { buildReport, type Report } from '#analytics/report.ts';
import { ValidationFailedError } from './errors.ts';
import type { Stores } from './deps.ts';
import { surveyIdOf, type SurveyRecord, type SurveySettings, type Territory } from './model.ts';
import type { AggregateStore } from './store/aggregates.ts';

export interface ReportPeriod {
  from: string;
  to: string;
  baselineFrom?: string;
  baselineTo?: string;
}

export const MAX_REPORT_DAYS = 3700;

const spanDays = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

type Issue = { path: string; message: string };

/** The problems of one range of days: reversed, or longer than a report may span. */
function rangeProblems(from: string, to: string, fromPath: string, toPath: string): Issue[] {
  const issues: Issue[] = [];
  if (from > to) issues.push({ path: fromPath, message: `${fromPath} must not be after ${toPath}` });
  if (spanDays(from, to) > MAX_REPORT_DAYS) issues.push({ path: toPath, message: `at most ${MAX_REPORT_DAYS} days` });
  return issues;
}

/** Checks a range of days to aggregate or report on. */
export function checkRange(from: string, to: string): void {
  const issues = rangeProblems(from, to, 'from', 'to');
  if (issues.length) throw new ValidationFailedError('the period is not valid', issues);
}

/** Checks a period as API.md asks: ordered, bounded, and a baseline that is closed. */
export function checkPeriod(p: ReportPeriod, territory: Territory, now: Date): void {
  const issues = rangeProblems(p.from, p.to, 'from', 'to');
  if ((p.baselineFrom === undefined) !== (p.baselineTo === undefined)) {
    issues.push({
      path: p.baselineFrom ? 'baselineTo' : 'baselineFrom',
      message: 'give both baselineFrom and baselineTo, or neither',
    });
  } else if (p.baselineFrom && p.baselineTo) {
    issues.push(...rangeProblems(p.baselineFrom, p.baselineTo, 'baselineFrom', 'baselineTo'));
    const today = dayIn(now, territory.timeZone);
    if (p.baselineTo >= today)
      issues.push({ path: 'baselineTo', message: `the baseline must be closed: it must end before today (${today})` });
  }
  if (issues.length) throw new ValidationFailedError('the period is not valid', issues);
}

/** What a survey's reports are built with, besides the aggregates: its definition and its report settings. */
export interface SurveySetup {
  definition: SurveyDefinition;
  settings: SurveySettings;
}

export async function surveySetup(stores: Pick<Stores, 'surveys'>, survey: SurveyRecord): Promise<SurveySetup> {
  const [version, settings] = await Promise.all([
    stores.surveys.version(survey.id, survey.version, true),
    stores.surveys.settings(survey.id),
  ]);
  if (!version) throw new UnknownSurveyVersionError(survey.id, survey.version);
  return { definition: version.definition, settings };
}

/** The report of one period; `setup` when the caller builds several reports of the same survey (the monthly trend). */
export async function surveyReport(
  stores: Pick<Stores, 'surveys'> & { aggregates: AggregateStore },
  survey: SurveyRecord,
  period: ReportPeriod,
  generatedAt: Date,
  setup: SurveySetup | Promise<SurveySetup> = surveySetup(stores, survey),
): Promise<Report> {
  const [{ definition, settings }, aggregate, baseline] = await Promise.all([
    setup,
    stores.aggregates.period(survey.id, period.from, period.to),
    period.baselineFrom && period.baselineTo
      ? stores.aggregates.period(survey.id, period.baselineFrom, period.baselineTo)
      : undefined,
  ]);
  return buildReport({
    surveyId: surveyIdOf(survey),
    from: period.from,
    to: period.to,
    generatedAt: generatedAt.toISOString(),
    aggregate,
    definition,
    ...(baseline ? { baseline, baselineFrom: period.baselineFrom, baselineTo: period.baselineTo } : {}),
    ...(settings.weighting && Object.keys(settings.weighting).length ? { weighting: settings.weighting } : {}),
    ...(settings.objectives ? { objectives: settings.objectives } : {}),
  });
}
