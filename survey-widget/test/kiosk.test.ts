/**
 * The hosted survey page in kiosk mode (`/s/{survey}?channel=kiosk`), on a tablet at the
 * tourism office: it starts over after each answer and after two minutes untouched, never
 * hands the next person the previous one's answers, and keeps its offline queue. Time runs on
 * Playwright's clock, so nobody waits two minutes.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './browser.ts';
import { fixtureSite, SURVEY } from './fixtures.ts';

const site = fixtureSite();
const KIOSK = `s/${SURVEY.id}?channel=kiosk`;

async function openKiosk() {
  const context = await site.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR', hasTouch: true });
  await context.clock.install();
  const opened = await site.open(KIOSK, 1024, context);
  await opened.page.getByText('Vous êtes…').waitFor();
  return opened;
}

const checked = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('ecoute-survey')?.shadowRoot?.querySelectorAll('input:checked') ?? [])].map(
      (i) => (i as HTMLInputElement).value,
    ),
  );
const outbox = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('ecoute:outbox') ?? '[]').length);

describe('the hosted page in kiosk mode', () => {
  it('starts over after each answer, keeping an answer that could not leave until it can', async () => {
    const { page, api, context, problems } = await openKiosk();
    expect(
      await page.evaluate(() => document.querySelector('ecoute-survey')?.shadowRoot?.querySelector('.w.k')),
    ).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    api.replies.push(...Array<'abort'>(20).fill('abort')); // the network stays down while the kiosk starts over
    await page.getByRole('radio', { name: 'Habitant' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('radio', { name: '2', exact: true }).check();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('radio', { name: 'De France' }).check();
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    expect(api.responses[0]?.body).toMatchObject({ channel: 'kiosk', audience: 'resident', answers: { recommend: 2 } });

    await page.clock.runFor(20_000);
    await page.getByText('Vous êtes…').waitFor();
    expect(await checked(page)).toEqual([]);
    expect(await outbox(page)).toBe(1);

    api.replies.length = 0; // back online
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await expect.poll(() => outbox(page)).toBe(0);
    expect(new Set(api.responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    // The aborted sends are the browser's own network errors; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('starts over when a person walks away mid-survey, and never resumes their draft', async () => {
    const { page, api, context } = await openKiosk();
    await page.getByRole('radio', { name: 'Habitant' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('radio', { name: '2', exact: true }).check();
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByText('Question 2 sur 6').waitFor();

    await page.clock.runFor(120_000);
    await page.getByText('Vous êtes…').waitFor();
    expect(await checked(page)).toEqual([]);
    await page.reload();
    await page.getByText('Vous êtes…').waitFor();
    expect(await checked(page)).toEqual([]);
    expect(api.responses).toEqual([]);
    await context.close();
  });
});
