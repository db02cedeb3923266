/**
 * The functions' own counters (functions/metrics.ts, written as embedded metric format lines)
 * as CloudWatch metrics, and one dashboard of them beside the API's and the nightly job's
 * health. Dimensions are the service and, for refusals, the reason; territories are only
 * properties of the lines (Logs Insights finds them), so the number of metrics stays fixed.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { EcouteApi } from './api.ts';
import { metricsNamespace } from './lambda.ts';
import type { EcouteNightly } from './nightly.ts';

export type Service = 'ecoute-api' | 'ecoute-nightly' | 'ecoute-worker';

const FIVE_MINUTES = Duration.minutes(5);

/**
 * One counter of one service, without a reason, summed per period. `name` is one of COUNTERS in
 * functions/metrics.ts (infra imports no function code but the entries; dashboard.test.ts
 * checks that the dashboard graphs each of them).
 */
export function counter(
  scope: Construct,
  service: Service,
  name: string,
  period: Duration = FIVE_MINUTES,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: metricsNamespace(scope),
    metricName: name,
    dimensionsMap: { service },
    statistic: cloudwatch.Stats.SUM,
    period,
  });
}

/** Every reason of a counter that has one, each its own line: the reasons are error codes, a short fixed list. */
function byReason(scope: Construct, service: Service, name: string, label: string): cloudwatch.MathExpression {
  const namespace = metricsNamespace(scope);
  return new cloudwatch.MathExpression({
    expression: `SEARCH('{"${namespace}",service,reason} MetricName="${name}" service="${service}"', 'Sum', 300)`,
    usingMetrics: {},
    label,
    period: FIVE_MINUTES,
  });
}

/** Requests under this many in 5 minutes make no share: one 429 in three requests is no flood. */
export const SHARE_MIN_REQUESTS = 20;

/**
 * A counter of the API as a percentage of the gateway's requests in 5 minutes (0 below
 * SHARE_MIN_REQUESTS requests, and when the counter wrote nothing).
 */
export function shareOfRequests(scope: Construct, api: EcouteApi, name: string): cloudwatch.MathExpression {
  // Its own id per counter, so one graph can show several (the requests are the same metric in each).
  const id = name.toLowerCase();
  return new cloudwatch.MathExpression({
    expression: `IF(requests >= ${SHARE_MIN_REQUESTS}, 100 * FILL(${id}, 0) / requests, 0)`,
    usingMetrics: {
      [id]: counter(scope, 'ecoute-api', name),
      requests: api.stage.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
    },
    label: `${name} (% of requests)`,
    period: FIVE_MINUTES,
  });
}

/**
 * Survey files (functions/store/public-surveys.ts) not written in an hour, by the API or the
 * night's worker, as one figure: either means the widget's bucket cannot be written. FILL, since
 * a counter that counted nothing writes no datapoint.
 */
export function surveyFileWritesFailed(scope: Construct): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: 'FILL(api, 0) + FILL(worker, 0)',
    usingMetrics: {
      api: counter(scope, 'ecoute-api', 'SurveyFileWritesFailed', Duration.hours(1)),
      worker: counter(scope, 'ecoute-worker', 'SurveyFileWritesFailed', Duration.hours(1)),
    },
    label: 'SurveyFileWritesFailed (API and night)',
    period: Duration.hours(1),
  });
}

/** An SES reputation metric of the account (a fraction, 0.05 = 5%), the worst of each hour. */
export function sesReputation(name: 'Reputation.BounceRate' | 'Reputation.ComplaintRate'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/SES',
    metricName: name,
    statistic: cloudwatch.Stats.MAXIMUM,
    period: Duration.hours(1),
  });
}

/**
 * The nightly dispatch: its longest invocation against its timeout (the duration alarm's 80%
 * line), and its invocations and errors (more than one invocation a night: retries).
 */
function nightlyDispatch(nightly: EcouteNightly): cloudwatch.GraphWidget {
  const fn = nightly.function.fn;
  const hourly = { period: Duration.hours(1) };
  const timeoutMs = fn.timeout?.toMilliseconds() ?? 0;
  return new cloudwatch.GraphWidget({
    title: 'Nightly dispatch: longest run (ms), invocations, errors',
    left: [fn.metricDuration({ ...hourly, statistic: cloudwatch.Stats.MAXIMUM })],
    leftAnnotations: [
      { value: timeoutMs, label: 'timeout' },
      { value: 0.8 * timeoutMs, label: 'alarm (80%)', color: cloudwatch.Color.ORANGE },
    ],
    right: [
      fn.metricInvocations({ ...hourly, statistic: cloudwatch.Stats.SUM }),
      fn.metricErrors({ ...hourly, statistic: cloudwatch.Stats.SUM }),
    ],
    width: 8,
    height: 6,
    leftYAxis: { min: 0 },
    rightYAxis: { min: 0 },
  });
}

export class EcouteDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(
    scope: Construct,
    id: string,
    props: { stage: string; api: EcouteApi; nightly: EcouteNightly; alarms: cloudwatch.IAlarm[]; ses: boolean },
  ) {
    super(scope, id);
    const { api, nightly } = props;
    const c = (name: string) => counter(this, 'ecoute-api', name);
    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left, width, height: 6, leftYAxis: { min: 0 } });
    const apiFn = api.function.fn;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `ecoute-${props.stage}`,
      defaultInterval: Duration.days(1),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 3 })],
        [
          graph('Responses (per 5 min)', [c('ResponsesAccepted'), c('ResponsesReplayed')]),
          graph('Responses refused, by reason', [byReason(this, 'ecoute-api', 'ResponsesRefused', 'refused')]),
          graph('Held back or unavailable', [c('RateLimited'), c('Unavailable')]),
        ],
        [
          graph('Suggestions', [c('SuggestionsReceived')]),
          graph('Suggestions refused or discarded, by reason', [
            byReason(this, 'ecoute-api', 'SuggestionsRefused', 'refused'),
            byReason(this, 'ecoute-api', 'SuggestionsDiscarded', 'discarded'),
          ]),
          graph('Nightly territories done and failed', [
            counter(this, 'ecoute-worker', 'NightlyUnitsDone', Duration.hours(1)),
            counter(this, 'ecoute-worker', 'NightlyUnitsFailed', Duration.hours(1)),
          ]),
        ],
        [
          graph('Staff API Lambda duration (p50, p99)', [
            apiFn.metricDuration({ statistic: cloudwatch.Stats.p(50), period: FIVE_MINUTES }),
            apiFn.metricDuration({ statistic: cloudwatch.Stats.p(99), period: FIVE_MINUTES }),
          ]),
          graph('API requests and 5xx', [
            api.stage.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
            api.stage.metricServerError({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM }),
          ]),
          nightlyDispatch(nightly),
        ],
        [
          graph('Public API Lambda duration (p50, p99)', [
            api.publicFunction.fn.metricDuration({ statistic: cloudwatch.Stats.p(50), period: FIVE_MINUTES }),
            api.publicFunction.fn.metricDuration({ statistic: cloudwatch.Stats.p(99), period: FIVE_MINUTES }),
          ]),
        ],
        [
          graph('API latency at the gateway (p99)', [
            api.stage.metricLatency({ statistic: cloudwatch.Stats.p(99), period: FIVE_MINUTES }),
          ]),
          graph('429 and 503, % of requests', [
            shareOfRequests(this, api, 'RateLimited'),
            shareOfRequests(this, api, 'Unavailable'),
          ]),
          graph('Survey files not written, and written again at night (per hour)', [
            counter(this, 'ecoute-api', 'SurveyFileWritesFailed', Duration.hours(1)),
            counter(this, 'ecoute-worker', 'SurveyFileWritesFailed', Duration.hours(1)),
            counter(this, 'ecoute-worker', 'SurveyFilesRepublished', Duration.hours(1)),
          ]),
          ...(props.ses
            ? [
                graph('SES reputation (bounces, complaints)', [
                  sesReputation('Reputation.BounceRate'),
                  sesReputation('Reputation.ComplaintRate'),
                ]),
              ]
            : []),
        ],
      ],
    });
  }
}
