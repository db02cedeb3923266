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
import { API_TIMEOUT, type EcouteApi } from './api.ts';
import type { EcouteConfig } from './config.ts';
import { EcouteDashboard, counter, sesReputation, shareOfRequests, surveyFileWritesFailed } from './dashboard.ts';
import type { EcouteData } from './data.ts';
import { DISPATCHER_TIMEOUT, type EcouteNightly } from './nightly.ts';
import { WORKER_TIMEOUT, type EcouteWork } from './work.ts';

interface AlarmSpec {
  metric: cloudwatch.IMetric;
  threshold: number;
  description: string;
  comparison?: cloudwatch.ComparisonOperator;
  missing?: cloudwatch.TreatMissingData;
  /** Consecutive breaching periods before it pages (1 unless said). */
  periods?: number;
}

/**
 * The nightly job runs once a day at 03:30 Paris time, so consecutive runs are 24 h apart, 23 h
 * in March and 25 h on the October change, plus Scheduler's and the metric's delays. A 24 h
 * window (one daily period) can hold no run in it on an ordinary night (the window slides past
 * yesterday's run a moment before today's is counted) and always does in October: it paged
 * falsely. Hourly periods, all of which must be empty: missing data counts as breaching (a
 * Lambda that is never invoked writes no Invocations datapoint, which is the very thing to
 * catch), and 27 empty hours cannot happen between runs 25 h apart, yet follow a missed night
 * 3 to 4 h after the run that did not happen (about 07:00 Paris time, before offices open).
 */
export const NIGHTLY_MISSED_HOURS = 27;

/** A p99 past this for 15 minutes: visitors wait on the widget, and the request budget is near. */
export const API_P99_LATENCY_MS = 3000;

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
    const publicFn = api.publicFunction.fn;
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
      PublicErrors: {
        metric: publicFn.metricErrors(fiveMinutes),
        threshold: 5,
        description: "The public API Lambda (visitors' surveys and suggestions) failed 5 or more times in 5 minutes.",
      },
      PublicThrottles: {
        metric: publicFn.metricThrottles(fiveMinutes),
        threshold: 1,
        description:
          'Lambda refused public API invocations (concurrency limit): visitors’ widgets keep their answers and retry.',
      },
      PublicDuration: {
        metric: publicFn.metricDuration({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: API_TIMEOUT.toMilliseconds() * 0.8,
        description:
          'A public API invocation took 80% of the function timeout: responses ran into their time budget (storage unavailable) or something slows them.',
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
      NightlyDuration: {
        metric: nightlyFn.metricDuration({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: DISPATCHER_TIMEOUT.toMilliseconds() * 0.8,
        description:
          'A nightly dispatch took 80% of its timeout: it hands the rest of the territories on to the worker with 5 minutes to spare, so a page of them took far longer than it should (DynamoDB throttled or slow); past the timeout the night is retried from the start.',
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
      ApiLatency: {
        metric: api.stage.metricLatency({ period: Duration.minutes(5), statistic: cloudwatch.Stats.p(99) }),
        threshold: API_P99_LATENCY_MS,
        periods: 3,
        description: `The API's p99 latency stayed above ${API_P99_LATENCY_MS / 1000} s for 15 minutes (storage slow, or cold starts).`,
      },
      ApiDuration: {
        metric: apiFn.metricDuration({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: API_TIMEOUT.toMilliseconds() * 0.8,
        description:
          'An API invocation took 80% of the function timeout: requests ran into their time budget (storage unavailable) or something slows them; past the timeout the gateway answers 503 without our error shape.',
      },
      // The functions' own counters (infra/dashboard.ts), as shares of the requests: a count
      // threshold pages on a busy day's normal and never on a quiet one's outage.
      RateLimitedShare: {
        metric: shareOfRequests(this, api, 'RateLimited'),
        threshold: 10,
        description:
          'Clients were held back by their limits (429) for 10% or more of the requests in 5 minutes: a flood, or a kiosk whose territory limit is too low (see the lines with RateLimited in the API logs for the territory).',
      },
      Api503Share: {
        metric: shareOfRequests(this, api, 'Unavailable'),
        threshold: 1,
        description:
          'The API answered 503 (storage unavailable or the request ran out of time) to 1% or more of the requests in 5 minutes; the widget keeps those responses and sends them again.',
      },
      NightlyUnitsFailed: {
        metric: counter(this, 'ecoute-worker', 'NightlyUnitsFailed'),
        threshold: 1,
        description:
          'The nightly job could not aggregate a territory (its name is in the NightlyUnitsFailed line and the error log line before it).',
      },
      SurveyFileWrites: {
        metric: surveyFileWritesFailed(this),
        threshold: 1,
        description:
          'A survey’s public file (surveys/{id}.json in the widget bucket) could not be written in the last hour, by the API or the night: S3 unreachable, or the functions lost their rights to the bucket. Visitors still get a missing file’s survey from the API, but a stale file keeps showing its old version or status; the night writes it again, and posting the survey’s current status writes it at once. Rule: 1 or more in an hour, since writes come a few a day (no share of them would mean anything) and an hour makes one page of a burst.',
      },
      NightlyMissed: {
        metric: nightlyFn.metricInvocations({ period: Duration.hours(1), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        missing: cloudwatch.TreatMissingData.BREACHING,
        periods: NIGHTLY_MISSED_HOURS,
        description: `The nightly job was not invoked in the last ${NIGHTLY_MISSED_HOURS} hours (it runs every night at 03:30 Paris time).`,
      },
      ...(config.notificationSender && {
        // SES reviews an account from a 5% bounce rate and a 0.1% complaint rate (and may pause
        // its sending at 10% and 0.5%): these page at the first threshold, while there is time.
        SesBounceRate: {
          metric: sesReputation('Reputation.BounceRate'),
          threshold: 0.05,
          description:
            'The SES bounce rate reached 5%, where AWS reviews the account (10% may pause its sending): residents’ addresses bounce; check the suggestion notifications.',
        },
        SesComplaintRate: {
          metric: sesReputation('Reputation.ComplaintRate'),
          threshold: 0.001,
          description:
            'The SES complaint rate reached 0.1%, where AWS reviews the account (0.5% may pause its sending): residents mark the notifications as spam.',
        },
      }),
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
        evaluationPeriods: spec.periods ?? 1,
        datapointsToAlarm: spec.periods ?? 1,
        comparisonOperator: spec.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: spec.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
    this.dashboard = new EcouteDashboard(this, 'Dashboard', {
      stage: config.stage,
      api,
      nightly,
      alarms: this.alarms,
      ses: Boolean(config.notificationSender),
    });
  }
}
