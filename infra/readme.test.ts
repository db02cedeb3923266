import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessLogFields } from './api.ts';
import { repoRoot } from './config.ts';
import { ASSUMPTIONS, cloudFrontFreeResponses, cloudFrontUsd, costLines, costTableRows, costTotal } from './cost.ts';
import { DEBUG_SAMPLE_RATE } from './lambda.ts';

const readme = readFileSync(join(repoRoot, 'infra/README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## What it costs per million responses'));

/** The cost table's rows, cells trimmed (the formatter pads them to align the columns). */
const printedRows = [...section.matchAll(/^\| (\*\*total\*\*|[A-Z][^|]*?) *\|([^|]*)\| *([*\d.]+) *\|$/gm)].map((m) =>
  [m[1], m[2], m[3]].map((cell) => (cell ?? '').trim()),
);

describe('infra/README.md cost per million responses', () => {
  it('prints every line as infra/cost.ts computes it from the stated prices and assumptions', () => {
    expect(printedRows).toEqual(costTableRows());
  });

  it('adds up to its total, each line to the cent', () => {
    const lines = costLines();
    expect(lines).toHaveLength(8);
    const total = lines.reduce((sum, l) => sum + Number(l.usd.toFixed(2)), 0);
    // The printed lines are rounded: their sum may differ from the printed total by a cent per line at most.
    expect(Math.abs(total - costTotal(lines))).toBeLessThanOrEqual(0.005 * lines.length);
  });

  it("states CloudFront's first-visit requests beside the table, and the total with them past the free tier", () => {
    const paragraph = section.slice(section.indexOf('Not in the table')).replace(/\s+/g, ' ');
    expect(paragraph).toContain(`$${cloudFrontUsd().toFixed(2)} per million past its always-free 10 million requests`);
    expect(paragraph).toContain(`past ${cloudFrontFreeResponses() / 1e6} million responses a month`);
    expect(paragraph).toContain(`**$${(costTotal() + cloudFrontUsd()).toFixed(2)} per million responses** with them`);
  });

  it("samples the app's lines at the rate the stack sets", () => {
    expect(ASSUMPTIONS.log.appLineSampled).toBe(DEBUG_SAMPLE_RATE);
  });

  it("counts the gateway's access line as long as its fields make it for a POST", () => {
    // What API Gateway writes for an accepted response: a request id, its time, route, status and latencies.
    const values: Record<string, string> = {
      '$context.requestId': 'SFSZKhZpCGkEMxQ=',
      '$context.requestTime': '30/Nov/2026:08:20:00 +0000',
      '$context.httpMethod': 'POST',
      '$context.routeKey': 'POST /v1/surveys/{id}/responses',
      '$context.status': '201',
      '$context.protocol': 'HTTP/1.1',
      '$context.responseLength': '83',
      '$context.responseLatency': '41',
      '$context.integrationLatency': '38',
      '$context.integrationErrorMessage': '-',
      '$context.error.message': '-',
    };
    const line = Object.fromEntries(
      Object.entries(accessLogFields).map(([name, variable]) => {
        expect(values, `an example value of ${variable}`).toHaveProperty([variable]);
        return [name, values[variable]];
      }),
    );
    expect(Buffer.byteLength(JSON.stringify(line))).toBe(ASSUMPTIONS.log.gatewayLine);
  });
});
