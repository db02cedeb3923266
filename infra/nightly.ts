/**
 * The nightly dispatcher: a Lambda that EventBridge Scheduler invokes every night in
 * Europe/Paris, which sends one unit of work per territory to the work queue (infra/work.ts);
 * the worker aggregates each territory's days closed in its own time zone and writes its
 * reports. A dispatch that fails after its retries, or that the scheduler cannot deliver, lands
 * in the dead-letter queue, which an alarm watches. Dispatching twice sends the same units
 * (deduplicated by the queue, counted once by their jobs), so retries are safe.
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EcouteConfig } from './config.ts';
import type { EcouteData } from './data.ts';
import { EcouteFunction } from './lambda.ts';
import { arnWildcardFinding } from './nag.ts';
import type { EcouteWork } from './work.ts';

/**
 * Listing territories, reading whether each is due (its territory and surveys, a few small reads
 * for a closed survey) and sending ten units a call: `npm run bench -- nightly` projects 10 000
 * territories against it (nightly.projected-dispatch-10k-s: 400–450 s on the busy 2-core machine,
 * past the 5 minutes it had), so Lambda's longest; it costs only the seconds it runs.
 */
export const DISPATCHER_TIMEOUT = Duration.minutes(15);

export class EcouteNightly extends Construct {
  readonly function: EcouteFunction;
  readonly deadLetters: sqs.Queue;
  readonly schedule: scheduler.Schedule;

  constructor(
    scope: Construct,
    id: string,
    { config, data, work }: { config: EcouteConfig; data: EcouteData; work: EcouteWork },
  ) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the nightly job (Lambda on-failure destination and Scheduler DLQ); a DLQ of a DLQ would hide nothing more.',
    });

    this.function = new EcouteFunction(this, 'Lambda', {
      entry: config.nightlyEntry,
      description: `Écoute ${config.stage}: nightly dispatch, one unit of work per territory`,
      serviceName: 'ecoute-nightly',
      memorySize: 512,
      timeout: DISPATCHER_TIMEOUT,
      environment: {
        ECOUTE_TABLE: data.table.tableName,
        ECOUTE_WORK_QUEUE_URL: work.queue.queueUrl,
      },
    });
    const fn = this.function.fn;
    // Scheduler invokes asynchronously: Lambda retries twice, then records the failure here.
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
    });
    data.grantTable(this.function.role);
    work.queue.grantSendMessages(this.function.role);

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Écoute nightly aggregation, after midnight in metropolitan France',
      schedule: scheduler.ScheduleExpression.cron({ hour: '3', minute: '30', timeZone: TimeZone.EUROPE_PARIS }),
      target: new LambdaInvoke(fn, {
        role: this.schedulerRole(),
        deadLetterQueue: this.deadLetters,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });
  }

  /** Our own role for the schedule, so its one acknowledgement sits on it; LambdaInvoke grants. */
  private schedulerRole(): iam.Role {
    const role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler start the nightly job and record undeliverable runs',
    });
    Validations.of(role).acknowledge({
      id: arnWildcardFinding(this.function.fn, ':*'),
      reason:
        'The ":*" is the version/alias qualifier of the one nightly function (CDK grantInvoke); no other function is reachable.',
    });
    return role;
  }
}
