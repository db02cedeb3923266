/**
 * infra/README.md's "What the nights cost" table, redone line by line from the per-unit figures
 * it states (measured by `npm run bench -- nightly`) and the list prices: a figure or a price
 * changed without its line, or a line without its figure, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './config.ts';

const readme = readFileSync(join(repoRoot, 'infra/README.md'), 'utf8');
const section = readme.split(/^### /m).find((s) => s.startsWith('What the nights cost')) ?? '';

/** Its table's rows: line name → the per-unit cell's numbers and the dollars printed. */
const rows = new Map(
  [...section.matchAll(/^\| ([^|]+?) *\| ([^|]*?) *\|[^|]*\| *\*{0,2}([\d.]+)\*{0,2} *\|$/gm)].map((m) => [
    m[1]?.replaceAll('*', ''),
    {
      perUnit: [...(m[2] ?? '').matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((n) => Number(n[0].replaceAll(',', ''))),
      dollars: Number(m[3]),
    },
  ]),
);

/** The README shows cents: a line is right when it rounds to what is printed. */
const toTheCent = (printed: number | undefined, exact: number, what: string) =>
  expect(Math.abs((printed ?? Number.NaN) - exact), what).toBeLessThanOrEqual(0.005 + 1e-9);

/** The prices of the README's table (US East list prices), and SQS FIFO's, which the section states. */
const PRICE = {
  gbSecond: 0.0000133334,
  invocation: 0.2 / 1e6,
  sqsFifoRequest: 0.5 / 1e6,
  rru: 0.125 / 1e6,
  wru: 0.625 / 1e6,
  put: 0.005 / 1000,
  logGbIngested: 0.5,
  logGbMonth: 0.03,
};
/** 1,000 territories, each due 30 nights a month. */
const UNITS = 1000 * 30;

describe('infra/README.md cost of the nights per 1,000 territories a month', () => {
  const first = (line: string) => rows.get(line)?.perUnit[0] ?? Number.NaN;
  /** The per-unit cell's numbers multiplied: "41 requests × 1 RRU" is 41 RRU. */
  const product = (line: string) => (rows.get(line)?.perUnit ?? [Number.NaN]).reduce((a, b) => a * b, 1);

  it('redoes each line from its per-unit figure and the prices', () => {
    const logGb = (UNITS * first('CloudWatch Logs')) / 1e6;
    const expected: Record<string, number> = {
      'Worker compute': UNITS * (first('Worker compute') / 1000) * 1 * PRICE.gbSecond,
      'Worker invocations': UNITS * first('Worker invocations') * PRICE.invocation,
      'Dispatcher compute': UNITS * (first('Dispatcher compute') / 1000) * 0.5 * PRICE.gbSecond,
      'SQS FIFO requests': UNITS * first('SQS FIFO requests') * PRICE.sqsFifoRequest,
      'DynamoDB reads': UNITS * product('DynamoDB reads') * PRICE.rru,
      'DynamoDB writes': UNITS * product('DynamoDB writes') * PRICE.wru,
      'S3 report files': UNITS * first('S3 report files') * PRICE.put,
      'CloudWatch Logs': logGb * (PRICE.logGbIngested + PRICE.logGbMonth),
    };
    for (const [line, dollars] of Object.entries(expected)) toTheCent(rows.get(line)?.dollars, dollars, line);
  });

  it('adds up to its total', () => {
    const lines = [...rows].filter(([name]) => name !== 'total').map(([, v]) => v.dollars);
    expect(lines).toHaveLength(8);
    toTheCent(
      rows.get('total')?.dollars,
      lines.reduce((a, b) => a + b, 0),
      'total',
    );
  });
});
