/**
 * The science's promises, measured side by side in one run:
 * 1. the nightly aggregation is fast: 1 000 000 synthetic responses, as the job reads them from
 *    the store, aggregated in memory day by day as it does, on the Lambda runtime's Node.js
 *    (`aggregate.rate`, bench/aggregate-rate.ts);
 * 2. aggregates are far smaller than the answers they hold (`aggregate.daily-size-ratio`): daily
 *    aggregates as the store writes them (columnar, functions/store/aggregate-bytes.ts: each day's
 *    bytes and the lists of columns they name, stored once), against the responses as stored
 *    (their JSON);
 * 3. a 2-year report is built from aggregates, never from responses: from the 730 daily
 *    aggregates alone (merged into months and their counts on the way) and from the 24 monthly
 *    roll-ups the store keeps, against the naive way (load every response, score each respondent,
 *    compute with simple-statistics), all starting from what is stored, and all giving the same
 *    indices (the bench checks it).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { aggregateResponses, mergeAll } from '#analytics/aggregate.ts';
import { versionColumns } from '#analytics/aggregate-columns.ts';
import { type PackedAggregate, packAggregate } from '#analytics/aggregate-packed.ts';
import { type PackedDay, rollUpPackedDays, rollUpPackedMonth } from '#analytics/aggregate-packed-merge.ts';
import { compositeIndex, netPromoterScore } from '#analytics/indices.ts';
import type { StoredResponse } from '#analytics/questionnaire.ts';
import { buildReport } from '#analytics/report.ts';
import { encodeDay, learnColumns, readDay, type StoredColumns } from '#functions/store/aggregate-bytes.ts';
import { decodeCounts, decodeMonth, encodeCounts, encodeMonth, MONTH_SCHEMA } from '#functions/store/aggregates.ts';
import { COMPOSITE_INDICES, npsCategory, scoreRespondent, scoringPlan } from '#analytics/scoring.ts';
import { demoDefinition, syntheticResponses } from '#analytics/synthetic.ts';
import { dayOf, rateDefinitions, storedDay, timeDays } from '../aggregate-rate.ts';
import { runtimeNode, runtimeNodeVersion } from '../runtime-node.ts';
import type { BenchRow } from '../types.ts';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling.ts';
import { repoRoot } from '../../infra/config.ts';

export const name = 'aggregate';

const definition = demoDefinition();
const definitions = new Map([[1, definition]]);
const MB = 1024 * 1024;
const rateScript = fileURLToPath(new URL('../aggregate-rate.ts', import.meta.url));
const rateBundle = join(repoRoot, 'node_modules/.cache/ecoute-bench/aggregate-rate/index.mjs');

setFlagsFromString('--expose-gc');
/** A full collection before a memory reading, so that garbage does not count as held memory. */
const gc = runInNewContext('gc') as () => void;
const heap = () => process.memoryUsage().heapUsed;

/**
 * 1 000 000 responses, 100 days of 10 000, aggregated day by day (bench/aggregate-rate.ts): on the
 * Node.js of the Lambda runtime, which runs the nightly job, for the goal; on this machine's for
 * comparison. Then the memory it holds and the merge of the days, in this process.
 */
async function aggregationThroughput(): Promise<BenchRow[]> {
  const days = 100;
  const perDay = 10_000;
  const total = days * perDay;
  // Bundled as the stack bundles the nightly function (infra/bundling.ts): one module scope, as deployed.
  await build(esbuildOptions(rateScript, rateBundle));
  const child = spawnSync(runtimeNode, [rateBundle, String(days), String(perDay)], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0)
    throw new Error(`the aggregation loop failed on ${runtimeNodeVersion}: ${child.stderr.trim()}`);
  const onRuntime = (JSON.parse(child.stdout) as { dayMs: number[] }).dayMs;
  const here = timeDays(days, perDay);
  const rateOf = (dayMs: number[]) => total / (dayMs.reduce((a, b) => a + b, 0) / 1000);
  const rate = rateOf(onRuntime);
  const sorted = [...onRuntime].sort((a, b) => a - b);
  // Memory, in a pass of its own: a full collection before each day, the heap read after it.
  const aggregates = [];
  gc();
  const base = heap();
  let peak = 0;
  for (let i = 0; i < days; i++) {
    gc();
    const { day, responses } = storedDay(i, perDay);
    aggregates.push(aggregateResponses(responses, rateDefinitions, { surveyId: 'bench', day }));
    peak = Math.max(peak, heap() - base);
  }
  const t0 = performance.now();
  const period = mergeAll(aggregates);
  const mergeMs = performance.now() - t0;
  return [
    {
      id: 'aggregate.rate',
      metric: `aggregation of ${total.toLocaleString('en')} responses (${days} days × ${perDay}, as read from the store), Node ${runtimeNodeVersion} (the Lambda runtime's), bundled as deployed`,
      value: rate,
      unit: 'responses/s',
      goal: '≥ 1 000 000',
      ok: rate >= 1_000_000,
    },
    {
      id: 'aggregate.rate-first-day-ms',
      metric: `the same: its first day (${perDay} responses), while V8 compiles the loop`,
      value: onRuntime[0] ?? Number.NaN,
      unit: 'ms',
    },
    {
      id: 'aggregate.rate-median-day-ms',
      metric: 'the same: its median day',
      value: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
      unit: 'ms',
    },
    {
      id: 'aggregate.rate-this-node',
      metric: `the same loop on this machine's Node ${process.version}`,
      value: rateOf(here),
      unit: 'responses/s',
    },
    {
      id: 'aggregate.peak-heap',
      metric: `aggregation: peak heap above start, sampled after each day (its ${perDay} responses held)`,
      value: peak / MB,
      unit: 'MB',
    },
    { id: 'aggregate.merge-100-days', metric: `merge of the ${days} daily aggregates`, value: mergeMs, unit: 'ms' },
    {
      id: 'aggregate.merged-size',
      metric: 'merged aggregate size (JSON)',
      value: JSON.stringify(period).length / 1024,
      unit: 'KB',
    },
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
    const scores = scoreRespondent(plan, r.audience, r.answers);
    for (const s of [sectionOf('overall'), sectionOf(r.audience)]) {
      if (scores.nps !== undefined) {
        const c = npsCategory(scores.nps);
        s.nps[c === 'positive' ? 0 : c === 'neutral' ? 1 : 2]! += 1;
      }
      for (const [index, composite] of scores.composites) s.composites[index]!.push((100 * composite.c) / composite.d);
    }
  }
  const out: Record<string, Record<string, { value: number | null }>> = {};
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

/** How many times each way of building the 2-year report is timed (its best time is kept). */
const RUNS = 3;

function twoYearReport(total: number): BenchRow[] {
  const days = 730;
  const perDay = Math.round(total / days);
  // What the stores hold: each day's responses (one item each, its JSON as the size), each day's
  // aggregate naming its version's list of columns, that list once, and each month's roll-up
  // gzipped with its counts.
  const storedResponses: string[] = [];
  const storedDays: { day: string; bytes: Uint8Array }[] = [];
  const storedColumns = new Map<string, StoredColumns>();
  const byMonth = new Map<string, { day: string; aggregate: PackedAggregate }[]>();
  for (let i = 0; i < days; i++) {
    const day = dayOf('2024-11-01', i);
    const responses = syntheticResponses(definition, { surveyId: 'bench', day, count: perDay, seed: 1000 + i });
    const aggregate = packAggregate(aggregateResponses(responses, definitions, { surveyId: 'bench', day }));
    storedResponses.push(JSON.stringify(responses));
    const { bytes, columns } = encodeDay(aggregate, versionColumns(definitions, aggregate.versions));
    storedDays.push({ day, bytes });
    storedColumns.set(columns.id, columns);
    byMonth.set(day.slice(0, 7), [...(byMonth.get(day.slice(0, 7)) ?? []), { day, aggregate }]);
  }
  const storedMonths = [...byMonth].map(([month, list]) => {
    const rolled = rollUpPackedMonth('bench', month, list);
    // As the store keeps months, with its own encoders (functions/store/aggregates.ts): columns.
    return { month, gz: encodeMonth(rolled.aggregate), counts: encodeCounts(rolled.counts) };
  });
  byMonth.clear();
  const period = {
    surveyId: 'bench',
    from: dayOf('2024-11-01', 0),
    to: dayOf('2024-11-01', days - 1),
    generatedAt: new Date().toISOString(),
    definition,
  };

  // A timed run starts from the heap as the previous work left it, as a real report does; a
  // collection forced just before shrank the young generation and made each report pay for
  // growing it back (about a third of a 2-year report's time here, a few % of the naive way's).
  // What each way holds is measured apart, on an untimed run that starts from a collection.
  const measure = (build: () => ReturnType<typeof buildReport>, held = false) => {
    if (held) gc();
    const base = heap();
    const t0 = performance.now();
    const report = build();
    const ms = performance.now() - t0;
    if (held) gc();
    return { ms, held: heap() - base, report };
  };
  // From the dailies alone: the lists of columns they name and every day read, merged into its
  // month (on the stored rows, as the store's roll-up does) with the month's counts, each month
  // then read as the report reads it.
  const fromDays = () =>
    measure(() => {
      for (const c of storedColumns.values()) learnColumns(c);
      const months = new Map<string, PackedDay[]>();
      for (const d of storedDays) {
        const month = d.day.slice(0, 7);
        months.set(month, [...(months.get(month) ?? []), readDay(d.day, d.bytes)]);
      }
      const rolled = [...months].map(([month, list]) => rollUpPackedDays('bench', month, list));
      return buildReport({
        ...period,
        months: rolled.map((m) => ({ month: m.month, aggregate: m.aggregate })),
        history: rolled.map((m) => m.counts),
      });
    });
  const fromMonths = (held = false) =>
    measure(
      () =>
        buildReport({
          ...period,
          months: storedMonths.map((m) => ({ month: m.month, aggregate: decodeMonth(m.gz, MONTH_SCHEMA) })),
          history: storedMonths.map((m) => decodeCounts(m.counts)),
        }),
      held,
    );
  const naive = (held = false) => {
    if (held) gc();
    const base = heap();
    const t0 = performance.now();
    const responses = storedResponses.flatMap((s) => JSON.parse(s) as StoredResponse[]);
    const loaded = heap() - base;
    const report = naiveReport(responses);
    const ms = performance.now() - t0;
    return { ms, held: loaded, report, n: responses.length };
  };
  // The machine is shared: each way runs RUNS times in a row and keeps its best time, so that
  // another process's burst in one run does not decide a ratio (single runs of the same code gave
  // ratios apart by 2×); in a row, a report follows a report, not the garbage of a naive run (a
  // quarter of a gigabyte) that the next collection must sweep. The untimed runs that measure
  // the heap come first.
  const held = { monthly: fromMonths(true).held, plain: naive(true).held };
  const repeat = <R>(run: () => R): R[] => Array.from({ length: RUNS }, run);
  const ways = { daily: repeat(() => fromDays()), monthly: repeat(() => fromMonths()), plain: repeat(() => naive()) };
  const runs = ways.daily.map((daily, i) => ({
    daily,
    monthly: ways.monthly[i] as (typeof ways.monthly)[number],
    plain: ways.plain[i] as (typeof ways.plain)[number],
  }));
  const best = <R extends { ms: number }>(list: R[]): R => list.reduce((a, b) => (b.ms < a.ms ? b : a));
  const daily = best(ways.daily);
  const monthly = best(ways.monthly);
  const plain = best(ways.plain);
  const same = (a: number | null | undefined, b: number | null | undefined) =>
    a !== null && a !== undefined && b !== null && b !== undefined && Math.abs(a - b) < 1e-9;
  const agree = runs.every(({ daily: d, monthly: m, plain: p }) =>
    [d, m].every(
      (r) =>
        same(r.report.overall.indices.satisfaction.value, p.report.overall?.satisfaction?.value) &&
        same(r.report.overall.indices.nps.value, p.report.overall?.nps?.value) &&
        same(r.report.byAudience.investor?.indices.image.value, p.report.investor?.image?.value),
    ),
  );
  const bytes = (xs: { byteLength: number }[]) => xs.reduce((s, x) => s + x.byteLength, 0);
  const rawBytes = storedResponses.reduce((s, x) => s + Buffer.byteLength(x), 0);
  const dailyBytes = bytes([...storedDays.map((d) => d.bytes), ...[...storedColumns.values()].map((c) => c.gz)]);
  const monthlyBytes = bytes(storedMonths.flatMap((m) => [m.gz, m.counts]));
  const at = `${Math.round(plain.n / 1000)}k`;
  const main = total === 200_000;
  const ratio = dailyBytes / rawBytes;
  const rows: BenchRow[] = [
    {
      id: `aggregate.stored-${at}`,
      metric: `${at}: stored bytes of ${plain.n.toLocaleString('en')} responses (JSON) / ${days} daily aggregates / ${storedMonths.length} monthly roll-ups with counts (gzipped)`,
      value: rawBytes / MB,
      unit: `MB / ${(dailyBytes / MB).toFixed(2)} / ${(monthlyBytes / MB).toFixed(2)}`,
    },
    {
      id: `aggregate.naive-ms-${at}`,
      metric: `${at}: 2-year report the naive way (parse, score, simple-statistics), best of ${RUNS}`,
      value: plain.ms,
      unit: 'ms',
    },
    {
      id: `aggregate.daily-ms-${at}`,
      metric: `${at}: 2-year report from the ${days} daily aggregates alone, best of ${RUNS}`,
      value: daily.ms,
      unit: 'ms',
    },
    {
      id: `aggregate.monthly-ms-${at}`,
      metric: `${at}: 2-year report from ${storedMonths.length} monthly roll-ups and counts, best of ${RUNS}`,
      value: monthly.ms,
      unit: 'ms',
    },
    {
      id: main ? 'aggregate.monthly-speedup' : `aggregate.monthly-speedup-${at}`,
      metric: `${at}: speed ratio naive / monthly roll-ups`,
      value: plain.ms / monthly.ms,
      unit: '×',
      ...(main ? { goal: '≥ 100×', ok: plain.ms / monthly.ms >= 100 } : {}),
    },
    {
      id: `aggregate.heap-naive-${at}`,
      metric: `${at}: heap held by the naive way (responses loaded)`,
      value: held.plain / MB,
      unit: 'MB',
    },
    {
      id: `aggregate.heap-monthly-${at}`,
      metric: `${at}: heap held by the roll-ups and the report`,
      value: held.monthly / MB,
      unit: 'MB',
      goal: 'independent of responses',
    },
    {
      id: `aggregate.agree-${at}`,
      metric: `${at}: all ways give the same indices`,
      value: agree ? 1 : 0,
      unit: 'bool',
      goal: '1',
      ok: agree,
    },
  ];
  if (main) {
    rows.splice(
      4,
      0,
      {
        id: 'aggregate.daily-size-ratio',
        metric: `${at}: daily aggregates' stored bytes ÷ the responses' stored bytes`,
        value: ratio,
        unit: '',
        goal: '≤ 0.05',
        ok: ratio <= 0.05,
      },
      {
        id: 'aggregate.daily-speedup',
        metric: `${at}: speed ratio naive / daily aggregates alone`,
        value: plain.ms / daily.ms,
        unit: '×',
        goal: '≥ 20×',
        ok: plain.ms / daily.ms >= 20,
      },
    );
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  // Two volumes over the same 2 years: the naive way grows with responses, aggregates barely do.
  return [...(await aggregationThroughput()), ...twoYearReport(200_000), ...twoYearReport(730_000)];
}
