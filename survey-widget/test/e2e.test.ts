/**
 * The widget against the whole local product (DynamoDB Local, s3rver, the Hono API) from the
 * demo host pages on another origin: keyboard only, axe, the response found in the API, and
 * a network cut during submission that still ends with the answer stored exactly once. Last,
 * the survey's definition read from its public file beside the script (s3rver behind the local
 * server, as S3 behind CloudFront once deployed) with no request to the API, from the API
 * without that file, and a closed survey's file stopping the widget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { WIDGET_BUCKET } from '#functions/local/product.ts';
import { publicSurveyKey } from '#functions/store/public-surveys.ts';
import { createReportFiles } from '#functions/store/reports.ts';
import { startLocalProduct } from '#functions/testing/product.ts';
import { axeViolations, completeByKeyboard, ensureBuilt, launch, screenshot } from './browser.ts';

type Product = Awaited<ReturnType<typeof startLocalProduct>>;
let product: Product;
let browser: Browser;

beforeAll(async () => {
  await ensureBuilt();
  [product, browser] = await Promise.all([startLocalProduct(), launch()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function open(
  path: string,
  width: number,
  o: { clock?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; sent: () => Record<string, unknown>[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // A clock the test may move forward (it still runs on its own meanwhile).
  if (o.clock) await page.clock.install();
  const bodies: Record<string, unknown>[] = [];
  const problems: string[] = [];
  page.on(
    'request',
    (r: Request) =>
      r.method() === 'POST' &&
      r.url().endsWith('/responses') &&
      bodies.push(r.postDataJSON() as Record<string, unknown>),
  );
  page.on('pageerror', (e) => problems.push(e.message));
  page.on(
    'console',
    (m) => m.type() === 'error' && /Content Security Policy/.test(m.text()) && problems.push(m.text()),
  );
  await page.goto(`${product.hostUrl}${path}`);
  return { context, page, sent: () => bodies, problems };
}

/** The rows of the raw export whose first column is this response id. */
async function storedRows(id: string): Promise<string[]> {
  const res = await fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/responses.csv`, {
    headers: { authorization: `Bearer ${product.demo.adminKey}` },
  });
  expect(res.status).toBe(200);
  return (await res.text()).split(/\r?\n/).filter((line) => line.startsWith(`${id},`));
}

describe('the survey on the tourism office page, against the real API', () => {
  it('is answered with the keyboard alone and the response is in the API once', async () => {
    const { page, context, sent, problems } = await open('/tourisme.html', 1280);
    await page.getByText('Vous êtes…').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await completeByKeyboard(page);
    await page.getByText('Elle a bien été reçue.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'e2e-tourisme-1280-thanks');

    const id = String(sent()[0]?.id);
    expect(sent()).toHaveLength(1);
    expect(await storedRows(id)).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone', async () => {
    const { page, context } = await open('/tourisme.html', 360);
    await page.getByRole('radio', { name: 'Visiteur ou touriste' }).check();
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByText(/^Question 1 sur/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'e2e-tourisme-360-nps');
    await context.close();
  });

  it('keeps the answer through a network cut and it arrives once the network is back', async () => {
    const { page, context, sent } = await open('/tourisme.html', 1280);
    await page.getByText('Vous êtes…').waitFor();
    await context.setOffline(true);
    await completeByKeyboard(page);
    await page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    const id = String(sent()[0]?.id);
    expect(await storedRows(id)).toHaveLength(0);

    await context.setOffline(false);
    await page.getByText('Elle a bien été reçue.').waitFor();
    expect(await storedRows(id)).toHaveLength(1);
    await context.close();
  });

  it('stores the answer exactly once when the reply is lost after the API stored it', async () => {
    const { page, context, sent } = await open('/tourisme.html', 1280);
    await page.getByText('Vous êtes…').waitFor();
    let cut = true;
    await page.route('**/v1/surveys/*/responses', async (route) => {
      if (!cut) return route.continue();
      cut = false;
      await route.fetch(); // reaches the API and is stored…
      await route.abort('connectionreset'); // …but the browser never hears back
    });
    await completeByKeyboard(page);
    await page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    const id = String(sent()[0]?.id);
    expect(await storedRows(id)).toHaveLength(1);

    await context.setOffline(true);
    await context.setOffline(false); // the `online` event: the outbox sends the same body again
    await page.getByText('Elle a bien été reçue.').waitFor();
    expect(sent().length).toBeGreaterThanOrEqual(2);
    expect(sent()[1]).toEqual(sent()[0]);
    expect(await storedRows(id)).toHaveLength(1);
    await context.close();
  });

  it('waits out a storage outage (503) and sends the answer when DynamoDB is back', async () => {
    const { page, context, sent } = await open('/tourisme.html', 1280);
    await page.getByText('Vous êtes…').waitFor();
    await product.dynamo.stop();
    try {
      await completeByKeyboard(page);
      await page.getByText('votre réponse est gardée sur cet appareil').waitFor();
    } finally {
      await product.dynamo.start();
    }
    const id = String(sent()[0]?.id);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('Elle a bien été reçue.').waitFor({ timeout: 30_000 });
    expect(await storedRows(id)).toHaveLength(1);
    await context.close();
  });
});

describe('the city hall page, against the real API', () => {
  it('shows the suggestion box and the survey side by side, without an axe violation', async () => {
    for (const width of [360, 1280]) {
      const { page, context, problems } = await open('/mairie.html', width);
      await page.getByRole('heading', { name: 'Boîte à idées', exact: true }).waitFor();
      await page.getByText('Vous êtes…').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `e2e-mairie-${width}`);
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});

describe('the suggestion box, against the real API', () => {
  it('gives a tracking code that the lookup field then finds', async () => {
    const { page, context, problems } = await open('/mairie.html', 1280, { clock: true });
    await page.getByLabel('Thème').selectOption({ index: 1 });
    await page.getByLabel('Votre message').fill('Un banc à l’ombre devant la médiathèque, s’il vous plaît.');
    // A person takes a few seconds, and the API refuses forms filled faster: the page's clock jumps them.
    await page.clock.fastForward(5000);
    await page.getByRole('button', { name: 'Envoyer' }).first().click();
    const code = (await page.locator('ecoute-suggestions .code').textContent({ timeout: 15_000 }))?.trim() ?? '';
    expect(code).not.toBe('');

    const tracked = await fetch(`${product.apiUrl}/v1/suggestions/${encodeURIComponent(code)}`);
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ code, status: 'received' });

    await page.getByLabel('Code de suivi').fill(code);
    await page.keyboard.press('Enter');
    await page.getByText('Reçue', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'e2e-mairie-1280-code');

    // As people copy a code read aloud: spaces, lower case, O for 0 and l for 1. The API must read it,
    // and answer with its CORS header, or the browser hides the answer and the page says the search failed.
    const spoken = code.replaceAll('-', ' ').toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l');
    await page.getByLabel('Code de suivi').fill('');
    await page.getByLabel('Code de suivi').fill(spoken);
    const looked = page.waitForResponse((r) => r.url().includes('/v1/suggestions/'));
    await page.keyboard.press('Enter');
    expect((await looked).headers()['access-control-allow-origin']).toBe(product.hostUrl);
    await page.locator('ecoute-suggestions dd', { hasText: 'Reçue' }).waitFor();
    expect(await page.getByText('La recherche a échoué').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the hosted survey page, against the real API', () => {
  it('takes an answer from a QR code at /s/{survey}, and the answer says so', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const bodies: Record<string, unknown>[] = [];
    page.on('request', (r) => r.method() === 'POST' && bodies.push(r.postDataJSON() as Record<string, unknown>));
    await page.goto(`${product.apiUrl}/s/${product.demo.surveyId}?channel=qr`);
    await page.getByText('Vous êtes…').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await completeByKeyboard(page);
    await page.getByText('Elle a bien été reçue.').waitFor();
    expect(bodies[0]).toMatchObject({ channel: 'qr' });
    const rows = await storedRows(String(bodies[0]?.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(',qr,');
    await context.close();
  });
});

const setStatus = (status: 'live' | 'closed') =>
  fetch(`${product.apiUrl}/v1/surveys/${product.demo.surveyId}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${product.demo.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });

/** Opens the tourism office's page in a fresh browser (no cache); counts the requests for the survey. */
async function openTourismPage(shown: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const id = product.demo.surveyId;
  const counts = { file: 0, fileOk: 0, api: 0 };
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === `/surveys/${id}.json`) {
      counts.file++;
      if (r.status() === 200) counts.fileOk++;
    }
    if (r.request().method() === 'GET' && path === `/v1/surveys/${id}`) counts.api++;
  });
  await page.goto(`${product.hostUrl}/tourisme.html`);
  await page.getByText(shown).first().waitFor();
  await context.close();
  return counts;
}

describe('the survey’s definition, from its public file beside the script', () => {
  it('comes from the public file, with no request to the API', async () => {
    expect(await openTourismPage('Vous êtes…')).toEqual({ file: 1, fileOk: 1, api: 0 });
  });

  it('comes from the API when the file is missing (a deployment without it, a failed write)', async () => {
    const s3 = createReportFiles({ bucket: WIDGET_BUCKET, endpoint: product.endpoints.s3 });
    await s3.client.send(
      new DeleteObjectCommand({ Bucket: WIDGET_BUCKET, Key: publicSurveyKey(product.demo.surveyId) }),
    );
    expect(await openTourismPage('Vous êtes…')).toEqual({ file: 1, fileOk: 0, api: 1 });
  });

  it('says it cannot load a closed survey, from the file alone', async () => {
    expect((await setStatus('closed')).status).toBe(200);
    try {
      expect(await openTourismPage('Chargement impossible')).toEqual({ file: 1, fileOk: 1, api: 0 });
    } finally {
      await setStatus('live');
    }
  });
});
