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
    // The API, the nightly dispatcher and the worker (which runs the territories' nights).
    expect(namespaces).toEqual(['Ecoute-dev', 'Ecoute-dev', 'Ecoute-dev']);
  });
});

describe('alarms on the counters', () => {
  it.each([
    ['RateLimitedSpike', 'RateLimited', 'ecoute-api', 300],
    ['Api503', 'Unavailable', 'ecoute-api', 5],
    ['NightlyUnitsFailed', 'NightlyUnitsFailed', 'ecoute-worker', 1],
  ])('%s pages when %s of %s reaches %i in 5 minutes', (id, metric, service, threshold) => {
    expect(alarm(id)).toMatchObject({
      Namespace: 'Ecoute-dev',
      MetricName: metric,
      Dimensions: [{ Name: 'service', Value: service }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: threshold,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
  });

  it('never slice by territory: no alarm has a territory dimension', () => {
    const dimensions = alarmsOf().flatMap(([, a]) => (a.Properties.Dimensions as { Name: string }[] | undefined) ?? []);
    expect(dimensions.map((d) => d.Name)).not.toContain('territory');
    expect(dimensions.map((d) => d.Name)).toContain('service');
  });
});

describe('the dashboard', () => {
  type Widget = { type: string; properties: { alarms?: string[]; metrics?: (string | Record<string, unknown>)[][] } };
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
    const searches = lines.map((l) => l[0]).filter((l): l is { expression: string } => typeof l === 'object');
    for (const line of ours) expect(line.slice(2, 3)).toEqual(['service']);
    const graphed = [...ours.map((l) => l[1]), ...searches.map((e) => /MetricName="(\w+)"/.exec(e.expression)?.[1])];
    expect(new Set(graphed)).toEqual(new Set(COUNTERS));
    for (const { expression } of searches)
      expect(expression).toMatch(
        /^SEARCH\('\{"Ecoute-dev",service,reason\} MetricName="\w+" service="ecoute-api"', 'Sum', 300\)$/,
      );
    expect(JSON.stringify(lines)).not.toMatch(/territory/i);
  });
});
