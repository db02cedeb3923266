/**
 * The real app in-process on DynamoDB Local: each suite gets a fresh table, an operator key and
 * helpers to call the API as a client would (app.request, real middleware, real storage).
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { SurveyDefinition, type SurveyDefinitionInput } from '#analytics/questionnaire.ts';
import { createApp } from '../app.ts';
import { createStores } from '../deps.ts';
import { startLocalWork } from '../local/work.ts';
import { createDb, ensureTable, type Db } from '../store/dynamo.ts';
import { publicFiles, type PublicFiles } from '../store/public-surveys.ts';
import { createReportFiles, ensureBucket, S3RVER_CREDENTIALS } from '../store/reports.ts';
import { demoSurvey } from '../local/demo.ts';
import type { ClientLimits } from '../deps.ts';
import { buildDeps } from '../runtime.ts';
import { readAnswer, type Answer } from './answer.ts';

export interface CallOptions {
  body?: unknown;
  raw?: string;
  key?: string;
  origin?: string;
  headers?: Record<string, string>;
}

export type { Answer } from './answer.ts';

export interface TestAppOptions {
  now?: () => Date;
  appOrigins?: string[];
  /** The deployment's per-client caps; by default out of reach, so only tests about them meet them. */
  clientLimits?: Partial<ClientLimits>;
  /** Surveys' public files written to a bucket of their own on s3rver (`surveyFiles`, its name `widgetBucket`). */
  publish?: boolean;
}

const UNREACHED = { submissionsPerMinute: 1_000_000, lookupsPerMinute: 1_000_000 };

export async function testApp(options: TestAppOptions = {}) {
  const table = `test-${randomBytes(6).toString('hex')}`;
  const db = createDb({ table, endpoint: inject('dynamoEndpoint'), timeoutMs: 10_000 });
  await ensureTable(db);
  const operatorKey = `operator-${randomBytes(12).toString('hex')}`;
  let address = '203.0.113.7';
  const stores = createStores(db);
  const now = options.now ?? (() => new Date());
  const work = await startLocalWork({
    stores,
    now,
    s3Endpoint: inject('s3Endpoint'),
    bucket: `exports-${randomBytes(6).toString('hex')}`,
    retryDelayMs: 50,
  });
  let surveyFiles: PublicFiles | undefined;
  const widgetBucket = `widget-${randomBytes(6).toString('hex')}`;
  if (options.publish) {
    const endpoint = inject('s3Endpoint');
    await ensureBucket(createReportFiles({ bucket: widgetBucket, endpoint }));
    surveyFiles = publicFiles({ bucket: widgetBucket, region: 'eu-west-3', endpoint, credentials: S3RVER_CREDENTIALS });
  }
  const deps = buildDeps(
    {
      table,
      operatorKey,
      clientAddress: () => address,
      now,
      appOrigins: options.appOrigins,
      clientLimits: { ...UNREACHED, ...options.clientLimits },
      // Out of reach like the limits: a shared, loaded machine must not turn slow calls into 503s;
      // functions/store/deadline.test.ts tests the budget itself.
      requestBudgetMs: 120_000,
      work,
      ...(surveyFiles && { publicFiles: surveyFiles }),
    },
    db,
    stores,
  );
  const app = createApp(deps);

  async function call(method: string, path: string, o: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined || o.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (o.key) headers.authorization = `Bearer ${o.key}`;
    if (o.origin) headers.origin = o.origin;
    return readAnswer(
      await app.request(path, {
        method,
        headers,
        body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      }),
    );
  }

  async function createTerritory(overrides: Record<string, unknown> = {}) {
    const id = `t-${randomBytes(4).toString('hex')}`;
    const res = await call('POST', '/v1/territories', {
      key: operatorKey,
      body: { id, name: `Territoire ${id}`, allowedOrigins: ['https://www.office-tourisme.example'], ...overrides },
    });
    if (res.status !== 201) throw new Error(`territory: ${res.status} ${res.text}`);
    return { id: res.json.id as string, adminKey: res.json.adminKey as string };
  }

  async function createLiveSurvey(territory: string, adminKey: string, definition: SurveyDefinitionInput = demoSurvey) {
    const created = await call('POST', `/v1/territories/${territory}/surveys`, { key: adminKey, body: definition });
    if (created.status !== 201) throw new Error(`survey: ${created.status} ${created.text}`);
    const live = await call('POST', `/v1/surveys/${created.json.id}/status`, {
      key: adminKey,
      body: { status: 'live' },
    });
    if (live.status !== 200) throw new Error(`live: ${live.status} ${live.text}`);
    return created.json.id as string;
  }

  /** Another instance of the app on the same table, with caches of its own and the same clock: what another Lambda instance sees. */
  function anotherInstance(o: { db?: Db; clientAddress?: () => string } = {}) {
    const other = o.db ?? createDb({ table, endpoint: inject('dynamoEndpoint'), timeoutMs: 10_000 });
    return createApp(
      buildDeps(
        { table, operatorKey, clientAddress: o.clientAddress ?? (() => address), now, clientLimits: UNREACHED },
        other,
        createStores(other),
      ),
    );
  }

  return {
    app,
    deps,
    db,
    anotherInstance,
    /** Resolves once every job unit queued has run (the in-process queue standing in for SQS). */
    workDone: () => work.queue.drain(),
    work,
    surveyFiles,
    widgetBucket,
    operatorKey,
    call,
    createTerritory,
    createLiveSurvey,
    setAddress: (a: string) => (address = a),
    demo: SurveyDefinition.parse(demoSurvey),
  };
}

/** A response id as the widget makes it. */
export const newResponseId = () => crypto.randomUUID();
