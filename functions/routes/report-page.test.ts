/**
 * The report page (report.html) on the whole local product with four months of synthetic
 * history, in Chromium: screenshots at desktop width and as printed on A4 (saved in
 * test-results/ to be looked at) and the page's own CSP. The console's report screen is tested
 * in console/test/reports.test.ts.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { launch, screenshot, SHOTS } from '#widget/test/browser.ts';
import { startLocalProduct } from '../testing/product.ts';
import { REPORT_CSP } from './report-files.ts';

let product: Awaited<ReturnType<typeof startLocalProduct>>;
let browser: Browser;
let period: { from: string; to: string; baselineFrom: string; baselineTo: string };

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${product.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${product.demo.adminKey}`, 'content-type': 'application/json', ...init.headers },
  });

beforeAll(async () => {
  product = await startLocalProduct({ demoHistoryDays: 120, dbTimeoutMs: 10_000 });
  const today = dayIn(new Date(), 'Europe/Paris');
  const aggregated = await api('/v1/territories/demo/aggregations', {
    method: 'POST',
    body: JSON.stringify({ from: addDays(today, -121), to: addDays(today, -1) }),
  });
  expect(aggregated.status).toBe(200);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const to = addDays(firstOfMonth, -1);
  // The demo's history lifts its answers over the last 90 days: the baseline is the time before.
  period = { from: `${to.slice(0, 7)}-01`, to, baselineFrom: addDays(today, -118), baselineTo: addDays(today, -91) };
  const settings = await api(`/v1/surveys/${product.demo.surveyId}/report-settings`, {
    method: 'PUT',
    body: JSON.stringify({
      objectives: [
        { index: 'nps', audience: 'visitor', target: 10, by: '2027-12-31' },
        { index: 'satisfaction', target: 60 },
        { index: 'relativeValue', competitor: 'Nîmes', target: 30, by: '2027-06-30' },
        { index: 'image', audience: 'investor', target: 60 },
      ],
    }),
  });
  expect(settings.status).toBe(200);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('the report page in Chromium', () => {
  it('renders under its own CSP with no error, and is captured at 1280 px and on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${product.demo.adminKey}` });
    const response = await page.goto(
      `${product.apiUrl}/v1/surveys/${product.demo.surveyId}/report.html?${new URLSearchParams(period)}`,
    );
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(REPORT_CSP);
    expect(await page.locator('h1').textContent()).toBe('Votre regard sur Avignon');
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(15);
    expect(await page.getByText('Évolution mensuelle').count()).toBe(1);
    await screenshot(page, 'report-1280');

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, 'report-a4-print');
    const pdf = await page.pdf({ path: join(SHOTS, 'report-a4.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
    await page.close();
  });
});
