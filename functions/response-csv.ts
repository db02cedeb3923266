/**
 * The raw export's CSV (RFC 4180, one header row, then a row per response with `id` first),
 * produced page by page from the day partitions: the route answers it whole when it is small,
 * a worker writes it to a file when it is not.
 */
import { addDays, dayIn, daysBetween } from '#analytics/calendar.ts';
import { answerOf } from '#analytics/questionnaire.ts';
import { csvRow } from './csv.ts';
import type { Stores } from './deps.ts';
import { ValidationFailedError } from './errors.ts';
import type { SurveyRecord, Territory } from './model.ts';

export const MAX_EXPORT_DAYS = 1100;
const FIXED = ['id', 'surveyId', 'version', 'submittedAt', 'day', 'audience', 'locale', 'channel'] as const;

/** The days an export covers: those asked, else from a month before the survey began to tomorrow. */
export function exportPeriod(
  survey: SurveyRecord,
  territory: Territory,
  query: { from?: string; to?: string },
  now: Date,
): { from: string; to: string; days: string[] } {
  const tz = territory.timeZone;
  const from = query.from ?? addDays(dayIn(new Date(survey.createdAt), tz), -31);
  const to = query.to ?? addDays(dayIn(now, tz), 1);
  const days = from <= to ? daysBetween(from, to) : [];
  if (days.length > MAX_EXPORT_DAYS) {
    throw new ValidationFailedError('period too long', [
      { path: 'from', message: `at most ${MAX_EXPORT_DAYS} days per export` },
    ]);
  }
  return { from, to, days };
}

/** The CSV in pieces: the header, then each page of responses read (with how many rows it holds). */
export async function* responsesCsv(
  stores: Pick<Stores, 'surveys' | 'responses'>,
  surveyId: string,
  days: readonly string[],
): AsyncGenerator<{ text: string; rows: number }> {
  const questions = [
    ...new Set((await stores.surveys.versions(surveyId)).flatMap((v) => v.definition.questions.map((q) => q.id))),
  ];
  yield { text: csvRow([...FIXED, ...questions]), rows: 0 };
  for (const day of days) {
    for await (const page of stores.responses.dayPages(surveyId, day)) {
      if (page.length === 0) continue;
      const rows = page.map((r) =>
        csvRow([...FIXED.map((f) => r[f]), ...questions.map((q) => answerOf(r.answers, q))]),
      );
      yield { text: rows.join(''), rows: rows.length };
    }
  }
}
