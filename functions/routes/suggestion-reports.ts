/**
 * Reporting on the suggestion box: the indicators of docs/methodology.md and an open-data CSV.
 * The CSV carries no free text at all: masking catches e-mails and phone numbers, not the
 * names and addresses people also write, so the text stays with the moderators.
 */
import * as z from 'zod';
import { createHmac } from 'node:crypto';
import { dayIn } from '#analytics/calendar.ts';
import { Day } from '#analytics/questionnaire.ts';
import type { Deps } from '../deps.ts';
import { suggestionSettingsOf, type Territory } from '../model.ts';
import { checkPeriod } from '../reporting.ts';
import { csvRow } from '../csv.ts';
import { listedDistrict } from '../suggestion.ts';
import { suggestionIndicatorsFor, suggestionsCreatedIn, type SuggestionPeriod } from '../suggestion-indicators.ts';
import { createRoute, errors, jsonResponse, newRouter } from './router.ts';
import { TerritoryParam } from './public-schemas.ts';
import { scopedTerritory } from './scoped.ts';

const DAY_MS = 86_400_000;
const Period = z.object({ from: z.optional(Day), to: z.optional(Day) });
const Counts = z.record(z.string(), z.number());

const Indicators = z
  .object({
    territory: z.string(),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    n: z.int(),
    hidden: z.int(),
    byCategory: Counts,
    byDistrict: Counts,
    byStatus: Counts,
    firstAnswer: z.object({ n: z.int(), medianDays: z.number().nullable(), p90Days: z.number().nullable() }),
    withinPromise: z.object({ promisedDays: z.int(), due: z.int(), inTime: z.int(), share: z.number().nullable() }),
    topWords: z.record(z.string(), z.array(z.object({ word: z.string(), count: z.int() }))),
  })
  .meta({ id: 'SuggestionIndicators' });

const indicators = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/suggestions/indicators',
  operationId: 'getSuggestionIndicators',
  summary: 'Suggestion box indicators of the suggestions created in a period',
  description:
    'Counts by category, district and status; days to the first answer (median and 90th percentile, linear interpolation); the share answered within the promised delay ' +
    'among those due; the most frequent words per category, contact details and French and English stop words removed, among the words at least five suggestions use (a name one resident wrote never shows). ' +
    'Districts are the ids of the territory’s list (`unspecified` for none, or a district typed before the list). Hidden suggestions are only counted in `hidden`. ' +
    "`from` defaults to the territory's creation day, `to` to today.",
  access: { roles: ['moderator', 'admin', 'evaluator'] },
  territory: { from: 'param', name: 't' },
  request: { params: TerritoryParam, query: Period },
  responses: { 200: jsonResponse('indicators', Indicators), ...errors },
});
const openData = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/suggestions.csv',
  operationId: 'exportSuggestionsOpenData',
  summary: 'Open-data export of the suggestions created in a period, without any personal data',
  description:
    'RFC 4180, one row per suggestion not hidden: a reference that is not the tracking code, the day created, category, district (the id of a listed district, else empty), status, the day of the first answer, ' +
    'the days it took and whether that kept the promise. No text, contact or code.',
  access: { roles: ['moderator', 'admin', 'evaluator'] },
  territory: { from: 'param', name: 't' },
  request: { params: TerritoryParam, query: Period },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errors },
});

export function suggestionReportsApp(deps: Deps) {
  const app = newRouter(deps);
  const { suggestions } = deps.stores;

  function scope(territory: Territory, query: { from?: string; to?: string }) {
    const now = deps.now();
    const period: SuggestionPeriod = {
      from: query.from ?? dayIn(new Date(territory.createdAt), territory.timeZone),
      to: query.to ?? dayIn(now, territory.timeZone),
    };
    checkPeriod(period, territory, now);
    return { territory, period, now };
  }

  app.openapi(indicators, async (c) => {
    const { territory, period, now } = scope(scopedTerritory(c), c.req.valid('query'));
    return c.json(await suggestionIndicatorsFor(suggestions, territory, period, now), 200);
  });

  app.openapi(openData, async (c) => {
    const { territory, period } = scope(scopedTerritory(c), c.req.valid('query'));
    const t = territory.id;
    const { promisedDays } = suggestionSettingsOf(territory);
    const day = (iso: string | undefined) => (iso ? dayIn(new Date(iso), territory.timeZone) : '');
    // A keyed hash: stable across exports so rows can be followed, useless to look a suggestion up with.
    const reference = (code: string) =>
      createHmac('sha256', deps.config.secret).update(`suggestion|${code}`).digest('hex').slice(0, 16);
    let body = csvRow([
      'reference',
      'createdDay',
      'category',
      'district',
      'status',
      'firstAnswerDay',
      'daysToFirstAnswer',
      'answeredWithinPromise',
      'duplicate',
    ]);
    for await (const page of suggestionsCreatedIn(suggestions, territory, period)) {
      for (const s of page) {
        if (s.hidden) continue;
        const days = s.firstAnswerAt ? (Date.parse(s.firstAnswerAt) - Date.parse(s.createdAt)) / DAY_MS : undefined;
        const kept = days === undefined ? '' : days <= promisedDays ? 'yes' : 'no';
        body += csvRow([
          reference(s.code),
          day(s.createdAt),
          s.category,
          listedDistrict(territory.suggestionDistricts, s.district),
          s.status,
          day(s.firstAnswerAt),
          days?.toFixed(2),
          kept,
          s.mergedInto ? 'yes' : 'no',
        ]);
      }
    }
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${t}-suggestions.csv"`);
    return c.body(body, 200);
  });

  return app;
}
