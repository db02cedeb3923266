/**
 * Erasure on a data-subject request: a resident who has lost their receipt writes to the
 * territory, which erases their response by its id. Recorded (who and when, not what), scoped
 * to the territory (another territory's response answers as an unknown one), and the day is
 * marked for the nightly job, so the aggregates lose it at the next run.
 */
import * as z from 'zod';
import { ResponseId, Slug } from '#analytics/questionnaire.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { requireRole } from '../middleware/auth.ts';
import { ErasureRecord } from '../store/erasures.ts';
import { bearer, createRoute, errors, jsonResponse, newRouter } from './router.ts';

const RECENT = 500;

const eraseResponse = createRoute({
  method: 'delete',
  path: '/v1/territories/{t}/responses/{responseId}',
  summary: 'Erase a response on a data-subject request, without its receipt (admin); recorded: who and when, not what',
  description:
    'For a respondent who asks the territory to erase their answer (they give its id, shown by the widget). ' +
    "The response is deleted and its day re-aggregated at the next nightly run. A response of another territory's survey answers 404, as an unknown one.",
  security: bearer,
  request: { params: z.object({ t: Slug, responseId: ResponseId }) },
  responses: { 204: { description: 'erased' }, ...errors },
});
const listErasures = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/erasures',
  summary: `The territory's erasures on request, newest first, the last ${RECENT} (admin)`,
  security: bearer,
  request: { params: z.object({ t: Slug }) },
  responses: { 200: jsonResponse('records', z.object({ items: z.array(ErasureRecord) })), ...errors },
});

export function erasuresApp(deps: Deps) {
  const app = newRouter();
  const { responses, surveys, erasures } = deps.stores;

  app.openapi(eraseResponse, async (c) => {
    const { t, responseId } = c.req.valid('param');
    const key = requireRole(c, t, ['admin'], 'response');
    const response = await responses.get(responseId);
    const survey = response && (await surveys.get(response.surveyId));
    if (!response || survey?.territory !== t) throw new NotFoundError('response');
    const at = deps.now().toISOString();
    // Marked first: if the erasure then fails, the day is only recomputed as it was.
    await responses.markDirty(response.surveyId, response.day, at);
    const erased = await erasures.eraseResponse(responseId, t, { at, what: 'response', keyId: key.id, by: key.label });
    if (!erased) throw new NotFoundError('response');
    return c.body(null, 204);
  });

  app.openapi(listErasures, async (c) => {
    const { t } = c.req.valid('param');
    requireRole(c, t, ['admin'], 'territory');
    return c.json({ items: await erasures.recent(t, RECENT) }, 200);
  });

  return app;
}
