/**
 * Reports from stored aggregates only (never a re-read of raw responses): the same code serves
 * GET /report, the files the nightly job writes to S3, and the console's reports.
 */
import { addDays, dayIn, daysBetween } from '#analytics/calendar.ts';
import type { MonthCounts } from '#analytics/disclosure.ts';
import type { MonthAggregate } from '#analytics/period.ts';
import { UnknownSurveyVersionError } from '#analytics/aggregate.ts';
import { reportComments, textQuestionsOf } from '#analytics/comments.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import { buildReport, type PeriodInput, type Report } from '#analytics/report.ts';
import { monthsBetween } from '#analytics/rollup.ts';
import { ValidationFailedError } from './errors.ts';
import type { Stores } from './deps.ts';
import { type SurveyRecord, surveyIdOf, type Territory } from './model.ts';
import type { SurveySettings } from './survey-settings.ts';
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

/** Checks a period as docs/api.md asks: ordered, bounded, and a baseline that is closed. */
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

/**
 * What reports of one survey read, read once: the counts of the survey's history (the
 * disclosure rule's blocks), the roll-ups of the months asked for, and the days still waiting to
 * be aggregated. A request makes one; the monthly trend shares one across its twelve months.
 */
export class ReportSources {
  private historyRead: Promise<MonthCounts[]> | undefined;
  private pendingRead: Promise<string[]> | undefined;
  private readonly months = new Map<string, Promise<MonthAggregate | undefined>>();

  constructor(
    private readonly stores: Pick<Stores, 'responses' | 'comments'> & { aggregates: AggregateStore },
    private readonly surveyId: string,
  ) {}

  history(): Promise<MonthCounts[]> {
    this.historyRead ??= this.stores.aggregates.history(this.surveyId);
    return this.historyRead;
  }

  /** The roll-ups of the months a period touches, each month read once whatever the periods asked. */
  async period(from: string, to: string): Promise<PeriodInput> {
    const wanted = monthsBetween(from, to);
    const missing = wanted.filter((m) => !this.months.has(m));
    if (missing.length) {
      const read = this.stores.aggregates.months(this.surveyId, `${missing[0]}-01`, `${missing.at(-1)}-01`);
      for (const m of missing)
        this.months.set(
          m,
          read.then((all) => all.find((x) => x.month === m)),
        );
    }
    const months = await Promise.all(wanted.map((m) => this.months.get(m)));
    return { from, to, months: months.filter((m): m is MonthAggregate => m !== undefined) };
  }

  /** The comments of a period: what the month digests let it show (analytics/comments.ts). */
  async comments(period: { from: string; to: string }, definition: SurveyDefinition): Promise<Report['comments']> {
    const questions = textQuestionsOf(definition);
    if (questions.length === 0) return [];
    return reportComments(period, await this.stores.comments.months(this.surveyId, period.from, period.to), questions);
  }

  /** Every day of the survey with answers not yet aggregated (their dirty marks), oldest first. */
  allPending(): Promise<string[]> {
    this.pendingRead ??= this.stores.responses.dirtyDays(this.surveyId).then((d) => d.map((x) => x.day).sort());
    return this.pendingRead;
  }

  /** Days of a period with answers not yet aggregated. */
  async pending(from: string, to: string): Promise<string[]> {
    return (await this.allPending()).filter((day) => day >= from && day <= to);
  }
}

/**
 * The two periods before this one, for durable superiority: as many whole months when the period
 * is whole months, else as many days.
 */
export function earlierPeriods(from: string, to: string): { from: string; to: string }[] {
  const wholeMonths = from.endsWith('-01') && addDays(to, 1).endsWith('-01');
  if (wholeMonths) {
    const count = monthsBetween(from, to).length;
    const shift = (month: string, by: number) => {
      const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
      return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    };
    return [2, 1].map((k) => {
      const first = shift(from.slice(0, 7), -k * count);
      const last = shift(from.slice(0, 7), -(k - 1) * count - 1);
      return { from: `${first}-01`, to: addDays(`${shift(last, 1)}-01`, -1) };
    });
  }
  const length = daysBetween(from, to).length;
  return [2, 1].map((k) => ({ from: addDays(from, -k * length), to: addDays(from, -(k - 1) * length - 1) }));
}

/** The report of one period; `setup` and `sources` when the caller builds several of the same survey. */
export async function surveyReport(
  stores: Pick<Stores, 'surveys' | 'responses' | 'comments'> & { aggregates: AggregateStore },
  survey: SurveyRecord,
  period: ReportPeriod,
  generatedAt: Date,
  setup: SurveySetup | Promise<SurveySetup> = surveySetup(stores, survey),
  sources = new ReportSources(stores, survey.id),
  options: { durability?: boolean; comments?: boolean } = {},
): Promise<Report> {
  const earlier = options.durability === false ? [] : earlierPeriods(period.from, period.to);
  const comments =
    options.comments === false ? undefined : Promise.resolve(setup).then((s) => sources.comments(period, s.definition));
  const [{ definition, settings }, history, current, baseline, before, pending, shown] = await Promise.all([
    setup,
    sources.history(),
    sources.period(period.from, period.to),
    period.baselineFrom && period.baselineTo ? sources.period(period.baselineFrom, period.baselineTo) : undefined,
    Promise.all(earlier.map((p) => sources.period(p.from, p.to))),
    sources.pending(period.from, period.to),
    comments,
  ]);
  return {
    ...buildReport({
      surveyId: surveyIdOf(survey),
      generatedAt: generatedAt.toISOString(),
      definition,
      history,
      ...current,
      ...(baseline ? { baseline } : {}),
      ...(before.length ? { earlier: before } : {}),
      ...(settings.weighting && Object.keys(settings.weighting).length ? { weighting: settings.weighting } : {}),
      ...(settings.objectives ? { objectives: settings.objectives } : {}),
    }),
    ...(pending.length ? { pending } : {}),
    ...(shown?.length ? { comments: shown } : {}),
  };
}
