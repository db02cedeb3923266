/**
 * The staff console's promise, in Chromium against the whole local product: a new territory
 * launches a barometer without writing a line of code. The operator creates the territory; its
 * admin, through the console only, makes a survey from the visitor template, changes a label,
 * previews it, goes live and copies the snippet; a host page with that snippet takes an
 * answer; after the night's aggregation the report counts it. The admin then makes an
 * evaluator key, the evaluator sees reports only, and the key is revoked. axe on every screen.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '#analytics/calendar.ts';
import { startLocalProduct } from '#functions/testing/product.ts';
import { axeViolations, launch } from '#widget/test/browser.ts';
import { ensureConsoleBuilt, shots, signIn, signOut, watchProblems } from './browser.ts';

let product: Awaited<ReturnType<typeof startLocalProduct>>;
let browser: Browser;
let host: Server;
let hostUrl = '';
/** The host page's HTML: the snippet the admin copied, under a strict CSP. */
let hostPage = '';

beforeAll(async () => {
  await ensureConsoleBuilt();
  [product, browser] = await Promise.all([startLocalProduct(), launch()]);
  host = createServer((_req, res) => {
    const widgetOrigin = new URL(product.apiUrl).origin;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${widgetOrigin}; connect-src ${widgetOrigin}`,
    });
    res.end(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Office de tourisme de Carpentras</title></head><body><main><h1>Votre avis nous intéresse</h1>${hostPage}</main></body></html>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  await product?.stop();
});

async function open(): Promise<{ context: BrowserContext; page: Page; problems: string[]; urls: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: product.apiUrl });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto(`${product.apiUrl}/console/`);
  return { context, page, problems, urls };
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const noViolations = async (page: Page, screen: string) => expect(await axeViolations(page), screen).toEqual([]);

describe('the console, from a new territory to its first report', () => {
  it('launches a barometer through the console only, and hands out and revokes an evaluator key', async () => {
    const { context, page, problems, urls } = await open();
    await noViolations(page, 'sign-in');
    await shots(page, 'sign-in');

    // The operator creates the territory; its admin key is shown once, with a copy button.
    await signIn(page, product.operatorKey);
    await page.getByRole('heading', { name: 'Territoires', level: 1 }).waitFor();
    await page.getByLabel('Identifiant', { exact: true }).fill('carpentras');
    await page.getByLabel('Nom', { exact: true }).fill('Carpentras');
    await page.getByLabel('Sites autorisés (origines)').fill(`${hostUrl}/office.html`);
    await page.getByRole('button', { name: 'Créer le territoire' }).click();
    // An origin with a path is refused at the field, with the reason, and nothing is created.
    await expect.poll(() => page.locator('#t-origins-err').textContent()).toContain('sans chemin');
    await page.getByLabel('Sites autorisés (origines)').fill(hostUrl);
    await page.getByRole('button', { name: 'Créer le territoire' }).click();
    await page.getByText('Le territoire « carpentras » est créé.').waitFor();
    await noViolations(page, 'territories');
    await page.getByRole('button', { name: 'Copier la clé' }).click();
    const adminKey = await clipboard(page);
    expect(adminKey).toMatch(/^ecoute_/);
    expect(await page.locator('#admin-key').inputValue()).toBe(adminKey);
    await signOut(page);

    // The admin: a survey from the visitor template, for Carpentras and two competitors.
    await signIn(page, adminKey);
    await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
    await noViolations(page, 'surveys');
    await page.getByLabel('Baromètre des visiteurs').check();
    await page.getByLabel('Concurrents à nommer').fill('Pernes-les-Fontaines\nL’Isle-sur-la-Sorgue');
    await page.getByLabel('Autres attributs du séjour (module facultatif)').check();
    await shots(page, 'new-survey');
    await page.getByRole('button', { name: 'Préparer le questionnaire' }).click();
    await page.getByRole('heading', { name: 'Votre séjour à Carpentras', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: /^Questions \(\d+\)$/ }).textContent()).toBe('Questions (23)');

    // One label changed, and a mistake shown at its field before anything is saved.
    await page.locator('li.question summary').first().click();
    const label = page.getByLabel('Libellé (français)').first();
    await label.fill('');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Question 1 : Le texte en français est obligatoire.');
    await label.fill('Conseilleriez-vous Carpentras à vos amis ?');
    await noViolations(page, 'editor');
    await shots(page, 'editor');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon', { exact: true }).waitFor();

    // The preview is the real widget, on a phone's width and a desktop's, in French and English.
    await page.getByRole('tab', { name: 'Aperçu' }).click();
    const previews = page.locator('ecoute-survey[preview]');
    await expect.poll(() => previews.count()).toBe(2);
    await previews.first().getByText('Conseilleriez-vous Carpentras à vos amis ?').waitFor();
    await noViolations(page, 'preview');
    await shots(page, 'preview');
    await page.getByLabel('anglais').check();
    await previews.first().getByText('Would you recommend Carpentras to a friend or relative?').waitFor();

    // Live, then the snippet, the origin check and the QR code.
    await page.getByRole('button', { name: 'Mettre en ligne' }).click();
    await page.getByText('Le questionnaire est en ligne.').waitFor();
    await page.getByRole('button', { name: 'Copier le code' }).click();
    const snippet = await clipboard(page);
    const surveyId = /survey="([^"]+)"/.exec(snippet)?.[1] ?? '';
    expect(snippet).toBe(
      `<script src="${product.apiUrl}/ecoute.js" async></script>\n<ecoute-survey survey="${surveyId}" api="${product.apiUrl}" lang="fr"></ecoute-survey>`,
    );
    await page.getByLabel('Adresse de la page').fill(`${hostUrl}/office.html`);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText(`${hostUrl} est autorisé`).waitFor();
    expect(await page.getByRole('img', { name: /^QR code menant à .*\?channel=qr$/ }).count()).toBe(1);
    await noViolations(page, 'share');
    await shots(page, 'share');

    // A host page with that snippet takes an answer through the widget.
    hostPage = snippet;
    const office = await context.newPage();
    const officeProblems = watchProblems(office);
    await office.goto(`${hostUrl}/office.html`);
    await office.getByRole('radio', { name: '9', exact: true }).check();
    for (let i = 0; i < 40 && (await office.getByRole('button', { name: 'Envoyer' }).count()) === 0; i++)
      await office.getByRole('button', { name: 'Suivant' }).click();
    await office.getByRole('button', { name: 'Envoyer' }).click();
    await office.getByText('Elle a bien été reçue.').waitFor();
    expect(officeProblems).toEqual([]);
    await office.close();

    // The night's aggregation (here on demand), then the report counts the answer.
    const today = dayIn(new Date(), 'Europe/Paris');
    const aggregated = await fetch(`${product.apiUrl}/v1/territories/carpentras/aggregations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: today, to: today }),
    });
    expect(await aggregated.json()).toEqual({ days: 1, responses: 1 });
    await page.getByRole('link', { name: 'Rapports' }).click();
    await page.getByLabel('Période').selectOption('thisMonth');
    await page.getByLabel('Comparer avec').selectOption('none');
    await page.getByRole('button', { name: 'Afficher le rapport' }).click();
    await page.getByText('1 réponse', { exact: true }).waitFor();
    const npsRow = page.getByRole('row', { name: /^Recommandation \(NPS\)/ });
    // One answer is far under the 30 a figure needs: the overall draws on no public and says so.
    expect(await npsRow.getByRole('cell').nth(0).textContent()).toBe('—');
    expect(await npsRow.textContent()).toContain('masqué : aucun public publiable');
    await noViolations(page, 'reports');
    await shots(page, 'report-new-territory');

    // An evaluator key, shown once; the evaluator sees reports only; then it is revoked.
    await page.getByRole('link', { name: 'Clés d’accès' }).click();
    await page.getByLabel('Pour qui ?').fill('Cabinet Études Sud');
    await page.getByLabel('Rôle').selectOption('evaluator');
    await page.getByRole('button', { name: 'Créer la clé' }).click();
    await page.getByRole('button', { name: 'Copier la clé' }).click();
    const evaluatorKey = await clipboard(page);
    expect(evaluatorKey).toMatch(/^ecoute_/);
    await noViolations(page, 'keys');
    await shots(page, 'keys');
    await signOut(page);

    await signIn(page, evaluatorKey);
    await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Questionnaires' }).count()).toBe(0);
    expect(await page.getByText('Pondération et objectifs').count()).toBe(0);
    expect(await page.getByText('Cabinet Études Sud').count()).toBe(1);
    await noViolations(page, 'evaluator reports');
    await signOut(page);

    await signIn(page, adminKey);
    await page.getByRole('link', { name: 'Clés d’accès' }).click();
    await page.getByRole('button', { name: 'Révoquer Cabinet Études Sud' }).click();
    await noViolations(page, 'revocation');
    await page.getByRole('button', { name: 'Oui, révoquer' }).click();
    await page.getByText('La clé « Cabinet Études Sud » est révoquée.').waitFor();
    await signOut(page);
    await page.getByLabel('Clé d’accès').fill(evaluatorKey);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Cette clé est inconnue ou a été révoquée.').waitFor();

    // The keys lived in this tab's sessionStorage only, never in an address.
    for (const key of [adminKey, evaluatorKey, product.operatorKey])
      expect(urls.filter((u) => u.includes(key))).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['ecoute.console.lang']);
    // The revoked key's refusal is the one failed request the browser reports, on purpose.
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await context.close();
  }, 300_000);

  it('the hosted page in kiosk mode takes an answer and starts over for the next person', async () => {
    const { context, page } = await open();
    await signIn(page, product.demo.adminKey);
    await page.goto(`${product.apiUrl}/console/#/surveys/${product.demo.surveyId}`);
    await page.getByRole('tab', { name: 'Diffuser' }).click();
    const kiosk = await page.locator('code', { hasText: '?channel=kiosk' }).textContent();
    const tablet = await context.newPage();
    await tablet.goto(kiosk ?? '');
    await tablet.getByRole('radio', { name: 'Visiteur ou touriste' }).check();
    await tablet.getByRole('button', { name: 'Commencer' }).click();
    await tablet.getByRole('radio', { name: '10', exact: true }).check();
    for (let i = 0; i < 40 && (await tablet.getByRole('button', { name: 'Envoyer' }).count()) === 0; i++)
      await tablet.getByRole('button', { name: 'Suivant' }).click();
    await tablet.getByRole('button', { name: 'Envoyer' }).click();
    await tablet.getByText('Elle a bien été reçue.').waitFor();
    // The kiosk starts over by itself after 20 s; the next person may not wait.
    await tablet.getByRole('button', { name: 'Recommencer' }).click();
    await tablet.getByText('Vous êtes…').waitFor();
    expect(await tablet.getByRole('radio', { checked: true }).count()).toBe(0);
    const csv = await fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/responses.csv`, {
      headers: { authorization: `Bearer ${product.demo.adminKey}` },
    });
    expect(await csv.text()).toContain(',kiosk,');
    await context.close();
  });

  it('lets an admin set districts and how long free text and closed suggestions are kept, refusing what the API would', async () => {
    const { context, page, problems } = await open();
    await signIn(page, product.demo.adminKey);
    await page.getByRole('link', { name: 'Paramètres du territoire' }).click();
    await page.getByRole('heading', { name: 'Paramètres du territoire', level: 1 }).waitFor();
    const t = product.demo.territory;
    const stored = async () =>
      (await (
        await fetch(`${product.apiUrl}/v1/territories/${t}`, {
          headers: { authorization: `Bearer ${product.demo.adminKey}` },
        })
      ).json()) as {
        suggestionDistricts?: { id: string; label: Record<string, string> }[];
        suggestions?: { retentionMonths?: number };
        responses?: { freeTextDays?: number };
      };
    const before = await stored();
    // The demo's districts come first; the new one is the next row.
    const known = before.suggestionDistricts ?? [];
    const row = known.length + 1;

    // Out of range, the field says so and nothing is sent.
    await page.getByLabel('Conservation des réponses libres aux questionnaires (jours)').fill('10');
    await page.getByRole('button', { name: 'Ajouter un quartier' }).click();
    await page.getByLabel(`Identifiant du quartier ${row}`).fill('centre-ville');
    await page.getByLabel(`Quartier ${row} (français)`).fill('Centre-ville');
    await page.getByLabel(`Quartier ${row} (anglais)`).fill('Town centre');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Certains champs sont à corriger').waitFor();
    expect(await page.locator('#t-free-text-err').textContent()).toContain('30');
    expect(await stored()).toEqual(before);

    await page.getByLabel('Conservation des réponses libres aux questionnaires (jours)').fill('90');
    await page.getByLabel('Conservation des suggestions closes (mois)').fill('24');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Enregistré.').waitFor();
    await noViolations(page, 'settings');
    await shots(page, 'settings');
    const after = await stored();
    expect(after.suggestionDistricts).toEqual([
      ...known,
      { id: 'centre-ville', label: { fr: 'Centre-ville', en: 'Town centre' } },
    ]);
    expect(after.responses?.freeTextDays).toBe(90);
    expect(after.suggestions?.retentionMonths).toBe(24);

    // Read back after a reload: the screen shows what is stored.
    await page.reload();
    await page.getByRole('heading', { name: 'Paramètres du territoire', level: 1 }).waitFor();
    expect(await page.getByLabel(`Quartier ${row} (anglais)`).inputValue()).toBe('Town centre');
    expect(await page.getByLabel('Conservation des réponses libres aux questionnaires (jours)').inputValue()).toBe(
      '90',
    );
    expect(problems).toEqual([]);
    await context.close();
  });
});
