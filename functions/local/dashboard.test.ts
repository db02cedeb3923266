/**
 * The report page and the evaluator dashboard on the whole local product with four months of
 * synthetic history, in Chromium: screenshots at desktop width and as printed on A4 (saved in
 * test-results/ to be looked at), the page's own CSP, and the key never in a URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { launch, screenshot, SHOTS } from '#widget/test/browser.ts';
import { startLocalProduct } from '../testing/product.ts';
import { REPORT_CSP } from '../routes/report-files.ts';

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

describe('/dashboard', () => {
  it('opens with a key typed in a form, shows the report, downloads the CSV, and never puts the key in a URL', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const urls: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${product.apiUrl}/dashboard`);
    await page.getByLabel('Territoire').fill(product.demo.territory);
    await page.getByLabel(/^Clé/).fill(product.demo.adminKey);
    await page.getByRole('button', { name: 'Ouvrir' }).click();
    await expect.poll(() => page.locator('#survey option').count()).toBe(1);
    expect(await page.locator('#survey option').textContent()).toContain('Votre regard sur Avignon');

    await page.locator('#from').fill(period.from);
    await page.locator('#to').fill(period.to);
    await page.locator('#b-from').fill(period.baselineFrom);
    await page.locator('#b-to').fill(period.baselineTo);
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    const frame = page.frameLocator('#report');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('Votre regard sur Avignon');
    await expect.poll(async () => (await page.locator('#report').boundingBox())?.height ?? 0).toBeGreaterThan(2000);
    await screenshot(page, 'dashboard-1280');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.startsWith('\uFEFFperiod;from;to;')).toBe(true);
    expect(download.suggestedFilename()).toBe(`${product.demo.surveyId}-${period.from}-${period.to}.csv`);

    const [htmlFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger la page HTML' }).click(),
    ]);
    expect(readFileSync((await htmlFile.path()) ?? '', 'utf8')).toMatch(/^<!doctype html>\n<html lang="fr">/);

    // The key survives a reload of the tab (sessionStorage), and only there.
    expect(await page.evaluate(() => sessionStorage.getItem('ecoute.dashboard'))).toContain(product.demo.adminKey);
    expect(await page.evaluate(() => localStorage.length + document.cookie.length)).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator('#survey option').count()).toBe(1);
    expect(await page.getByLabel(/^Clé/).inputValue()).toBe('');
    expect(urls.filter((u) => u.includes(product.demo.adminKey))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
