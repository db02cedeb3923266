/**
 * The fuzzing of functions/hardening/fuzz.test.ts at full size: FUZZ_TOTAL (10 000 by default)
 * hostile requests spread over every endpoint of /openapi.json, in-process on DynamoDB Local.
 * Counts the inputs, the ones that broke the contract (a 5xx, a 2xx, a broken error shape),
 * what was stored meanwhile and whether the server stayed healthy.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/app.ts';
import fc from 'fast-check';
import { fuzzEndpoint, sendCase, withExtraFields } from '../../functions/hardening/fuzzing.ts';
import { countItems, createWorld, endpointsOf, send } from '../../functions/hardening/world.ts';
import { startDynamoLocal, startS3Local } from '../../functions/local/stack.ts';
import { startLocalWork } from '../../functions/local/work.ts';
import { createStores } from '../../functions/deps.ts';
import { buildDeps } from '../../functions/runtime.ts';
import { createDb, ensureTable } from '../../functions/store/dynamo.ts';
import type { BenchRow } from '../types.ts';

export const name = 'fuzz';
const TOTAL = Number(process.env.FUZZ_TOTAL ?? 10_000);

export async function run(): Promise<BenchRow[]> {
  process.env.ECOUTE_QUIET = '1';
  const dynamo = await startDynamoLocal();
  const s3Dir = mkdtempSync(join(tmpdir(), 'ecoute-fuzz-s3-'));
  const s3 = await startS3Local(s3Dir);
  let stopWork = async () => {};
  try {
    const db = createDb({ table: 'fuzz', endpoint: dynamo.endpoint, timeoutMs: 10_000 });
    await ensureTable(db);
    const operatorKey = `operator-${randomBytes(12).toString('hex')}`;
    // Thousands of requests from one address: the per-client caps (tested in limits.test.ts) would
    // answer most of them 429 before anything hostile in them is read.
    const clientLimits = { submissionsPerMinute: 1_000_000, lookupsPerMinute: 1_000_000 };
    const stores = createStores(db);
    const now = () => new Date();
    const work = await startLocalWork({ stores, now, s3Endpoint: s3.endpoint, bucket: 'fuzz-exports' });
    stopWork = () => work.queue.stop();
    const app = createApp(
      buildDeps(
        { table: 'fuzz', operatorKey, clientAddress: () => '203.0.113.9', clientLimits, now, work },
        db,
        stores,
      ),
    );
    const world = await createWorld(app, operatorKey, 'fuzz');
    const endpoints = await endpointsOf(app);
    const perEndpoint = Math.ceil(TOTAL / endpoints.length);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    let inputs = 0;
    let broken = 0;
    let storedDelta = 0;
    const byStatus: Record<number, number> = {};
    const started = performance.now();
    for (const e of endpoints) {
      const before = await countItems(db);
      try {
        const tally = await fuzzEndpoint(app, world, e, perEndpoint, seed);
        inputs += tally.runs;
        for (const [s, n] of Object.entries(tally.byStatus)) byStatus[Number(s)] = (byStatus[Number(s)] ?? 0) + n;
      } catch (err) {
        broken++;
        inputs += perEndpoint;
        process.stderr.write(`  ${e.method} ${e.template}: ${String(err).split('\n').slice(0, 3).join(' ')}\n`);
      }
      storedDelta += (await countItems(db)) - before;
    }
    // Valid bodies with unknown fields anywhere: the schemas may strip them (2xx); never a 5xx.
    let extras = 0;
    let extra5xx = 0;
    for (const e of endpoints.filter((x) => x.body)) {
      await fc.assert(
        fc.asyncProperty(withExtraFields(world, e), async (c) => {
          extras++;
          if ((await sendCase(app, e, c)).status >= 500) extra5xx++;
        }),
        { numRuns: Math.ceil(perEndpoint / 4), seed },
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const healthy = (await send(app, 'GET', '/health')).status === 200;
    process.stderr.write(`  seed ${seed}; answers by status ${JSON.stringify(byStatus)}\n`);
    return [
      {
        id: 'fuzz.inputs',
        metric: `hostile inputs over ${endpoints.length} endpoints`,
        value: inputs,
        unit: 'requests',
        goal: '≥ 10 000',
        ok: inputs >= 10_000,
      },
      { id: 'fuzz.unknown-fields', metric: 'valid bodies with unknown fields added', value: extras, unit: 'requests' },
      {
        id: 'fuzz.unknown-fields-5xx',
        metric: '5xx answers to them',
        value: extra5xx,
        unit: 'answers',
        goal: '0',
        ok: extra5xx === 0,
      },
      {
        id: 'fuzz.per-second',
        metric: 'inputs per second (in-process)',
        value: (inputs + extras) / seconds,
        unit: 'requests/s',
      },
      {
        id: 'fuzz.broken-endpoints',
        metric: 'endpoints with a contract break (5xx, 2xx, bad shape)',
        value: broken,
        unit: 'endpoints',
        goal: '0',
        ok: broken === 0,
      },
      {
        id: 'fuzz.5xx',
        metric: '5xx answers',
        value: Object.entries(byStatus)
          .filter(([s]) => Number(s) >= 500)
          .reduce((n, [, c]) => n + c, 0),
        unit: 'answers',
        goal: '0',
        ok: !Object.keys(byStatus).some((s) => Number(s) >= 500),
      },
      {
        id: 'fuzz.stored-items',
        metric: 'items stored by hostile inputs',
        value: storedDelta,
        unit: 'items',
        goal: '0',
        ok: storedDelta === 0,
      },
      {
        id: 'fuzz.healthy',
        metric: 'healthy afterwards',
        value: healthy ? 1 : 0,
        unit: 'GET /health 200',
        goal: '1',
        ok: healthy,
      },
    ];
  } finally {
    await stopWork(); // never stop the database under a unit
    await Promise.all([dynamo.stop(), s3.stop()]);
    rmSync(s3Dir, { recursive: true, force: true });
  }
}
