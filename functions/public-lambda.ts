/**
 * The public Lambda: the routes anyone may call without a key (createPublicApp), which API
 * Gateway sends here (infra/api.ts). Only their code and stores are bundled, so the cold starts
 * visitors meet load no staff route, report or export.
 */
import { handle } from 'hono/aws-lambda';
import { lambdaSettings } from './lambda-settings.ts';
import { withInvocationLogs } from './log.ts';
import { createPublicApp } from './public-app.ts';
import { publicDeps } from './public-runtime.ts';

const app = createPublicApp(publicDeps(await lambdaSettings()));

export const handler = withInvocationLogs(handle(app));
