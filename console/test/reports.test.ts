/**
 * The console's report screen on the whole local product with four months of synthetic
 * history: a period from a preset, a baseline, the report on screen with its intervals, the CSV
 * and HTML downloads, an objective set with the form and read back in the report, and a failed
 * request that clears the report shown instead of leaving it under a form that says otherwise.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import { startLocalProduct } from '#functions/testing/product.ts';
import { axeViolations, launch } from '#widget/test/browser.ts';
import { ensureConsoleBuilt, shots, signIn, watchProblems } from './browser.ts';

let product: Awaited<ReturnType<typeof startLocalProduct>>;
let browser: Browser;
const today = dayIn(new Date(), 'Europe/Paris');

beforeAll(async () => {
  await ensureConsoleBuilt();
  [product, browser] = await Promise.all([startLocalProduct({ demoHistoryDays: 120, dbTimeoutMs: 10_000 }), launch()]);
  const aggregated = await fetch(`${product.apiUrl}/v1/territories/demo/aggregations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${product.demo.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ from: addDays(today, -121), to: addDays(today, -1) }),
  });
  expect(aggregated.status).toBe(200);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe('reports in the console', () => {
  it('shows last month against a baseline, downloads it, sets an objective, and clears a report a failed request replaced', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${product.apiUrl}/console/#/reports`);
    await signIn(page, product.demo.adminKey);
    await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
    expect(await page.getByLabel('Questionnaire').locator('option').first().textContent()).toBe(
      'Votre regard sur Avignon (En ligne)',
    );

    // An objective, with the form (no JSON): visitors' NPS at least 10.
    await page.getByText('Pondération et objectifs').click();
    await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
    await page.getByLabel('Public', { exact: true }).selectOption('visitor');
    await page.getByLabel('Cible').fill('10');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Pondération et objectifs enregistrés').waitFor();

    // Last month (a preset), against the quieter months the demo history starts with.
    await page.getByLabel('Période').selectOption('lastMonth');
    const from = await page.getByLabel('Du', { exact: true }).inputValue();
    expect(from).toBe(`${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`);
    await page.getByLabel('Comparer avec').selectOption('custom');
    await page.getByLabel('Référence du').fill(addDays(today, -118));
    await page.getByLabel('Référence au').fill(addDays(today, -91));
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    const report = page.locator('article.report');
    await report.getByRole('heading', { name: 'Indices clés' }).waitFor();
    expect(
      await report
        .getByRole('row', { name: /^Recommandation \(NPS\)/ })
        .first()
        .textContent(),
    ).toMatch(/\d\s–\s\d/);
    expect(await report.getByRole('columnheader', { name: 'Écart' }).count()).toBe(1);
    expect(await report.getByRole('heading', { name: 'Objectifs' }).count()).toBe(1);
    expect(await report.locator('table').filter({ hasText: 'Cible' }).getByRole('row').nth(1).textContent()).toContain(
      'Visiteurs',
    );
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'report');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le CSV' }).click(),
    ]);
    expect(readFileSync((await csv.path()) ?? '', 'utf8').startsWith('\uFEFFperiod;from;to;')).toBe(true);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^${product.demo.surveyId}-${from}-`));
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger la page imprimable' }).click(),
    ]);
    expect(readFileSync((await html.path()) ?? '', 'utf8')).toMatch(/^<!doctype html>\n<html lang="fr">/);

    // A baseline that is not over yet: the API refuses it, the console says why at the field, and the old report goes.
    await page.getByLabel('Référence au').fill(today);
    expect(await report.count()).toBe(0);
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.getByText('La période de référence doit être terminée : elle doit finir avant aujourd’hui.').waitFor();
    expect(await page.locator('article.report').count()).toBe(0);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await context.close();
  }, 240_000);
});
