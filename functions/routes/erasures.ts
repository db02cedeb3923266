/**
 * Erasure on a data-subject request: a resident who has lost their receipt writes to the
 * territory, which erases their response by its id. Recorded (who and when, not what; what is in
 * a tombstone no listing shows, for re-applying the erasure after a restore), scoped
 * to the territory (another territory's response answers as an unknown one), and the day is
 * marked for the nightly job, so the aggregates lose it at the next run.
 */
import * as z from 'zod';
import { ResponseId, Slug } from '#analytics/questionnaire.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { ErasureRecord } from '../store/erasures.ts';
import { createRoute, errors, jsonResponse, newRouter } from './router.ts';
import { TerritoryParam } from './public-schemas.ts';
import { callerKey, scopedTerritory } from './scoped.ts';

const RECENT = 500;

const eraseResponse = createRoute({
  method: 'delete',
  path: '/v1/territories/{t}/responses/{responseId}',
  operationId: 'eraseResponseOnRequest',
  summary: 'Erase a response on a data-subject request, without its receipt; recorded: who and when, not what',
  description:
    'For a respondent who asks the territory to erase their answer without their receipt: staff find its id in the raw export ' +
    '(by the day, time and answers the person describes). ' +
    "The response is deleted and its day re-aggregated at the next nightly run. A response of another territory's survey answers 404, as an unknown one.",
  access: { roles: ['admin'] },
  territory: { from: 'param', name: 't' },
  request: { params: z.object({ t: Slug, responseId: ResponseId }) },
  responses: { 204: { description: 'erased' }, ...errors },
});
const listErasures = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/erasures',
  operationId: 'listErasures',
  summary: `The territory's erasures on request, newest first, the last ${RECENT}`,
  access: { roles: ['admin'] },
  territory: { from: 'param', name: 't' },
  request: { params: TerritoryParam },
  responses: { 200: jsonResponse('records', z.object({ items: z.array(ErasureRecord) })), ...errors },
});

export function erasuresApp(deps: Deps) {
  const app = newRouter(deps);
  const { responses, surveys, erasures } = deps.stores;

  app.openapi(eraseResponse, async (c) => {
    const { responseId } = c.req.valid('param');
    const t = scopedTerritory(c).id;
    const key = callerKey(c);
    // The territory's own copy only: a response of another territory's survey answers as an unknown one.
    const copy = await responses.findIn(t, responseId, async (id) => (await surveys.get(id))?.territory);
    if (!copy) throw new NotFoundError('response');
    const { response } = copy;
    const at = deps.now().toISOString();
    // Marked first: if the erasure then fails, the day is only recomputed as it was.
    await responses.markDirty(response.surveyId, response.day, at);
    const erased = await erasures.eraseResponse(copy, t, { at, what: 'response', keyId: key.id, by: key.label });
    if (!erased) throw new NotFoundError('response');
    return c.body(null, 204);
  });

  app.openapi(listErasures, async (c) => {
    return c.json({ items: await erasures.recent(scopedTerritory(c).id, RECENT) }, 200);
  });

  return app;
}
