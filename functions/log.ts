/**
 * Structured JSON log lines, written by Powertools for AWS Lambda's Logger: its key names
 * (`level`, `message`, `timestamp`, `service`, and on Lambda `cold_start`, `function_request_id`;
 * see LeanFormatter for those left out), its sampling of debug lines (`POWERTOOLS_LOGGER_SAMPLE_RATE`
 * of the invocations log at DEBUG), its own console on the process streams, so that Lambda's
 * JSON log format keeps each line as the structured record it is. Callers pass no personal data:
 * no address, key, e-mail or answer. Every line written while a request runs carries its id
 * (see withLogContext), so one request's lines can be found together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, LogItem, Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** What identifies the current request: ids only, never who made it. */
export interface LogContext {
  /** API Gateway's request id (its `apigw-requestid` answer header), or one made locally. */
  requestId?: string;
}

/** What a request's one line will say, gathered while it runs. */
interface RequestLine {
  fields: Record<string, unknown>;
  /** It logged a warning or an error: its line is written whatever the sample. */
  troubled: boolean;
}

const context = new AsyncLocalStorage<LogContext & { line?: RequestLine }>();

/** Runs `work` with `fields` on every line it logs, however deep. */
export const withLogContext = <T>(fields: LogContext, work: () => T): T =>
  context.run({ ...context.getStore(), ...fields }, work);

/** Runs a request: `fields` on each of its lines, and its one line gathered (addToRequestLine, requestLine). */
export const withRequestLog = <T>(fields: LogContext, work: () => T): T =>
  context.run({ ...fields, line: { fields: {}, troubled: false } }, work);

/** Puts `fields` (ids, never personal data) on the request's one line rather than on a line of their own. */
export function addToRequestLine(fields: Record<string, unknown>): void {
  const line = context.getStore()?.line;
  if (line) Object.assign(line.fields, fields);
}

/**
 * The request's one line, the access line and what the app added to it: always for a 4xx or a
 * 5xx and for a request that logged a warning or an error; for the others (2xx, 3xx) only in the
 * invocations the sample rate draws, as a debug line. CloudWatch bills every byte, and a million
 * accepted responses need counting (the metrics), not a line each.
 */
export function requestLine(status: number, fields: Record<string, unknown>): void {
  const line = context.getStore()?.line;
  const level = status >= 500 ? 'error' : status >= 400 || line?.troubled ? 'info' : 'debug';
  log(level, 'request', { ...fields, ...line?.fields });
}

/**
 * Powertools' standard keys less those the log group already says (the function's name, ARN and
 * memory: one log group per function, memory on Lambda's REPORT line) and the X-Ray trace id (the
 * stack traces nothing): 230 bytes less on every line, which CloudWatch bills per GB. The sample
 * rate is written on debug lines only, the ones it explains.
 */
class LeanFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const { logLevel, lambdaContext } = attributes;
    return new LogItem({
      attributes: {
        level: logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: lambdaContext?.coldStart,
        function_request_id: lambdaContext?.awsRequestId,
        sampling_rate: logLevel === 'DEBUG' ? attributes.sampleRateValue : undefined,
      },
    }).addAttributes(additional);
  }
}

/**
 * Lambda's application log level (AWS_LAMBDA_LOG_LEVEL, DEBUG in the stack) is a filter for us:
 * it lets the sampled invocations' debug lines through. Powertools would take it as its own
 * level instead, and write debug lines on every invocation (its documentation says so), so
 * Logger is built without seeing it, its level from POWERTOOLS_LOG_LEVEL (INFO).
 */
function withoutLambdaLevel<T>(make: () => T): T {
  const lambdaLevel = process.env.AWS_LAMBDA_LOG_LEVEL;
  delete process.env.AWS_LAMBDA_LOG_LEVEL;
  try {
    return make();
  } finally {
    if (lambdaLevel !== undefined) process.env.AWS_LAMBDA_LOG_LEVEL = lambdaLevel;
  }
}

/** Which function wrote the line: the stack names each one (`ecoute-api`, `ecoute-nightly`). */
const logger = withoutLambdaLevel(
  () => new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ecoute', logFormatter: new LeanFormatter() }),
);

/** The part of Lambda's context Logger reads. */
type LambdaContext = Parameters<Logger['addContext']>[0];

/**
 * Wraps a Lambda handler: each invocation's lines carry Lambda's request id and `cold_start`,
 * and each invocation draws again whether it logs its debug lines (the sample rate).
 */
export function withInvocationLogs<E, C extends Partial<LambdaContext>, R>(
  handler: (event: E, context?: C) => Promise<R>,
): (event: E, context?: C) => Promise<R> {
  return (event, lambdaContext) => {
    // Logger reads these fields only; the test harness's context has a few of them.
    if (lambdaContext) logger.addContext(lambdaContext as LambdaContext);
    logger.refreshSampleRateCalculation();
    return handler(event, lambdaContext);
  };
}

/**
 * Read at each call, not at start-up: tests turn the output on and off while the app runs.
 * `ECOUTE_LOG=off` (benchmarks: thousands of provoked 503s are not news) silences everything,
 * `ECOUTE_QUIET=1` (the test suite) everything but errors.
 */
export const silenced = (level: Level) =>
  process.env.ECOUTE_LOG === 'off' || (level !== 'error' && process.env.ECOUTE_QUIET === '1');

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const { line, ...ids } = context.getStore() ?? {};
  if (line && (level === 'warn' || level === 'error')) line.troubled = true;
  if (silenced(level)) return;
  logger[level](message, { ...ids, ...fields });
}
