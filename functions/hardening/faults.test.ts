/**
 * Faults on the real local stack: DynamoDB Local stopped under load (503 in the error shape,
 * promptly; /health answers; after the restart every response the clients kept retrying is
 * stored exactly once), and frozen with its connections open (503 within the timeouts). The nightly job's faults (SIGKILL, S3, full disk) are in
 * nightly-faults.test.ts, a failure between a response's two writes in replay-faults.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalProduct } from '../testing/product.ts';
import { idOf, loadTerritory, newSubmission, post, storedCounts, submitLikeTheWidget, type Sent } from './clients.ts';
import { shapeProblem } from './world.ts';

const CLIENTS = 24;
/** A request must be answered within this while the database is down: its 1.5 s timeout, three attempts and backoff. */
const PROMPT_MS = 8000;

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
  it('answers 503 in the error shape promptly, keeps /health up, and stores every retried response exactly once after the restart', async () => {
    const bodies: string[] = [];
    const firstAnswers: (Sent & { at: number })[] = [];
    let stopping = false;
    // Clients submit without pause; the database is stopped while they do.
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (!stopping || firstAnswers.filter((a) => a.status === 503).length < CLIENTS * 2) {
        const body = newSubmission();
        // Answers come back out of order across clients: each is stored at its own body's index.
        const i = bodies.push(body) - 1;
        firstAnswers[i] = { ...(await post(url, body, 30_000)), at: performance.now() };
        if (firstAnswers.length > 4000) break;
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    stopping = true;
    const stopped = performance.now();
    await product.dynamo.stop();
    await Promise.all(clients);

    const health = await fetch(`${product.apiUrl}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Reads too: 503 promptly (the live definition the widget renders may come from the survey cache: 200).
    for (const [path, key] of [
      [`/v1/surveys/${surveyId}`, undefined],
      [`/v1/surveys/${surveyId}/responses.csv`, adminKey],
      [`/v1/territories/faults/surveys`, adminKey],
    ] as const) {
      const read = await fetch(`${product.apiUrl}${path}`, {
        headers: key ? { authorization: `Bearer ${key}` } : {},
        signal: AbortSignal.timeout(PROMPT_MS),
      });
      const body = await read.json();
      if (read.status !== 200 || key) expect(body.error?.code, path).toBe('unavailable');
    }

    const failed = firstAnswers.filter((a) => a.status !== 201);
    expect(failed.length).toBeGreaterThanOrEqual(CLIENTS * 2);
    for (const a of failed) {
      expect(a.status, JSON.stringify(a.body)).toBe(503);
      expect(shapeProblem({ status: a.status, json: a.body, text: '', headers: new Headers() })).toBeUndefined();
      expect(a.retryAfter).toMatch(/^\d+$/);
      expect(a.ms).toBeLessThan(PROMPT_MS);
    }
    const firstFailure = Math.min(...failed.map((a) => a.at)) - stopped;
    console.info(
      `503 within ${Math.round(Math.max(...failed.map((a) => a.ms)))} ms at most; the first ${Math.round(firstFailure)} ms after the stop began`,
    );

    // The clients keep what was not accepted and send it again, the same id and body, as the widget does.
    const retried = bodies.filter((_, i) => firstAnswers[i]?.status !== 201);
    const restart = product.dynamo.start();
    const outcomes = await Promise.all(
      retried.map((b) => submitLikeTheWidget(url, b, { timeoutMs: 10_000, scale: 0.25, giveUpMs: 90_000 })),
    );
    await restart;
    for (const o of outcomes) expect([200, 201]).toContain(o.final.status);

    const counts = await storedCounts(product.apiUrl, adminKey, surveyId);
    const accepted = bodies.filter(
      (_, i) =>
        firstAnswers[i]?.status === 201 ||
        [200, 201].includes(outcomes[retried.indexOf(bodies[i]!)]?.final.status ?? 0),
    );
    expect(accepted.length).toBe(bodies.length);
    const lost = bodies.filter((b) => counts.get(idOf(b)) !== 1);
    expect(lost).toEqual([]);
    expect(counts.size).toBe(bodies.length);
  });
});

describe('DynamoDB Local frozen (SIGSTOP): connections open, no answer', () => {
  it('answers 503 within the timeouts instead of hanging, and serves again once it thaws', async () => {
    const pids = execFileSync('pgrep', ['-f', `dbPath.${product.dataDir}/dynamodb`], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(pids).toHaveLength(1);
    execFileSync('kill', ['-STOP', pids[0]!]);
    let frozen: Sent[];
    try {
      frozen = await Promise.all(Array.from({ length: 8 }, () => post(url, newSubmission(), 30_000)));
      expect((await fetch(`${product.apiUrl}/health`)).status).toBe(200);
    } finally {
      execFileSync('kill', ['-CONT', pids[0]!]);
    }
    for (const a of frozen) {
      expect(a.status).toBe(503);
      expect(a.ms).toBeLessThan(12_000);
    }
    console.info(`frozen database: 503 after ${Math.round(Math.max(...frozen.map((a) => a.ms)))} ms at most`);
    const thawed = await submitLikeTheWidget(url, newSubmission(), {
      timeoutMs: 10_000,
      scale: 0.25,
      giveUpMs: 30_000,
    });
    expect(thawed.final.status).toBe(201);
  });
});
