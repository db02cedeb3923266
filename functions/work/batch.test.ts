import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticResponses } from '#analytics/synthetic.ts';
import { testApp } from '../testing/harness.ts';
import { runBatch, type SqsRecord } from './batch.ts';
import { jobStatus } from './jobs.ts';
import type { WorkUnit } from './units.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let territory: string;
let surveyId: string;
const now = () => new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
  t = await testApp({ now });
  const created = await t.createTerritory();
  territory = created.id;
  surveyId = await t.createLiveSurvey(territory, created.adminKey);
  for (const day of ['2026-10-10', '2026-11-10'])
    await t.deps.stores.responses.putMany(
      syntheticResponses(t.demo, { surveyId, day, count: 5, seed: 3 }).map((r) => ({ ...r, id: crypto.randomUUID() })),
    );
});

const record = (messageId: string, body: unknown, receive = 1): SqsRecord => ({
  messageId,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: { ApproximateReceiveCount: String(receive) },
});

async function newJob(kind: 'aggregation' | 'export', total: number) {
  const id = crypto.randomUUID();
  await t.deps.stores.jobs.create({
    id,
    territory,
    kind,
    createdAt: now().toISOString(),
    total,
    done: 0,
    failed: 0,
    days: 0,
    responses: 0,
  });
  return id;
}

describe('the worker’s batches (SQS FIFO, partial batch responses)', () => {
  it('reports a bad message and returns those after it unprocessed; their redelivery finishes the job', async () => {
    const jobId = await newJob('aggregation', 2);
    const october: WorkUnit = { kind: 'days', territory, surveyId, days: ['2026-10-10'], jobId };
    const november: WorkUnit = { kind: 'days', territory, surveyId, days: ['2026-11-10'], jobId };
    const ctx = { stores: t.deps.stores, now, exports: t.work.exports, queue: t.work.queue };
    const first = await runBatch(
      ctx,
      [record('a', october), record('b', '{"kind":"nonsense"'), record('c', november)],
      3,
    );
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'b' }, { itemIdentifier: 'c' }]);
    expect(await t.deps.stores.jobs.get(jobId)).toMatchObject({ done: 1, failed: 0, responses: 5 });

    // SQS delivers a and c again (a's delete may have been lost): a counts once, c once.
    const again = await runBatch(ctx, [record('a', october, 2), record('c', november, 2)], 3);
    expect(again.batchItemFailures).toEqual([]);
    const job = await t.deps.stores.jobs.get(jobId);
    expect(job).toMatchObject({ done: 2, failed: 0, responses: 10 });
    expect(job && jobStatus(job)).toBe('done');
  });

  it('counts a unit as failed on its last receive only, so its job ends', async () => {
    const jobId = await newJob('export', 1);
    const unit: WorkUnit = { kind: 'export', territory, surveyId, from: '2026-11-10', to: '2026-11-10', jobId };
    // A bucket that does not exist: the upload fails as S3 would fail it.
    const ctx = {
      stores: t.deps.stores,
      now,
      exports: { ...t.work.exports, bucket: 'no-such-bucket-here' },
      queue: t.work.queue,
    };
    expect((await runBatch(ctx, [record('x', unit, 1)], 3)).batchItemFailures).toHaveLength(1);
    expect(await t.deps.stores.jobs.get(jobId)).toMatchObject({ done: 0, failed: 0 });
    expect((await runBatch(ctx, [record('x', unit, 3)], 3)).batchItemFailures).toHaveLength(1);
    const job = await t.deps.stores.jobs.get(jobId);
    expect(job).toMatchObject({ done: 0, failed: 1 });
    expect(job && jobStatus(job)).toBe('failed');
  });
});
