/**
 * The staff Lambda: the whole API (createApp), of which API Gateway sends it all but the public
 * routes (those go to public-lambda.ts; infra/api.ts). Its own on top of the public one: the
 * work queue, signed links to export files and the surveys' public files.
 */
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { lambdaSettings } from './lambda-settings.ts';
import { withInvocationLogs } from './log.ts';
import { buildDeps } from './runtime.ts';
import { environmentCredentials, fileLinks } from './store/presign.ts';
import { lambdaPublicFiles } from './store/public-surveys.ts';
import { sqsWorkQueue } from './work/sqs.ts';

/**
 * Work outside requests (large back-fills, exports) goes to the worker through SQS; export
 * files are handed out by links signed with this function's own credentials, which Lambda puts
 * in its environment (role credentials last longer than a link's 15 minutes).
 */
const work = {
  queue: sqsWorkQueue(process.env.ECOUTE_WORK_QUEUE_URL ?? ''),
  links: fileLinks({
    bucket: process.env.ECOUTE_EXPORTS_BUCKET ?? '',
    region: process.env.AWS_REGION ?? 'eu-west-3',
    // AWS's own endpoint variable, unset on Lambda: tests/lambda-bundles.test.ts points it at s3rver.
    endpoint: process.env.AWS_ENDPOINT_URL_S3,
    credentials: environmentCredentials,
  }),
};

/** Surveys' public files beside the widget, written when a survey goes live, changes or closes. */
const surveyFiles = lambdaPublicFiles();

const app = createApp(
  buildDeps({
    ...(await lambdaSettings()),
    work,
    ...(surveyFiles && { publicFiles: surveyFiles }),
  }),
);

export const handler = withInvocationLogs(handle(app));
