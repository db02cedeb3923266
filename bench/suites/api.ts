/**
 * POST /responses end to end over a real socket on the local stack, against DynamoDB Local's
 * raw PutItem rate and against the same database operations the API does per response (through
 * its own stores), called directly and behind a bare route of the same HTTP server, all on one
 * DynamoDB Local instance in one run. The bare route carries the same HTTP work as the API (the
 * clients run in this process too), so the overhead row reads what our app adds alone.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayIn } from '../../analytics/calendar.ts';
import type { StoredResponse } from '../../analytics/questionnaire.ts';
import { createApp } from '../../functions/app.ts';
import { demoSurvey } from '../../functions/local/demo.ts';
import { freePort, startDynamoLocal } from '../../functions/local/stack.ts';
import { buildDeps } from '../../functions/runtime.ts';
import { submissionCaps } from '../../functions/middleware/limits.ts';
import { clientIdentity } from '../../functions/security.ts';
import { createDb, ensureTable, toItem } from '../../functions/store/dynamo.ts';
import type { BenchRow } from '../types.ts';

export const name = 'api';
const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
/** Seconds of each path before any is measured. */
const WARM_SECONDS = 2;
/** Turns the API and the bare route take, SECONDS / 2 each: their few points of difference need more than one turn to settle. */
const ROUNDS = 3;

interface Rate {
  count: number;
  seconds: number;
  perSecond: number;
}

/** CLIENTS loops of `work` for `seconds`. */
async function sustained(work: () => Promise<void>, seconds = SECONDS): Promise<Rate> {
  const until = performance.now() + seconds * 1000;
  let count = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        await work();
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { count, seconds: elapsed, perSecond: count / elapsed };
}

const sum = (rates: Rate[]): Rate => {
  const count = rates.reduce((n, r) => n + r.count, 0);
  const seconds = rates.reduce((n, r) => n + r.seconds, 0);
  return { count, seconds, perSecond: count / seconds };
};

export async function run(): Promise<BenchRow[]> {
  process.env.ECOUTE_QUIET = '1';
  const dir = mkdtempSync(join(tmpdir(), 'ecoute-bench-api-'));
  const dynamo = await startDynamoLocal({ dbPath: dir });
  const db = createDb({ table: 'bench', endpoint: dynamo.endpoint, timeoutMs: 10_000 });
  await ensureTable(db);
  const operatorKey = 'bench-operator-key-0123456789';
  const deps = buildDeps({ table: 'bench', operatorKey, clientAddress: () => '127.0.0.1' }, db);
  const app = createApp(deps);
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const api = `http://127.0.0.1:${port}`;
  try {
    const json = (key: string, body: unknown) => ({
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const territory = (await (
      await fetch(
        `${api}/v1/territories`,
        json(operatorKey, {
          id: 'bench',
          name: 'Bench',
          allowedOrigins: [],
          limits: { submissionsPerMinute: 100_000 },
        }),
      )
    ).json()) as { adminKey: string };
    await fetch(`${api}/v1/territories/bench/surveys`, json(territory.adminKey, { ...demoSurvey, id: 'bench-survey' }));
    await fetch(`${api}/v1/surveys/bench-survey/status`, json(territory.adminKey, { status: 'live' }));
    const answers = {
      recommend: 9,
      sat_welcome: 4,
      sat_heritage: 5,
      img_place: 6,
      origin: 'france',
      comment: 'Très bel accueil',
    };
    const body = () => JSON.stringify({ id: crypto.randomUUID(), audience: 'visitor', locale: 'fr', answers });

    let failures = 0;
    /** One POST of a new response to `url`, as the widget sends it. */
    const post = (url: string) => async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
      if (res.status !== 201) failures++;
      await res.arrayBuffer();
    };
    const apiPost = post(`${api}/v1/surveys/bench-survey/responses`);

    const item = () => ({
      PK: `R#${crypto.randomUUID()}`,
      SK: 'R',
      GSI1PK: `D#raw#2026-11-23#${Math.floor(Math.random() * 4)}`,
      GSI1SK: 'x',
      data: body(),
    });
    const rawPut = async () => {
      await db.client.send(new PutItemCommand({ TableName: 'bench', Item: toItem(item()) }));
    };

    // What the API asks of the database per response: the limit window's counter (the closed
    // minute is read once per client and minute), the conditional put. The day's dirty mark is
    // written once per survey-day and instance, not per response (store/responses-public.ts).
    const caps = submissionCaps(deps, await deps.stores.territories.get('bench'));
    const sameDbOps = async () => {
      // Through the stores the route calls, so the items, expressions and conditions are the API's own.
      const submittedAt = new Date();
      const client = clientIdentity(deps.config.secret, '127.0.0.1', dayIn(submittedAt, 'UTC'));
      await deps.stores.rateLimits.hit(client, caps, submittedAt.getTime());
      const stored: StoredResponse = {
        id: crypto.randomUUID(),
        surveyId: 'bench-survey-ops',
        version: 1,
        audience: 'visitor',
        locale: 'fr',
        channel: 'web',
        submittedAt: submittedAt.toISOString(),
        day: dayIn(submittedAt, 'Europe/Paris'),
        answers,
      };
      await deps.stores.responses.put(stored, 'bench', 'bench', async () => 'bench');
    };

    // The same operations behind a bare route of the same HTTP server, driven by the same clients
    // in this process: what the API adds on top of HTTP and its database work is our app alone.
    const bare = new Hono().post('/ops', async (c) => {
      await c.req.json();
      await sameDbOps();
      return c.json({ ok: true }, 201);
    });
    const barePort = await freePort();
    const bareServer = serve({ fetch: bare.fetch, port: barePort, hostname: '127.0.0.1' });
    const barePost = post(`http://127.0.0.1:${barePort}/ops`);
    let viaApi: Rate;
    let overHttp: Rate;
    let raw: Rate;
    let sameOps: Rate;
    try {
      // DynamoDB Local's JVM and V8 compile as they go, so whichever path ran first ran slower:
      // every path is warmed first, then the API and the bare route take turns.
      for (const work of [apiPost, barePost, rawPut, sameDbOps]) await sustained(work, WARM_SECONDS);
      failures = 0;
      const apiRounds: Rate[] = [];
      const bareRounds: Rate[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        apiRounds.push(await sustained(apiPost, SECONDS / 2));
        bareRounds.push(await sustained(barePost, SECONDS / 2));
      }
      [viaApi, overHttp] = [sum(apiRounds), sum(bareRounds)];
      raw = await sustained(rawPut);
      sameOps = await sustained(sameDbOps);
    } finally {
      bareServer.close();
    }

    const overhead = 1 - viaApi.perSecond / overHttp.perSecond;
    const overheadWithHttp = 1 - viaApi.perSecond / sameOps.perSecond;
    return [
      {
        id: 'api.per-second',
        metric: 'POST /responses end to end (16 clients)',
        value: viaApi.perSecond,
        unit: 'responses/s',
      },
      {
        id: 'api.failures',
        metric: 'POSTs that failed (the API and the bare route, measured rounds)',
        value: failures,
        unit: 'requests',
        goal: '0',
        ok: failures === 0,
      },
      { id: 'api.raw-put-per-second', metric: 'DynamoDB Local raw PutItem', value: raw.perSecond, unit: 'puts/s' },
      {
        id: 'api.vs-raw-put',
        metric: 'API ÷ raw PutItem',
        value: viaApi.perSecond / raw.perSecond,
        unit: 'ratio',
        goal: '≥ 0.9 (API ≤ 10 % on top)',
        ok: viaApi.perSecond / raw.perSecond >= 0.9,
      },
      {
        id: 'api.same-ops-per-second',
        metric: "the API's own DB operations done directly",
        value: sameOps.perSecond,
        unit: 'responses/s',
      },
      {
        id: 'api.same-ops-over-http-per-second',
        metric: 'the same DB operations behind a bare route of the same HTTP server',
        value: overHttp.perSecond,
        unit: 'responses/s',
      },
      {
        id: 'api.overhead-with-http-pct',
        metric: 'API and HTTP (server and clients, one process) on top of its DB operations',
        value: overheadWithHttp * 100,
        unit: '%',
      },
      {
        id: 'api.overhead-pct',
        metric: 'API overhead on top of its DB operations behind a bare route (our app alone)',
        value: overhead * 100,
        unit: '%',
        goal: '≤ 10 %',
        ok: overhead <= 0.1,
      },
    ];
  } finally {
    server.close();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
