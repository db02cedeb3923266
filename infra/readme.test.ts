import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './config.ts';

const readme = readFileSync(join(repoRoot, 'infra/README.md'), 'utf8');

/** The README shows cents: a line is right when it rounds to what is printed. */
const toTheCent = (printed: number | undefined, exact: number, what: string) =>
  expect(Math.abs((printed ?? Number.NaN) - exact), what).toBeLessThanOrEqual(0.005 + 1e-9);

/** The cost table's `$ per million responses` column, by line name. */
const costColumn = new Map(
  // Cells may be padded: the formatter aligns the table's columns.
  [...readme.matchAll(/^\| (\*\*total\*\*|[A-Z][^|]+?) *\|[^|]*\| *\*{0,2}([\d.]+)\*{0,2} *\|$/gm)].map((m) => [
    m[1]?.replaceAll('*', ''),
    Number(m[2]),
  ]),
);

describe('infra/README.md cost per million responses', () => {
  it('redoes each line from the prices and assumptions it states', () => {
    const responses = 1_000_000;
    const requests = 3 * responses;
    // 1.5 KB per request, and one 0.25 KB counter line per response.
    const logGb = (requests * 1.5 + responses * 0.25) / 1e6;
    const expected: Record<string, number> = {
      'Lambda compute': requests * 0.04 * 0.5 * 0.0000133334,
      'Lambda requests': (requests / 1e6) * 0.2,
      'API Gateway': (requests / 1e6) * 1.0,
      'DynamoDB writes': 4 * 0.625,
      'DynamoDB reads': 5 * 0.125,
      'S3 reports': (100 * 30 * 3 * 0.005) / 1000,
      'CloudWatch Logs ingestion': logGb * 0.5,
      'CloudWatch Logs storage': logGb * 0.03,
    };
    for (const [line, dollars] of Object.entries(expected)) toTheCent(costColumn.get(line), dollars, line);
  });

  it('adds up to its total', () => {
    const lines = [...costColumn].filter(([name]) => name !== 'total').map(([, v]) => v);
    expect(lines).toHaveLength(8);
    toTheCent(
      costColumn.get('total'),
      lines.reduce((a, b) => a + b, 0),
      'total',
    );
  });
});
