/**
 * The report page as a city employee opens it, in Chromium: served under the report routes' CSP,
 * no console error (a CSP violation would be one), no axe-core violation on screen or in print,
 * the first printed A4 page holding the key findings and key figures. Screenshots at 1280 px and
 * as printed on A4 are saved in test-results/ to be looked at (docs/report.png comes from there).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDefinition, fixtureReport, fixtureTrends } from '#analytics/render/fixture.ts';
import { reportHtml } from '#analytics/render/html.ts';
import { axeViolations, launch, SHOTS, screenshot } from '#widget/test/browser.ts';
import { REPORT_CSP } from '#functions/routes/report-files.ts';

let browser: Browser;
let server: Server;
let base = '';

/** A4 less the print stylesheet's margins (12 mm × 11 mm), in CSS pixels. */
const PRINTED = { width: Math.round(((210 - 22) / 25.4) * 96), height: Math.round(((297 - 24) / 25.4) * 96) };

beforeAll(async () => {
  const definition = fixtureDefinition();
  const report = fixtureReport();
  const trends = fixtureTrends();
  const itemLabels = Object.fromEntries(definition.questions.map((q) => [q.id, q.label.fr ?? q.id]));
  const optionLabels = Object.fromEntries(
    definition.questions.flatMap((q) =>
      q.type === 'choice' ? [[q.id, Object.fromEntries(q.options.map((o) => [o.id, o.label.fr ?? o.id]))]] : [],
    ),
  );
  const pages: Record<string, string> = Object.fromEntries(
    (['fr', 'en'] as const).map((lang) => [
      `/${lang}`,
      reportHtml(report, {
        title: lang === 'fr' ? 'Votre avis sur le territoire' : 'Your view of the territory',
        territoryName: 'Avignon',
        lang,
        trends,
        itemLabels,
        optionLabels,
      }),
    ]),
  );
  server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': REPORT_CSP });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(lang: 'fr' | 'en', problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(e.message));
  const response = await page.goto(`${base}/${lang}`);
  expect(response?.status()).toBe(200);
  return page;
}

describe('the report page in Chromium', () => {
  it('renders under the report CSP with no error and no axe violation, at 1280 px and printed on A4', async () => {
    const problems: string[] = [];
    const page = await open('fr', problems);
    expect(await page.locator('h1').textContent()).toBe('Votre avis sur le territoire');
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(20);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'report-page-1280');
    await page.screenshot({
      path: join(SHOTS, 'report-page-first-screen.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: 1150 },
    });

    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(PRINTED);
    expect(await axeViolations(page)).toEqual([]);
    // Everything before the first forced page break fits the first printed page.
    const breakAt = await page.evaluate(() => document.querySelector('section.page')?.getBoundingClientRect().top);
    const keyFigures = await page.getByRole('heading', { name: 'Indices clés' }).boundingBox();
    expect(keyFigures?.y).toBeLessThan(breakAt ?? 0);
    expect(breakAt).toBeLessThanOrEqual(PRINTED.height);
    await screenshot(page, 'report-page-a4-print');
    const pdf = await page.pdf({ path: join(SHOTS, 'report-page-a4.pdf'), format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The first printed page alone: what follows the first page break is hidden for this picture.
    await page.evaluate(() => {
      for (let e = document.querySelector('section.page'); e; e = e.nextElementSibling)
        (e as HTMLElement).style.display = 'none';
    });
    await page.screenshot({ path: join(SHOTS, 'report-page-a4-first.png'), clip: { x: 0, y: 0, ...PRINTED } });
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000); // axe reads a long page with some thirty charts: a minute or more on a shared machine

  it('passes axe in English too', async () => {
    const problems: string[] = [];
    const page = await open('en', problems);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
