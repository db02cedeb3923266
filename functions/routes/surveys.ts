/** Survey definitions: drafts, versions, going live and closing (the public live definition: live-survey.ts). */
import * as z from 'zod';
import { randomBytes } from 'node:crypto';
import { Slug, SurveyDefinition } from '#analytics/questionnaire.ts';
import { NotFoundError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { log } from '../log.ts';
import { count } from '../metrics.ts';
import { SurveyStatus, surveyIdOf, surveyView, type SurveyRecord } from '../model.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { scopedSurvey, scopedTerritory } from './scoped.ts';
import { SurveyIdParam, TerritoryParam } from './public-schemas.ts';

const SParam = SurveyIdParam;
const CreateBody = z.object({ id: z.optional(Slug) });
const inTerritory = { from: 'param', name: 't' } as const;
const named = { from: 'survey', param: 'id' } as const;
const Summary = z.object({
  id: z.string(),
  status: SurveyStatus,
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  title: z.record(z.string(), z.string()),
});

const createSurvey = createRoute({
  method: 'post',
  path: '/v1/territories/{t}/surveys',
  operationId: 'createSurvey',
  summary: 'Create a survey as a draft; `id` optional, else generated',
  description:
    "A draft's id is its territory's alone; once live, a survey's id is public (the widget names it alone), so one a published survey holds is taken (409).",
  access: { roles: ['admin'] },
  territory: inTerritory,
  request: { params: TerritoryParam, body: jsonBody(SurveyDefinition) },
  responses: {
    201: jsonResponse('created', z.object({ id: z.string(), version: z.int(), status: SurveyStatus })),
    ...errors,
  },
});
const replaceSurvey = createRoute({
  method: 'put',
  path: '/v1/surveys/{id}',
  operationId: 'replaceSurvey',
  summary: 'Replace the definition with a new version; answers keep theirs',
  description: "A live survey's public file beside the widget (`surveys/{id}.json`) moves to the new version.",
  access: { roles: ['admin'] },
  territory: named,
  request: { params: SParam, body: jsonBody(SurveyDefinition) },
  responses: { 200: jsonResponse('new version', z.object({ id: z.string(), version: z.int() })), ...errors },
});
const setStatus = createRoute({
  method: 'post',
  path: '/v1/surveys/{id}/status',
  operationId: 'setSurveyStatus',
  summary: 'Make a survey live or close it',
  description:
    "Going live for the first time publishes the id: 409 when another territory published it first. Every call (the status it has already too) writes the survey's public file beside the widget, `surveys/{id}.json`, which the widget reads instead of `GET /v1/surveys/{id}`.",
  access: { roles: ['admin'] },
  territory: named,
  request: { params: SParam, body: jsonBody(z.object({ status: z.enum(['live', 'closed']) })) },
  responses: {
    200: jsonResponse('status', z.object({ id: z.string(), status: SurveyStatus, version: z.int() })),
    ...errors,
  },
});
const listSurveys = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/surveys',
  operationId: 'listSurveys',
  summary: "The territory's surveys",
  access: { roles: ['admin', 'evaluator'] },
  territory: inTerritory,
  request: { params: TerritoryParam },
  responses: { 200: jsonResponse('surveys', z.object({ items: z.array(Summary) })), ...errors },
});
const getDefinition = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/definition',
  operationId: 'getSurveyDefinition',
  summary: 'Any survey with its current definition, draft or closed',
  access: { roles: ['admin', 'evaluator'] },
  territory: named,
  request: { params: SParam },
  responses: {
    200: jsonResponse('survey', z.looseObject({ id: z.string(), status: SurveyStatus, version: z.int() })),
    ...errors,
  },
});
export function surveysApp(deps: Deps) {
  const app = newRouter(deps);
  const { surveys } = deps.stores;

  /**
   * After the table has changed: a failure is counted (SurveyFileWritesFailed, which pages) and
   * logged as a warning, and the change stands, since the widget falls back to the API while the
   * file is missing and the nightly job writes what is missing or out of date.
   */
  async function publish(survey: SurveyRecord): Promise<void> {
    try {
      await deps.publisher?.publish(survey.territory, surveyIdOf(survey));
    } catch (e) {
      count('SurveyFileWritesFailed', { territory: survey.territory });
      log('warn', 'survey file not written; the nightly job will', {
        surveyId: surveyIdOf(survey),
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }

  app.openapi(createSurvey, async (c) => {
    const t = scopedTerritory(c).id;
    const definition = c.req.valid('json');
    const wanted = CreateBody.safeParse(await c.req.json());
    const id = (wanted.success && wanted.data.id) || `s-${randomBytes(8).toString('hex')}`;
    await surveys.createDraft(t, id, definition, deps.now().toISOString());
    return c.json({ id, version: 1, status: 'draft' as const }, 201);
  });

  app.openapi(replaceSurvey, async (c) => {
    const { survey } = scopedSurvey(c);
    const version = await surveys.addVersion(survey, c.req.valid('json'), deps.now().toISOString());
    await publish(survey);
    return c.json({ id: surveyIdOf(survey), version }, 200);
  });

  app.openapi(setStatus, async (c) => {
    const { survey } = scopedSurvey(c);
    const { status } = c.req.valid('json');
    if (survey.status !== status) await surveys.setStatus(survey, status, deps.now().toISOString());
    await publish(survey);
    return c.json({ id: surveyIdOf(survey), status, version: survey.version }, 200);
  });

  app.openapi(listSurveys, async (c) => {
    const list = await surveys.listByTerritory(scopedTerritory(c).id);
    const items = await Promise.all(
      list.map(async (s) => {
        const v = await surveys.version(s.id, s.version);
        return {
          id: surveyIdOf(s),
          status: s.status,
          version: s.version,
          createdAt: s.createdAt,
          updatedAt: s.updatedAt,
          title: v?.definition.title ?? {},
        };
      }),
    );
    return c.json({ items }, 200);
  });

  app.openapi(getDefinition, async (c) => {
    const { survey } = scopedSurvey(c);
    const v = await surveys.version(survey.id, survey.version, true);
    if (!v) throw new NotFoundError('survey version');
    return c.json({ ...surveyView(survey), definition: v.definition }, 200);
  });

  return app;
}
