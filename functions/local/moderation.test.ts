/** The moderator page in Chromium against the real app: hostile text stays text, the key never reaches the URL. */
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTrackingCode } from '../suggestion.ts';
import { testApp } from '../testing/harness.ts';
import { freePort } from './stack.ts';
import { moderationPageApp } from './moderation.ts';

const HOSTILE = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script> "quoted" & 'single'`;

let t: Awaited<ReturnType<typeof testApp>>;
let server: ServerType;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await testApp();
  t.app.route('/', moderationPageApp());
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  browser = await chromium.launch({
    executablePath: process.env.ECOUTE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

describe('/moderation', () => {
  it('shows hostile text as text, answers a suggestion and lists its history, with no CSP violation', async () => {
    const town = await t.createTerritory();
    const key = (
      await t.call('POST', `/v1/territories/${town.id}/keys`, {
        key: town.adminKey,
        body: { role: 'moderator', label: 'Service <b>citoyen</b>' },
      })
    ).json.key;
    const submitted = (
      await t.call('POST', `/v1/territories/${town.id}/suggestions`, { body: { category: 'voirie', text: HOSTILE } })
    ).json.code;
    // One made before districts came from a list: its free-text district is still shown, as text.
    const code = newTrackingCode();
    const made = (await t.deps.stores.suggestions.get(submitted))!;
    await t.deps.stores.suggestions.create({ ...made, code, district: '<i>Nord</i>' }, undefined, 'old', 0);

    const page = await browser.newPage();
    const problems: string[] = [];
    const urls: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${base}/moderation`);
    await page.getByLabel('Territoire').fill(town.id);
    await page.getByLabel('Clé de modération').fill(key);
    await page.getByRole('button', { name: 'Ouvrir' }).click();
    await page.getByRole('button', { name: code }).click();

    await expect.poll(() => page.locator('#d-text').textContent()).toBe(HOSTILE);
    expect(await page.locator('#d-facts').textContent()).toContain('<i>Nord</i>');
    expect(await page.locator('img, #rows script, #detail script, b, i').count()).toBe(0);

    await page.getByLabel('Nouveau statut').selectOption('in_review');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Enregistré.').waitFor();
    await page.getByLabel('Nouveau statut').selectOption('answered');
    await page.getByLabel(/Réponse publique/).fill('Réparé <b>demain</b>');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(async () => (await t.call('GET', `/v1/suggestions/${code}`)).json.answer?.text)
      .toBe('Réparé <b>demain</b>');
    await expect.poll(() => page.locator('#d-history li').count()).toBe(3);
    expect(await page.locator('#d-history').textContent()).toContain('Service <b>citoyen</b>');

    expect(await page.title()).not.toBe('pwned');
    expect(urls.filter((u) => u.includes(key))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
