/**
 * The nightly aggregation: a Lambda that EventBridge Scheduler invokes every night in
 * Europe/Paris (the job itself decides which days have closed in each territory's time zone).
 * A run that fails after its retries, or that the scheduler cannot deliver, lands in the
 * dead-letter queue, which an alarm watches. Re-running a day gives the same result, so
 * retries are safe.
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
import { arnWildcardFinding, grantObjects } from './nag.ts';

export class EcouteNightly extends Construct {
  readonly function: EcouteFunction;
  readonly deadLetters: sqs.Queue;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, { config, data }: { config: EcouteConfig; data: EcouteData }) {
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
      description: `Écoute ${config.stage}: nightly aggregation and reports`,
      serviceName: 'ecoute-nightly',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        ECOUTE_TABLE: data.table.tableName,
        ECOUTE_REPORTS_BUCKET: data.reports.bucketName,
      },
    });
    const fn = this.function.fn;
    // Scheduler invokes asynchronously: Lambda retries twice, then records the failure here.
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
    });
    this.grantData(data);

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

  private grantData(data: EcouteData): void {
    const role = this.function.role;
    data.grantTable(role);
    // DeleteObject: a report set whose write failed halfway is removed, never left half-written.
    grantObjects(role, data.reports, {
      sid: 'WriteReports',
      actions: ['s3:PutObject', 's3:DeleteObject'],
      reason:
        'PutObject and DeleteObject take object ARNs: this is any report key in the reports bucket only, which holds nothing but the reports this job writes.',
    });
  }
}
