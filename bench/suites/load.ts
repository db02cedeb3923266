/**
 * Sustained submissions over a real socket on DynamoDB Local (on disk, as `npm start` runs it):
 * 32 clients for LOAD_SECONDS (20 by default), then every accepted response counted in the
 * CSV export (exactly once each). Three runs: plain clients; clients following the widget's
 * outbox rules (survey-widget/src/retry.ts) with a short timeout, so many give up on requests
 * the server still completes and send them again; the same with DynamoDB Local stopped for
 * 5 s in the middle (time to the first 503, the slowest 503, responses lost after recovery),
 * and frozen for 5 s (SIGSTOP: only the timeouts end the requests).
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/app.ts';
import { idOf, loadTerritory, newSubmission, post, storedCounts } from '../../functions/hardening/clients.ts';
import { freePort, startDynamoLocal } from '../../functions/local/stack.ts';
import { buildDeps } from '../../functions/runtime.ts';
import { createDb, ensureTable } from '../../functions/store/dynamo.ts';
import { enqueue, settle, type Pending } from '../../survey-widget/src/retry.ts';
import type { BenchRow } from '../types.ts';

export const name = 'load';
const CLIENTS = 32;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const OUTAGE_MS = 5000;
const DRAIN_MS = 120_000;

interface Run {
  created: string[];
  delivered: Set<string>;
  latencies: number[];
  statuses: Record<number, number>;
  answers503: { at: number; ms: number }[];
  elapsedS: number;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CLIENTS clients submitting one response after another; with `widget`, each is kept and retried as the outbox does. */
async function drive(url: string, o: { widget: boolean; timeoutMs: number }): Promise<Run> {
  const run: Run = { created: [], delivered: new Set(), latencies: [], statuses: {}, answers503: [], elapsedS: 0 };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const attempt = async (body: string) => {
    const sent = await post(url, body, o.timeoutMs);
    run.statuses[sent.status] = (run.statuses[sent.status] ?? 0) + 1;
    if (sent.status !== 0) run.latencies.push(sent.ms);
    if (sent.status === 503) run.answers503.push({ at: performance.now(), ms: sent.ms });
    if (sent.status === 200 || sent.status === 201) run.delivered.add(idOf(body));
    return sent;
  };
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const body = newSubmission();
        const id = idOf(body);
        run.created.push(id);
        if (!o.widget) {
          await attempt(body);
          continue;
        }
        let queue: Pending[] = enqueue([], { id, url, body, created: Date.now(), attempts: 0, due: Date.now() });
        while (queue.length && performance.now() < until + DRAIN_MS) {
          const sent = await attempt(body);
          queue = settle(queue, id, { status: sent.status, retryAfter: sent.retryAfter }, Date.now(), Math.random());
          if (queue[0]) await sleep(Math.max(0, queue[0].due - Date.now()));
        }
      }
    }),
  );
  run.elapsedS = (performance.now() - started) / 1000;
  return run;
}

async function figures(key: string, label: string, run: Run, counts: Map<string, number>): Promise<BenchRow[]> {
  const storedTwice = [...counts.values()].filter((n) => n > 1).length;
  const lost = [...run.delivered].filter((id) => counts.get(id) !== 1).length;
  const neverDelivered = run.created.filter((id) => !run.delivered.has(id)).length;
  const failed = Object.entries(run.statuses)
    .filter(([s]) => !['200', '201'].includes(s))
    .reduce((n, [, c]) => n + c, 0);
  return [
    {
      id: `load.${key}-per-second`,
      metric: `${label}: responses stored per second`,
      value: run.delivered.size / run.elapsedS,
      unit: 'responses/s',
    },
    {
      id: `load.${key}-p50-ms`,
      metric: `${label}: latency p50 of answered requests`,
      value: percentile(run.latencies, 50),
      unit: 'ms',
    },
    {
      id: `load.${key}-p99-ms`,
      metric: `${label}: latency p99 of answered requests`,
      value: percentile(run.latencies, 99),
      unit: 'ms',
    },
    {
      id: `load.${key}-not-2xx`,
      metric: `${label}: attempts not 2xx (timeouts, 503)`,
      value: failed,
      unit: 'requests',
    },
    {
      id: `load.${key}-timeouts`,
      metric: `${label}: client timeouts / replays answered 200`,
      value: run.statuses[0] ?? 0,
      unit: `/ ${run.statuses[200] ?? 0}`,
    },
    {
      id: `load.${key}-not-exactly-once`,
      metric: `${label}: accepted responses not stored exactly once`,
      value: lost + storedTwice,
      unit: 'responses',
      goal: '0',
      ok: lost + storedTwice === 0,
    },
    {
      id: `load.${key}-never-delivered`,
      metric: `${label}: responses never delivered`,
      value: neverDelivered,
      unit: 'responses',
      goal: '0',
      ok: neverDelivered === 0,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  process.env.ECOUTE_QUIET = '1';
  const dir = mkdtempSync(join(tmpdir(), 'ecoute-bench-load-'));
  let dynamo = await startDynamoLocal({ dbPath: dir });
  const db = createDb({ table: 'load', endpoint: dynamo.endpoint, timeoutMs: 1500 });
  await ensureTable(db);
  const operatorKey = 'bench-operator-key-0123456789';
  const app = createApp(
    buildDeps({ table: 'load', operatorKey, clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown' }, db),
  );
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const api = `http://127.0.0.1:${port}`;
  const rows: BenchRow[] = [];
  try {
    const plain = await loadTerritory(api, operatorKey, 'load-plain');
    const first = await drive(`${api}/v1/surveys/${plain.surveyId}/responses`, { widget: false, timeoutMs: 30_000 });
    const every = first.created.length;
    rows.push({
      id: 'load.sent',
      metric: `${CLIENTS} clients × ${SECONDS} s: responses sent`,
      value: every,
      unit: 'responses',
    });
    rows.push(
      ...(await figures('plain', 'plain clients', first, await storedCounts(api, plain.adminKey, plain.surveyId))),
    );
    // Give up on the slower half of requests: the server often completes them anyway, and the retry is a replay.
    const timeoutMs = Math.max(5, Math.round(percentile(first.latencies, 50)));

    const retrying = await loadTerritory(api, operatorKey, 'load-retry');
    const second = await drive(`${api}/v1/surveys/${retrying.surveyId}/responses`, { widget: true, timeoutMs });
    rows.push({
      id: 'load.retries-timeout-ms',
      metric: "widget's retries: client timeout (the plain run's p50)",
      value: timeoutMs,
      unit: 'ms',
    });
    rows.push(
      ...(await figures(
        'retries',
        "widget's retries",
        second,
        await storedCounts(api, retrying.adminKey, retrying.surveyId),
      )),
    );

    const faulty = await loadTerritory(api, operatorKey, 'load-fault');
    let stoppedAt = 0;
    const outage = (async () => {
      await sleep((SECONDS * 1000) / 3);
      stoppedAt = performance.now();
      await dynamo.stop();
      await sleep(OUTAGE_MS);
      dynamo = await startDynamoLocal({ dbPath: dir, port: dynamo.port });
    })();
    const third = await drive(`${api}/v1/surveys/${faulty.surveyId}/responses`, { widget: true, timeoutMs: 30_000 });
    await outage;
    const after = third.answers503.filter((a) => a.at >= stoppedAt);
    const toFirst503 = after.length ? Math.min(...after.map((a) => a.at)) - stoppedAt : NaN;
    const slowest503 = Math.max(0, ...third.answers503.map((a) => a.ms));
    rows.push({
      id: 'load.stopped-first-503-ms',
      metric: 'DynamoDB stopped: time to the first 503',
      value: toFirst503,
      unit: 'ms',
      goal: '≤ 5000',
      ok: toFirst503 <= 5000,
    });
    rows.push({
      id: 'load.stopped-slowest-503-ms',
      metric: 'DynamoDB stopped: slowest 503',
      value: slowest503,
      unit: 'ms',
      goal: '≤ 8000 (no hung request)',
      ok: slowest503 <= 8000,
    });
    rows.push({
      id: 'load.stopped-503',
      metric: 'DynamoDB stopped: 503 answers',
      value: third.answers503.length,
      unit: 'requests',
    });
    rows.push(
      ...(await figures(
        'stopped',
        'DynamoDB stopped 5 s',
        third,
        await storedCounts(api, faulty.adminKey, faulty.surveyId),
      )),
    );

    // Frozen rather than stopped: connections stay open and nothing answers, so only the timeouts end the requests.
    const frozen = await loadTerritory(api, operatorKey, 'load-frozen');
    const freeze = (async () => {
      await sleep((SECONDS * 1000) / 3);
      dynamo.process.kill('SIGSTOP');
      await sleep(OUTAGE_MS);
      dynamo.process.kill('SIGCONT');
    })();
    const fourth = await drive(`${api}/v1/surveys/${frozen.surveyId}/responses`, { widget: true, timeoutMs: 30_000 });
    await freeze;
    const slowestFrozen = Math.max(0, ...fourth.answers503.map((a) => a.ms));
    rows.push({
      id: 'load.frozen-slowest-503-ms',
      metric: 'DynamoDB frozen (SIGSTOP): slowest 503',
      value: slowestFrozen,
      unit: 'ms',
      goal: '≤ 8000 (no hung request)',
      ok: slowestFrozen <= 8000,
    });
    rows.push(
      ...(await figures(
        'frozen',
        'DynamoDB frozen 5 s',
        fourth,
        await storedCounts(api, frozen.adminKey, frozen.surveyId),
      )),
    );
    return rows;
  } finally {
    server.close();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
