/** The public live definition of a survey: the widget's fallback when the file beside it is missing. */
import { NotFoundError } from '../errors.ts';
import type { PublicDeps } from '../deps.ts';
import { liveBody } from '../store/public-surveys.ts';
import { SurveyIdParam } from '../validation/public-requests.ts';
import { createRoute, errors, jsonResponse, named, newRouter } from './router.ts';
import { scopedSurvey } from './scoped.ts';

const getLive = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}',
  operationId: 'getLiveSurvey',
  summary: 'The live definition the widget renders; 404 when not live',
  access: 'public',
  territory: { from: 'survey', param: 'id' },
  request: { params: SurveyIdParam },
  responses: {
    200: jsonResponse('the live definition plus id and version', named('LiveSurvey')),
    ...errors,
  },
});

export function liveSurveyApp(deps: PublicDeps) {
  const app = newRouter(deps);
  const { surveys } = deps.stores;

  app.openapi(getLive, async (c) => {
    const { survey } = scopedSurvey(c);
    if (survey.status !== 'live') throw new NotFoundError('live survey');
    const v = await surveys.version(survey.id, survey.version);
    if (!v) throw new NotFoundError('live survey');
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(liveBody(survey.id, v), 200);
  });

  return app;
}
