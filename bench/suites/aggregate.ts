/**
 * The science's two promises, measured side by side in one run:
 * 1. the nightly aggregation is fast: 1 000 000 synthetic responses aggregated in memory, day by
 *    day as the nightly job does (responses/s, peak heap);
 * 2. a 2-year report is built from 730 daily aggregates, never from responses: against the naive
 *    way (load every response, score each respondent, compute with simple-statistics), both
 *    starting from their stored JSON, with the speed ratio and the memory each holds.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import type { DailyAggregate } from '#analytics/aggregate-schema.ts';
import { compositeIndex, netPromoterScore } from '#analytics/indices.ts';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { buildReport } from '#analytics/report.ts';
import { COMPOSITE_INDICES, npsCategory, scoreRespondent, scoringPlan } from '#analytics/scoring.ts';
import { demoDefinition, syntheticResponses } from '#analytics/synthetic.ts';
import type { BenchRow } from '../types.ts';

export const name = 'aggregate';

const definition = demoDefinition();
const definitions = new Map([[1, definition]]);
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
/** A full collection before a memory reading, so that garbage does not count as held memory. */
const gc = runInNewContext('gc') as () => void;
const heap = () => process.memoryUsage().heapUsed;

function dayOf(start: string, offset: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

function aggregationThroughput(): BenchRow[] {
  const days = 100;
  const perDay = 10_000;
  let elapsed = 0;
  let peak = 0;
  gc();
  const base = heap();
  const aggregates = [];
  for (let i = 0; i < days; i++) {
    const day = dayOf('2026-01-01', i);
    gc();
    const responses = syntheticResponses(definition, { surveyId: 'bench', day, count: perDay, seed: i + 1 });
    const t0 = performance.now();
    aggregates.push(aggregateResponses(responses, definitions, { surveyId: 'bench', day }));
    elapsed += performance.now() - t0;
    peak = Math.max(peak, heap() - base);
  }
  const t0 = performance.now();
  const period = mergeAll(aggregates);
  const mergeMs = performance.now() - t0;
  const total = days * perDay;
  return [
    {
      metric: `aggregation of ${total.toLocaleString('en')} responses (${days} days × ${perDay})`,
      value: total / (elapsed / 1000),
      unit: 'responses/s',
    },
    {
      metric: `aggregation: peak heap above start, sampled after each day (its ${perDay} responses held)`,
      value: peak / MB,
      unit: 'MB',
    },
    { metric: `merge of the ${days} daily aggregates`, value: mergeMs, unit: 'ms' },
    { metric: 'merged aggregate size (JSON)', value: JSON.stringify(period).length / 1024, unit: 'KB' },
  ];
}

/** The naive way: every response scored, then simple-statistics on respondent scores per section. */
function naiveReport(responses: StoredResponse[]) {
  const plan = scoringPlan(definition);
  const sections = new Map<string, { nps: number[]; composites: Record<string, number[]> }>();
  const sectionOf = (key: string) => {
    let s = sections.get(key);
    if (!s) sections.set(key, (s = { nps: [0, 0, 0], composites: { satisfaction: [], image: [], value: [] } }));
    return s;
  };
  for (const r of responses) {
    const scores = scoreRespondent(plan, r.answers);
    for (const s of [sectionOf('overall'), sectionOf(r.audience)]) {
      if (scores.nps !== undefined) {
        const c = npsCategory(scores.nps);
        s.nps[c === 'positive' ? 0 : c === 'neutral' ? 1 : 2]! += 1;
      }
      for (const [index, composite] of scores.composites) s.composites[index]!.push(composite.score);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, s] of sections) {
    const [promoters = 0, passives = 0, detractors = 0] = s.nps;
    out[key] = {
      nps: netPromoterScore({ promoters, passives, detractors }).index,
      ...Object.fromEntries(
        COMPOSITE_INDICES.map((index) => {
          const xs = s.composites[index] ?? [];
          return [
            index,
            compositeIndex({ n: xs.length, nEff: xs.length, mean: mean(xs), sd: sampleStandardDeviation(xs) }).index,
          ];
        }),
      ),
    };
  }
  return out;
}

function twoYearReport(total: number): BenchRow[] {
  const days = 730;
  const perDay = Math.round(total / days);
  // What the stores hold, as JSON: each day's responses, each day's aggregate, and the monthly
  // roll-ups a store can keep once a month is closed (merging is exact, so nothing is lost).
  const storedResponses: string[] = [];
  const storedDays: string[] = [];
  const months = new Map<string, DailyAggregate[]>();
  for (let i = 0; i < days; i++) {
    const day = dayOf('2024-11-01', i);
    const responses = syntheticResponses(definition, { surveyId: 'bench', day, count: perDay, seed: 1000 + i });
    const aggregate = aggregateResponses(responses, definitions, { surveyId: 'bench', day });
    storedResponses.push(JSON.stringify(responses));
    storedDays.push(JSON.stringify(aggregate));
    months.set(day.slice(0, 7), [...(months.get(day.slice(0, 7)) ?? []), aggregate]);
  }
  const storedMonths = [...months.values()].map((m) => JSON.stringify(mergeAll(m)));
  months.clear();
  const input = {
    surveyId: 'bench',
    from: dayOf('2024-11-01', 0),
    to: dayOf('2024-11-01', days - 1),
    generatedAt: new Date().toISOString(),
    definition,
  };

  // Stored aggregates are our own writes: JSON.parse and mergeAll's schema check, no zod pass.
  const fromAggregates = (stored: string[]) => {
    gc();
    const base = heap();
    const t0 = performance.now();
    const parsed = stored.map((s) => JSON.parse(s) as DailyAggregate);
    const t1 = performance.now();
    const aggregate = mergeAll(parsed);
    const t2 = performance.now();
    const report = buildReport({ ...input, aggregate });
    const t3 = performance.now();
    parsed.length = 0;
    gc();
    return {
      ms: t3 - t0,
      split: `ms (parse ${(t1 - t0).toFixed(0)}, merge ${(t2 - t1).toFixed(0)}, build ${(t3 - t2).toFixed(0)})`,
      held: heap() - base,
      report,
    };
  };
  const naive = () => {
    gc();
    const base = heap();
    const t0 = performance.now();
    const responses = storedResponses.flatMap((s) => JSON.parse(s) as StoredResponse[]);
    const held = heap() - base;
    const report = naiveReport(responses);
    const ms = performance.now() - t0;
    return { ms, held, report, n: responses.length };
  };
  fromAggregates(storedMonths);
  const daily = fromAggregates(storedDays);
  const monthly = fromAggregates(storedMonths);
  const plain = naive();
  const satisfaction = (plain.report.overall as { satisfaction: { value: number } }).satisfaction.value;
  const agree = [daily, monthly].every(
    (r) => Math.abs((r.report.overall.indices.satisfaction.value ?? Number.NaN) - satisfaction) < 1e-6,
  );
  const size = (xs: string[]) => xs.reduce((s, x) => s + x.length, 0) / MB;
  const at = `${Math.round(plain.n / 1000)}k`;
  return [
    {
      metric: `${at}: stored JSON of ${plain.n.toLocaleString('en')} responses / ${days} daily aggregates / ${storedMonths.length} monthly`,
      value: size(storedResponses),
      unit: `MB / ${size(storedDays).toFixed(1)} / ${size(storedMonths).toFixed(1)}`,
    },
    { metric: `${at}: 2-year report the naive way (parse, score, simple-statistics)`, value: plain.ms, unit: 'ms' },
    { metric: `${at}: 2-year report from ${days} daily aggregates`, value: daily.ms, unit: daily.split },
    {
      metric: `${at}: speed ratio naive / daily aggregates`,
      value: plain.ms / daily.ms,
      unit: '×',
      goal: '≥ 20×',
      ok: plain.ms / daily.ms >= 20,
    },
    {
      metric: `${at}: 2-year report from ${storedMonths.length} monthly roll-ups`,
      value: monthly.ms,
      unit: monthly.split,
    },
    {
      metric: `${at}: speed ratio naive / monthly roll-ups`,
      value: plain.ms / monthly.ms,
      unit: '×',
      goal: '≥ 20×',
      ok: plain.ms / monthly.ms >= 20,
    },
    { metric: `${at}: heap held by the naive way (responses loaded)`, value: plain.held / MB, unit: 'MB' },
    {
      metric: `${at}: heap held by the merged aggregate and report`,
      value: daily.held / MB,
      unit: 'MB',
      goal: 'independent of responses',
    },
    {
      metric: `${at}: all ways give the same satisfaction index`,
      value: agree ? 1 : 0,
      unit: 'bool',
      goal: '1',
      ok: agree,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  // Two volumes over the same 2 years: the naive way grows with responses, aggregates barely do.
  return [...aggregationThroughput(), ...twoYearReport(200_000), ...twoYearReport(730_000)];
}
