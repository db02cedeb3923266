/**
 * What the console's browser tests share: a fresh build of the console and the widget,
 * signing in as a person does, problems the page reports (CSP refusals among them), and
 * screenshots at phone and desktop widths (into docs/ for the README with
 * ECOUTE_SCREENSHOTS=docs, else test-results/).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureBuilt, SHOTS } from '#widget/test/browser.ts';
import { buildConsole, consoleDist } from '../build.ts';

const here = dirname(fileURLToPath(import.meta.url));
const DOCS = join(here, '..', '..', 'docs');

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

/** The widget (for the preview and the host page) and the console, rebuilt when older than their sources. */
export async function ensureConsoleBuilt(): Promise<void> {
  await ensureBuilt();
  const index = join(consoleDist, 'index.html');
  const sources = Math.max(
    newest(join(here, '..', 'src')),
    newest(join(here, '..', '..', 'analytics')),
    statSync(join(here, '..', 'build.ts')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) await buildConsole();
}

/** Errors the page logs (a CSP refusal is one) and uncaught exceptions. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

export async function signIn(page: Page, key: string): Promise<void> {
  await page.getByLabel('Clé d’accès').fill(key);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
}

/** A full-page screenshot at 1280 px and at 360 px (the viewport is left at 1280 px). */
export async function shots(page: Page, name: string): Promise<void> {
  const dir = process.env.ECOUTE_SCREENSHOTS === 'docs' ? DOCS : SHOTS;
  mkdirSync(dir, { recursive: true });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    // Nothing may be wider than a 360 px phone.
    if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(dir, `console-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
