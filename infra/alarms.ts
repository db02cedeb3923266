/**
 * Alarms that page the operator by e-mail: API errors and throttles, storage throttles, floods
 * of rate-limited clients and 503s, and anything that says the nightly job or the worker did not
 * do its work; and the dashboard that shows them with the counters behind them.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EcouteApi } from './api.ts';
import type { EcouteConfig } from './config.ts';
import { EcouteDashboard, counter } from './dashboard.ts';
import type { EcouteData } from './data.ts';
import type { EcouteNightly } from './nightly.ts';
import { WORKER_TIMEOUT, type EcouteWork } from './work.ts';

interface AlarmSpec {
  metric: cloudwatch.IMetric;
  threshold: number;
  description: string;
  comparison?: cloudwatch.ComparisonOperator;
  missing?: cloudwatch.TreatMissingData;
}

export class EcouteAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: EcouteDashboard;

  constructor(
    scope: Construct,
    id: string,
    props: { config: EcouteConfig; data: EcouteData; api: EcouteApi; nightly: EcouteNightly; work: EcouteWork },
  ) {
    super(scope, id);
    const { config, data, api, nightly, work } = props;
    this.topic = new sns.Topic(this, 'Topic', { displayName: `Écoute ${config.stage} alarms`, enforceSSL: true });
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));

    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    const apiFn = api.function.fn;
    const nightlyFn = nightly.function.fn;
    const workerFn = work.function.fn;
    const specs: Record<string, AlarmSpec> = {
      ApiErrors: {
        metric: apiFn.metricErrors(fiveMinutes),
        threshold: 5,
        description: 'The API Lambda failed 5 or more times in 5 minutes.',
      },
      ApiThrottles: {
        metric: apiFn.metricThrottles(fiveMinutes),
        threshold: 1,
        description: 'Lambda refused API invocations (concurrency limit).',
      },
      Api5xx: {
        metric: api.stage.metricServerError(fiveMinutes),
        threshold: 10,
        description: 'The HTTP API answered 10 or more 5xx in 5 minutes.',
      },
      TableThrottles: {
        metric: new cloudwatch.MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: data.table.metric('ReadThrottleEvents', fiveMinutes),
            writes: data.table.metric('WriteThrottleEvents', fiveMinutes),
          },
          period: Duration.minutes(5),
        }),
        threshold: 1,
        description: 'DynamoDB throttled requests (hot partition or account limit).',
      },
      NightlyErrors: {
        metric: nightlyFn.metricErrors(fiveMinutes),
        threshold: 1,
        description: 'The nightly job failed (it is retried; see the dead-letter queue).',
      },
      NightlyThrottles: {
        metric: nightlyFn.metricThrottles(fiveMinutes),
        threshold: 1,
        description: 'Lambda refused to run the nightly job.',
      },
      NightlyDeadLetters: {
        metric: nightly.deadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        description:
          'A nightly run failed after its retries or could not be delivered: read the message in the queue, fix, re-run the days.',
      },
      // The functions' own counters (infra/dashboard.ts).
      RateLimitedSpike: {
        metric: counter(this, 'ecoute-api', 'RateLimited'),
        threshold: 300,
        description:
          'Clients were held back by their limits 300 or more times in 5 minutes: a flood, or a kiosk whose territory limit is too low (see the lines with RateLimited in the API logs for the territory).',
      },
      Api503: {
        metric: counter(this, 'ecoute-api', 'Unavailable'),
        threshold: 5,
        description:
          'The API answered 503 (storage unavailable) 5 or more times in 5 minutes; the widget keeps those responses and sends them again.',
      },
      NightlyUnitsFailed: {
        metric: counter(this, 'ecoute-worker', 'NightlyUnitsFailed'),
        threshold: 1,
        description:
          'The nightly job could not aggregate a territory (its name is in the NightlyUnitsFailed line and the error log line before it).',
      },
      NightlyMissed: {
        metric: nightlyFn.metricInvocations({ period: Duration.days(1), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        missing: cloudwatch.TreatMissingData.BREACHING,
        description: 'The nightly job was not invoked in the last 24 hours.',
      },
      WorkErrors: {
        metric: workerFn.metricErrors(fiveMinutes),
        threshold: 1,
        description: 'The worker crashed or timed out (a unit that fails is reported per message, not as an error).',
      },
      WorkDuration: {
        metric: workerFn.metricDuration({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: WORKER_TIMEOUT.toMilliseconds() * 0.8,
        description: 'A batch of work took 80% of the worker timeout: units are getting too large (split them).',
      },
      WorkBacklog: {
        metric: work.queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 3600,
        description: 'A unit of work has waited an hour: the worker is failing, throttled or overwhelmed.',
      },
      WorkDeadLetters: {
        metric: work.deadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        description:
          'A unit of work failed three times: its job is marked failed; read the message, fix, start the back-fill or export again.',
      },
    };

    const action = new SnsAction(this.topic);
    for (const [name, spec] of Object.entries(specs)) {
      const alarm = new cloudwatch.Alarm(this, name, {
        alarmDescription: `Écoute ${config.stage}: ${spec.description}`,
        metric: spec.metric,
        threshold: spec.threshold,
        evaluationPeriods: 1,
        comparisonOperator: spec.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: spec.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
    this.dashboard = new EcouteDashboard(this, 'Dashboard', { stage: config.stage, api, nightly, alarms: this.alarms });
  }
}
