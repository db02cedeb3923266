import { randomBytes } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { createReportFiles, ensureBucket, getReport } from '../store/reports.ts';
import { testApp } from '../testing/harness.ts';
import { aggregateTerritory } from './job.ts';
import { suggestionReportKey } from './suggestions.ts';

describe('the nightly job and the suggestion box', () => {
  it("writes last month's indicators as JSON and an escaped HTML page", async () => {
    let clock = new Date('2026-10-14T10:00:00Z');
    const t = await testApp({ now: () => clock });
    const files = createReportFiles({
      bucket: `test-${randomBytes(5).toString('hex')}`,
      endpoint: inject('s3Endpoint'),
    });
    await ensureBucket(files);
    const town = await t.createTerritory({
      name: 'Ville <script>x</script>',
      suggestionDistricts: [
        { id: 'nord', label: { fr: '<b>Nord</b>' } },
        { id: 'sud', label: { fr: 'Sud' } },
      ],
    });
    for (const [category, district] of [
      ['voirie', '<b>Nord</b>'],
      ['voirie', 'Sud'],
      ['culture', 'Sud'],
    ] as const) {
      const res = await t.call('POST', `/v1/territories/${town.id}/suggestions`, {
        body: { category, district, text: `${category} : le banc public ${district} est cassé` },
      });
      expect(res.status).toBe(201);
    }
    clock = new Date('2026-11-02T03:00:00Z');
    const territory = await t.deps.stores.territories.get(town.id);
    if (!territory) throw new Error('no territory');

    await aggregateTerritory({ stores: t.deps.stores, now: t.deps.now, files }, territory);

    const json = JSON.parse((await getReport(files, suggestionReportKey(town.id, '2026-10', 'json'))) ?? '{}');
    expect(json).toMatchObject({
      territory: town.id,
      from: '2026-10-01',
      to: '2026-10-31',
      n: 3,
      byCategory: { voirie: 2, culture: 1 },
      byDistrict: { sud: 2, nord: 1 },
    });
    const page = (await getReport(files, suggestionReportKey(town.id, '2026-10', 'html'))) ?? '';
    expect(page).toContain('&lt;b&gt;Nord&lt;/b&gt;');
    expect(page).toContain('Ville &lt;script&gt;x&lt;/script&gt;');
    expect(page).not.toMatch(/<script|<b>/);
    expect(page).toContain('Voirie');
  });
});
