/**
 * The preview hook the staff console uses: `<ecoute-survey preview>` with a `definition`
 * property renders that draft without fetching anything, and never stores nor sends an answer.
 */
import { describe, expect, it } from 'vitest';
import { fixtureSite, SURVEY } from './fixtures.ts';

const site = fixtureSite();

const DRAFT = {
  title: { fr: 'Brouillon du baromètre', en: 'Barometer draft' },
  defaultLocale: 'fr',
  audiences: ['visitor'],
  questions: [
    {
      id: 'recommend',
      type: 'nps',
      required: true,
      label: { fr: 'Recommanderiez-vous Carpentras ?', en: 'Would you recommend Carpentras?' },
    },
    { id: 'comment', type: 'text', maxLength: 200, label: { fr: 'Un mot ?', en: 'A word?' } },
  ],
};

describe('<ecoute-survey preview> with a definition', () => {
  it('renders the given draft in the asked language, fetches nothing, and sends nothing', async () => {
    const { page, api, problems } = await site.open('tourisme', 1280);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.evaluate((draft) => {
      for (const lang of ['fr', 'en']) {
        const el = document.createElement('ecoute-survey') as HTMLElement & { definition?: object };
        el.setAttribute('preview', '');
        el.setAttribute('survey', 'not-live-yet');
        el.setAttribute('lang', lang);
        el.definition = draft;
        document.body.append(el);
      }
    }, DRAFT);
    const [fr, en] = [page.locator('ecoute-survey[preview][lang=fr]'), page.locator('ecoute-survey[preview][lang=en]')];
    await fr.getByRole('heading', { name: 'Brouillon du baromètre' }).waitFor();
    await en.getByRole('heading', { name: 'Barometer draft' }).waitFor();

    // A changed definition repaints at once: what the console's editor relies on.
    await page.evaluate((draft) => {
      const el = document.querySelector('ecoute-survey[preview][lang=fr]') as HTMLElement & { definition?: object };
      el.definition = { ...draft, title: { fr: 'Titre changé' } };
    }, DRAFT);
    await fr.getByRole('heading', { name: 'Titre changé' }).waitFor();

    await fr.getByRole('radio', { name: '9', exact: true }).check();
    await fr.getByRole('button', { name: 'Suivant' }).click();
    await fr.getByRole('button', { name: 'Envoyer' }).click();
    await fr.getByText('Aperçu : rien n’a été envoyé.').waitFor();

    expect(api.responses).toEqual([]);
    expect(requests.filter((u) => u.includes('not-live-yet'))).toEqual([]);
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`));
    expect(stored.join('\n')).not.toContain('not-live-yet');
    // The page's own survey is untouched.
    await page.locator('ecoute-survey:not([preview])').getByText(SURVEY.title.fr).waitFor();
    expect(problems).toEqual([]);
  });
});
