/**
 * Every screen of the survey (the demo barometer) and of the suggestion box, on a phone (360 px)
 * and a desktop (1280 px), in French and in English (reached through the widget's own switch):
 * axe finds nothing, nothing overflows, and every word shown follows its language's typography.
 * Each screen is photographed; `ECOUTE_SCREENSHOTS=docs` (as for the console's) writes the photos to docs/widget/ for the READMEs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, SHOTS } from './browser.ts';
import { CODE, DEMO, fixtureSite, TRACKED } from './fixtures.ts';
import { typographyProblems } from './typography.ts';

const site = fixtureSite(DEMO.id);
const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'widget');
const out = process.env.ECOUTE_SCREENSHOTS === 'docs' ? DOCS : join(SHOTS, 'widget');
mkdirSync(out, { recursive: true });

type Lang = 'fr' | 'en';
const WORDS = {
  fr: {
    who: 'Vous êtes…',
    visitor: 'Visiteur ou touriste',
    start: 'Commencer',
    next: 'Suivant',
    send: 'Envoyer',
    thanks: 'Merci pour votre réponse',
    noNimes: 'Je ne connais pas Nîmes',
    box: 'Boîte à idées',
  },
  en: {
    who: 'You are…',
    visitor: 'A visitor or tourist',
    start: 'Start',
    next: 'Next',
    send: 'Send',
    thanks: 'Thank you for your answer',
    noNimes: 'I don’t know Nîmes',
    box: 'Suggestion box',
  },
};

/** The text of every text node inside the element's shadow root, one by one. */
function shownTexts(page: Page, tag: string): Promise<string[]> {
  return page.evaluate((tag) => {
    const root = document.querySelector(tag)?.shadowRoot;
    if (!root) return [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) texts.push(n.textContent);
    return texts;
  }, tag);
}

/** What people wrote (the resident's message, the town hall's answer) is shown as written, in its own language. */
const written = new Set([TRACKED.text, TRACKED.answer.text]);

/** One screen: photographed, axe-clean, no horizontal scroll, typography right. */
async function screen(page: Page, tag: string, lang: Lang, width: number, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(width);
  const texts = (await shownTexts(page, tag)).filter((t) => !written.has(t));
  expect(texts.flatMap((t) => typographyProblems(t, lang))).toEqual([]);
  await page.locator(tag).screenshot({ path: join(out, `${name}-${lang}-${width}.png`) });
}

describe.each([360, 1280])('at %i px', (width) => {
  it.each(['fr', 'en'] as Lang[])('the survey, screen by screen, in %s', async (lang) => {
    const { page, context, problems } = await site.open('tourisme', width);
    const w = WORDS[lang];
    await page.getByText('Vous êtes…').waitFor();
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText(w.who).waitFor();
    }
    const next = () => page.getByRole('button', { name: w.next, exact: true }).click();
    await screen(page, 'ecoute-survey', lang, width, 'survey-1-audience');
    await page.getByRole('radio', { name: w.visitor }).check();
    await page.getByRole('button', { name: w.start }).click();
    await page.getByRole('radio', { name: '9', exact: true }).waitFor();
    await screen(page, 'ecoute-survey', lang, width, 'survey-2-nps');
    await page.getByRole('radio', { name: '9', exact: true }).check();
    await next();
    // Four satisfaction questions on one scale share a screen, as a grid.
    await page.getByText(lang === 'fr' ? 'Questions 2 à 5 sur 19' : 'Questions 2 to 5 of 19').waitFor();
    await screen(page, 'ecoute-survey', lang, width, 'survey-3-grid');
    await next();
    await page.getByText(lang === 'fr' ? 'Questions 6 à 11 sur 19' : 'Questions 6 to 11 of 19').waitFor();
    await screen(page, 'ecoute-survey', lang, width, 'survey-4-image');
    await next();
    await next();
    await page.getByRole('radio', { name: w.noNimes }).waitFor();
    await screen(page, 'ecoute-survey', lang, width, 'survey-5-comparison');
    await page.getByRole('radio', { name: w.noNimes }).check();
    await next();
    await next();
    await page.getByRole('checkbox').first().check();
    await screen(page, 'ecoute-survey', lang, width, 'survey-6-choices');
    await next();
    await page.getByRole('textbox').fill(lang === 'fr' ? 'Très bon accueil à l’office.' : 'A warm welcome.');
    await screen(page, 'ecoute-survey', lang, width, 'survey-7-comment');
    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.getByText(w.thanks).waitFor();
    const notice = page.getByRole('link', { name: lang === 'fr' ? 'Politique de confidentialité' : 'Privacy notice' });
    expect(await notice.getAttribute('href')).toBe(DEMO.privacyUrl);
    await screen(page, 'ecoute-survey', lang, width, 'survey-8-thanks');
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each(['fr', 'en'] as Lang[])('the suggestion box, screen by screen, in %s', async (lang) => {
    const { page, context, api, problems } = await site.open('mairie', width);
    const w = WORDS[lang];
    const box = page.locator('ecoute-suggestions');
    if (lang === 'en')
      await page.evaluate(() => document.querySelector('ecoute-suggestions')?.setAttribute('lang', 'en'));
    await box.getByRole('heading', { name: w.box, exact: true }).waitFor();
    await screen(page, 'ecoute-suggestions', lang, width, 'box-1-form');
    await box.getByRole('button', { name: w.send, exact: true }).click();
    await box.locator('.err').first().waitFor();
    await screen(page, 'ecoute-suggestions', lang, width, 'box-2-errors');
    await box.getByRole('combobox', { name: lang === 'fr' ? 'Thème' : 'Topic' }).selectOption('voirie');
    await box.locator('textarea').fill('Le trottoir de la rue des Lices est défoncé devant le n° 12.');
    await box.getByRole('textbox', { name: /^E-mail/ }).fill('habitante@example.fr');
    await box.getByRole('checkbox').check();
    await box.getByRole('button', { name: w.send, exact: true }).click();
    await box.getByText(CODE).waitFor();
    expect(api.suggestions).toHaveLength(1);
    await screen(page, 'ecoute-suggestions', lang, width, 'box-3-code');
    await box.getByRole('textbox', { name: lang === 'fr' ? 'Code de suivi' : 'Tracking code' }).fill(CODE);
    await box.getByRole('button', { name: lang === 'fr' ? 'Voir' : 'Look up' }).click();
    await box.getByText(lang === 'fr' ? 'Non retenue — clôturée' : 'Not taken forward — closed').waitFor();
    await screen(page, 'ecoute-suggestions', lang, width, 'box-4-lookup');
    expect(problems).toEqual([]);
    await context.close();
  });
});
