/**
 * A territory with one of everything (a live survey, a stored response, suggestions, keys of
 * each role) for the hostile-input and isolation tests and the fuzz bench; the endpoints are
 * read from /openapi.json, so a new route is fuzzed and tried with every key without a change here.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { addDays } from '#analytics/calendar.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import type { Db } from '../store/dynamo.ts';
import { readAnswer, type Answer } from '../testing/answer.ts';

export interface Endpoint {
  method: string;
  template: string;
  params: string[];
  query: string[];
  body: boolean;
  secured: boolean;
  summary: string;
}

export type Reply = Answer;

export interface Requester {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export async function send(
  app: Requester,
  method: string,
  path: string,
  o: { body?: Uint8Array | string; key?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {
    ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...o.headers,
  };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  return readAnswer(await app.request(path, { method, headers, body: o.body as BodyInit | undefined }));
}

export async function endpointsOf(app: Requester): Promise<Endpoint[]> {
  const doc = (await send(app, 'GET', '/openapi.json')).json as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { in: string; name: string }[]; requestBody?: unknown; security?: unknown[]; summary?: string }
      >
    >;
  };
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: op.requestBody !== undefined,
      secured: (op.security ?? []).length > 0,
      summary: op.summary ?? '',
    })),
  );
}

/** Routes for the operator key alone, as their summary says ("(operator key)"). */
export const isOperatorRoute = (e: Endpoint) => /\(operator key\)/.test(e.summary);
/** Routes that answer about the calling key itself, whoever it is ("(any key, …)"): nothing of a territory to isolate. */
export const isAnyKeyRoute = (e: Endpoint) => /\(any key\b/.test(e.summary);

export const fillPath = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);

/**
 * Every item but the submission-limit counters, which refused requests rightly increment, and
 * the catch-up jobs a report queues for the world's pending day, at most one per ten minutes
 * (functions/work/catch-up.ts): the app's own work, not what a request stored. Their units
 * rewrite aggregates the world has already (createWorld runs the first).
 */
export async function countItems(db: Db): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await db.client.send(
      new ScanCommand({
        TableName: db.table,
        Select: 'COUNT',
        FilterExpression: 'NOT begins_with(PK, :rl) AND NOT begins_with(PK, :catchUp)',
        ExpressionAttributeValues: { ':rl': { S: 'RL#' }, ':catchUp': { S: 'J#catch-up-' } },
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Why an error answer breaks the contract's error shape, or undefined when it keeps it. */
export const shapeProblem = (r: Reply): string | undefined => errorShapeProblem(r.status, r.json, r.text);

export const SURVEY = {
  title: { fr: 'Votre séjour', en: 'Your stay' },
  audiences: ['visitor', 'resident'],
  questions: [
    { id: 'recommend', type: 'nps', required: true, label: { fr: 'Recommanderiez-vous ?' } },
    {
      id: 'welcome',
      type: 'rating',
      scale: { min: 1, max: 5 },
      label: { fr: 'Accueil' },
      measures: { index: 'satisfaction', dimension: 'welcome' },
    },
    {
      id: 'origin',
      type: 'choice',
      options: [
        { id: 'fr', label: { fr: 'France' } },
        { id: 'abroad', label: { fr: 'Étranger' } },
      ],
      label: { fr: 'Origine' },
    },
    {
      id: 'interests',
      type: 'choice',
      multiple: true,
      options: [
        { id: 'food', label: { fr: 'Cuisine' } },
        { id: 'art', label: { fr: 'Art' } },
      ],
      label: { fr: 'Intérêts' },
    },
    { id: 'comment', type: 'text', maxLength: 1000, label: { fr: 'Un mot ?' } },
  ],
};

export const responseBody = (now: Date) => ({
  id: crypto.randomUUID(),
  audience: 'visitor',
  locale: 'fr',
  answers: { recommend: 9, welcome: 4, origin: 'fr', interests: ['food', 'art'], comment: 'Très bien' },
  channel: 'kiosk',
  submittedAt: now.toISOString(),
  version: 1,
});

export type World = Awaited<ReturnType<typeof createWorld>>;

/** One territory with everything its endpoints name, created through the API itself. */
export async function createWorld(app: Requester, operatorKey: string, id: string, now = new Date()) {
  const json = (method: string, path: string, key: string | undefined, body: unknown) =>
    send(app, method, path, { key, body: JSON.stringify(body) });
  const must = (r: Reply, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r.json;
  };
  const origin = `https://www.${id}.example`;
  const created = must(
    await json('POST', '/v1/territories', operatorKey, {
      id,
      name: `Territoire ${id}`,
      allowedOrigins: [origin],
      limits: { submissionsPerMinute: 100_000 },
      suggestionDistricts: [{ id: 'centre', label: { fr: 'Centre' } }],
    }),
    201,
    'territory',
  );
  const adminKey = created.adminKey as string;
  const keys: Record<'admin' | 'evaluator' | 'moderator', string> = { admin: adminKey, evaluator: '', moderator: '' };
  const keyIds: Record<string, string> = {};
  for (const role of ['evaluator', 'moderator'] as const) {
    const k = must(
      await json('POST', `/v1/territories/${id}/keys`, adminKey, { role, label: `${role} key` }),
      201,
      role,
    );
    keys[role] = k.key;
    keyIds[role] = k.id;
  }
  const survey = must(
    await json('POST', `/v1/territories/${id}/surveys`, adminKey, { ...SURVEY, id: `${id}-survey` }),
    201,
    'survey',
  ).id as string;
  must(await json('POST', `/v1/surveys/${survey}/status`, adminKey, { status: 'live' }), 200, 'live');
  const response = responseBody(now);
  const receipt = must(await json('POST', `/v1/surveys/${survey}/responses`, undefined, response), 201, 'response')
    .receipt as string;
  const suggestion = {
    category: 'voirie',
    text: `Un banc de plus place de l’Horloge (${id})`,
    district: 'Centre',
    contact: { email: 'resident@example.org', consent: true },
    elapsedMs: 5000,
  };
  const code = must(await json('POST', `/v1/territories/${id}/suggestions`, undefined, suggestion), 201, 'suggestion')
    .code as string;
  const other = must(
    await json('POST', `/v1/territories/${id}/suggestions`, undefined, {
      ...suggestion,
      text: `Plus de poubelles rue de la République (${id})`,
    }),
    201,
    'suggestion',
  ).code as string;
  const day = now.toISOString().slice(0, 10);
  const period = { from: day, to: day };
  // A job of each kind, so the routes that follow one have one to follow.
  const jobs = {
    aggregation: must(
      await json('POST', `/v1/territories/${id}/aggregations?async=true`, adminKey, period),
      202,
      'aggregation job',
    ).id as string,
    export: must(await json('POST', `/v1/surveys/${survey}/exports`, adminKey, period), 202, 'export job').id as string,
  };
  // Their units run outside requests: wait until both are done, so no test counts their writes as its own.
  for (const path of [
    `/v1/territories/${id}/aggregations/${jobs.aggregation}`,
    `/v1/surveys/${survey}/exports/${jobs.export}`,
  ]) {
    while (must(await send(app, 'GET', path, { key: adminKey }), 200, path).status !== 'done')
      await new Promise((r) => setTimeout(r, 20));
  }
  // A report queues the days it finds pending (the response's day stays so until the day it came on is over): its job too.
  const around = `from=${addDays(day, -1)}&to=${addDays(day, 1)}`;
  const catchUp = must(
    await send(app, 'GET', `/v1/surveys/${survey}/report?${around}`, { key: adminKey }),
    200,
    'report',
  ).pendingJob?.location as string | undefined;
  while (catchUp && must(await send(app, 'GET', catchUp, { key: adminKey }), 200, catchUp).status !== 'done')
    await new Promise((r) => setTimeout(r, 20));

  /** A valid body for each endpoint that takes one; an unknown endpoint is fuzzed from {}. */
  const bodies: Record<string, unknown> = {
    'POST /v1/territories': {
      id: `${id}-new`,
      name: 'Nouveau',
      allowedOrigins: [origin],
      locales: ['fr'],
      limits: { submissionsPerMinute: 30 },
    },
    'PATCH /v1/territories/{t}': {
      name: `Territoire ${id}`,
      allowedOrigins: [origin],
      suggestionDistricts: [{ id: 'centre', label: { fr: 'Centre', en: 'Centre' } }],
      responses: { freeTextDays: 365 },
    },
    'POST /v1/territories/{t}/keys': { role: 'evaluator', label: 'lecture' },
    'POST /v1/territories/{t}/surveys': SURVEY,
    'PUT /v1/surveys/{id}': SURVEY,
    'POST /v1/surveys/{id}/status': { status: 'live' },
    'POST /v1/surveys/{id}/responses': responseBody(now),
    'POST /v1/territories/{t}/aggregations': period,
    'POST /v1/surveys/{id}/exports': period,
    'PUT /v1/surveys/{id}/report-settings': {
      weighting: { audience: { visitor: 0.7, resident: 0.3 } },
      objectives: [{ index: 'nps', target: 30, audience: 'visitor' }],
    },
    'POST /v1/territories/{t}/suggestions': { ...suggestion, text: 'Une fontaine au jardin' },
    'PATCH /v1/suggestions/{code}': { status: 'in_review', answer: 'Nous regardons' },
    'POST /v1/suggestions/{code}/notes': { note: 'à voir' },
    'POST /v1/suggestions/{code}/visibility': { hidden: false },
    'POST /v1/suggestions/{code}/merge': { into: other },
  };
  const queries: Record<string, Record<string, string>> = {
    'DELETE /v1/responses/{id}': { receipt },
    'GET /v1/surveys/{id}/report': period,
    'GET /v1/surveys/{id}/report.csv': period,
    'GET /v1/surveys/{id}/report.html': period,
  };
  const params = (e: Endpoint): Record<string, string> => ({
    t: id,
    id: e.template.startsWith('/v1/responses') ? response.id : survey,
    responseId: response.id,
    code,
    keyId: keyIds.evaluator ?? '',
    jobId: e.template.includes('/exports/') ? jobs.export : jobs.aggregation,
  });
  const keyFor = (e: Endpoint) => (isOperatorRoute(e) ? operatorKey : e.secured ? adminKey : undefined);
  return {
    id,
    origin,
    keys,
    keyIds,
    survey,
    response,
    receipt,
    code,
    other,
    bodies,
    queries,
    params,
    keyFor,
    signature: (e: Endpoint) => `${e.method} ${e.template}`,
  };
}
