import { randomBytes } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { fixtureDefinition } from '#analytics/render/fixture.ts';
import { nightlyRenderers } from '../report-renderers.ts';
import { createReportFiles, ensureBucket, getReport, reportKey } from '../store/reports.ts';
import { testApp } from '../testing/harness.ts';
import { csvRecords, seedAnswered } from '../testing/reports.ts';
import { aggregateTerritory, lastClosedMonth } from './job.ts';

describe('the nightly job and the survey reports', () => {
  it("writes last month's report as JSON, a ';' CSV with BOM and an HTML page with its trends, the same numbers in each", async () => {
    const t = await testApp();
    const files = createReportFiles({
      bucket: `test-${randomBytes(5).toString('hex')}`,
      endpoint: inject('s3Endpoint'),
    });
    await ensureBucket(files);
    const town = await t.createTerritory({ name: 'Avignon & <i>environs</i>' });
    const definition = fixtureDefinition();
    const surveyId = await t.createLiveSurvey(town.id, town.adminKey, definition);
    await seedAnswered(t, {
      surveyId,
      definition: SurveyDefinition.parse(definition),
      adminKey: town.adminKey,
      territory: town.id,
      days: 70,
      perDay: 6,
    });
    const territory = await t.deps.stores.territories.get(town.id);
    if (!territory) throw new Error('no territory');

    await aggregateTerritory({ stores: t.deps.stores, now: t.deps.now, files, renderers: nightlyRenderers }, territory);

    const { month } = lastClosedMonth(t.deps.now(), territory.timeZone);
    const json = JSON.parse((await getReport(files, reportKey(town.id, surveyId, month, 'json'))) ?? '{}');
    const csv = (await getReport(files, reportKey(town.id, surveyId, month, 'csv'))) ?? '';
    const page = (await getReport(files, reportKey(town.id, surveyId, month, 'html'))) ?? '';
    expect(csv.startsWith('\uFEFFperiod;from;to;')).toBe(true);
    const nps = csvRecords(csv.slice(1), ';').find(
      (r) => r.audience === 'all' && r.measure === 'index' && r.index === 'nps',
    );
    // The CSV writes figures as the page shows them, to one decimal; the JSON keeps full precision.
    expect(Number(nps?.value?.replace(',', '.'))).toBe(Math.round(json.overall.indices.nps.value * 10) / 10);
    expect(page).toContain('Avignon &amp; &lt;i&gt;environs&lt;/i&gt;');
    expect(page).toContain('Évolution mensuelle');
    // Seventy days of answers span three months at least: the trend charts have their lines.
    expect((page.match(/<polyline/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
});
