/**
 * A request's time budget for the database, against a database that never answers: a local TCP
 * server that accepts connections and stays silent, as a frozen endpoint does. Each attempt is
 * given a minute (the SDK's own timeout), far past the test's own limit, so only the budget
 * can end these requests: without it the tests time out.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { deploymentSettings } from '../public-runtime.ts';
import { buildDeps } from '../runtime.ts';
import { errorShapeProblem } from '../testing/error-shape.ts';
import { LocalWorkQueue } from '../work/queue.ts';
import { OutOfTimeError, remainingMs, withDeadline } from './deadline.ts';
import { createDb, toItem } from './dynamo.ts';

const NEVER_MS = 60_000;
/** Small, so the tests are quick; the default is 8 s. */
const BUDGET_MS = 300;

let server: Server;
let endpoint: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const getItem = () => new GetItemCommand({ TableName: 'stalled', Key: toItem({ PK: 'a', SK: 'b' }) });

describe('a request whose database does not answer', () => {
  it('is answered 503 in the error shape, with Retry-After, once its budget is spent', {
    timeout: 20_000,
  }, async () => {
    const app = createApp(
      buildDeps({
        table: 'stalled',
        operatorKey: 'operator-key-of-the-stalled-test',
        dynamoEndpoint: endpoint,
        dbTimeoutMs: NEVER_MS,
        requestBudgetMs: BUDGET_MS,
        clientAddress: () => '203.0.113.9',
      }),
    );
    const answer = await app.request('/v1/surveys/une-enquete');
    const body = await answer.json();
    expect(answer.status).toBe(503);
    expect(errorShapeProblem(answer.status, body)).toBeUndefined();
    expect(body).toMatchObject({ error: { code: 'unavailable', issues: [] } });
    expect(answer.headers.get('retry-after')).toBe('5');
  });

  it('spends one budget over all its calls: a call after the deadline is not even tried', {
    timeout: 20_000,
  }, async () => {
    const db = createDb({ table: 'stalled', endpoint, timeoutMs: NEVER_MS });
    await withDeadline(BUDGET_MS, async () => {
      const first = await db.client.send(getItem()).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(OutOfTimeError);
      // The attempt under way was aborted at the deadline (and not retried: the error is ours).
      expect((first as Error).cause).toMatchObject({ name: 'AbortError' });
      const second = await db.client.send(getItem()).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(OutOfTimeError);
      expect((second as Error).cause).toBeUndefined();
    });
  });
});

describe('outside a request (the nightly job, the worker)', () => {
  it('leaves calls to the SDK’s own timeout and retries', { timeout: 20_000 }, async () => {
    const db = createDb({ table: 'stalled', endpoint, timeoutMs: 100 });
    const error = await db.client.send(getItem()).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(OutOfTimeError);
    expect(error).toMatchObject({ name: 'TimeoutError', $metadata: { attempts: 3 } });
  });
});

describe('work a request hands to the local queue', () => {
  it('runs without the request’s deadline, as the worker does on AWS', async () => {
    const seen: (number | undefined)[] = [];
    const queue = new LocalWorkQueue({ concurrency: 1, maxAttempts: 1, retryDelayMs: 1 }).serve(async () => {
      seen.push(remainingMs());
    });
    await withDeadline(BUDGET_MS, async () => {
      expect(remainingMs()).toBeGreaterThan(0);
      await queue.enqueue([
        { kind: 'export', territory: 'nimes', surveyId: 's', from: '2026-01-01', to: '2026-01-31', jobId: 'j' },
      ]);
    });
    await queue.drain();
    expect(seen).toEqual([undefined]);
  });
});

describe('the budget a deployment gives', () => {
  it('is read from ECOUTE_REQUEST_BUDGET_MS, which the stack sets, and a wrong value stops the start', () => {
    expect(deploymentSettings({ ECOUTE_REQUEST_BUDGET_MS: '8000' }).requestBudgetMs).toBe(8000);
    expect(deploymentSettings({})).not.toHaveProperty('requestBudgetMs');
    expect(() => deploymentSettings({ ECOUTE_REQUEST_BUDGET_MS: 'soon' })).toThrow(/ECOUTE_REQUEST_BUDGET_MS/);
  });
});
