/**
 * POST /responses end to end over a real socket on the local stack, against DynamoDB Local's
 * raw PutItem rate and against the same database operations the API does per response, all
 * on one DynamoDB Local instance in one run.
 */
import { serve } from '@hono/node-server';
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/app.ts';
import { demoSurvey } from '../../functions/local/demo.ts';
import { freePort, startDynamoLocal } from '../../functions/local/stack.ts';
import { buildDeps } from '../../functions/runtime.ts';
import { createDb, ensureTable, toItem } from '../../functions/store/dynamo.ts';
import type { BenchRow } from '../types.ts';

export const name = 'api';
const CLIENTS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

async function sustained(work: () => Promise<void>): Promise<{ perSecond: number; count: number }> {
  const until = performance.now() + SECONDS * 1000;
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
  return { perSecond: count / ((performance.now() - started) / 1000), count };
}

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
    const viaApi = await sustained(async () => {
      const res = await fetch(`${api}/v1/surveys/bench-survey/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(),
      });
      if (res.status !== 201) failures++;
      await res.arrayBuffer();
    });

    const item = () => ({
      PK: `R#${crypto.randomUUID()}`,
      SK: 'R',
      GSI1PK: `D#raw#2026-11-23#${Math.floor(Math.random() * 4)}`,
      GSI1SK: 'x',
      data: body(),
    });
    const raw = await sustained(async () => {
      await db.client.send(new PutItemCommand({ TableName: 'bench', Item: toItem(item()) }));
    });

    // What the API asks of the database per response: the limit window's counter (the closed
    // minute is read once per client and minute), the conditional put. The day's dirty mark is
    // written once per survey-day and instance, not per response (store/responses.ts).
    const sameOps = await sustained(async () => {
      const minute = Math.floor(Date.now() / 60_000);
      await db.client.send(
        new UpdateItemCommand({
          TableName: 'bench',
          Key: toItem({ PK: 'RL#raw#c', SK: String(minute) }),
          UpdateExpression: 'ADD hits :one',
          ExpressionAttributeValues: toItem({ ':one': 1 }),
        }),
      );
      await db.client.send(
        new PutItemCommand({
          TableName: 'bench',
          Item: toItem(item()),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    });

    const overhead = 1 - viaApi.perSecond / sameOps.perSecond;
    return [
      { metric: 'POST /responses end to end (16 clients)', value: viaApi.perSecond, unit: 'responses/s' },
      { metric: 'POST /responses that failed', value: failures, unit: 'requests', goal: '0', ok: failures === 0 },
      { metric: 'DynamoDB Local raw PutItem', value: raw.perSecond, unit: 'puts/s' },
      {
        metric: 'API ÷ raw PutItem',
        value: viaApi.perSecond / raw.perSecond,
        unit: 'ratio',
        goal: '≥ 0.9 (API ≤ 10 % on top)',
        ok: viaApi.perSecond / raw.perSecond >= 0.9,
      },
      { metric: "the API's own DB operations done directly", value: sameOps.perSecond, unit: 'responses/s' },
      {
        metric: 'API overhead on top of its DB operations',
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
