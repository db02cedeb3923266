/**
 * What both API Lambdas (public-lambda.ts, lambda.ts) read at start-up, behind API Gateway (HTTP
 * API, payload 2.0): the secrets, the caller's address and request id as the gateway saw them,
 * the SES notifier and the deployment's settings.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Context } from 'hono';
import type { LambdaEvent } from 'hono/aws-lambda';
import { sesNotifier } from './notifier.ts';
import { deploymentSettings, type PublicSettings } from './public-runtime.ts';

const secrets = new SecretsManagerClient({});

/** A secret's value from Secrets Manager when the stack names it, else from the environment (tests). */
async function secretValue(arnVariable: string, plainVariable: string): Promise<string | undefined> {
  const arn = process.env[arnVariable];
  if (!arn) return process.env[plainVariable];
  return (await secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
}

type GatewayContext =
  | { http?: { sourceIp?: string }; identity?: { sourceIp?: string }; requestId?: string }
  | undefined;
const gateway = (c: Context) => (c.env as { event?: LambdaEvent } | undefined)?.event?.requestContext as GatewayContext;

/** API Gateway's view of the caller: the source address it saw, never a header the client wrote. */
function sourceIp(c: Context): string {
  const ctx = gateway(c);
  return ctx?.http?.sourceIp ?? ctx?.identity?.sourceIp ?? 'unknown';
}

/**
 * Residents who consented hear of their suggestion through SES when the stack names a sender.
 * Few requests send mail, so the SES client is loaded on the first one, from the runtime's SDK
 * (infra/bundling.ts leaves it out of the bundle): every cold start no longer pays for it.
 */
function notifierFor(sender: string | undefined) {
  if (!sender) return undefined;
  let ses:
    | Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }>
    | undefined;
  const sendEmail: Parameters<typeof sesNotifier>[0] = async (input) => {
    ses ??= import('@aws-sdk/client-sesv2').then(
      ({ SESv2Client, SendEmailCommand }) => ({ client: new SESv2Client({}), SendEmailCommand }),
      (error: unknown) => {
        ses = undefined; // a failed load is tried again with the next e-mail
        throw error;
      },
    );
    const { client, SendEmailCommand } = await ses;
    return client.send(new SendEmailCommand(input));
  };
  return sesNotifier(sendEmail, sender);
}

/** The settings a Lambda's app is built from; a missing or short operator key stops the start. */
export async function lambdaSettings(): Promise<PublicSettings> {
  // Both at once: a cold start waits for one round trip, not two.
  const [key = '', hmacSecret] = await Promise.all([
    secretValue('ECOUTE_OPERATOR_KEY_SECRET_ARN', 'ECOUTE_OPERATOR_KEY'),
    secretValue('ECOUTE_HMAC_SECRET_ARN', 'ECOUTE_HMAC_SECRET'),
  ]);
  if (key.length < 16) throw new Error('the operator key is missing or shorter than 16 characters');
  return {
    table: process.env.ECOUTE_TABLE ?? 'ecoute',
    operatorKey: key,
    secret: hmacSecret,
    clientAddress: sourceIp,
    requestId: (c) => gateway(c)?.requestId,
    // An attempt that hangs gives up after 2 s; the request's budget (ECOUTE_REQUEST_BUDGET_MS, 8 s)
    // bounds all its calls together, so a slow database gets our 503 before the 10 s timeout.
    dbTimeoutMs: 2000,
    notifier: notifierFor(process.env.ECOUTE_NOTIFY_FROM),
    ...deploymentSettings(process.env),
  };
}
