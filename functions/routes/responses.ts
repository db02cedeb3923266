/** Responses, the public side: idempotent submission and erasure with a receipt (the staff's CSV export: response-export.ts). */
import { dayIn } from '#analytics/calendar.ts';
import { validateAnswers } from '#analytics/answers.ts';
import type { Answers, StoredResponse, SurveyDefinition } from '#analytics/questionnaire.ts';
import { maskContactDetails } from '#analytics/suggestion-text.ts';
import { ApiError, ConflictError, NotFoundError, ValidationFailedError } from '../errors.ts';
import type { PublicDeps } from '../deps.ts';
import { LATE_SUBMISSION_MS } from '../late-submissions.ts';
import type { SurveyRecord, SurveyVersionRecord } from '../model.ts';
import { addToRequestLine } from '../log.ts';
import { canonicalHash, receiptFor } from '../security.ts';
import type { OwnerOf, StoredCopy } from '../store/responses-public.ts';
import { ReceiptQuery, ResponseBody, ResponseParam, SurveyParam } from '../validation/public-requests.ts';
import { createRoute, errors, jsonBody, jsonResponse, named, newRouter } from './router.ts';
import { scopedResponse, scopedSurvey } from './scoped.ts';

const DAY_MS = 86_400_000;

/** Free-text answers as stored and exported: e-mail addresses and phone numbers masked, as in suggestions. */
function withContactDetailsMasked(def: SurveyDefinition, answers: Answers): Answers {
  const texts = new Set(def.questions.filter((q) => q.type === 'text').map((q) => q.id));
  return Object.fromEntries(
    Object.entries(answers).map(([id, v]) => [id, texts.has(id) && typeof v === 'string' ? maskContactDetails(v) : v]),
  );
}
const ANSWERABLE_AFTER_REPLACED_MS = 30 * DAY_MS;

const postResponse = createRoute({
  method: 'post',
  path: '/v1/surveys/{id}/responses',
  operationId: 'submitResponse',
  summary: 'Submit a response; idempotent by the client-made id',
  access: 'public',
  territory: { from: 'survey', param: 'id' },
  request: { params: SurveyParam, body: jsonBody(ResponseBody) },
  responses: {
    201: jsonResponse('stored', named('Receipt')),
    200: jsonResponse('the same response again: the first answer', named('Receipt')),
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
  request: { params: ResponseParam, query: ReceiptQuery },
  responses: { 204: { description: 'erased' }, ...errors },
});
export function responsesApp(deps: PublicDeps) {
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
    if (at.getTime() > now.getTime() + 5 * 60_000 || at.getTime() < now.getTime() - LATE_SUBMISSION_MS) {
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
        answers: withContactDetailsMasked(version.definition, body.answers),
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
    // On the request's one line (written for the sampled invocations only), to follow a day's answers.
    addToRequestLine({ surveyId, version: stored.version, day: stored.day });
    return c.json(receiptOf(body.id, outcome.besideIn), 201);
  });

  const isReplay = (existing: StoredCopy, surveyId: string, bodyHash: string) =>
    existing.response.surveyId === surveyId && existing.bodyHash === bodyHash;

  app.openapi(deleteResponse, async (c) => {
    const copy = scopedResponse(c);
    // Marked first: a failure after it only recomputes the day as it was; after the delete it would leave the aggregates stale.
    await responses.markDirty(copy.response.surveyId, copy.response.day, deps.now().toISOString());
    await responses.delete(copy);
    return c.body(null, 204);
  });

  return app;
}
