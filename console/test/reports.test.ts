/**
 * The console's report screen on the whole local product with four months of synthetic
 * history: a period from a preset, a baseline, the report on screen with its intervals, the CSV
 * and HTML downloads, an objective set with the form and read back in the report, and a failed
 * request that clears the report shown instead of leaving it under a form that says otherwise;
 * and the diagnostic drawn (key findings first, the importance–performance chart and table with
 * the quadrants the API's figures put each dimension in, durable superiority, choice shares, the
 * scales' quality), accessible at desktop and phone widths; and the comments, a hostile one shown
 * as text.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { Report } from '#analytics/report-schema.ts';
import { FR } from '#analytics/render/strings-fr.ts';
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

/**
 * A new tab at desktop width, signed in with the demo's admin key on the reports screen;
 * `prepare` runs on the page before the console loads (to route its requests).
 */
async function openReports(prepare?: (page: Page) => Promise<unknown>) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await prepare?.(page);
  await page.goto(`${product.apiUrl}/console/#/reports`);
  await signIn(page, product.demo.adminKey);
  await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
  return { context, page, problems };
}

describe('reports in the console', () => {
  it('shows last month against a baseline, downloads it, sets an objective, and clears a report a failed request replaced', async () => {
    const { context, page, problems } = await openReports();
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

  it('draws the diagnostic: key findings first, the quadrants the figures give, durable superiority, choices and the scales', async () => {
    // Last month against the month before: whole months, so no figure is withheld for its edges.
    const to = addDays(`${today.slice(0, 7)}-01`, -1);
    const from = `${to.slice(0, 7)}-01`;
    const query = new URLSearchParams({
      from,
      to,
      baselineFrom: `${addDays(from, -1).slice(0, 7)}-01`,
      baselineTo: addDays(from, -1),
    });
    const response = await fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/report?${query}`, {
      headers: { authorization: `Bearer ${product.demo.adminKey}` },
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as Report;
    // Where each dimension belongs, worked out here from its published importance and performance
    // (Martilla & James: cut at the means of the dimensions placed).
    const placed = (json.overall.drivers?.items ?? []).filter(
      (i) => !i.importance.suppressed && !i.performance.suppressed && i.importance.value !== null,
    );
    expect(placed.length).toBeGreaterThanOrEqual(4);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const cutI = mean(placed.map((i) => i.importance.value ?? 0));
    const cutP = mean(placed.map((i) => i.performance.value ?? 0));
    const expected = new Map(
      placed.map((i) => {
        const high = (i.importance.value ?? 0) >= cutI;
        const good = (i.performance.value ?? 0) >= cutP;
        const q = high ? (good ? 'keep-up' : 'concentrate') : good ? 'possible-overkill' : 'low-priority';
        const label = `${FR.dimensions[i.dimension]} (${FR.indices[i.index]?.toLowerCase()})`;
        return [label, FR.quadrants[q]];
      }),
    );
    expect(new Set(expected.values()).size).toBeGreaterThanOrEqual(2);

    const { context, page, problems } = await openReports();
    await page.getByLabel('Période').selectOption('lastMonth');
    await page.getByLabel('Comparer avec').selectOption('previous');
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    const report = page.locator('article.report');
    await report.getByRole('heading', { name: 'Diagnostic : où agir' }).waitFor();

    // The key findings come first, before any table.
    const headings = await report.getByRole('heading', { level: 3 }).allTextContents();
    expect(headings[0]).toBe("L'essentiel");
    const findings = await report.locator('ul.findings > li').allTextContents();
    expect(findings[0]).toMatch(/^Évolution : /);
    expect(findings[1]).toMatch(/^Où agir : /);
    expect(findings.at(-1)).toMatch(/^Limites : /);
    // The objectives' status between them when there are objectives (the other test sets one).
    expect(findings.length).toBe(json.objectives.length ? 4 : 3);

    // The chart: an image (the CSP allows data: images, no markup is injected) that loaded, named by its title.
    const chart = report.getByRole('img', { name: /^Importance et performance des dimensions — Ensemble\./ });
    await chart.waitFor();
    expect(await chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(560);
    // Each audience with enough answers has its own chart.
    expect(
      await report.getByRole('img', { name: /^Importance et performance des dimensions — Visiteurs\./ }).count(),
    ).toBe(1);

    // The table: every dimension placed in the quadrant its figures give.
    const table = report
      .locator('table')
      .filter({ has: page.locator('caption', { hasText: 'Importance et performance — Ensemble' }) });
    const shown = new Map<string, string>();
    for (const row of await table.locator('tbody tr').all()) {
      const label = (await row.locator('th').textContent()) ?? '';
      const quadrant = (await row.locator('td').last().textContent()) ?? '';
      if (quadrant !== FR.noQuadrant) shown.set(label, quadrant);
    }
    expect(shown).toEqual(expected);
    // Importances read as correlations with their interval and n.
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toMatch(
      /^[+−]0,\d\d \[[−\d,]+\s–\s[−\d,]+\]\sn\s=\s\d+$/,
    );
    // Where to act, in the findings, names the dimensions of the first quadrant (when there is one).
    const act = [...expected].filter(([, q]) => q === FR.quadrants.concentrate).map(([l]) => l);
    for (const label of act) expect(findings[1]).toContain(label);

    // Durable superiority against the competitor, choice shares by public, the scales' quality.
    const durably = report
      .locator('table')
      .filter({ has: page.locator('caption', { hasText: 'Supériorité durable' }) });
    expect(await durably.getByRole('row', { name: /^Nîmes/ }).count()).toBe(1);
    const origin = report.locator('table').filter({ has: page.locator('caption', { hasText: 'D’où venez-vous' }) });
    expect(await origin.getByRole('row', { name: /^Vaucluse/ }).textContent()).toMatch(/%/);
    expect(await report.getByRole('heading', { name: 'Qualité des échelles' }).count()).toBe(1);
    expect(await report.locator('caption', { hasText: 'Taux de réponse par question' }).count()).toBe(1);

    expect(await axeViolations(page), '1280 px').toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await axeViolations(page), '360 px').toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shots(page, 'report-diagnostic');
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows the comments with their count, and a hostile comment as plain text', async () => {
    const to = addDays(`${today.slice(0, 7)}-01`, -1);
    const from = `${to.slice(0, 7)}-01`;
    const response = await fetch(
      `${product.apiUrl}/v1/surveys/${product.demo.surveyId}/report?${new URLSearchParams({ from, to })}`,
      { headers: { authorization: `Bearer ${product.demo.adminKey}` } },
    );
    const [comments] = ((await response.json()) as Report).comments ?? [];
    expect(comments?.count).toBeGreaterThan(0);
    expect(comments?.shown.length).toBeGreaterThan(0);

    // The API masks and stores text; the console must show whatever it gets as text: one hostile comment put in.
    const hostile = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
    const { context, page, problems } = await openReports((page) =>
      page.route('**/report?*', async (route) => {
        const real = await route.fetch();
        const json = (await real.json()) as Report;
        const first = json.comments?.[0];
        if (first) first.shown[0] = { text: hostile, month: from.slice(0, 7), audience: 'visitor' };
        await route.fulfill({ response: real, json });
      }),
    );
    await page.getByLabel('Période').selectOption('lastMonth');
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    const report = page.locator('article.report');
    await report.getByRole('heading', { name: 'Commentaires' }).waitFor();
    const section = report.locator('section.comments').first();
    expect(await section.locator('p').first().textContent()).toContain(
      `${comments?.count} commentaire${(comments?.count ?? 0) > 1 ? 's' : ''}`,
    );
    expect(await section.locator('li q').first().textContent()).toBe(hostile);
    expect(await section.locator('img, script').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('says which days are not counted yet, and that their aggregation is queued', async () => {
    // An answer of today: its day is pending until the night, and the report queues it.
    const answered = await fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: product.apiUrl },
      body: JSON.stringify({
        id: crypto.randomUUID(),
        locale: 'fr',
        audience: 'visitor',
        answers: { recommend: 9 },
        submittedAt: new Date().toISOString(),
      }),
    });
    expect(answered.status).toBe(201);
    const { context, page, problems } = await openReports();
    await page.getByLabel('Période').selectOption('thisMonth');
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    const pending = page.locator('article.report p.pending');
    await pending.waitFor();
    expect(await pending.textContent()).toMatch(
      /^Attention : (un jour de la période n’est|\d+ jours de la période ne sont) pas encore compté.*Ce calcul est lancé : affichez de nouveau le rapport dans quelques minutes\.$/,
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
