/**
 * Structured JSON log lines. Callers pass no personal data: no address, key, e-mail or answer.
 * Written to the streams directly, not through console, so Lambda's JSON log format keeps each
 * line as the structured record it is instead of wrapping it as an escaped message string.
 * Every line written while a request or an invocation runs carries its ids (see withLogContext),
 * as Powertools Logger's do, so one request's lines can be found together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Level = 'info' | 'warn' | 'error';

/** What identifies the current request or invocation: ids only, never who made it. */
export interface LogContext {
  /** API Gateway's request id (its `apigw-requestid` answer header), or one made locally. */
  requestId?: string;
  /** Lambda's id for the invocation (`awsRequestId`, the REPORT line's RequestId). */
  lambdaRequestId?: string;
  /** True on the first invocation of a Lambda instance. */
  coldStart?: boolean;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `fields` on every line it logs, however deep. */
export const withLogContext = <T>(fields: LogContext, work: () => T): T =>
  context.run({ ...context.getStore(), ...fields }, work);

/**
 * Wraps a Lambda handler: each invocation's lines carry Lambda's request id, and those of an
 * instance's first invocation `coldStart: true`.
 */
export function withInvocationLogs<E, C extends { awsRequestId?: string }, R>(
  handler: (event: E, context?: C) => Promise<R>,
): (event: E, context?: C) => Promise<R> {
  let coldStart = true;
  return (event, context) => {
    const fields = { lambdaRequestId: context?.awsRequestId, coldStart };
    coldStart = false;
    return withLogContext(fields, () => handler(event, context));
  };
}

/** Which function wrote the line: the stack names each one (`ecoute-api`, `ecoute-nightly`) as Powertools does. */
const service = process.env.POWERTOOLS_SERVICE_NAME ?? 'ecoute';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.ECOUTE_LOG === 'off') return; // benchmarks: thousands of provoked 503s are not news
  const line = JSON.stringify({
    level,
    message,
    time: new Date().toISOString(),
    service,
    ...context.getStore(),
    ...fields,
  });
  if (level === 'error') process.stderr.write(`${line}\n`);
  else if (process.env.ECOUTE_QUIET !== '1') process.stdout.write(`${line}\n`);
}
