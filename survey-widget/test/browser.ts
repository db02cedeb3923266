/**
 * What the widget's browser tests share: a fresh build, Debian's Chromium through
 * playwright-core, the demo host pages served from a second origin, axe-core, and keyboard
 * helpers that see through shadow roots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWidget, distDir, hostedPagePath, iifePath } from '../build.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
export const CHROMIUM = process.env.ECOUTE_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = join(root, 'test-results');

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

/** Builds dist/ when it is missing or older than the sources, so a test never runs a stale script. */
export async function ensureBuilt(): Promise<void> {
  if (!existsSync(iifePath) || statSync(iifePath).mtimeMs < newestSource(join(here, '..', 'src'))) await buildWidget();
}

/** Debian's Chromium; preflight installs it (root on Debian) or says exactly what to install. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    execFileSync(process.execPath, [join(root, 'scripts', 'preflight.mjs')], { stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function demoPage(name: string, values: { API: string; SURVEY: string; TERRITORY: string }): string {
  return readFileSync(join(here, '..', 'demo', name), 'utf8').replace(
    /\{\{(API|SURVEY|TERRITORY)\}\}/g,
    (_, k: keyof typeof values) => values[k],
  );
}

export interface DemoSite {
  /** The host pages' origin (localhost) … */
  hostUrl: string;
  /** … and the API's (127.0.0.1): another origin, so CORS and CSP are real. */
  apiUrl: string;
  close(): Promise<void>;
}

/** Serves the demo pages and ecoute.js; API calls are left to each test's page.route fixtures. */
export async function serveDemo(survey: string, territory: string): Promise<DemoSite> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // ecoute.js, and the scripts it loads from beside itself (the suggestion box, English).
    if (/^\/ecoute(-[a-z]+)?\.js$/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'access-control-allow-origin': '*' });
      return res.end(readFileSync(join(distDir, path.slice(1))));
    }
    // The hosted survey page, as npm start and the deployment serve it.
    if (/^\/s\/[a-z0-9-]+$/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(readFileSync(hostedPagePath, 'utf8').replaceAll('{{API}}', apiUrl));
    }
    const page = /^\/(tourisme|mairie)\.html$/.exec(path);
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(demoPage(`${page[1]}.html`, { API: apiUrl, SURVEY: survey, TERRITORY: territory }));
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as AddressInfo).port;
  const apiUrl = `http://127.0.0.1:${port}`;
  return {
    hostUrl: `http://localhost:${port}`,
    apiUrl,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The focused element, looking into shadow roots, described for assertions. */
export async function focused(
  page: Page,
): Promise<{ tag: string; type: string; name: string; text: string; checked: boolean }> {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const el = a as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.type ?? '',
      name: el?.name ?? '',
      text: el?.textContent?.trim() ?? '',
      checked: Boolean(el?.checked),
    };
  });
}

/** Presses Tab until the focus matches, failing after `max` presses. */
export async function tabTo(
  page: Page,
  wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 25,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`focus never reached the wanted element; it is on ${JSON.stringify(await focused(page))}`);
}

/** axe-core's violations on the whole page, shadow roots included (run through evaluate, which the page's CSP allows). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(c: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    return (await axe.run(document)).violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the focus (through shadow roots) matches, e.g. after a step change moved it. */
export async function focusSettles(
  page: Page,
  wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (wanted(await focused(page))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`focus did not settle; it is on ${JSON.stringify(await focused(page))}`);
}

/**
 * Answers whatever survey is shown with the keyboard only: the first audience, then on each
 * step Space and two ArrowRights in a radio group, Space on the first checkbox, a sentence in
 * a text box; Tab to the button, Enter. Stops after pressing "Envoyer".
 */
export async function completeByKeyboard(page: Page): Promise<void> {
  await tabTo(page, (f) => f.name === 'q-audience', 40);
  await page.keyboard.press('Space');
  await tabTo(page, (f) => f.text === 'Commencer');
  await page.keyboard.press('Enter');
  for (let step = 0; step < 80; step++) {
    await focusSettles(page, (f) => f.tag === 'div');
    await tabTo(page, (f) => f.type === 'radio' || f.type === 'checkbox' || f.tag === 'textarea');
    const f = await focused(page);
    if (f.type === 'radio') for (const key of ['Space', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
    else if (f.type === 'checkbox') await page.keyboard.press('Space');
    else await page.keyboard.type('Tout au clavier, merci.');
    await tabTo(page, (x) => x.text === 'Suivant' || x.text === 'Envoyer');
    const last = (await focused(page)).text === 'Envoyer';
    await page.keyboard.press('Enter');
    if (last) return;
  }
  throw new Error('the survey never offered to send');
}
