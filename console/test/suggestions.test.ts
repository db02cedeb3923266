/**
 * The suggestion box in the console, in Chromium against the real app: a moderator's key sees
 * the box alone; hostile text stays text; themes read by their labels; a suggestion past the
 * promised delay is flagged and found by the "late" filter; a public answer is one step from
 * "received"; the history names the key's label; the statuses read as the resident reads them;
 * and it all fits a 360 px phone. axe on the list and on a suggestion.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '#functions/testing/harness.ts';
import { freePort } from '#functions/local/stack.ts';
import { consoleApp } from '#functions/local/console.ts';
import { axeViolations, launch } from '#widget/test/browser.ts';
import { ensureConsoleBuilt, shots, signIn, watchProblems } from './browser.ts';

const HOSTILE = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script> "quoted" & 'single'`;
const DAY = 86_400_000;

let clock = new Date(Date.now() - 20 * DAY);
let t: Awaited<ReturnType<typeof testApp>>;
let server: ServerType;
let browser: Browser;
let base = '';

beforeAll(async () => {
  await ensureConsoleBuilt();
  t = await testApp({ now: () => clock });
  t.app.route('/', consoleApp());
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

describe('the suggestion box in the console', () => {
  it('flags late ones, answers in one step, names who did what, keeps hostile text as text, fits a phone', async () => {
    const town = await t.createTerritory({
      suggestionCategories: [
        { id: 'voirie', label: { fr: 'Voirie et trottoirs', en: 'Roads' } },
        { id: 'proprete', label: { fr: 'Propreté', en: 'Cleanliness' } },
      ],
      // A district's name is staff's text too: shown as text, never as markup.
      suggestionDistricts: [{ id: 'nord', label: { fr: '<i>Nord</i>', en: 'North' } }],
    });
    const key = (
      await t.call('POST', `/v1/territories/${town.id}/keys`, {
        key: town.adminKey,
        body: { role: 'moderator', label: 'Service <b>citoyen</b>' },
      })
    ).json.key as string;
    const drop = async (category: string, text: string) =>
      (
        await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
          body: { category, text, district: 'nord' },
        })
      ).json.code as string;
    const late = await drop('voirie', HOSTILE); // 20 days ago: past the 15 promised
    clock = new Date();
    const fresh = await drop('proprete', 'Plus de poubelles rue de la République');

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${base}/console/`);
    await signIn(page, key);

    // The moderator sees the box and nothing else.
    await page.getByRole('heading', { name: 'Boîte à idées', level: 1 }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.getByText('2 suggestions.').waitFor();
    expect(await page.getByRole('button', { name: `Voirie et trottoirs — ${late}` }).count()).toBe(1);
    expect(await page.getByText('En retard : 20 jours sans réponse').count()).toBe(1);
    expect(await page.locator('ul.cards .badge', { hasText: /^Reçue$/ }).count()).toBe(2);
    await page.getByLabel('Seulement celles en retard (sans réponse après 15 jours)').check();
    await page.getByText('1 suggestion.').waitFor();
    expect(await page.getByRole('button', { name: `Propreté — ${fresh}` }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'suggestions');

    // The late one: its text is text, and the answer goes out in one step from "received".
    await page.getByRole('button', { name: `Voirie et trottoirs — ${late}` }).click();
    await expect.poll(() => page.locator('#suggestion-text').textContent()).toBe(HOSTILE);
    expect(await page.getByText('<i>Nord</i>').count()).toBe(1);
    expect(await page.locator('main img, main script, main b, main i').count()).toBe(0);
    await page.getByLabel('Réponse', { exact: true }).fill('Le trottoir sera refait en mars <b>2027</b>.');
    await page.getByLabel('Suite donnée').selectOption('planned');
    await page.getByRole('button', { name: 'Publier la réponse' }).click();
    await page.getByText('Réponse publiée.').waitFor();
    const seen = (await t.call('GET', `/v1/suggestions/${late}`)).json;
    expect(seen).toMatchObject({ status: 'planned', answer: { text: 'Le trottoir sera refait en mars <b>2027</b>.' } });
    const history = page.locator('ol.history');
    await expect.poll(() => history.locator('li').count()).toBe(3);
    expect(await history.textContent()).toContain('Service <b>citoyen</b>');
    expect(await history.textContent()).toContain('Reçue → En cours d’examen');
    expect(await history.textContent()).toContain('En cours d’examen → Programmée');

    // Closing keeps the outcome in words: "Programmée — clôturée", as the resident reads it.
    await page.getByLabel('Nouveau statut').selectOption('done');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText('Statut changé.').waitFor();
    await expect.poll(() => page.locator('dl.facts').textContent()).toContain('Programmée — clôturée');
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'suggestion');

    expect(await page.title()).not.toBe('pwned');
    expect(urls.filter((u) => u.includes(key))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
