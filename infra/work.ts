/**
 * Work outside requests: an SQS FIFO queue that the nightly dispatcher (a territory's night, and
 * the rest of a dispatch short of time, which the worker carries on) and the API (a large
 * back-fill's units, an export) fill, and a worker Lambda that empties it. FIFO because one message group per territory
 * keeps a territory's units one after another while territories run side by side, and its
 * deduplication drops a unit sent twice; partial batch responses retry only the units that
 * failed, and after three receives a unit lands in the dead-letter queue, which an alarm watches.
 * Exports are written to their own bucket, whose files live a day: a link to one lives 15 minutes.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EcouteConfig } from './config.ts';
import { type EcouteData, privateBucketDefaults } from './data.ts';
import { EcouteFunction } from './lambda.ts';
import { grantObjects } from './nag.ts';

/** Receives of a unit before it is set aside; the worker counts the last failure into its job. */
export const MAX_RECEIVES = 3;
export const WORKER_TIMEOUT = Duration.minutes(10);
/** At most this many workers at once, whatever the backlog: the table and the account's concurrency keep room. */
export const WORKER_CONCURRENCY = 10;

export class EcouteWork extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;
  readonly exports: s3.Bucket;
  readonly function: EcouteFunction;

  constructor(scope: Construct, id: string, { config, data }: { config: EcouteConfig; data: EcouteData }) {
    super(scope, id);
    const queueDefaults = { fifo: true, encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true };
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', { ...queueDefaults, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the work queue: units that failed three times wait here for the operator; a DLQ of a DLQ would hide nothing more.',
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...queueDefaults,
      // Longer than a worker may run, so a unit being worked is never delivered twice at once.
      visibilityTimeout: WORKER_TIMEOUT.plus(Duration.minutes(5)),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: MAX_RECEIVES },
    });

    this.exports = new s3.Bucket(this, 'Exports', {
      ...privateBucketDefaults,
      serverAccessLogsBucket: data.accessLogs,
      serverAccessLogsPrefix: 's3/exports/',
      // Raw answers: kept a day, long enough to fetch again, short enough not to become a second copy.
      lifecycleRules: [
        { id: 'expire-exports', expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.function = new EcouteFunction(this, 'Lambda', {
      entry: config.workerEntry,
      description: `Écoute ${config.stage}: nights, back-fills and exports, one unit of work at a time`,
      serviceName: 'ecoute-worker',
      memorySize: 1024,
      timeout: WORKER_TIMEOUT,
      environment: {
        ECOUTE_TABLE: data.table.tableName,
        ECOUTE_EXPORTS_BUCKET: this.exports.bucketName,
        ECOUTE_REPORTS_BUCKET: data.reports.bucketName,
        ECOUTE_MAX_RECEIVES: String(MAX_RECEIVES),
        // The rest of a night's dispatch, handed on to the worker, sends its units (and its own rest) here.
        ECOUTE_WORK_QUEUE_URL: this.queue.queueUrl,
      },
    });
    this.function.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: WORKER_CONCURRENCY,
      }),
    );
    const role = this.function.role;
    data.grantTable(role);
    this.queue.grantSendMessages(role);
    // DeleteObject: a report set whose write failed halfway is removed, never left half-written;
    // GetObject (HeadObject): unless another run of the same night wrote it whole, which its files' metadata says.
    grantObjects(role, data.reports, {
      sid: 'WriteReports',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      reason:
        'GetObject, PutObject and DeleteObject take object ARNs: this is any report key in the reports bucket only, which holds nothing but the reports the nights write.',
    });
    // Multipart uploads need PutObject for their parts and AbortMultipartUpload to clean up a failed one.
    grantObjects(role, this.exports, {
      sid: 'WriteExports',
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      reason:
        'PutObject and AbortMultipartUpload take object ARNs: this is any key in the exports bucket only, which holds nothing but the exports this worker writes.',
    });
  }

  /** Lets the API queue units and sign links to export files (the link carries the API's right to read them). */
  grantApi(api: EcouteFunction): void {
    api.fn.addEnvironment('ECOUTE_WORK_QUEUE_URL', this.queue.queueUrl);
    api.fn.addEnvironment('ECOUTE_EXPORTS_BUCKET', this.exports.bucketName);
    this.queue.grantSendMessages(api.role);
    grantObjects(api.role, this.exports, {
      sid: 'ReadExports',
      actions: ['s3:GetObject'],
      reason:
        'GetObject takes object ARNs: the API signs 15-minute links to export files, any key of the exports bucket, which holds nothing but exports; the route hands a link only to an admin of the territory whose export it is.',
    });
  }
}
