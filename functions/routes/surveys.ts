/** Survey definitions: drafts, versions, going live and closing; the public live definition. */
import * as z from 'zod';
import { randomBytes } from 'node:crypto';
import { Slug, SurveyDefinition } from '#analytics/questionnaire.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../deps.ts';
import { SurveyStatus, type Role, type SurveyRecord } from '../model.ts';
import { ownedSurvey } from './owned.ts';
import { requireRole } from '../middleware/auth.ts';
import { bearer, createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';

const SurveyId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/, 'not a survey id');
const SParam = z.object({ id: SurveyId });
const TParam = z.object({ t: Slug });
const CreateBody = z.object({ id: Slug.optional() });
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
  summary: 'Create a survey as a draft (admin); `id` optional, else generated',
  security: bearer,
  request: { params: TParam, body: jsonBody(SurveyDefinition) },
  responses: {
    201: jsonResponse('created', z.object({ id: z.string(), version: z.int(), status: SurveyStatus })),
    ...errors,
  },
});
const replaceSurvey = createRoute({
  method: 'put',
  path: '/v1/surveys/{id}',
  summary: 'Replace the definition with a new version (admin); answers keep theirs',
  security: bearer,
  request: { params: SParam, body: jsonBody(SurveyDefinition) },
  responses: { 200: jsonResponse('new version', z.object({ id: z.string(), version: z.int() })), ...errors },
});
const setStatus = createRoute({
  method: 'post',
  path: '/v1/surveys/{id}/status',
  summary: 'Make a survey live or close it (admin)',
  security: bearer,
  request: { params: SParam, body: jsonBody(z.object({ status: z.enum(['live', 'closed']) })) },
  responses: {
    200: jsonResponse('status', z.object({ id: z.string(), status: SurveyStatus, version: z.int() })),
    ...errors,
  },
});
const listSurveys = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/surveys',
  summary: "The territory's surveys (admin, evaluator)",
  security: bearer,
  request: { params: TParam },
  responses: { 200: jsonResponse('surveys', z.object({ items: z.array(Summary) })), ...errors },
});
const getDefinition = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}/definition',
  summary: 'Any survey with its current definition, draft or closed (admin, evaluator)',
  security: bearer,
  request: { params: SParam },
  responses: {
    200: jsonResponse('survey', z.looseObject({ id: z.string(), status: SurveyStatus, version: z.int() })),
    ...errors,
  },
});
const getLive = createRoute({
  method: 'get',
  path: '/v1/surveys/{id}',
  summary: 'The live definition the widget renders (anyone); 404 when not live',
  request: { params: SParam },
  responses: {
    200: jsonResponse('the live definition plus id and version', z.looseObject({ id: z.string(), version: z.int() })),
    ...errors,
  },
});

export function surveysApp(deps: Deps) {
  const app = newRouter();
  const { surveys } = deps.stores;

  const owned = async (c: Context<AppEnv>, id: string, roles: Role[]) => (await ownedSurvey(deps, c, id, roles)).survey;

  app.openapi(createSurvey, async (c) => {
    const { t } = c.req.valid('param');
    requireRole(c, t, ['admin'], 'territory');
    const definition = c.req.valid('json');
    const wanted = CreateBody.safeParse(await c.req.json());
    const id = (wanted.success && wanted.data.id) || `s-${randomBytes(8).toString('hex')}`;
    const now = deps.now().toISOString();
    const meta: SurveyRecord = { id, territory: t, status: 'draft', version: 1, createdAt: now, updatedAt: now };
    try {
      await surveys.create(meta, definition);
    } catch (e) {
      if (e instanceof Error && e.name === 'TransactionCanceledException')
        throw new ConflictError(`survey "${id}" exists already`);
      throw e;
    }
    return c.json({ id, version: 1, status: 'draft' as const }, 201);
  });

  app.openapi(replaceSurvey, async (c) => {
    const { id } = c.req.valid('param');
    const survey = await owned(c, id, ['admin']);
    const version = await surveys.addVersion(survey, c.req.valid('json'), deps.now().toISOString());
    if (version === undefined) throw new ConflictError('the survey changed meanwhile; fetch it and try again');
    return c.json({ id, version }, 200);
  });

  app.openapi(setStatus, async (c) => {
    const { id } = c.req.valid('param');
    const survey = await owned(c, id, ['admin']);
    const { status } = c.req.valid('json');
    if (survey.status !== status) await surveys.setStatus(id, status, deps.now().toISOString());
    return c.json({ id, status, version: survey.version }, 200);
  });

  app.openapi(listSurveys, async (c) => {
    const { t } = c.req.valid('param');
    requireRole(c, t, ['admin', 'evaluator'], 'territory');
    const list = await surveys.listByTerritory(t);
    const items = await Promise.all(
      list.map(async (s) => {
        const v = await surveys.version(s.id, s.version);
        return {
          id: s.id,
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
    const { id } = c.req.valid('param');
    const survey = await owned(c, id, ['admin', 'evaluator']);
    const v = await surveys.version(id, survey.version, true);
    if (!v) throw new NotFoundError('survey version');
    return c.json({ ...survey, definition: v.definition }, 200);
  });

  app.openapi(getLive, async (c) => {
    const { id } = c.req.valid('param');
    const survey = await surveys.get(id);
    if (survey?.status !== 'live') throw new NotFoundError('live survey');
    const v = await surveys.version(id, survey.version);
    if (!v) throw new NotFoundError('live survey');
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ ...v.definition, id, version: v.version }, 200);
  });

  return app;
}
