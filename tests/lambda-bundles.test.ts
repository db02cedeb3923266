/**
 * The artifacts the stack deploys, run as Lambda runs them: each Lambda bundled with the stack's
 * own esbuild options (infra/bundling.ts), loaded by the Node.js major of the Lambda runtime in a
 * process of its own, and handed API Gateway (payload 2.0) and Scheduler events, on DynamoDB
 * Local and s3rver. Requests go to the public or the staff function as API Gateway sends them
 * (infra/public-routes.ts). The rest of the suite runs the TypeScript sources on this machine's Node;
 * this is what catches a bundle that does not load, an import the bundler got wrong, or an
 * event the Lambda adapter reads differently.
 *
 * It lives outside the four parts because it ties two of them: what infra builds from functions.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoSurvey } from '#functions/local/demo.ts';
import { createDb, ensureTable } from '#functions/store/dynamo.ts';
import { createReportFiles, ensureBucket } from '#functions/store/reports.ts';
import { newResponseId } from '#functions/testing/harness.ts';
import { esbuildOptions, nodeMajor } from '#infra/bundling.ts';
import { repoRoot } from '#infra/config.ts';
import { publicFunctionRoutes } from '#infra/public-routes.ts';

/** scripts/preflight.mjs unpacks the runtime's Node here; elsewhere this machine's Node stands in. */
const runtimeNode = join(repoRoot, 'node_modules/.cache', `lambda-node-${nodeMajor}`, 'bin/node');
const node = existsSync(runtimeNode) ? runtimeNode : process.execPath;
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

/** Under node_modules so that what the bundle leaves to the runtime (SES) resolves, as in Lambda. */
const out = join(repoRoot, 'node_modules/.cache/ecoute-test-bundles', randomBytes(4).toString('hex'));

/**
 * The Lambda runtime in miniature: loads the bundle, then for each JSON line on stdin calls the
 * handler and writes its result (or the error) as one line prefixed by `@@`, apart from the
 * function's own log lines.
 */
const RUNNER = `
import { createInterface } from 'node:readline';
const { handler } = await import(process.argv[2]);
let n = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const context = { awsRequestId: 'req-' + ++n, functionName: 'ecoute-test', getRemainingTimeInMillis: () => 10000 };
  try {
    process.stdout.write('@@' + JSON.stringify({ ok: await handler(JSON.parse(line), context) }) + '\\n');
  } catch (error) {
    process.stdout.write('@@' + JSON.stringify({ error: String(error) }) + '\\n');
  }
}
`;

class LambdaProcess {
  readonly logs: string[] = [];
  /** The API Gateway request ids of the events it was sent, in order. */
  readonly gatewayIds: string[] = [];
  private readonly waiting: ((line: string) => void)[] = [];
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('@@')) this.waiting.shift()?.(line.slice(2));
      else this.logs.push(line);
    });
    createInterface({ input: child.stderr }).on('line', (line) => this.logs.push(line));
  }

  static start(bundle: string, env: Record<string, string>): LambdaProcess {
    const runner = join(out, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const { ECOUTE_QUIET: _quiet, ...inherited } = process.env;
    const child = spawn(node, ['--enable-source-maps', runner, pathToFileURL(bundle).href], {
      env: { PATH: inherited.PATH ?? '', ...env },
    });
    return new LambdaProcess(child);
  }

  invoke<T>(event: unknown): Promise<T> {
    const id = (event as { requestContext?: { requestId?: string } }).requestContext?.requestId;
    if (id) this.gatewayIds.push(id);
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        const answer = JSON.parse(line) as { ok?: T; error?: string };
        if (answer.error) reject(new Error(`${answer.error}\n${this.logs.slice(-5).join('\n')}`));
        else resolve(answer.ok as T);
      });
      this.child.stdin.write(`${JSON.stringify(event)}\n`);
    });
  }

  stop() {
    this.child.stdin.end();
    this.child.kill();
  }
}

interface GatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/** An API Gateway HTTP API event (payload format 2.0), as the stack's integration sends it. */
function gatewayEvent(
  method: string,
  path: string,
  o: { body?: unknown; key?: string; origin?: string; sourceIp?: string; headers?: Record<string, string> } = {},
) {
  const [rawPath = path, rawQueryString = ''] = path.split('?');
  const headers: Record<string, string> = { 'user-agent': 'Mozilla/5.0 (test)', ...o.headers };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  if (o.origin) headers.origin = o.origin;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      domainName: 'abcdef1234.execute-api.eu-west-3.amazonaws.com',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: o.sourceIp ?? '198.51.100.23',
        userAgent: 'Mozilla/5.0 (test)',
      },
      requestId: `gw-${randomBytes(6).toString('hex')}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    isBase64Encoded: false,
  };
}

const table = `bundle-${randomBytes(5).toString('hex')}`;
const bucket = `bundle-${randomBytes(5).toString('hex')}`;
const operatorKey = `operator-${randomBytes(12).toString('hex')}`;
const origin = 'https://www.avignon-tourisme.example';
const sender = 'ne-pas-repondre@avignon.example';
const exportsBucket = `exports-${randomBytes(5).toString('hex')}`;
/** The staff function (every route but the public ones) and the public function. */
let api: LambdaProcess;
let open: LambdaProcess;
/** The staff function again, on a database that never answers. */
let stalled: LambdaProcess;
let hanging: TcpServer;
const held: Socket[] = [];
let nightly: LambdaProcess;
let worker: LambdaProcess;
/** Stands in for SQS: keeps each message the API sends, answering as SQS's JSON protocol does. */
let sqs: Server;
const messages: { MessageBody: string; MessageGroupId?: string; MessageDeduplicationId?: string }[] = [];
/** Stands in for SES: records each SendEmail the API makes and answers as SES v2 does. */
let ses: Server;
/** Each deployed bundle's file, by name. */
const bundleFiles = new Map<string, string>();
const mails: {
  path: string;
  body: { FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; Content?: unknown };
}[] = [];

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const bundles = await Promise.all(
    [
      'functions/lambda.ts',
      'functions/nightly/lambda.ts',
      'functions/work/lambda.ts',
      'functions/public-lambda.ts',
    ].map(async (entry, i) => {
      const outfile = join(out, ['api', 'nightly', 'worker', 'public'][i] ?? '', 'index.mjs');
      await build(esbuildOptions(join(repoRoot, entry), outfile));
      bundleFiles.set(['api', 'nightly', 'worker', 'public'][i] ?? '', outfile);
      return outfile;
    }),
  );
  ses = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      mails.push({ path: req.url ?? '', body: JSON.parse(body || '{}') });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ MessageId: `m-${mails.length}` }));
    });
  });
  await new Promise<void>((resolve) => ses.listen(0, '127.0.0.1', resolve));
  sqs = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { Entries = [] } = JSON.parse(body || '{}') as { Entries?: (typeof messages)[number][] };
      messages.push(...Entries);
      const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(
        JSON.stringify({
          Successful: Entries.map((e, i) => ({
            Id: (e as { Id?: string }).Id ?? String(i),
            MessageId: `m-${messages.length}-${i}`,
            MD5OfMessageBody: md5(e.MessageBody),
          })),
          Failed: [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => sqs.listen(0, '127.0.0.1', resolve));
  const queueUrl = `http://127.0.0.1:${(sqs.address() as AddressInfo).port}/123456789012/ecoute-work.fifo`;
  const db = createDb({ table, endpoint: inject('dynamoEndpoint'), timeoutMs: 10_000 });
  await ensureTable(db);
  await ensureBucket(createReportFiles({ bucket, endpoint: inject('s3Endpoint') }));
  await ensureBucket(createReportFiles({ bucket: exportsBucket, endpoint: inject('s3Endpoint') }));
  // What the stack sets, except that the SDK is pointed at the local stand-ins by AWS's own
  // endpoint variables, and the operator key is given directly instead of its secret's ARN.
  const env = {
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_S3: inject('s3Endpoint'),
    ECOUTE_TABLE: table,
    // What Lambda sets for an instance started on demand (Powertools reports its cold start from it).
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    POWERTOOLS_METRICS_NAMESPACE: 'Ecoute-test',
  };
  // What both API functions get (infra/api.ts); the staff one has the work queue and exports on top.
  const apiEnv = {
    ...env,
    ECOUTE_OPERATOR_KEY: operatorKey,
    ECOUTE_NOTIFY_FROM: sender,
    AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${(ses.address() as AddressInfo).port}`,
    POWERTOOLS_SERVICE_NAME: 'ecoute-api',
    // Every invocation drawn, so every request writes its line, the successes' too (the stack draws 1 %).
    POWERTOOLS_LOGGER_SAMPLE_RATE: '1',
  };
  const staffEnv = {
    ...apiEnv,
    AWS_ENDPOINT_URL_SQS: queueUrl,
    ECOUTE_WORK_QUEUE_URL: queueUrl,
    ECOUTE_EXPORTS_BUCKET: exportsBucket,
  };
  api = LambdaProcess.start(bundles[0]!, staffEnv);
  open = LambdaProcess.start(bundles[3]!, apiEnv);
  // Accepts connections and never answers: storage that hangs, which the request's budget cuts short.
  hanging = createTcpServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  stalled = LambdaProcess.start(bundles[0]!, {
    ...staffEnv,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
    ECOUTE_REQUEST_BUDGET_MS: '300',
  });
  worker = LambdaProcess.start(bundles[2]!, {
    ...env,
    ECOUTE_EXPORTS_BUCKET: exportsBucket,
    ECOUTE_REPORTS_BUCKET: bucket,
    ECOUTE_MAX_RECEIVES: '3',
    POWERTOOLS_SERVICE_NAME: 'ecoute-worker',
  });
  nightly = LambdaProcess.start(bundles[1]!, {
    ...env,
    AWS_ENDPOINT_URL_SQS: queueUrl,
    ECOUTE_WORK_QUEUE_URL: queueUrl,
    POWERTOOLS_SERVICE_NAME: 'ecoute-nightly',
  });
}, 120_000);

afterAll(async () => {
  api?.stop();
  open?.stop();
  stalled?.stop();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => hanging?.close(resolve));
  nightly?.stop();
  worker?.stop();
  await Promise.all([new Promise((resolve) => ses?.close(resolve)), new Promise((resolve) => sqs?.close(resolve))]);
  rmSync(out, { recursive: true, force: true });
});

/** API Gateway's choice: the public function for its routes (`{x}` one path segment), the staff one for the rest. */
const routedTo = (method: string, path: string) => {
  const rawPath = path.split('?')[0] ?? path;
  const matches = (key: string) => {
    const [m, template = ''] = key.split(' ');
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    return m === method && pattern.test(rawPath);
  };
  return publicFunctionRoutes.some(matches) ? open : api;
};

const call = async (method: string, path: string, o: Parameters<typeof gatewayEvent>[2] = {}) => {
  const result = await routedTo(method, path).invoke<GatewayResult>(gatewayEvent(method, path, o));
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};

describe(`the deployed bundles on Node ${nodeVersion}`, () => {
  it(`runs on the Lambda runtime's Node major (${nodeMajor})`, () => {
    // Fails when preflight could not fetch it: then the rest ran on this machine's Node.
    expect(nodeVersion.split('.')[0]).toBe(`v${nodeMajor}`);
  });

  it('ships the public and nightly bundles in ASCII, which Node reads without decoding and V8 parses as one-byte text', () => {
    // One character past U+007F anywhere (a regular expression literal, which esbuild does not
    // escape) and the whole file is decoded as UTF-8 and parsed as two-byte text: about 7 ms more
    // of the public function's cold start, measured on Node 24 against the same bundle escaped.
    // The staff and worker bundles carry the French report pages in tagged templates, which
    // esbuild keeps as written (their raw text is part of their meaning); their starts are rarer.
    for (const name of ['public', 'nightly']) {
      const file = bundleFiles.get(name) ?? '';
      const bytes = readFileSync(file);
      const at = bytes.findIndex((b) => b > 0x7f);
      expect(at < 0 ? '' : `${name}: ${bytes.subarray(Math.max(0, at - 40), at + 20).toString()}`).toBe('');
    }
  });

  it('loads no zod in the public function: its routes validate with zod-free twins of their schemas', () => {
    // zod's core and the schemas it builds were 41 KB and about 16 ms of a visitor's cold start;
    // functions/validation/public-requests.test.ts holds each twin to its zod schema.
    const map = JSON.parse(readFileSync(`${bundleFiles.get('public') ?? ''}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.length).toBeGreaterThan(100);
    expect(map.sources.filter((s) => s.includes('node_modules/zod/') || s.endsWith('analytics/zod.ts'))).toEqual([]);
  });

  let adminKey: string;
  let surveyId: string;
  it('takes a territory and a live survey from API Gateway events', async () => {
    const territory = await call('POST', '/v1/territories', {
      key: operatorKey,
      body: { id: 'avignon', name: 'Avignon', allowedOrigins: [origin], timeZone: 'Europe/Paris' },
    });
    expect(territory.statusCode).toBe(201);
    adminKey = territory.json.adminKey;
    const survey = await call('POST', '/v1/territories/avignon/surveys', { key: adminKey, body: demoSurvey });
    expect(survey.statusCode).toBe(201);
    surveyId = survey.json.id;
    expect(
      (await call('POST', `/v1/surveys/${surveyId}/status`, { key: adminKey, body: { status: 'live' } })).statusCode,
    ).toBe(200);
  });

  it('stores a visitor response once, answers CORS for the territory, and keeps no address', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const body = {
      id: newResponseId(),
      audience: 'visitor',
      locale: 'fr',
      submittedAt: yesterday,
      answers: { recommend: 9, sat_welcome: 4 },
    };
    const first = await call('POST', `/v1/surveys/${surveyId}/responses`, { body, origin });
    expect(first.statusCode).toBe(201);
    expect(first.headers['access-control-allow-origin']).toBe(origin);
    const again = await call('POST', `/v1/surveys/${surveyId}/responses`, { body, origin });
    expect([again.statusCode, again.json.receipt]).toEqual([200, first.json.receipt]);
    expect(
      (await call('POST', `/v1/surveys/${surveyId}/responses`, { body, origin: 'https://elsewhere.example' }))
        .statusCode,
    ).toBe(403);

    const db = createDb({ table, endpoint: inject('dynamoEndpoint'), timeoutMs: 10_000 });
    const items = JSON.stringify((await db.client.send(new ScanCommand({ TableName: table }))).Items);
    expect(items).toContain(body.id);
    expect(items).not.toContain('198.51.100.23');
    expect(items).not.toContain(first.json.receipt);
  });

  it('limits each client by the address API Gateway saw, not by a header the client wrote', async () => {
    const limited = await call('POST', '/v1/territories', {
      key: operatorKey,
      body: { id: 'carpentras', name: 'Carpentras', allowedOrigins: [origin], limits: { submissionsPerMinute: 2 } },
    });
    const key = limited.json.adminKey;
    const id = (await call('POST', '/v1/territories/carpentras/surveys', { key, body: demoSurvey })).json.id;
    await call('POST', `/v1/surveys/${id}/status`, { key, body: { status: 'live' } });
    const send = (sourceIp: string) =>
      call('POST', `/v1/surveys/${id}/responses`, {
        origin,
        sourceIp,
        headers: { 'x-forwarded-for': '203.0.113.99' },
        body: { id: newResponseId(), audience: 'resident', locale: 'fr', answers: { recommend: 7 } },
      });
    const first = [await send('192.0.2.10'), await send('192.0.2.10'), await send('192.0.2.10')].map(
      (r) => r.statusCode,
    );
    expect(first).toEqual([201, 201, 429]);
    expect((await send('192.0.2.11')).statusCode).toBe(201);
  });

  it('refuses bad input in the error shape of docs/api.md, without a stack trace', async () => {
    const bad = await call('POST', `/v1/surveys/${surveyId}/responses`, {
      body: { id: 'x', audience: 'alien', locale: 'fr', answers: {} },
      origin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'validation_failed',
      issues: expect.arrayContaining([expect.objectContaining({ path: 'audience' })]),
    });
    expect(bad.body).not.toMatch(/\bat .+:\d+:\d+/);
    const doc = await call('GET', '/openapi.json');
    expect(doc.json.paths['/v1/surveys/{id}/responses'].post).toBeDefined();
  });

  it('e-mails a resident who consented through SES, which the bundle leaves to the runtime and loads on the first mail', async () => {
    const submitted = await call('POST', '/v1/territories/avignon/suggestions', {
      origin,
      body: {
        category: 'voirie',
        text: 'Un banc cassé place Pie',
        contact: { email: 'habitant@example.org', consent: true },
        website: '',
        elapsedMs: 20_000,
      },
    });
    expect(submitted.statusCode).toBe(201);
    const code = submitted.json.code;
    // The code itself goes by e-mail at once: the resident keeps it even if they close the page.
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      path: '/v2/email/outbound-emails',
      body: { FromEmailAddress: sender, Destination: { ToAddresses: ['habitant@example.org'] } },
    });
    expect(JSON.stringify(mails[0]?.body.Content)).toContain(code);
    // In review tells the resident nothing new; a public answer does.
    expect(
      (await call('PATCH', `/v1/suggestions/${code}`, { key: adminKey, body: { status: 'in_review' } })).statusCode,
    ).toBe(200);
    expect(mails).toHaveLength(1);
    expect(
      (
        await call('PATCH', `/v1/suggestions/${code}`, {
          key: adminKey,
          body: { status: 'answered', answer: 'Le banc sera remplacé.' },
        })
      ).statusCode,
    ).toBe(200);
    expect(mails).toHaveLength(2);
    expect(JSON.stringify(mails[1]?.body.Content)).toContain('Le banc sera remplac');
    expect(api.logs.join('\n')).not.toContain('habitant@example.org');
  });

  it.each([
    ['public', () => open],
    ['staff', () => api],
  ])(
    "%s function: logs one JSON line per request with API Gateway's and Lambda's request ids, and neither addresses nor keys",
    (_, fn) => {
      const lambda = fn();
      const requests = lambda.logs.filter((l) => l.includes('"message":"request"')).map((l) => JSON.parse(l));
      expect(requests.length).toBeGreaterThan(1);
      expect(requests).toHaveLength(lambda.gatewayIds.length);
      requests.forEach((line, i) => {
        expect(line).toMatchObject({
          level: expect.any(String),
          service: 'ecoute-api',
          route: expect.any(String),
          requestId: lambda.gatewayIds[i],
          function_request_id: `req-${i + 1}`,
        });
        expect(line.cold_start).toBe(i === 0);
      });
      const all = lambda.logs.join('\n');
      for (const secret of ['198.51.100.23', '192.0.2.10', operatorKey, adminKey]) expect(all).not.toContain(secret);
    },
  );

  it('sends visitors to the public function: their submissions are logged there, none at the staff one', () => {
    const routes = (lambda: LambdaProcess) =>
      lambda.logs.filter((l) => l.includes('"message":"request"')).map((l) => JSON.parse(l).route as string);
    expect(routes(open)).toContain('/v1/surveys/:id/responses');
    expect(routes(open)).toContain('/v1/territories/:t/suggestions');
    expect(routes(api)).not.toContain('/v1/surveys/:id/responses');
    expect(routes(api)).toContain('/v1/territories');
  });

  it('public function: writes its counters as embedded metric format lines, the territory a property and not a dimension', () => {
    const metrics = open.logs.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
    const accepted = metrics.find((m) => m.ResponsesAccepted === 1);
    expect(accepted).toMatchObject({
      service: 'ecoute-api',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Ecoute-test', Dimensions: [['service']] }] },
    });
    expect(accepted.territory).toEqual(expect.any(String));
  });

  it('staff function: answers 503 in the error shape when storage hangs past the budget, logs it and counts it', async () => {
    const res = await stalled.invoke<GatewayResult>(gatewayEvent('GET', '/v1/territories', { key: operatorKey }));
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'unavailable', issues: [] });
    const lines = stalled.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines.find((l) => l.message === 'request')).toMatchObject({
      service: 'ecoute-api',
      status: 503,
      requestId: stalled.gatewayIds[0],
      cold_start: true,
    });
    expect(lines.find((l) => l.Unavailable === 1)).toMatchObject({
      service: 'ecoute-api',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Ecoute-test', Dimensions: [['service']] }] },
    });
  });

  /** The messages the stand-in for SQS received since `from`, as the worker receives them. */
  const sqsEvent = (from: number) => ({
    Records: messages.slice(from).map((m, i) => ({
      messageId: `msg-${from + i}`,
      body: m.MessageBody,
      attributes: { ApproximateReceiveCount: '1' },
      eventSource: 'aws:sqs',
    })),
  });

  it('dispatches one unit per territory from a Scheduler event, which the worker bundle aggregates', async () => {
    const before = messages.length;
    const dispatched = await nightly.invoke<{ territories: number }>({
      source: 'aws.scheduler',
      'detail-type': 'Scheduled Event',
      detail: {},
    });
    expect(dispatched).toEqual({ territories: 2, skipped: 0, pages: 1 });
    const units = messages.slice(before);
    expect(units.map((m) => m.MessageGroupId).sort()).toEqual(['avignon', 'carpentras']);
    const done = nightly.logs
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'night dispatched');
    expect(done).toMatchObject({
      service: 'ecoute-nightly',
      function_request_id: 'req-1',
      cold_start: true,
      territories: 2,
    });
    expect(await worker.invoke(sqsEvent(before))).toEqual({ batchItemFailures: [] });
    // Every day a response marked: yesterday's visitor in Avignon, today's three in Carpentras.
    const db = createDb({ table, endpoint: inject('dynamoEndpoint'), timeoutMs: 10_000 });
    const items = (await db.client.send(new ScanCommand({ TableName: table }))).Items ?? [];
    const nights = items.filter((i) => i.PK?.S?.startsWith('J#night-') && i.SK?.S === 'META');
    expect(nights.map((i) => [i.territory?.S, i.done?.N, i.responses?.N]).sort()).toEqual([
      ['avignon', '1', '1'],
      ['carpentras', '1', '3'],
    ]);
    const sentBefore = messages.length;
    const report = await call(
      'GET',
      `/v1/surveys/${surveyId}/report?from=${new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
      { key: adminKey },
    );
    expect(report.statusCode).toBe(200);
    expect(JSON.stringify(report.json)).toContain('"n":1');
    // Its day stays marked until the day it arrived on is over: the staff bundle queues it again through SQS.
    const { pendingJob } = report.json as { pendingJob?: { id: string } };
    expect(messages.slice(sentBefore).map((m) => JSON.parse(m.MessageBody))).toEqual([
      expect.objectContaining({ kind: 'days', territory: 'avignon', jobId: pendingJob?.id }),
    ]);
  });

  it('queues an export through SQS (loaded on the first job), which the worker bundle writes to S3 behind a link', async () => {
    const before = messages.length;
    const started = await call('POST', `/v1/surveys/${surveyId}/exports`, { key: adminKey, body: {} });
    expect(started.statusCode).toBe(202);
    expect(messages.slice(before)).toEqual([
      expect.objectContaining({ MessageGroupId: 'avignon', MessageDeduplicationId: expect.any(String) }),
    ]);
    // The queue delivers the message to the worker as an SQS event.
    expect(await worker.invoke(sqsEvent(before))).toEqual({ batchItemFailures: [] });
    const job = await call('GET', started.headers.location ?? '', { key: adminKey });
    expect(job.json).toMatchObject({ status: 'done', rows: 1 });
    const file = await fetch(job.json.url);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\r\n')[0]).toMatch(/^id,surveyId,/);
  });
});
