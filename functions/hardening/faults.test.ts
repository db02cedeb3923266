/**
 * Faults on the real local stack: DynamoDB Local stopped under load (503 in the error shape
 * rather than no answer; /health answers; after the restart every response the clients kept
 * retrying is stored exactly once), and frozen with its connections open (503 within the
 * timeouts, not a hang). How fast those 503 come is a figure of `npm run bench -- load`, never
 * a check here. The nightly job's faults (SIGKILL, S3, full disk) are in nightly-faults.test.ts,
 * a failure between a response's two writes in replay-faults.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalProduct } from '../testing/product.ts';
import { idOf, loadTerritory, newSubmission, post, storedCounts, submitLikeTheWidget, type Sent } from './clients.ts';
import { shapeProblem } from './world.ts';

const CLIENTS = 24;
/**
 * How long a client waits before it counts a request as unanswered (status 0). Far past the
 * product's own limit (1.5 s per call, three attempts and backoff): it tells a 503 from a hang.
 */
const NO_ANSWER_MS = 30_000;
/** How long the clients keep retrying after the restart; the test's own timeout leaves room for it. */
const RETRY_BUDGET_MS = 90_000;
/**
 * Accepted: 201, or 200 when the database stored the first attempt of a PutItem that outlived
 * its timeout and the SDK's retry found it there (the client's id makes that safe).
 */
const stored = (a: Sent | undefined) => a?.status === 201 || a?.status === 200;

let product: Awaited<ReturnType<typeof startLocalProduct>>;
let adminKey: string;
let url: string;
let surveyId: string;

beforeAll(async () => {
  product = await startLocalProduct({ dbTimeoutMs: 1500 });
  ({ adminKey, surveyId } = await loadTerritory(product.apiUrl, product.operatorKey, 'faults'));
  url = `${product.apiUrl}/v1/surveys/${surveyId}/responses`;
});
afterAll(async () => product?.stop());

describe('DynamoDB Local stopped in the middle of submissions', () => {
  it(
    'answers 503 in the error shape, keeps /health up, and stores every retried response exactly once after the restart',
    async () => {
      const bodies: string[] = [];
      const firstAnswers: Sent[] = [];
      let stopping = false;
      let warmedUp: () => void = () => undefined;
      const underLoad = new Promise<void>((r) => (warmedUp = r));
      // Clients submit without pause; the database is stopped while they do.
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (!stopping || firstAnswers.filter((a) => a.status === 503).length < CLIENTS * 2) {
          const body = newSubmission();
          // Answers come back out of order across clients: each is stored at its own body's index.
          const i = bodies.push(body) - 1;
          firstAnswers[i] = await post(url, body, NO_ANSWER_MS);
          if (firstAnswers.filter(Boolean).length >= CLIENTS * 2) warmedUp();
          if (firstAnswers.length > 4000) break;
        }
      });
      // Stop the database once the clients are in their stride: twice as many answers as clients.
      await underLoad;
      stopping = true;
      await product.dynamo.stop();
      await Promise.all(clients);

      const health = await fetch(`${product.apiUrl}/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      // Reads too: 503 (the live definition the widget renders may come from the survey cache: 200).
      for (const [path, key] of [
        [`/v1/surveys/${surveyId}`, undefined],
        [`/v1/surveys/${surveyId}/responses.csv`, adminKey],
        [`/v1/territories/faults/surveys`, adminKey],
      ] as const) {
        const read = await fetch(`${product.apiUrl}${path}`, {
          headers: key ? { authorization: `Bearer ${key}` } : {},
          signal: AbortSignal.timeout(NO_ANSWER_MS),
        });
        const body = await read.json();
        if (read.status !== 200 || key) expect(body.error?.code, path).toBe('unavailable');
      }

      const failed = firstAnswers.filter((a) => !stored(a));
      expect(failed.length).toBeGreaterThanOrEqual(CLIENTS * 2);
      for (const a of failed) {
        expect(a.status, JSON.stringify(a.body)).toBe(503);
        expect(shapeProblem({ status: a.status, json: a.body, text: '', headers: new Headers() })).toBeUndefined();
        expect(a.retryAfter).toMatch(/^\d+$/);
      }

      // The clients keep what was not accepted and send it again, the same id and body, as the widget does.
      const retried = bodies.filter((_, i) => !stored(firstAnswers[i]));
      const restart = product.dynamo.start();
      const outcomes = await Promise.all(
        retried.map((b) => submitLikeTheWidget(url, b, { timeoutMs: 10_000, scale: 0.25, giveUpMs: RETRY_BUDGET_MS })),
      );
      await restart;
      for (const o of outcomes) expect([200, 201]).toContain(o.final.status);

      const counts = await storedCounts(product.apiUrl, adminKey, surveyId);
      const accepted = bodies.filter(
        (_, i) =>
          stored(firstAnswers[i]) || [200, 201].includes(outcomes[retried.indexOf(bodies[i]!)]?.final.status ?? 0),
      );
      expect(accepted.length).toBe(bodies.length);
      const lost = bodies.filter((b) => counts.get(idOf(b)) !== 1);
      expect(lost).toEqual([]);
      expect(counts.size).toBe(bodies.length);
    },
    RETRY_BUDGET_MS + 90_000,
  );
});

describe('DynamoDB Local frozen (SIGSTOP): connections open, no answer', () => {
  it(
    'answers 503 within the timeouts instead of hanging, and serves again once it thaws',
    async () => {
      const pids = execFileSync('pgrep', ['-f', `dbPath ${product.dataDir}/dynamodb`], { encoding: 'utf8' })
        .trim()
        .split('\n');
      expect(pids).toHaveLength(1);
      execFileSync('kill', ['-STOP', pids[0]!]);
      let frozen: Sent[];
      try {
        frozen = await Promise.all(Array.from({ length: 8 }, () => post(url, newSubmission(), NO_ANSWER_MS)));
        expect((await fetch(`${product.apiUrl}/health`)).status).toBe(200);
      } finally {
        execFileSync('kill', ['-CONT', pids[0]!]);
      }
      // A hang would be status 0: no answer within NO_ANSWER_MS.
      for (const a of frozen) expect(a.status).toBe(503);
      const thawed = await submitLikeTheWidget(url, newSubmission(), {
        timeoutMs: 10_000,
        scale: 0.25,
        giveUpMs: 30_000,
      });
      expect(thawed.final.status).toBe(201);
    },
    2 * NO_ANSWER_MS + 60_000,
  );
});
