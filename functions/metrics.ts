/**
 * Counters in CloudWatch's embedded metric format, written by Powertools for AWS Lambda's
 * Metrics as one JSON line each on stdout: CloudWatch turns the lines of a Lambda's log group
 * into metrics without an API call. Dimensions are the service (`ecoute-api`, `ecoute-nightly`)
 * and, where there is one, a reason from a closed list (an error code); the territory is a
 * property of the line, never a dimension, so the number of metrics (billed each) does not grow
 * with the territories, and Logs Insights still finds a territory's lines.
 */
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { silenced } from './log.ts';

/**
 * Every counter the stack graphs or alarms on. `SuggestionsReceived` counts every 201, robots'
 * too (they are answered as anyone, so as not to teach them); `SuggestionsDiscarded` counts
 * those again by how they were caught (honeypot, too_fast). `SurveyFileWritesFailed` counts a
 * survey's public file (store/public-surveys.ts) the API or the night could not write, and
 * `SurveyFilesRepublished` those the night wrote again, missing or out of date.
 */
export const COUNTERS = [
  'ResponsesAccepted',
  'ResponsesReplayed',
  'ResponsesRefused',
  'SuggestionsReceived',
  'SuggestionsRefused',
  'SuggestionsDiscarded',
  'RateLimited',
  'Unavailable',
  'NightlyUnitsDone',
  'NightlyUnitsFailed',
  'SurveyFileWritesFailed',
  'SurveyFilesRepublished',
] as const;
export type Counter = (typeof COUNTERS)[number];

/** Where the stack puts the metrics (`POWERTOOLS_METRICS_NAMESPACE`); locally, `Ecoute-local`. */
const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'Ecoute-local',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ecoute',
});

export interface CountOf {
  /** The territory concerned, a property of the line. */
  territory?: string;
  /** Why, as a dimension: an error code or another value from a short fixed list. */
  reason?: string;
}

/**
 * Counts one `name` now. Written at once and synchronously, so lines of requests served at the
 * same time (the local server) never mix their territories.
 */
export function count(name: Counter, { territory, reason }: CountOf = {}): void {
  if (silenced('info')) return;
  if (reason !== undefined) metrics.addDimension('reason', reason);
  if (territory !== undefined) metrics.addMetadata('territory', territory);
  metrics.addMetric(name, MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
