/** Responses: idempotent submission, erasure with a receipt, and the raw CSV export. */
import * as z from 'zod';
import { addDays, dayIn, daysBetween } from '#analytics/calendar.ts';
import { validateAnswers } from '#analytics/answers.ts';
import { Day, ResponseBody, ResponseId, answerOf, type StoredResponse } from '#analytics/questionnaire.ts';
import { ApiError, ConflictError, NotFoundError, ValidationFailedError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { surveyIdOf, type SurveyRecord, type SurveyVersionRecord } from '../model.ts';
import { canonicalHash, receiptFor } from '../security.ts';
import type { OwnerOf, StoredCopy } from '../store/responses.ts';
import { csvRow } from '../csv.ts';
import { log } from '../log.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { scopedResponse, scopedSurvey } from './scoped.ts';

const DAY_MS = 86_400_000;
const ANSWERABLE_AFTER_REPLACED_MS = 30 * DAY_MS;
const MAX_EXPORT_DAYS = 1100;
const SParam = z.object({ id: z.string().max(64) });
const Receipt = z.object({ id: z.string(), receipt: z.string() });

const postResponse = createRoute({
  method: 'post',
  path: '/v1/surveys/{id}/responses',
  operationId: 'submitResponse',
  summary: 'Submit a response; idempotent by the client-made id',
  access: 'public',
  territory: { from: 'survey', param: 'id' },
  request: { params: SParam, body: jsonBody(ResponseBody) },
  responses: {
    201: jsonResponse('stored', Receipt),
    200: jsonResponse('the same response again: the first answer', Receipt),
    ...errors,
  },
});
const deleteResponse = createRoute({
  method: 'delete',
  path: '/v1/responses/{id}',
  operationId: 'eraseResponse',
  summary: "Erase a response with its receipt (the respondent's right to erasure)",
  description: 'A wrong receipt answers 404, exactly as an unknown response.',
  access: 'public',
  territory: { from: 'response', param: 'id', receipt: 'receipt' },
  request: { params: z.object({ id: ResponseId }), query: z.object({ receipt: z.string().max(100) }) },
  responses: { 204: { description: 'erased' }, ...errors },
});
const exportCsv = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/responses.csv',
  operationId: 'exportResponses',
  summary: 'The raw responses as RFC 4180 CSV',
  access: { roles: ['admin'] },
  territory: { from: 'survey', param: 'id' },
  request: { params: SParam, query: z.object({ from: Day.optional(), to: Day.optional() }) },
  responses: {
    200: { description: 'CSV, one row per response, id first', content: { 'text/csv': { schema: z.string() } } },
    ...errors,
  },
});

export function responsesApp(deps: Deps) {
  const app = newRouter(deps);
  const { surveys, responses } = deps.stores;
  const ownerOf: OwnerOf = async (surveyId) => (await surveys.get(surveyId))?.territory;
  const receiptOf = (id: string, besideIn: string | undefined) => ({
    id,
    receipt: receiptFor(deps.config.secret, id, besideIn),
  });

  /** The version a response is checked against: the one it names if still answerable, else the live one. */
  async function versionFor(
    survey: SurveyRecord,
    requested: number | undefined,
    at: Date,
  ): Promise<SurveyVersionRecord> {
    if (survey.status === 'draft') throw new NotFoundError('live survey');
    if (survey.status === 'closed' && survey.closedAt && at.getTime() >= Date.parse(survey.closedAt)) {
      throw new ConflictError(`the survey closed at ${survey.closedAt}; only responses made before are accepted`);
    }
    const wanted = requested ?? survey.version;
    const v = await surveys.version(survey.id, wanted);
    if (!v || wanted > survey.version)
      throw new ValidationFailedError('unknown version', [
        { path: 'version', message: `this survey has no version ${wanted}` },
      ]);
    if (v.replacedAt && deps.now().getTime() - Date.parse(v.replacedAt) > ANSWERABLE_AFTER_REPLACED_MS) {
      throw new ValidationFailedError('version too old', [
        { path: 'version', message: `version ${wanted} was replaced more than 30 days ago` },
      ]);
    }
    return v;
  }

  function submittedAt(raw: string | undefined): Date {
    const now = deps.now();
    if (raw === undefined) return now;
    const at = new Date(raw);
    if (at.getTime() > now.getTime() + 5 * 60_000 || at.getTime() < now.getTime() - 30 * DAY_MS) {
      throw new ValidationFailedError('submittedAt out of range', [
        { path: 'submittedAt', message: 'must be within the last 30 days and at most 5 minutes ahead' },
      ]);
    }
    return at;
  }

  app.openapi(postResponse, async (c) => {
    const { survey, territory } = scopedSurvey(c);
    const surveyId = survey.id;
    const body = c.req.valid('json');
    const bodyHash = canonicalHash(await c.req.json());
    let stored: StoredResponse;
    try {
      const at = submittedAt(body.submittedAt);
      const version = await versionFor(survey, body.version, at);
      const issues = validateAnswers(version.definition, body.audience, body.answers);
      if (issues.length) throw new ValidationFailedError(`${issues.length} answer(s) are not valid`, issues);
      stored = {
        id: body.id,
        surveyId,
        version: version.version,
        audience: body.audience,
        locale: body.locale,
        channel: body.channel,
        submittedAt: body.submittedAt ?? at.toISOString(),
        day: dayIn(at, territory.timeZone),
        answers: body.answers,
      };
    } catch (e) {
      // A retry of a response stored before the survey changed or closed is still the same response.
      const existing = e instanceof ApiError ? await responses.findIn(territory.id, body.id, ownerOf) : undefined;
      if (existing && isReplay(existing, surveyId, bodyHash)) return c.json(receiptOf(body.id, existing.besideIn), 200);
      throw e;
    }
    const outcome = await responses.put(stored, bodyHash, territory.id, ownerOf);
    if (!outcome.stored) {
      if (isReplay(outcome.existing, surveyId, bodyHash)) {
        // The first attempt may have stored it and failed before marking its day (a 503 the client retried): mark it again.
        await responses.markDirty(surveyId, stored.day, deps.now().toISOString());
        return c.json(receiptOf(body.id, outcome.existing.besideIn), 200);
      }
      throw new ConflictError(`response ${body.id} exists already with another body`);
    }
    await responses.markDirty(surveyId, stored.day, deps.now().toISOString());
    // Debug: written for the sampled invocations only (POWERTOOLS_LOGGER_SAMPLE_RATE), to follow a day's marks.
    log('debug', 'response stored', { surveyId, version: stored.version, day: stored.day });
    return c.json(receiptOf(body.id, outcome.besideIn), 201);
  });

  const isReplay = (existing: StoredCopy, surveyId: string, bodyHash: string) =>
    existing.response.surveyId === surveyId && existing.bodyHash === bodyHash;

  app.openapi(deleteResponse, async (c) => {
    const copy = scopedResponse(c);
    await responses.delete(copy);
    await responses.markDirty(copy.response.surveyId, copy.response.day, deps.now().toISOString());
    return c.body(null, 204);
  });

  app.openapi(exportCsv, async (c) => {
    const { survey, territory } = scopedSurvey(c);
    const id = surveyIdOf(survey);
    const tz = territory.timeZone;
    const query = c.req.valid('query');
    const from = query.from ?? addDays(dayIn(new Date(survey.createdAt), tz), -31);
    const to = query.to ?? addDays(dayIn(deps.now(), tz), 1);
    const days = from <= to ? daysBetween(from, to) : [];
    if (days.length > MAX_EXPORT_DAYS) {
      throw new ValidationFailedError('period too long', [
        { path: 'from', message: `at most ${MAX_EXPORT_DAYS} days per export` },
      ]);
    }
    const questions = [
      ...new Set((await surveys.versions(survey.id)).flatMap((v) => v.definition.questions.map((q) => q.id))),
    ];
    const fixed = ['id', 'surveyId', 'version', 'submittedAt', 'day', 'audience', 'locale', 'channel'] as const;
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${id}-responses.csv"`);
    async function* csv() {
      yield csvRow([...fixed, ...questions]);
      for (const day of days) {
        for await (const page of responses.dayPages(survey.id, day)) {
          const rows = page.map((r) =>
            csvRow([...fixed.map((f) => r[f]), ...questions.map((q) => answerOf(r.answers, q))]),
          );
          if (rows.length) yield rows.join('');
        }
      }
    }
    const rows = csv();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await rows.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (e) {
          // The 200 is gone already: break the download so the client sees an error, never a short file that looks whole.
          log('error', 'export failed', { surveyId: id, name: e instanceof Error ? e.name : 'unknown' });
          controller.error(e);
        }
      },
      cancel: () => void rows.return(undefined),
    });
    return c.body(body, 200);
  });

  return app;
}
