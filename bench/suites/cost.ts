/**
 * What a million survey responses cost on AWS, line by line, from the prices and assumptions of
 * infra/cost.ts: the same computation as infra/README.md's table (infra/readme.test.ts checks the
 * README against it; tests/cost.test.ts measures the counts per response on DynamoDB Local).
 */
import {
  CLOUDFRONT_FREE_REQUESTS,
  cloudFrontFreeResponses,
  cloudFrontUsd,
  costLines,
  costTotal,
  logBytesPerResponse,
  rruPerResponse,
  wruPerResponse,
} from '#infra/cost.ts';
import type { BenchRow } from '../types.ts';

export const name = 'cost';

export async function run(): Promise<BenchRow[]> {
  const lines = costLines();
  const total = costTotal(lines);
  return [
    ...lines.map((l) => ({ id: `cost.${l.id}-usd`, metric: `${l.name}: ${l.calculation}`, value: l.usd, unit: 'USD' })),
    { id: 'cost.wru-per-response', metric: 'DynamoDB writes per response', value: wruPerResponse(), unit: 'WRU' },
    { id: 'cost.rru-per-response', metric: 'DynamoDB reads per response', value: rruPerResponse(), unit: 'RRU' },
    { id: 'cost.log-bytes-per-response', metric: 'log bytes per response', value: logBytesPerResponse(), unit: 'B' },
    {
      id: 'cost.per-million-usd',
      metric: 'cost per million responses (infra/README.md)',
      value: total,
      unit: 'USD',
      goal: '≤ 4.00',
      ok: total <= 4,
    },
    {
      id: 'cost.cloudfront-per-million-usd',
      metric: 'beside it: CloudFront, script and definition, past the free 10 million requests',
      value: cloudFrontUsd(),
      unit: 'USD',
    },
    {
      id: 'cost.per-million-usd-with-cloudfront',
      metric: `cost per million responses with CloudFront's first-visit requests, when paid: past ${cloudFrontFreeResponses() / 1e6} million responses a month across the account (its free ${CLOUDFRONT_FREE_REQUESTS / 1e6} million requests)`,
      value: total + cloudFrontUsd(),
      unit: 'USD',
    },
  ];
}
