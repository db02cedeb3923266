/**
 * The night at scale on DynamoDB Local and s3rver, as `npm start` runs it: N territories (10, 100,
 * 1 000 by default), each with one small live survey answered on a few days, then the real
 * dispatcher (dispatchNight, timed alone: its units wait for its end) sends one unit per territory
 * to the local work queue, whose worker (runUnit, two at once as locally) aggregates the days and writes the report files. Each N has
 * its own table, so every unit does the same work. Measured: units per second, the night's total
 * time against its units (a straight line: slope and R²), each unit's own time (from its job's
 * startedAt and updatedAt), and from these a projection to 10 000 territories on Lambda: the
 * night's, and the dispatch's (its pages, and the invocations they take when handed on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { linearRegression, mean, rSquared } from 'simple-statistics';
import { addDays, dayIn } from '../../analytics/calendar.ts';
import { SurveyDefinition } from '../../analytics/questionnaire.ts';
import { syntheticResponses } from '../../analytics/synthetic.ts';
import { TerritoryInput } from '../../analytics/territory.ts';
import { createStores, type Stores } from '../../functions/deps.ts';
import { demoSurvey } from '../../functions/local/demo.ts';
import { startDynamoLocal, startS3Local } from '../../functions/local/stack.ts';
import { startLocalWork } from '../../functions/local/work.ts';
import {
  DISPATCH_PAGE,
  DISPATCH_POOL,
  dispatchNight,
  HANDOFF_RESERVE_MS,
  nightJobId,
} from '../../functions/nightly/dispatch.ts';
import { inPool } from '../../functions/pool.ts';
import { nightlyRenderers } from '../../functions/report-renderers.ts';
import type { WorkUnit } from '../../functions/work/units.ts';
import { createDb, ensureTable } from '../../functions/store/dynamo.ts';
import { createReportFiles, ensureBucket } from '../../functions/store/reports.ts';
import { DISPATCHER_TIMEOUT } from '../../infra/nightly.ts';
import { WORKER_CONCURRENCY, WORKER_TIMEOUT } from '../../infra/work.ts';
import type { BenchRow } from '../types.ts';

export const name = 'nightly-scale';
/** `BENCH_NIGHTLY_SCALE=10,50` for a quicker run. */
const SIZES = (process.env.BENCH_NIGHTLY_SCALE ?? '10,100,1000').split(',').map(Number);
/** Days answered per territory (yesterday and the days before it, each left dirty). */
const DAYS = Number(process.env.BENCH_NIGHTLY_SCALE_DAYS ?? 3);
const PER_DAY = 4;
const PROJECTED = 10_000;
/** The night starts at 03:30 in Paris; done by 07:30, reports are there when offices open. */
const NIGHT_BUDGET_S = 4 * 3600;
const DISPATCHER_TIMEOUT_S = DISPATCHER_TIMEOUT.toSeconds();
/** What a dispatcher invocation, and a worker invocation carrying on its rest, work before they hand on. */
const DISPATCHER_WORKS_S = DISPATCHER_TIMEOUT_S - HANDOFF_RESERVE_MS / 1000;
const WORKER_WORKS_S = WORKER_TIMEOUT.toSeconds() - HANDOFF_RESERVE_MS / 1000;

/** Invocations a dispatch of `seconds` takes: the dispatcher's, then the worker's that carry on its rest. */
const invocations = (seconds: number) =>
  seconds <= DISPATCHER_WORKS_S ? 1 : 1 + Math.ceil((seconds - DISPATCHER_WORKS_S) / WORKER_WORKS_S);

interface Night {
  territories: number;
  units: number;
  dispatchMs: number;
  totalMs: number;
  unitMs: number[];
  /** Requests sent by the dispatch and the units, by kind. */
  requests: Requests;
}

/** DynamoDB reads and writes, S3 puts, counted as the clients send them. */
interface Requests {
  reads: number;
  writes: number;
  puts: number;
}

const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

/** Counts each command a client sends, by its name, into `into`. */
function countRequests(client: { middlewareStack: Middlewares }, into: (command: string) => void): void {
  client.middlewareStack.add(
    (next, context) => (args) => {
      into(String(context.commandName ?? ''));
      return next(args);
    },
    { step: 'initialize', name: 'benchCountRequests' },
  );
}
type Middlewares = DynamoDBClient['middlewareStack'];

async function seed(stores: Stores, n: number, now: Date): Promise<string[]> {
  const definition = SurveyDefinition.parse(demoSurvey);
  const at = now.toISOString();
  const ids = Array.from({ length: n }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  await inPool(ids, 8, async (id) => {
    const territory = { ...TerritoryInput.parse({ id, name: id, allowedOrigins: [] }), createdAt: at };
    const key = { id: `k-${id}`, territory: id, role: 'admin' as const, label: 'bench', createdAt: at };
    await stores.territories.create(territory, `hash-${id}`, key);
    const surveyId = `s-${id}`;
    await stores.surveys.createDraft(id, surveyId, definition, at);
    const draft = await stores.surveys.findFor(id, surveyId, true);
    if (!draft) throw new Error(`no draft ${surveyId}`);
    await stores.surveys.setStatus(draft, 'live', at);
    const yesterday = addDays(dayIn(now, territory.timeZone), -1);
    for (let back = 0; back < DAYS; back++) {
      const day = addDays(yesterday, -back);
      const answers = syntheticResponses(definition, { surveyId, day, count: PER_DAY, seed: back + 1 });
      await stores.responses.putMany(answers.map((r) => ({ ...r, id: crypto.randomUUID() })));
      await stores.responses.markDirty(surveyId, day, at);
    }
  });
  return ids;
}

async function night(o: { dynamoEndpoint: string; s3Endpoint: string; n: number }): Promise<Night> {
  const db = createDb({ table: `scale-${o.n}`, endpoint: o.dynamoEndpoint, timeoutMs: 20_000 });
  await ensureTable(db);
  const stores = createStores(db);
  const now = () => new Date();
  const ids = await seed(stores, o.n, now());
  const files = createReportFiles({ bucket: `reports-${o.n}`, endpoint: o.s3Endpoint });
  await ensureBucket(files);
  const requests: Requests = { reads: 0, writes: 0, puts: 0 };
  let counting = false;
  countRequests(db.client, (c) => {
    if (counting) requests[WRITES.test(c) ? 'writes' : 'reads']++;
  });
  // S3's middleware stack has the same shape; its types are only named after another client.
  countRequests(files.client as unknown as { middlewareStack: Middlewares }, (c) => {
    if (counting && c === 'PutObjectCommand') requests.puts++;
  });
  // The local stand-in for SQS and the worker Lambda, built as `npm start` builds it.
  const work = await startLocalWork({
    stores,
    now,
    s3Endpoint: o.s3Endpoint,
    bucket: `exports-${o.n}`,
    reports: { files, renderers: nightlyRenderers },
  });
  try {
    const dispatchedAt = now();
    counting = true;
    const t0 = performance.now();
    // The units wait for the dispatch's end, so the dispatch is timed alone: on AWS the worker's
    // units do not take the dispatcher's CPU (here they would share DynamoDB Local's two cores).
    const held: WorkUnit[] = [];
    const sent = await dispatchNight({
      stores,
      now: () => dispatchedAt,
      queue: { enqueue: async (units) => void held.push(...units) },
    });
    const dispatchMs = performance.now() - t0;
    await work.queue.enqueue(held);
    await work.queue.drain();
    const totalMs = performance.now() - t0;
    counting = false;
    if (work.queue.deadLetters.length) throw new Error(`${work.queue.deadLetters.length} unit(s) failed`);
    const unitMs: number[] = [];
    await inPool(ids, 8, async (id) => {
      const job = await stores.jobs.get(nightJobId(dispatchedAt, id));
      if (job?.done !== 1 || job.responses !== DAYS * PER_DAY) throw new Error(`night of ${id} not done whole`);
      if (job.startedAt && job.updatedAt) unitMs.push(Date.parse(job.updatedAt) - Date.parse(job.startedAt));
    });
    return { territories: o.n, units: sent.territories, dispatchMs, totalMs, unitMs, requests };
  } finally {
    await work.queue.stop();
  }
}

export async function run(): Promise<BenchRow[]> {
  process.env.ECOUTE_QUIET = '1';
  const dir = mkdtempSync(join(tmpdir(), 'ecoute-bench-nightly-scale-'));
  const dynamo = await startDynamoLocal({ dbPath: join(dir, 'dynamo') });
  const s3 = await startS3Local(join(dir, 's3'));
  try {
    const nights: Night[] = [];
    for (const n of SIZES) {
      process.stderr.write(`  ${n} territories…\n`);
      nights.push(await night({ dynamoEndpoint: dynamo.endpoint, s3Endpoint: s3.endpoint, n }));
    }
    const points = nights.map((x): [number, number] => [x.units, x.totalMs]);
    const line = linearRegression(points);
    const r2 = rSquared(points, (x) => line.m * x + line.b);
    const largest = nights.at(-1);
    if (!largest) throw new Error('no size to run (BENCH_NIGHTLY_SCALE)');
    const unitMs = mean(nights.flatMap((x) => x.unitMs));
    const dispatchMsPerTerritory = largest.dispatchMs / largest.territories;
    const projectedNightS = (PROJECTED * unitMs) / WORKER_CONCURRENCY / 1000;
    const projectedDispatchS = (PROJECTED * dispatchMsPerTerritory) / 1000;
    const projectedPages = Math.ceil(PROJECTED / DISPATCH_PAGE);
    const pageS = (DISPATCH_PAGE * dispatchMsPerTerritory) / 1000;
    const per = (k: keyof Requests) => largest.requests[k] / largest.units;
    const sizes = nights.map((x) => `${x.units} units in ${(x.totalMs / 1000).toFixed(1)} s`).join(', ');
    return [
      {
        id: 'nightly.units-per-second',
        metric: `night of ${largest.territories} territories × ${DAYS} days (${PER_DAY} answers a day), dispatch to last unit, worker concurrency 2 as locally; slope ${line.m.toFixed(1)} ms per unit, R² ${r2.toFixed(3)}`,
        value: largest.units / (largest.totalMs / 1000),
        unit: 'units/s',
      },
      {
        id: 'nightly.slope-ms-per-unit',
        metric: `night's total time against its units, a straight line through ${sizes}: slope (R² ${r2.toFixed(3)}, intercept ${line.b.toFixed(0)} ms)`,
        value: line.m,
        unit: 'ms/unit',
        goal: 'R² ≥ 0.95 (linear)',
        ok: r2 >= 0.95,
      },
      {
        id: 'nightly.unit-ms',
        metric: `one unit's own time (a territory's night: its job's startedAt to updatedAt), mean of ${nights.reduce((k, x) => k + x.unitMs.length, 0)} units`,
        value: unitMs,
        unit: 'ms',
      },
      {
        id: 'nightly.dispatch-ms-per-territory',
        metric: `dispatcher's time per territory (due check, job record, enqueue; ${DISPATCH_POOL} territories at once, pages of ${DISPATCH_PAGE}), at ${largest.territories} territories`,
        value: dispatchMsPerTerritory,
        unit: 'ms',
      },
      {
        id: 'nightly.dynamo-reads-per-unit',
        metric: `DynamoDB read requests (Get, Query, pages) per unit, dispatch included, at ${largest.territories} territories`,
        value: per('reads'),
        unit: 'requests',
      },
      {
        id: 'nightly.dynamo-writes-per-unit',
        metric: `DynamoDB write requests (Put, Update, Delete, batches, transactions) per unit, dispatch included`,
        value: per('writes'),
        unit: 'requests',
      },
      {
        id: 'nightly.s3-puts-per-unit',
        metric: 'S3 PUT per unit (the report files of its survey and of its suggestion box)',
        value: per('puts'),
        unit: 'requests',
      },
      {
        id: 'nightly.projected-10k-s',
        metric: `projected night of ${PROJECTED} territories on Lambda: ${PROJECTED} × the unit time measured here ÷ the worker's ${WORKER_CONCURRENCY} concurrent invocations (infra/work.ts), assuming a unit on Lambda against DynamoDB and S3 takes what it takes here against DynamoDB Local and s3rver, and no throttling`,
        value: projectedNightS,
        unit: 's',
        goal: `≤ ${NIGHT_BUDGET_S} s (03:30 to 07:30)`,
        ok: projectedNightS <= NIGHT_BUDGET_S,
      },
      {
        id: 'nightly.projected-dispatch-10k-s',
        metric: `projected dispatch of ${PROJECTED} territories: ${PROJECTED} × the time per territory measured here (${DISPATCH_POOL} at once), ${projectedPages} pages of ${DISPATCH_PAGE} (${pageS.toFixed(0)} s each), so ${invocations(projectedDispatchS)} invocation(s): the dispatcher works ${DISPATCHER_WORKS_S} s of its ${DISPATCHER_TIMEOUT_S} s, then hands the rest on to worker invocations of ${WORKER_WORKS_S} s each; assuming DynamoDB on AWS answers at least as fast as DynamoDB Local here, and no throttling`,
        value: projectedDispatchS,
        unit: 's',
        goal: `≤ ${DISPATCHER_WORKS_S} s (one invocation, ${HANDOFF_RESERVE_MS / 60_000} min to spare; past it the rest is handed on)`,
        ok: projectedDispatchS <= DISPATCHER_WORKS_S,
      },
    ];
  } finally {
    await s3.stop();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
