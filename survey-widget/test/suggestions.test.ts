/** <ecoute-suggestions> in real Chromium on the city hall demo page, with page.route standing in for the API. */
import { describe, expect, it } from 'vitest';
import { axeViolations, focused, focusSettles, screenshot, tabTo } from './browser.ts';
import { CODE, fixtureSite, TRACKED } from './fixtures.ts';

const site = fixtureSite();

async function open(width: number) {
  const opened = await site.open('mairie', width);
  await opened.page.getByRole('heading', { name: 'Boîte à idées', exact: true }).waitFor();
  return opened;
}

describe('<ecoute-suggestions>', () => {
  it('says what is missing next to each field, then gives the tracking code', async () => {
    const { context, page, api } = await open(1280);
    await tabTo(page, (f) => f.text === 'Envoyer');
    await page.keyboard.press('Enter');
    await page.getByText('Choisissez un thème.').waitFor();
    await page.getByText('Écrivez votre message.').waitFor();
    await focusSettles(page, (f) => f.tag === 'select');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'suggestions-1280-errors');

    await page.getByLabel('Thème').selectOption('voirie');
    await page.getByLabel('Votre message').fill('Le trottoir de la rue des Lices est défoncé devant le n° 12.');
    await page.getByLabel(/^E-mail/).fill('habitante@example.fr');
    await page.getByRole('button', { name: 'Envoyer' }).first().click();
    await page.getByText('Cochez la case, ou videz le champ e-mail.').waitFor();
    await focusSettles(page, (f) => f.type === 'checkbox');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Envoyer' }).first().click();

    await page.getByText(CODE).waitFor();
    expect(api.suggestions).toHaveLength(1);
    expect(api.suggestions[0]).toMatchObject({
      category: 'voirie',
      text: 'Le trottoir de la rue des Lices est défoncé devant le n° 12.',
      contact: { email: 'habitante@example.fr', consent: true },
      website: '',
    });
    expect(api.suggestions[0]).not.toHaveProperty('district');
    expect(api.suggestions[0]?.elapsedMs).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'suggestions-1280-code');
    await context.close();
  });

  it('offers the territory’s districts as a choice and sends the one picked', async () => {
    const { context, page, api } = await open(360);
    const district = page.getByLabel('Quartier (facultatif)');
    expect(await district.evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await district.locator('option').allTextContents()).toEqual([
      'Non précisé',
      'Centre ancien',
      'Quartier de la gare',
    ]);
    await page.getByLabel('Thème').selectOption('voirie');
    await page.getByLabel('Votre message').fill('Un banc devant la gare.');
    await district.selectOption('gare');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Envoyer' }).first().click();
    await page.getByText(CODE).waitFor();
    expect(api.suggestions[0]).toMatchObject({ category: 'voirie', district: 'gare' });
    await context.close();
  });

  it('looks a tracking code up and shows the status in the one vocabulary, the resident’s text and the city hall’s answer', async () => {
    const { context, page } = await open(360);
    await page.getByLabel('Code de suivi').fill(CODE);
    await page.keyboard.press('Enter');
    // Declined, then closed: never "Réalisé".
    await page.getByText('Non retenue — clôturée').waitFor();
    await page.getByText(TRACKED.answer.text).waitFor();
    await page.getByText('Réponse de la mairie, le 20/11/2026').waitFor();
    await page.getByText(TRACKED.text).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'suggestions-360-lookup');

    await page.getByLabel('Code de suivi').fill('NOPE-0000');
    await page.keyboard.press('Enter');
    await page.getByText('Aucun message ne porte ce code.').waitFor();

    // An empty look-up asks for the code; a failed one says the search failed, not a sending.
    await page.getByLabel('Code de suivi').fill('  ');
    await page.keyboard.press('Enter');
    await page.getByText('Saisissez votre code de suivi.').waitFor();
    await page.route('**/v1/suggestions/**', (route) => route.abort('internetdisconnected'));
    await page.getByLabel('Code de suivi').fill(CODE);
    await page.keyboard.press('Enter');
    await page.getByText('La recherche a échoué. Vérifiez votre connexion.').waitFor();
    expect(await page.getByText('Échec de l’envoi').count()).toBe(0);
    await context.close();
  });

  it('shows the consent box only once an e-mail is typed, and says when the town hall answers', async () => {
    const { context, page } = await open(1280);
    await page.getByText('La mairie répond à chaque message sous 15\u00a0jours.').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.getByLabel(/^E-mail/).fill('a@example.fr');
    await page.getByRole('checkbox').waitFor();
    expect(await page.getByLabel(/^E-mail/).evaluate((e) => e.closest('.f')?.textContent)).toContain(
      'pour recevoir des nouvelles',
    );
    await context.close();
  });

  it('never lets the keyboard reach the honeypot field', async () => {
    const { context, page } = await open(1280);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(
        (await focused(page)).tag === 'input' &&
          (await page.evaluate(() => {
            let a = document.activeElement;
            while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
            return a?.id;
          })) === 'website',
      ).toBe(false);
    }
    await context.close();
  });
});
