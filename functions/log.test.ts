/**
 * The log lines as an operator searches them: Powertools Logger's keys, the request's id on
 * every line of the request, Lambda's ids and cold start, and debug lines only from the sampled
 * invocations. The logger reads its settings at start-up, so each case loads log.ts afresh.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from './testing/logs.ts';

const output: string[] = [];
const lines = () =>
  output
    .flatMap((chunk) => chunk.split('\n'))
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function freshLog(env: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.resetModules();
  return import('./log.ts');
}

beforeEach(() => {
  output.length = 0;
  vi.stubEnv('ECOUTE_QUIET', '0');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'ecoute-api');
  captureLogs(output);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const lambdaContext = (n: number) => ({
  awsRequestId: `req-${n}`,
  functionName: 'ecoute-test',
  memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-3:123456789012:function:ecoute-test',
  functionVersion: '$LATEST',
});

describe('log', () => {
  it("writes Powertools' keys, the fields given, and the request id of withLogContext on each line", async () => {
    const { log, withLogContext } = await freshLog();
    await withLogContext({ requestId: 'gw-1' }, async () => {
      log('info', 'request', { status: 201 });
      await Promise.resolve();
      log('error', 'request failed', { code: 'unavailable' });
    });
    log('warn', 'outside');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request',
        service: 'ecoute-api',
        requestId: 'gw-1',
        status: 201,
      }),
      expect.objectContaining({ level: 'ERROR', message: 'request failed', requestId: 'gw-1', code: 'unavailable' }),
      expect.objectContaining({ level: 'WARN', message: 'outside' }),
    ]);
    expect(lines()[2]).not.toHaveProperty('requestId');
    expect(lines()[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("marks the first invocation of an instance as its cold start, and each line with Lambda's request id", async () => {
    // Lambda's own variable: Powertools reports a cold start only where it says on-demand.
    const { log, withInvocationLogs } = await freshLog({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
    const handler = withInvocationLogs(async (_event: unknown) => log('info', 'work'));
    await handler({}, lambdaContext(1));
    await handler({}, lambdaContext(2));
    expect(lines().map((l) => [l.function_request_id, l.cold_start])).toEqual([
      ['req-1', true],
      ['req-2', false],
    ]);
    // What the log group already says is not repeated on every line (CloudWatch bills the bytes).
    for (const key of ['function_name', 'function_arn', 'function_memory_size', 'sampling_rate'])
      expect(lines()[0]).not.toHaveProperty(key);
  });

  it('writes debug lines only for the invocations drawn by the sample rate, and says the rate', async () => {
    // As deployed: Lambda's level at DEBUG (a filter that lets sampled lines pass), Logger's at INFO.
    const deployed = { AWS_LAMBDA_LOG_LEVEL: 'DEBUG', POWERTOOLS_LOG_LEVEL: 'INFO' };
    const never = await freshLog({ ...deployed, POWERTOOLS_LOGGER_SAMPLE_RATE: '0' });
    await never.withInvocationLogs(async () => never.log('debug', 'detail'))({}, lambdaContext(1));
    expect(lines().filter((l) => l.message === 'detail')).toEqual([]);
    const always = await freshLog({ ...deployed, POWERTOOLS_LOGGER_SAMPLE_RATE: '1' });
    await always.withInvocationLogs(async () => always.log('debug', 'detail'))({}, lambdaContext(1));
    expect(lines().filter((l) => l.message === 'detail')).toEqual([
      expect.objectContaining({ level: 'DEBUG', sampling_rate: 1, function_request_id: 'req-1' }),
    ]);
  });

  it("writes a request's one line for every failure, and for a success only when sampled, with what the app added", async () => {
    const deployed = { AWS_LAMBDA_LOG_LEVEL: 'DEBUG', POWERTOOLS_LOG_LEVEL: 'INFO' };
    const request = (m: Awaited<ReturnType<typeof freshLog>>, status: number, work = () => {}) =>
      m.withInvocationLogs(async () =>
        m.withRequestLog({ requestId: `gw-${status}` }, async () => {
          work();
          m.addToRequestLine({ surveyId: 's-1' });
          m.requestLine(status, { route: '/v1/surveys/:id/responses', status });
        }),
      )({}, lambdaContext(status));
    const never = await freshLog({ ...deployed, POWERTOOLS_LOGGER_SAMPLE_RATE: '0' });
    await request(never, 201);
    await request(never, 429);
    await request(never, 503);
    await request(never, 202, () => never.log('warn', 'suggestion notification failed'));
    expect(lines().map((l) => [l.message, l.level, l.status])).toEqual([
      ['request', 'INFO', 429],
      ['request', 'ERROR', 503],
      ['suggestion notification failed', 'WARN', undefined],
      ['request', 'INFO', 202],
    ]);
    expect(lines()[0]).toMatchObject({ requestId: 'gw-429', surveyId: 's-1' });
    expect(lines()[0]).not.toHaveProperty('line');
    output.length = 0;
    const always = await freshLog({ ...deployed, POWERTOOLS_LOGGER_SAMPLE_RATE: '1' });
    await request(always, 201);
    expect(lines().filter((l) => l.message === 'request')).toEqual([
      expect.objectContaining({
        message: 'request',
        level: 'DEBUG',
        status: 201,
        surveyId: 's-1',
        requestId: 'gw-201',
      }),
    ]);
  });

  it('is silent with ECOUTE_LOG=off, and keeps only errors with ECOUTE_QUIET=1, read at each call', async () => {
    const { log } = await freshLog();
    vi.stubEnv('ECOUTE_QUIET', '1');
    log('info', 'quiet');
    log('error', 'loud');
    vi.stubEnv('ECOUTE_LOG', 'off');
    log('error', 'off');
    expect(lines().map((l) => l.message)).toEqual(['loud']);
  });
});
