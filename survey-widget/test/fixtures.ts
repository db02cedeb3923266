/** A survey with every question type, and page.route answers standing in for the API in the rendering tests. */
import { afterAll, beforeAll } from 'vitest';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { demoSurvey } from '#functions/local/demo.ts';
import { DEFAULT_SUGGESTION_CATEGORIES } from '#functions/model.ts';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { ensureBuilt, launch, serveDemo, type DemoSite } from './browser.ts';

export const SURVEY = {
  id: 'garrigues-2026',
  version: 3,
  title: { fr: 'Votre avis sur les Garrigues', en: 'Your view of the Garrigues' },
  intro: { fr: 'Deux minutes, sans nom ni adresse.', en: 'Two minutes, no name or address.' },
  defaultLocale: 'fr',
  audiences: ['visitor', 'resident'],
  questions: [
    {
      id: 'recommend',
      type: 'nps',
      required: true,
      label: {
        fr: 'Recommanderiez-vous les Garrigues à un proche ?',
        en: 'Would you recommend the Garrigues to a friend?',
      },
    },
    {
      id: 'sat_welcome',
      type: 'rating',
      scale: { min: 1, max: 5 },
      dontKnow: true,
      label: { fr: 'Êtes-vous satisfait de l’accueil ?', en: 'Are you satisfied with the welcome?' },
      minLabel: { fr: 'Pas du tout satisfait', en: 'Not at all satisfied' },
      maxLabel: { fr: 'Très satisfait', en: 'Very satisfied' },
      measures: { index: 'satisfaction', dimension: 'welcome' },
    },
    {
      id: 'img_lively',
      type: 'differential',
      scale: { min: 1, max: 7 },
      label: { fr: 'Les Garrigues vous semblent…', en: 'The Garrigues seem…' },
      left: { fr: 'Endormies', en: 'Sleepy' },
      right: { fr: 'Animées', en: 'Lively' },
      measures: { index: 'image', dimension: 'pulse' },
    },
    {
      id: 'vs_nimes',
      type: 'comparison',
      competitor: 'Nîmes',
      audiences: ['visitor'],
      label: { fr: 'Pour un week-end, les Garrigues sont…', en: 'For a weekend, the Garrigues are…' },
    },
    {
      id: 'origin',
      type: 'choice',
      required: true,
      label: { fr: 'D’où venez-vous ?', en: 'Where do you come from?' },
      options: [
        { id: 'fr', label: { fr: 'De France', en: 'From France' } },
        { id: 'eu', label: { fr: 'D’un autre pays d’Europe', en: 'From elsewhere in Europe' } },
        { id: 'world', label: { fr: 'D’ailleurs', en: 'From elsewhere' } },
      ],
    },
    {
      id: 'activities',
      type: 'choice',
      multiple: true,
      label: { fr: 'Qu’avez-vous fait ?', en: 'What did you do?' },
      options: [
        { id: 'heritage', label: { fr: 'Visites et patrimoine', en: 'Sights and heritage' } },
        { id: 'nature', label: { fr: 'Randonnée, nature', en: 'Hiking, nature' } },
        { id: 'food', label: { fr: 'Restaurants, marchés', en: 'Restaurants, markets' } },
      ],
    },
    { id: 'comment', type: 'text', maxLength: 500, label: { fr: 'Un mot pour nous ?', en: 'A word for us?' } },
  ],
};

export const TERRITORY = 'garrigues';
export const DISTRICTS = [
  { id: 'centre', label: { fr: 'Centre ancien', en: 'Old town' } },
  { id: 'gare', label: { fr: 'Quartier de la gare' } },
];
export const CODE = 'GAR-7K2P-QX';

/** What the API's look-up answers for CODE: declined then closed, the town hall's phone as written. */
export const TRACKED = {
  code: CODE,
  status: 'done',
  outcome: 'declined',
  label: { fr: 'Non retenue — clôturée', en: 'Not taken forward — closed' },
  category: 'voirie',
  text: 'Le trottoir de la rue des Lices est défoncé, appelez-moi au [téléphone].',
  createdAt: '2026-11-02T09:00:00+01:00',
  updatedAt: '2026-11-20T15:30:00+01:00',
  answer: {
    text: 'Ce trottoir est du ressort du département : appelez le 04 90 80 80 00.',
    at: '2026-11-20T15:30:00+01:00',
  },
};

/** The demo barometer (grids, don't-know, a comparison), as the API serves it: for the screens of the README. */
export const DEMO = {
  ...SurveyDefinition.parse(demoSurvey),
  id: 'avignon-2026',
  version: 1,
  privacyUrl: 'https://www.garrigues.example/confidentialite',
};

type Fulfil = Parameters<Route['fulfill']>[0];
export interface FakeApi {
  responses: { body: Record<string, unknown> }[];
  suggestions: Record<string, unknown>[];
  /** The DELETE /v1/responses/{id}?receipt=… the page sent (withdrawals). */
  withdrawals: string[];
  /** What the next response POSTs get: a status, or 'abort' for a network failure. */
  replies: (number | 'abort' | Fulfil)[];
}

/** Answers the API's paths for one page; records what the widget sent. */
export async function fakeApi(page: Page, apiUrl: string): Promise<FakeApi> {
  const api: FakeApi = { responses: [], suggestions: [], withdrawals: [], replies: [] };
  // The surveys' public files beside ecoute.js (whichever host name the page loaded it by), as the
  // widget's CloudFront serves them to any page.
  await page.route('**/surveys/*.json', (route) => {
    const file = new URL(route.request().url()).pathname;
    const json = [SURVEY, DEMO].find((s) => file === `/surveys/${s.id}.json`);
    const cors = { 'access-control-allow-origin': '*' };
    return json ? route.fulfill({ json, headers: cors }) : route.fulfill({ status: 404, headers: cors });
  });
  await page.route(`${apiUrl}/v1/**`, async (route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname;
    const notFound = { status: 404, json: { error: { code: 'not_found', message: 'not found' } } };
    if (req.method() === 'GET' && path === `/v1/surveys/${SURVEY.id}`) return route.fulfill({ json: SURVEY });
    if (req.method() === 'GET' && path === `/v1/surveys/${DEMO.id}`) return route.fulfill({ json: DEMO });
    if (req.method() === 'DELETE' && path.startsWith('/v1/responses/')) {
      api.withdrawals.push(`${path.slice('/v1/responses/'.length)}${new URL(req.url()).search}`);
      return route.fulfill({ status: 204 });
    }
    if (req.method() === 'POST' && [SURVEY.id, DEMO.id].some((id) => path === `/v1/surveys/${id}/responses`)) {
      const body = req.postDataJSON() as Record<string, unknown>;
      api.responses.push({ body });
      const reply = api.replies.shift() ?? 201;
      if (reply === 'abort') return route.abort('internetdisconnected');
      if (typeof reply === 'object') return route.fulfill(reply);
      return route.fulfill({
        status: reply,
        json: reply < 300 ? { id: body.id, receipt: 'r' } : { error: { code: 'unavailable', message: 'down' } },
      });
    }
    // The API's default categories, and two districts to pick from.
    if (path === `/v1/territories/${TERRITORY}/suggestion-categories`)
      return route.fulfill({ json: { items: DEFAULT_SUGGESTION_CATEGORIES, districts: DISTRICTS, promisedDays: 15 } });
    if (req.method() === 'POST' && path === `/v1/territories/${TERRITORY}/suggestions`) {
      const body = req.postDataJSON() as Record<string, unknown>;
      api.suggestions.push(body);
      return route.fulfill({ status: 201, json: { code: CODE, ...(body.contact ? { emailed: true } : {}) } });
    }
    if (path === `/v1/suggestions/${CODE}`) return route.fulfill({ json: TRACKED });
    return route.fulfill(notFound);
  });
  return api;
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  api: FakeApi;
  /** Console errors (CSP refusals among them) and uncaught exceptions. */
  problems: string[];
}

/**
 * For a test file: Chromium and the demo site for all its tests, and `open` to load a demo
 * page (in a new context, or in `context` to share its localStorage) with the fake API.
 */
export function fixtureSite(survey: string = SURVEY.id): {
  open(page: string, width: number, context?: BrowserContext): Promise<Opened>;
  newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>;
} {
  let browser: Browser;
  let site: DemoSite;
  beforeAll(async () => {
    await ensureBuilt();
    [browser, site] = await Promise.all([launch(), serveDemo(survey, TERRITORY)]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return {
    async open(name, width, context) {
      context ??= await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      const api = await fakeApi(page, site.apiUrl);
      await page.goto(`${site.hostUrl}/${name.includes('/') ? name : `${name}.html`}`);
      return { context, page, api, problems };
    },
    newContext: (options) => browser.newContext(options),
  };
}
