/**
 * What a visitor or resident lives through beyond answering: withdrawing an answer, a phone's
 * tap that moves on, the 0–10 scale on one row of a 320 px screen, going back to "Vous
 * êtes…" or starting over on a shared device, and where the answer came from (`channel`).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureSite, SURVEY } from './fixtures.ts';

const site = fixtureSite();

async function open(width = 1280, options: { hasTouch?: boolean; path?: string } = {}) {
  const context = await site.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', ...options });
  const opened = await site.open(options.path ?? 'tourisme', width, context);
  await opened.page.getByText('Vous êtes…').waitFor();
  return opened;
}

async function answerAsResident(page: Page) {
  await page.getByRole('radio', { name: 'Habitant' }).check();
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.getByRole('radio', { name: '8', exact: true }).check();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Suivant' }).click();
  await page.getByRole('radio', { name: 'De France' }).check();
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Suivant' }).click();
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.getByText('Elle a bien été reçue.').waitFor();
}

describe('withdrawing an answer', () => {
  it('is offered on the thank-you screen, with the receipt the API gave', async () => {
    const { page, api, context } = await open();
    await answerAsResident(page);
    await page.getByRole('button', { name: 'Retirer ma réponse' }).click();
    await page.getByText('Votre réponse a été retirée.').waitFor();
    expect(api.withdrawals).toEqual([`${api.responses[0]?.body.id}?receipt=r`]);
    await context.close();
  });

  it('is offered again on this browser when the person comes back, until used', async () => {
    const first = await open();
    await answerAsResident(first.page);
    await first.page.close();

    const again = await site.open('tourisme', 1280, first.context);
    await again.page.getByText('Vous avez déjà répondu à ce questionnaire.').waitFor();
    await again.page.getByRole('button', { name: 'Retirer ma réponse' }).click();
    await again.page.getByText('Votre réponse a été retirée.').waitFor();
    expect(again.api.withdrawals).toEqual([`${first.api.responses[0]?.body.id}?receipt=r`]);
    await again.page.close();

    const later = await site.open('tourisme', 1280, first.context);
    await later.page.getByText('Vous êtes…').waitFor();
    expect(await later.page.getByText('Vous avez déjà répondu').count()).toBe(0);
    await first.context.close();
  });

  it('drops an answer still waiting in the outbox, so it never leaves', async () => {
    const { page, api, context } = await open();
    api.replies.push(...Array<'abort'>(5).fill('abort'));
    await page.getByRole('radio', { name: 'Habitant' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('radio', { name: '8', exact: true }).check();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('radio', { name: 'De France' }).check();
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    await page.getByRole('button', { name: 'Retirer ma réponse' }).click();
    await page.getByText('Votre réponse a été retirée.').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ecoute:outbox'))).toBeNull();
    expect(api.withdrawals).toEqual([]);
    await context.close();
  });
});

describe('on a phone', () => {
  it('moves on by itself when one answer is tapped', async () => {
    const { page, context } = await open(360, { hasTouch: true });
    await page.getByRole('radio', { name: 'Habitant' }).tap();
    await page.getByRole('button', { name: 'Commencer' }).tap();
    await page.getByRole('radio', { name: '8', exact: true }).tap();
    await page.getByText('Question 2 sur 6').waitFor();
    await context.close();
  });

  it('keeps the 0–10 scale on one row at 320 px, each point at least 24 × 24 px', async () => {
    const { page, context } = await open(320);
    await page.getByRole('radio', { name: 'Habitant' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('radio', { name: '10', exact: true }).waitFor();
    const boxes = await page.evaluate(() =>
      [...(document.querySelector('ecoute-survey')?.shadowRoot?.querySelectorAll('.pt') ?? [])].map((l) => {
        const r = l.getBoundingClientRect();
        return { top: Math.round(r.top), width: r.width, height: r.height };
      }),
    );
    expect(boxes).toHaveLength(11);
    expect(new Set(boxes.map((b) => b.top)).size).toBe(1);
    for (const b of boxes) expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await context.close();
  });
});

describe('a shared device', () => {
  it('goes back to "Vous êtes…" from the first question, and "Recommencer" leaves nothing of the last person', async () => {
    const { page, api, context } = await open();
    await page.getByRole('radio', { name: 'Habitant' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('radio', { name: '2', exact: true }).check();
    await page.getByRole('button', { name: 'Précédent' }).click();
    await page.getByText('Vous êtes…').waitFor();
    expect(await page.getByRole('radio', { name: 'Habitant' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Visiteur ou touriste' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByText('Question 1 sur 7').waitFor();
    await page.getByRole('radio', { name: '2', exact: true }).check();
    await page.getByRole('button', { name: 'Suivant' }).click();

    await page.getByRole('button', { name: 'Recommencer' }).click();
    await page.getByText('Vous êtes…').waitFor();
    expect(await page.getByRole('radio', { name: 'Visiteur ou touriste' }).isChecked()).toBe(false);
    await page.reload();
    await page.getByText('Vous êtes…').waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ecoute:draft')))).toEqual(
      [],
    );
    expect(api.responses).toEqual([]);
    await context.close();
  });
});

describe('where the answer comes from', () => {
  it('says the channel of the hosted page (a QR code), and web for a channel it does not know', async () => {
    const qr = await open(1280, { path: `s/${SURVEY.id}?channel=qr` });
    await answerAsResident(qr.page);
    expect(qr.api.responses[0]?.body.channel).toBe('qr');
    await qr.context.close();

    const odd = await open(1280, { path: `s/${SURVEY.id}?channel=fax` });
    await answerAsResident(odd.page);
    expect(odd.api.responses[0]?.body.channel).toBe('web');
    await odd.context.close();
  });
});
