/**
 * <ecoute-survey> in real Chromium, on the tourism office demo page (hostile CSS, strict CSP,
 * another origin), with page.route standing in for the API. The same flows against the real
 * API are in e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, focusSettles, screenshot, tabTo } from './browser.ts';
import { fixtureSite, type Opened } from './fixtures.ts';

const site = fixtureSite();

async function open(width = 1280, context?: BrowserContext): Promise<Opened> {
  const opened = await site.open('tourisme', width, context);
  await opened.page.getByText('Vous êtes…').waitFor();
  return opened;
}

const next = (page: Page) => page.getByRole('button', { name: /^(Suivant|Envoyer)$/ }).click();

/** The resident path by mouse, answering only what is required. */
async function completeAsResident(page: Page) {
  await page.getByRole('radio', { name: 'Habitant' }).check();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByRole('radio', { name: '8', exact: true }).check();
  for (let i = 0; i < 3; i++) await next(page);
  await page.getByRole('radio', { name: 'De France' }).check();
  for (let i = 0; i < 3; i++) await next(page);
}

describe('<ecoute-survey> on a hostile host page', () => {
  it('is completed with the keyboard alone, and sends every answer once', async () => {
    const { page, api, problems, context } = await open(1280);
    await tabTo(page, (f) => f.name === 'q-audience');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.text === 'Commencer');
    await page.keyboard.press('Enter');

    // Required NPS left empty: the error sits next to the question and focus goes back to it.
    await tabTo(page, (f) => f.text === 'Suivant');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Veuillez répondre à cette question.');
    await focusSettles(page, (f) => f.type === 'radio' && f.name === 'q-recommend');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'survey-1280-nps-error');

    const scale = async (arrows: number) => {
      await tabTo(page, (f) => f.type === 'radio');
      for (let i = 0; i < arrows; i++) await page.keyboard.press('ArrowRight');
      await tabTo(page, (f) => /^(Suivant|Envoyer)$/.test(f.text));
      await page.keyboard.press('Enter');
    };
    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight'); // focus is on 0: → 9
    await tabTo(page, (f) => f.text === 'Suivant');
    await page.keyboard.press('Enter');
    await scale(3); // rating 1–5 → 4
    await scale(5); // differential 1–7 → 6
    await page.getByText('Par rapport à Nîmes').waitFor();
    await screenshot(page, 'survey-1280-comparison');
    await scale(3); // comparison → 4 (better)

    await tabTo(page, (f) => f.type === 'radio');
    await page.keyboard.press('Space'); // origin: De France
    await tabTo(page, (f) => /^(Suivant)$/.test(f.text));
    await page.keyboard.press('Enter');

    await tabTo(page, (f) => f.type === 'checkbox');
    await page.keyboard.press('Space'); // heritage
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // nature
    await tabTo(page, (f) => f.text === 'Suivant');
    await page.keyboard.press('Enter');

    await tabTo(page, (f) => f.tag === 'textarea');
    await page.keyboard.type('Très bon accueil, merci !');
    await expect.poll(() => page.getByText('25 sur 500 caractères').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'survey-1280-text');
    await tabTo(page, (f) => f.text === 'Envoyer');
    await page.keyboard.press('Enter');

    await page.getByText('Merci pour votre réponse !').waitFor();
    await page.getByText('Elle a bien été reçue.').waitFor();
    expect(api.responses).toHaveLength(1);
    const body = api.responses[0]?.body;
    expect(body).toMatchObject({
      audience: 'visitor',
      locale: 'fr',
      channel: 'web',
      version: 3,
      answers: {
        recommend: 9,
        sat_welcome: 4,
        img_lively: 6,
        vs_nimes: 4,
        origin: 'fr',
        activities: ['heritage', 'nature'],
        comment: 'Très bon accueil, merci !',
      },
    });
    expect(body?.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(body?.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'survey-1280-thanks');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps its own look whatever the host CSS says', async () => {
    const { page, context, problems } = await open(360);
    const look = await page.evaluate(() => {
      const host = document.querySelector('ecoute-survey')!;
      const button = host.shadowRoot!.querySelector('button')!;
      const s = getComputedStyle(button);
      const h = getComputedStyle(host);
      const w = getComputedStyle(host.shadowRoot!.querySelector('.w')!);
      return {
        leftAligned:
          host.shadowRoot!.querySelector('.w')!.getBoundingClientRect().left === host.getBoundingClientRect().left,
        display: s.display,
        font: s.fontFamily,
        transform: s.textTransform,
        hostSize: h.fontSize,
        direction: w.direction,
        sheets: host.shadowRoot!.adoptedStyleSheets.length,
        styleTags: host.shadowRoot!.querySelectorAll('style').length,
      };
    });
    expect(look).toMatchObject({
      leftAligned: true,
      display: 'block',
      transform: 'none',
      hostSize: '16px',
      direction: 'ltr',
      sheets: 1,
      styleTags: 0,
    });
    expect(look.font).not.toMatch(/Comic/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'survey-360-audience');
    await page.getByRole('radio', { name: 'Visiteur ou touriste' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByText('Question 1 sur 7').waitFor();
    await screenshot(page, 'survey-360-nps');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('radio', { name: '9', exact: true }).check();
    for (let i = 0; i < 3; i++) await next(page);
    await page.getByText('Par rapport à Nîmes').waitFor();
    await screenshot(page, 'survey-360-comparison');
    await page.setViewportSize({ width: 320, height: 800 }); // WCAG reflow: 1280 px at 400 %
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('speaks English when its lang attribute says so', async () => {
    const { page, context } = await open(1280);
    await page.evaluate(() => document.querySelector('ecoute-survey')!.setAttribute('lang', 'en'));
    await page.getByText('You are…').waitFor();
    await page.getByRole('radio', { name: 'A resident' }).check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Question 1 of 6').waitFor();
    await page.getByText('0 – Not at all likely').waitFor();
    expect(
      await page.evaluate(() =>
        document.querySelector('ecoute-survey')!.shadowRoot!.querySelector('.w')!.getAttribute('lang'),
      ),
    ).toBe('en');
    await context.close();
  });
});

describe('several instances and reloads', () => {
  it('runs two surveys on one page independently, sharing one stylesheet', async () => {
    const { page, context } = await open(1280);
    await page.evaluate(
      (api) => {
        const second = document.createElement('ecoute-survey');
        second.setAttribute('survey', 'garrigues-2026');
        second.setAttribute('api', api);
        second.setAttribute('lang', 'en');
        document.querySelector('main')!.append(second);
      },
      new URL(page.url()).origin.replace('localhost', '127.0.0.1'),
    );
    await page.getByText('You are…').waitFor();
    await page.getByRole('radio', { name: 'Habitant' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByText('Question 1 sur 6').waitFor();
    expect(await page.getByText('You are…').count()).toBe(1);
    const shared = await page.evaluate(() => {
      const [a, b] = [...document.querySelectorAll('ecoute-survey')].map((e) => e.shadowRoot!.adoptedStyleSheets[0]);
      return a !== undefined && a === b;
    });
    expect(shared).toBe(true);
    await context.close();
  });

  it('resumes where the person was after a reload, with the same response id', async () => {
    const first = await open(1280);
    await first.page.getByRole('radio', { name: 'Habitant' }).check();
    await first.page.getByRole('button', { name: 'Commencer' }).click();
    await first.page.getByRole('radio', { name: '7', exact: true }).check();
    await next(first.page);
    await first.page.getByText('Question 2 sur 6').waitFor();
    const draftId = () =>
      first.page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('ecoute:draft:'));
        return (JSON.parse(localStorage.getItem(key ?? '') ?? '{}') as { id?: string }).id;
      });
    const id = await draftId();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    await first.page.reload();
    await first.page.getByText('Question 2 sur 6').waitFor();
    expect(await draftId()).toBe(id);
    await first.page.getByRole('button', { name: 'Précédent' }).click();
    expect(await first.page.getByRole('radio', { name: '7', exact: true }).isChecked()).toBe(true);
    for (let i = 0; i < 3; i++) await next(first.page);
    await first.page.getByRole('radio', { name: 'De France' }).check();
    for (let i = 0; i < 3; i++) await next(first.page);
    await first.page.getByText('Elle a bien été reçue.').waitFor();
    expect(first.api.responses.map((r) => r.body.id)).toEqual([id]);
    expect(await draftId()).toBeUndefined();
    await first.context.close();
  });
});

describe('never losing an answer', () => {
  it('keeps an answer that failed to leave, and sends the same body again when the network is back', async () => {
    const { page, api, context } = await open(1280);
    api.replies.push('abort');
    await completeAsResident(page);
    await page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('ecoute:outbox') ?? '[]').length)).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'survey-1280-queued');

    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('Elle a bien été reçue.').waitFor();
    expect(api.responses).toHaveLength(2);
    expect(api.responses[1]?.body).toEqual(api.responses[0]?.body);
    expect(await page.evaluate(() => localStorage.getItem('ecoute:outbox'))).toBeNull();
    await context.close();
  });

  it('sends what is left on the next page load', async () => {
    const first = await open(1280);
    first.api.replies.push(503);
    await completeAsResident(first.page);
    await first.page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    await first.page.close();

    const second = await open(1280, first.context);
    await expect.poll(() => second.api.responses.length).toBe(1);
    expect(second.api.responses[0]?.body).toEqual(first.api.responses[0]?.body);
    await expect.poll(() => second.page.evaluate(() => localStorage.getItem('ecoute:outbox'))).toBeNull();
    await first.context.close();
  });

  it('shows an answer the API refuses next to its question, and does not retry it', async () => {
    const { page, api, context } = await open(1280);
    const issue = { path: 'answers.recommend', message: 'expected a whole number from 0 to 10' };
    api.replies.push({
      status: 400,
      json: { error: { code: 'validation_failed', message: 'The answers do not fit the survey.', issues: [issue] } },
    });
    await completeAsResident(page);
    await page.getByText('Votre réponse n’a pas pu être acceptée.').waitFor();
    await page.getByText('Question 1 sur 6').waitFor();
    await page.getByText(issue.message).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ecoute:outbox'))).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
