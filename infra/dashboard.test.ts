/**
 * The counters the functions write (functions/metrics.ts) are the ones the stack graphs and
 * pages on: same namespace, names and dimensions, never a territory dimension.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { COUNTERS } from '../functions/metrics.ts';
import { type Synthesized, synthesize } from './testing.ts';

let s: Synthesized;
beforeAll(() => {
  s = synthesize({ alarmEmail: 'astreinte@example.org' });
});

type Alarm = { Properties: Record<string, unknown> };
const alarmsOf = () => Object.entries(s.template.findResources('AWS::CloudWatch::Alarm') as Record<string, Alarm>);
const alarm = (prefix: string) => {
  const found = alarmsOf().find(([id]) => id.startsWith(`Alarms${prefix}`));
  if (!found) throw new Error(`no alarm ${prefix}`);
  return found[1].Properties;
};

describe('the functions’ counters', () => {
  it('go to one namespace per stack, which the functions are told', () => {
    const namespaces = Object.values(s.template.findResources('AWS::Lambda::Function'))
      .map((fn) => (fn as Alarm).Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
      .map((env) => env?.Variables?.POWERTOOLS_METRICS_NAMESPACE)
      .filter((n) => n !== undefined);
    // The API's two functions, the nightly dispatcher and the worker (which runs the territories' nights).
    expect(namespaces).toEqual(['Ecoute-dev', 'Ecoute-dev', 'Ecoute-dev', 'Ecoute-dev']);
  });
});

describe('alarms on the counters', () => {
  it('NightlyUnitsFailed pages when the worker fails a territory in 5 minutes', () => {
    expect(alarm('NightlyUnitsFailed')).toMatchObject({
      Namespace: 'Ecoute-dev',
      MetricName: 'NightlyUnitsFailed',
      Dimensions: [{ Name: 'service', Value: 'ecoute-worker' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
  });

  type Query = { Id: string; Expression?: string; MetricStat?: { Metric: Record<string, unknown>; Stat: string } };
  it.each([
    ['RateLimitedShare', 'RateLimited', 10],
    ['Api503Share', 'Unavailable', 1],
  ])('%s pages on %s as a share of the requests (%i %), not a count', (id, metric, threshold) => {
    const a = alarm(id);
    expect(a).toMatchObject({ Threshold: threshold, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const queries = a.Metrics as Query[];
    const shown = queries.find((q) => q.Expression);
    const queryId = metric.toLowerCase();
    expect(shown?.Expression).toBe(`IF(requests >= 20, 100 * FILL(${queryId}, 0) / requests, 0)`);
    const part = queries.find((q) => q.Id === queryId)?.MetricStat;
    expect(part).toMatchObject({
      Metric: { Namespace: 'Ecoute-dev', MetricName: metric, Dimensions: [{ Name: 'service', Value: 'ecoute-api' }] },
      Stat: 'Sum',
    });
    const requests = queries.find((q) => q.Id === 'requests')?.MetricStat;
    expect(requests).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count' }, Stat: 'Sum' });
    expect(JSON.stringify(requests?.Metric.Dimensions)).toContain('"Name":"ApiId"');
  });

  it('SurveyFileWrites pages on one survey file the API or the night could not write in an hour', () => {
    const a = alarm('SurveyFileWrites');
    expect(a).toMatchObject({
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
    expect(String(a.AlarmDescription)).toMatch(/1 or more in an hour, since/);
    const queries = a.Metrics as Query[];
    expect(queries.find((q) => q.Expression)?.Expression).toBe('FILL(api, 0) + FILL(worker, 0)');
    for (const [id, service] of [
      ['api', 'ecoute-api'],
      ['worker', 'ecoute-worker'],
    ])
      expect(queries.find((q) => q.Id === id)?.MetricStat).toEqual({
        Metric: {
          Namespace: 'Ecoute-dev',
          MetricName: 'SurveyFileWritesFailed',
          Dimensions: [{ Name: 'service', Value: service }],
        },
        Period: 3600,
        Stat: 'Sum',
      });
  });

  it('pages on the gateway’s p99 latency held 15 minutes, and on API invocations near the timeout', () => {
    expect(alarm('ApiLatency')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Period: 300,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 3000,
    });
    // 80% of the API function's own timeout, read from the template.
    const [apiId, apiFn] = Object.entries(s.template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('ApiLambda'),
    ) ?? ['', { Properties: {} }];
    expect(alarm('ApiDuration')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: apiId } }],
      Threshold: 0.8 * 1000 * ((apiFn as Alarm).Properties.Timeout as number),
    });
  });

  it('pages on a nightly dispatch near its timeout, and on its errors', () => {
    const [nightlyId, nightlyFn] = Object.entries(s.template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('NightlyLambda'),
    ) ?? ['', { Properties: {} }];
    const timeoutS = (nightlyFn as Alarm).Properties.Timeout as number;
    // It hands the rest on with 5 minutes to spare: 80% of the timeout is a page gone far too slow.
    expect(timeoutS - 5 * 60).toBeLessThan(0.8 * timeoutS);
    const ofTheDispatcher = {
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: nightlyId } }],
    };
    expect(alarm('NightlyDuration')).toMatchObject({
      ...ofTheDispatcher,
      MetricName: 'Duration',
      Statistic: 'Maximum',
      Threshold: 0.8 * 1000 * timeoutS,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarm('NightlyErrors')).toMatchObject({ ...ofTheDispatcher, MetricName: 'Errors', Threshold: 1 });
  });

  it('has no SES alarm when no notification sender is configured', () => {
    expect(alarmsOf().filter(([id]) => id.startsWith('AlarmsSes'))).toEqual([]);
  });

  it('never slice by territory: no alarm has a territory dimension', () => {
    const dimensions = alarmsOf().flatMap(([, a]) => (a.Properties.Dimensions as { Name: string }[] | undefined) ?? []);
    expect(dimensions.map((d) => d.Name)).not.toContain('territory');
    expect(dimensions.map((d) => d.Name)).toContain('service');
  });
});

/**
 * The night's runs as Europe/Paris says them (03:30 local), in UTC, worked out with the
 * platform's time-zone data rather than the stack's schedule: every night from March 2026 to
 * March 2028, both clock changes twice.
 */
function nightlyRuns(): number[] {
  const paris = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const wallClock = (t: number) => {
    const parts = paris.formatToParts(t);
    const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((x) => x.type === type)?.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  };
  const runs: number[] = [];
  for (let day = Date.UTC(2026, 2, 1); day < Date.UTC(2028, 2, 1); day += 86_400_000) {
    const wanted = day + (3 * 60 + 30) * 60_000;
    let t = wanted;
    for (let i = 0; i < 3; i++) t -= wallClock(t) - wanted;
    runs.push(t);
  }
  return runs;
}

describe('the nightly "missed" alarm', () => {
  const HOUR = 3_600_000;
  /** The latest a run may show in the metric: Scheduler's start, Lambda's, CloudWatch's ingestion. */
  const LATE = 15 * 60_000;

  it('needs every hourly period of its window empty, counting missing data (no invocation) as empty', () => {
    expect(alarm('NightlyMissed')).toMatchObject({
      MetricName: 'Invocations',
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    const a = alarm('NightlyMissed');
    expect(a.DatapointsToAlarm).toBe(a.EvaluationPeriods);
  });

  it('never pages between two nights, the October change’s 25 hours included', () => {
    const a = alarm('NightlyMissed');
    const windowMs = (a.Period as number) * 1000 * (a.EvaluationPeriods as number);
    const runs = nightlyRuns();
    const gaps = runs.slice(1).map((t, i) => t - (runs[i] as number));
    expect(Math.max(...gaps)).toBe(25 * HOUR); // the time zone data says so
    // A sliding window with no run in it pages: the widest gap between runs, one of them late, must fit in it.
    for (const gap of gaps) expect(gap + LATE).toBeLessThan(windowMs);
  });

  it('pages before the office opens after a night that did not run', () => {
    const a = alarm('NightlyMissed');
    const windowMs = (a.Period as number) * 1000 * (a.EvaluationPeriods as number);
    const runs = nightlyRuns();
    for (let i = 1; i < runs.length - 1; i++) {
      const before = runs[i - 1] as number;
      const missed = runs[i] as number;
      // With the window's end falling anywhere in the hour, it empties of the last run at most an hour late.
      const paged = before + windowMs + HOUR;
      expect(paged).toBeLessThan(runs[i + 1] as number);
      expect(paged - missed).toBeLessThanOrEqual(5 * HOUR);
    }
  });
});

describe('the dashboard', () => {
  type Widget = {
    type: string;
    properties: {
      title?: string;
      alarms?: string[];
      metrics?: (string | Record<string, unknown>)[][];
      annotations?: { horizontal: { value: number }[] };
    };
  };
  /** Its body, with the references (ARNs, function names, the region) as REF, read as the JSON it is. */
  const widgets = (): Widget[] => {
    const dashboards = Object.values(s.template.findResources('AWS::CloudWatch::Dashboard')) as Alarm[];
    const [dashboard, ...others] = dashboards;
    if (!dashboard || others.length) throw new Error(`${dashboards.length} dashboards, not one`);
    expect(dashboard.Properties.DashboardName).toBe('ecoute-dev');
    const join = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    return JSON.parse(join.map((part) => (typeof part === 'string' ? part : 'REF')).join('')).widgets;
  };

  it('shows the state of every alarm', () => {
    const [first] = widgets();
    expect(first?.type).toBe('alarm');
    expect(first?.properties.alarms).toHaveLength(alarmsOf().length);
  });

  it('graphs every counter by service, and the refusals and discards by reason, never by territory', () => {
    const lines = widgets().flatMap((w) => w.properties.metrics ?? []);
    const ours = lines.filter((l) => l[0] === 'Ecoute-dev');
    const expressions = lines.map((l) => l[0]).filter((l): l is { expression: string } => typeof l === 'object');
    const searches = expressions.filter((e) => e.expression.startsWith('SEARCH('));
    // The other expressions are the 429 and 503 shares of the requests.
    expect(expressions.filter((e) => !e.expression.startsWith('SEARCH(')).map((e) => e.expression)).toEqual([
      'IF(requests >= 20, 100 * FILL(ratelimited, 0) / requests, 0)',
      'IF(requests >= 20, 100 * FILL(unavailable, 0) / requests, 0)',
    ]);
    for (const line of ours) expect(line.slice(2, 3)).toEqual(['service']);
    const graphed = [...ours.map((l) => l[1]), ...searches.map((e) => /MetricName="(\w+)"/.exec(e.expression)?.[1])];
    expect(new Set(graphed)).toEqual(new Set(COUNTERS));
    for (const { expression } of searches)
      expect(expression).toMatch(
        /^SEARCH\('\{"Ecoute-dev",service,reason\} MetricName="\w+" service="ecoute-api"', 'Sum', 300\)$/,
      );
    expect(JSON.stringify(lines)).not.toMatch(/territory/i);
  });

  it('graphs the survey files not written, by the API and the night, and those the night wrote again', () => {
    const files = widgets().find((w) => w.properties.title?.startsWith('Survey files'));
    expect(files?.properties.metrics?.map((l) => l.slice(0, 4))).toEqual([
      ['Ecoute-dev', 'SurveyFileWritesFailed', 'service', 'ecoute-api'],
      ['Ecoute-dev', 'SurveyFileWritesFailed', 'service', 'ecoute-worker'],
      ['Ecoute-dev', 'SurveyFilesRepublished', 'service', 'ecoute-worker'],
    ]);
  });

  it('graphs the nightly dispatch: its longest run against its timeout and the alarm, its invocations and errors', () => {
    const dispatch = widgets().find((w) => String(w.properties.title).startsWith('Nightly dispatch'));
    const lambda = (dispatch?.properties.metrics ?? []).filter((l) => l[0] === 'AWS/Lambda').map((l) => l[1]);
    expect(lambda).toEqual(['Duration', 'Invocations', 'Errors']);
    const timeoutS = Object.entries(s.template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith('NightlyLambda'),
    )?.[1].Properties.Timeout as number;
    const lines = dispatch?.properties.annotations?.horizontal.map((a) => a.value);
    expect(lines).toEqual([1000 * timeoutS, alarm('NightlyDuration').Threshold]);
  });
});
