/**
 * The nightly job on DynamoDB Local: aggregation reading the day partitions page by page, and a
 * report from stored aggregates against the naive way (read every response back from DynamoDB
 * and compute), side by side on the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mean } from 'simple-statistics';
import { addDays, daysBetween } from '../../analytics/calendar.ts';
import { SurveyDefinition, type StoredResponse } from '../../analytics/questionnaire.ts';
import { syntheticResponses } from '../../analytics/synthetic.ts';
import { createStores } from '../../functions/deps.ts';
import { demoSurvey } from '../../functions/local/demo.ts';
import { startDynamoLocal } from '../../functions/local/stack.ts';
import { aggregateSurveyDays } from '../../functions/nightly/job.ts';
import { surveyReport } from '../../functions/reporting.ts';
import { createDb, ensureTable } from '../../functions/store/dynamo.ts';
import type { BenchRow } from '../types.ts';

export const name = 'nightly';
const DAYS = Number(process.env.BENCH_NIGHTLY_DAYS ?? 730);
const PER_DAY = Number(process.env.BENCH_NIGHTLY_PER_DAY ?? 8);

export async function run(): Promise<BenchRow[]> {
  process.env.ECOUTE_QUIET = '1';
  const dir = mkdtempSync(join(tmpdir(), 'ecoute-bench-nightly-'));
  const dynamo = await startDynamoLocal({ dbPath: dir });
  try {
    const db = createDb({ table: 'bench', endpoint: dynamo.endpoint, timeoutMs: 20_000 });
    await ensureTable(db);
    const stores = createStores(db);
    const definition = SurveyDefinition.parse(demoSurvey);
    const now = new Date().toISOString();
    const surveyId = 'bench-nightly';
    await stores.surveys.createDraft('bench', surveyId, definition, now);
    await stores.surveys.setStatus((await stores.surveys.findFor('bench', surveyId, true))!, 'live', now);
    const from = '2024-11-01';
    const days = daysBetween(from, addDays(from, DAYS - 1));
    const responses: StoredResponse[] = days.flatMap((day, i) =>
      syntheticResponses(definition, { surveyId, day, count: PER_DAY, seed: i + 1 }).map((r) => ({
        ...r,
        id: crypto.randomUUID(),
      })),
    );
    await stores.responses.putMany(responses);

    const ctx = { stores, now: () => new Date() };
    let t0 = performance.now();
    await aggregateSurveyDays(ctx, surveyId, days);
    const aggregationMs = performance.now() - t0;

    const survey = (await stores.surveys.get(surveyId, true))!;
    t0 = performance.now();
    const report = await surveyReport(stores, survey, { from: days[0]!, to: days.at(-1)! }, new Date());
    const fromAggregatesMs = performance.now() - t0;

    // The naive way: every response read back from DynamoDB, NPS computed with simple-statistics.
    // The overall rests on the publics it may show (disclosure control): a public under 30 over
    // the whole history (a shrunken run) is left out of it, so it is left out here too.
    t0 = performance.now();
    const shown = (audience: string) => report.byAudience[audience]?.indices.nps.value != null;
    const scores: number[] = [];
    for (const day of days) {
      for (const r of await stores.responses.day(surveyId, day)) {
        const s = r.answers.recommend;
        if (typeof s === 'number' && shown(r.audience)) scores.push(s >= 9 ? 100 : s <= 6 ? -100 : 0);
      }
    }
    const naiveNps = mean(scores);
    const naiveMs = performance.now() - t0;
    const agree = Math.abs((report.overall.indices.nps.value ?? NaN) - naiveNps) < 1e-9;

    return [
      {
        id: 'nightly.aggregation-rate',
        metric: `aggregation from DynamoDB Local pages (${responses.length} responses, ${DAYS} days)`,
        value: responses.length / (aggregationMs / 1000),
        unit: 'responses/s',
      },
      {
        id: 'nightly.report-ms',
        metric: `${DAYS}-day report from stored aggregates (month roll-ups + edge days)`,
        value: fromAggregatesMs,
        unit: 'ms',
      },
      {
        id: 'nightly.naive-ms',
        metric: `${DAYS}-day NPS the naive way (every response read back)`,
        value: naiveMs,
        unit: 'ms',
      },
      {
        id: 'nightly.report-speedup',
        metric: 'speed ratio naive / aggregates, from DynamoDB',
        value: naiveMs / fromAggregatesMs,
        unit: '×',
        goal: '≥ 20×',
        ok: naiveMs / fromAggregatesMs >= 20,
      },
      {
        id: 'nightly.same-nps',
        metric: 'both ways give the same NPS',
        value: agree ? 1 : 0,
        unit: 'bool',
        goal: '1',
        ok: agree,
      },
    ];
  } finally {
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
