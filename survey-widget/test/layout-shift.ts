/**
 * How much the widget moves the host page: the tourism office demo page loaded in Chromium on
 * a slow mobile network, its layout shifts summed (Cumulative Layout Shift, without input),
 * with the widget and without it. Everything is served by one local server, so the network
 * throttling applies to the page, the script and the survey's definition alike.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { demoSurvey } from '#functions/local/demo.ts';
import { distDir, iifePath } from '../build.ts';
import { demoPage, ensureBuilt, launch } from './browser.ts';
import { join } from 'node:path';

/** DevTools' "Slow 4G" preset: 562.5 ms of latency, about 1.4 Mbit/s down and 675 kbit/s up. */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const SURVEY_ID = 'avignon-2026';

async function serve(mode: PageMode) {
  const live = { ...SurveyDefinition.parse(demoSurvey), id: SURVEY_ID, version: 1 };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const cors = { 'access-control-allow-origin': '*' };
    if (path === '/ecoute.js' || path === '/ecoute-suggestions.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...cors });
      return res.end(readFileSync(path === '/ecoute.js' ? iifePath : join(distDir, path.slice(1))));
    }
    if (path === `/v1/surveys/${SURVEY_ID}`) {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end(JSON.stringify(live));
    }
    if (path === '/tourisme.html') {
      let html = demoPage('tourisme.html', { API: origin, SURVEY: SURVEY_ID, TERRITORY: 'demo' });
      if (mode === 'none') html = html.replace(/<script src="[^"]*ecoute\.js" async><\/script>/, '');
      if (mode === 'bare') html = html.replace(/<canvas[^>]*><\/canvas>/, '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(html);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The demo page as it is (the snippet with its placeholder), with a bare snippet pasted before placeholders existed, or without the widget. */
export type PageMode = 'snippet' | 'bare' | 'none';

/** The page's cumulative layout shift at this width, once the widget (if any) shows its first question. */
export async function pageLayoutShift(width: number, mode: PageMode): Promise<number> {
  await ensureBuilt();
  const [browser, site] = await Promise.all([launch(), serve(mode)]);
  try {
    const context = await browser.newContext({ viewport: { width, height: 740 }, locale: 'fr-FR', hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await page.goto(`${site.origin.replace('127.0.0.1', 'localhost')}/tourisme.html`, { waitUntil: 'load' });
    if (mode !== 'none') await page.getByText('Vous êtes…').waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    // Two frames, so a shift caused by the last render is reported before reading.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
  } finally {
    await browser.close();
    await site.close();
  }
}
