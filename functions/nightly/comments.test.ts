/**
 * Comments in the reports, on DynamoDB Local: the nightly job draws them into month digests, the
 * report shows only those of audience-months asked 30 times or more, masked and escaped, the same
 * on every rerun, and the free-text retention takes them away.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import type { Report } from '#analytics/report.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createReportFiles, ensureBucket, getReport, reportKey } from '../store/reports.ts';
import { newResponseId, testApp } from '../testing/harness.ts';
import { aggregateSurveyDays, aggregateTerritory, nightlyRun } from './job.ts';

const DAY_MS = 86_400_000;
const START = new Date('2026-03-02T10:00:00Z');
const DAY = '2026-03-02';
const MARCH = 'from=2026-03-01&to=2026-03-31';
let clock = START;
let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
let surveyId: string;

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> Super séjour, écrivez à léa@example.fr';
const INVESTOR = 'Le foncier de la zone artisanale est trop cher';

const visitorText = (i: number) =>
  i === 0 ? HOSTILE : `Accueil chaleureux à l’office, visite numéro ${i}, appelez le 06 12 34 56 78`;
const post = (audience: string, comment: string) =>
  t.call('POST', `/v1/surveys/${surveyId}/responses`, {
    body: { id: newResponseId(), audience, locale: 'fr', answers: { recommend: 9, sat_welcome: 4, comment } },
  });
const run = () => nightlyRun({ stores: t.deps.stores, now: () => clock });
const report = async (query = MARCH) =>
  (await t.call('GET', `/v1/surveys/${surveyId}/report?${query}`, { key: territory.adminKey })).json as Report;

beforeAll(async () => {
  t = await testApp({ now: () => clock });
  territory = await t.createTerritory({ limits: { submissionsPerMinute: 1000 }, responses: { freeTextDays: 30 } });
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey);
  // 30 visitors (enough), 5 investors (a thin cell) on one day of March.
  for (let i = 0; i < 30; i++) expect((await post('visitor', visitorText(i))).status).toBe(201);
  for (let i = 0; i < 5; i++) expect((await post('investor', `${INVESTOR} (${i})`)).status).toBe(201);
  clock = new Date(START.getTime() + DAY_MS);
  await run();
});

describe('comments in the report', () => {
  it('shows a masked selection of a cell of 30, and nothing of a thin cell: no comment, no count', async () => {
    const { comments } = await report();
    const [comment] = comments ?? [];
    expect(comment?.question).toBe('comment');
    expect(comment?.count).toBe(30);
    expect(comment?.byAudience).toEqual({ visitor: { count: 30 }, investor: { count: null, withheld: 'thin' } });
    expect(comment?.shown).toHaveLength(5);
    expect(comment?.shown.every((s) => s.audience === 'visitor' && s.month === '2026-03')).toBe(true);
    const all = JSON.stringify(comments);
    expect(all).not.toContain('foncier');
    expect(all).not.toMatch(/06 12|example\.fr/);
    for (const { text } of comment?.shown ?? []) if (text.includes('visite')) expect(text).toContain('[téléphone]');
  });

  it('draws the same comments when the night is run again', async () => {
    const before = (await report()).comments;
    await aggregateSurveyDays({ stores: t.deps.stores, now: () => clock }, surveyId, [DAY]);
    expect((await report()).comments).toEqual(before);
  });

  it('escapes a comment in the HTML report, masked', async () => {
    // The hostile comment is drawn only by chance: put it in the month's draw to test the page.
    const month = (await t.deps.stores.comments.months(surveyId, DAY, DAY))[0];
    const cell = month?.digest.comment?.visitor;
    if (!month || !cell) throw new Error('the March digest is missing');
    cell.picks[0] = { rank: 0, text: HOSTILE.replace('léa@example.fr', '[e-mail]'), day: DAY };
    await t.deps.stores.comments.putDay(surveyId, DAY, month.digest);
    await t.deps.stores.comments.rollUpMonth(surveyId, '2026-03');
    const html = (await t.call('GET', `/v1/surveys/${surveyId}/report.html?${MARCH}`, { key: territory.adminKey }))
      .text;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; Super séjour');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('[e-mail]');
    await aggregateSurveyDays({ stores: t.deps.stores, now: () => clock }, surveyId, [DAY]);
  });

  it('writes the month’s files to the bucket with the counts and no quotation: they outlive the retention', async () => {
    const files = createReportFiles({
      bucket: `test-${randomBytes(5).toString('hex')}`,
      endpoint: inject('s3Endpoint'),
    });
    await ensureBucket(files);
    const town = await t.deps.stores.territories.get(territory.id);
    if (!town) throw new Error('no territory');
    clock = new Date('2026-04-01T10:00:00Z');
    await aggregateTerritory({ stores: t.deps.stores, now: () => clock, files, renderers: nightlyRenderers }, town);
    const json = JSON.parse((await getReport(files, reportKey(territory.id, surveyId, '2026-03', 'json'))) ?? '{}');
    expect(json.comments).toEqual([
      {
        question: 'comment',
        count: 30,
        byAudience: { visitor: { count: 30 }, investor: { count: null, withheld: 'thin' } },
        shown: [],
      },
    ]);
    const page = (await getReport(files, reportKey(territory.id, surveyId, '2026-03', 'html'))) ?? '';
    expect(page).toContain('<b>30 commentaires</b>');
    expect(page).not.toContain('<q>');
    // The live report still quotes them until the retention.
    expect((await report()).comments?.[0]?.shown).toHaveLength(5);
  });

  it('loses the comments, and their count, once the free text is past the retention', async () => {
    clock = new Date(START.getTime() + 31 * DAY_MS + 60_000);
    await run();
    expect(await t.deps.stores.comments.months(surveyId, DAY, DAY)).toEqual([]);
    const [comment] = (await report()).comments ?? [];
    expect(comment).toEqual({ question: 'comment', count: 0, byAudience: {}, shown: [] });
  });
});
