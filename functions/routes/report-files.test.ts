import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '#analytics/calendar.ts';
import { SurveyDefinition } from '#analytics/questionnaire.ts';
import { fixtureDefinition } from '#analytics/render/fixture.ts';
import type { IndexResult, Report, ReportSection } from '#analytics/report-schema.ts';
import { launch, screenshot } from '#widget/test/browser.ts';
import { testApp } from '../testing/harness.ts';
import { csvRecords, seedAnswered } from '../testing/reports.ts';
import { REPORT_CSP } from './report-files.ts';

const HOSTILE_TITLE = `<script>alert('titre')</script>Été à Avignon & "ailleurs"`;
const HOSTILE_COMPETITOR = `<img src=x onerror=alert('concurrent')>`;
const HOSTILE_TERRITORY = `Avignon <img src=x onerror=alert('territoire')>`;

let t: Awaited<ReturnType<typeof testApp>>;
let territory: { id: string; adminKey: string };
let surveyId: string;
let query: string;

function hostileDefinition() {
  const base = fixtureDefinition();
  return {
    ...base,
    title: { fr: HOSTILE_TITLE, en: `${HOSTILE_TITLE} (en)` },
    questions: base.questions.map((q) => {
      if (q.id === 'cmp_sete') return { ...q, competitor: HOSTILE_COMPETITOR };
      if (q.id === 'sat_welcome') return { ...q, label: { fr: `<svg onload=alert('libellé')>Accueil`, en: 'Welcome' } };
      return q;
    }),
  };
}

beforeAll(async () => {
  t = await testApp();
  territory = await t.createTerritory({ name: HOSTILE_TERRITORY });
  const definition = hostileDefinition();
  surveyId = await t.createLiveSurvey(territory.id, territory.adminKey, definition);
  const { today } = await seedAnswered(t, {
    surveyId,
    definition: SurveyDefinition.parse(definition),
    adminKey: territory.adminKey,
    territory: territory.id,
    days: 40,
    perDay: 9,
  });
  // Whole months, as evaluators read them: the month of yesterday against the month before.
  const month = addDays(today, -1).slice(0, 7);
  const monthStart = `${month}-01`;
  const previousStart = `${addDays(monthStart, -1).slice(0, 7)}-01`;
  query = `from=${monthStart}&to=${addDays(`${addDays(monthStart, 31).slice(0, 7)}-01`, -1)}&baselineFrom=${previousStart}&baselineTo=${addDays(monthStart, -1)}`;
});

/** The JSON value a CSV row stands for. */
function sectionOf(report: Report, period: string, audience: string): ReportSection | undefined {
  const source = period === 'baseline' ? report.baseline : report;
  return audience === 'all' ? source?.overall : source?.byAudience[audience];
}
function indexOf(section: ReportSection, row: Record<string, string>): IndexResult | undefined {
  if (row.measure === 'index') return section.indices[row.index as keyof ReportSection['indices']];
  if (row.measure === 'dimension')
    return section.dimensions[row.index as keyof ReportSection['dimensions']][row.name ?? ''];
  if (row.measure === 'relative_value') return section.relativeValue[row.name ?? ''];
  if (row.measure === 'top_two_box') return section.topTwoBox[row.name ?? ''];
  return undefined;
}
const INDEX_MEASURES = new Set(['responses', 'index', 'dimension', 'relative_value', 'top_two_box']);
/** The CSV writes figures as the page shows them: one decimal, p with two significant digits. */
const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10 + 0);
const twoDigits = (x: number) => Number(x.toPrecision(2));
const numberIn = (s: string | undefined, decimalComma: boolean) =>
  s === '' || s === undefined ? null : Number(decimalComma ? s.replace(',', '.') : s);
const expectedRows = (r: Report) =>
  [r, ...(r.baseline ? [r.baseline] : [])]
    .flatMap((p) => [p.overall, ...Object.values(p.byAudience)])
    .reduce(
      (sum, s) =>
        sum +
        1 +
        4 +
        Object.values(s.dimensions).reduce((d, x) => d + Object.keys(x).length, 0) +
        Object.keys(s.relativeValue).length +
        Object.keys(s.topTwoBox).length,
      0,
    );

async function compareWithJson(separator: ',' | ';') {
  const json = (await t.call('GET', `/v1/surveys/${surveyId}/report?${query}`, { key: territory.adminKey }))
    .json as Report;
  const res = await t.call('GET', `/v1/surveys/${surveyId}/report.csv?${query}&sep=${encodeURIComponent(separator)}`, {
    key: territory.adminKey,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
  const bytes = new Uint8Array(
    await (
      await t.app.request(`/v1/surveys/${surveyId}/report.csv?${query}&sep=${encodeURIComponent(separator)}`, {
        headers: { authorization: `Bearer ${territory.adminKey}` },
      })
    ).arrayBuffer(),
  );
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // The rows of the indices; the diagnostic, scale quality, choices and versions have their own tests (analytics/render/csv.test.ts).
  const rows = csvRecords(res.text.replace(/^\uFEFF/, ''), separator).filter((r) =>
    INDEX_MEASURES.has(r.measure ?? ''),
  );
  expect(rows).toHaveLength(expectedRows(json));
  const decimalComma = separator === ';';
  for (const row of rows) {
    const section = sectionOf(json, row.period ?? '', row.audience ?? '');
    expect(section, JSON.stringify(row)).toBeDefined();
    if (!section) continue;
    if (row.measure === 'responses') {
      expect(Number(row.n)).toBe(section.n);
      continue;
    }
    const index = indexOf(section, row);
    expect(index, JSON.stringify(row)).toBeDefined();
    expect({
      value: numberIn(row.value, decimalComma),
      ciLow: numberIn(row.ci_low, decimalComma),
      ciHigh: numberIn(row.ci_high, decimalComma),
      n: numberIn(row.n, decimalComma),
      nEff: numberIn(row.n_eff, decimalComma),
      lowSample: row.low_sample === 'true',
      suppressed: row.suppressed === 'true',
    }).toEqual({
      ...index,
      value: oneDecimal(index?.value ?? null),
      ciLow: oneDecimal(index?.ciLow ?? null),
      ciHigh: oneDecimal(index?.ciHigh ?? null),
      nEff: oneDecimal(index?.nEff ?? null),
      withheld: undefined,
    });
    const cmp =
      row.period === 'current' && json.comparison
        ? row.audience === 'all'
          ? json.comparison.overall
          : json.comparison.byAudience[row.audience ?? '']
        : undefined;
    const entry =
      row.measure === 'index'
        ? cmp?.[row.index as 'nps']
        : row.measure === 'relative_value'
          ? cmp?.relativeValue[row.name ?? '']
          : row.measure === 'dimension'
            ? cmp?.dimensions?.[row.index as 'satisfaction'][row.name ?? '']
            : undefined;
    if (entry)
      expect({
        delta: numberIn(row.delta, decimalComma),
        p: numberIn(row.p, decimalComma),
        significant: row.significant === 'true',
      }).toEqual({ delta: oneDecimal(entry.delta), p: twoDigits(entry.p), significant: entry.significant });
    else expect(row.delta).toBe('');
  }
  return { rows, json };
}

describe('GET /v1/surveys/:id/report.csv', () => {
  it('gives back every number of the JSON report, accents intact, after a byte-order mark', async () => {
    const { rows, json } = await compareWithJson(',');
    expect(rows.some((r) => r.name === 'Nîmes' && r.audience_label === 'Résidents')).toBe(true);
    expect(rows.find((r) => r.index === 'value' && r.measure === 'index')?.label).toBe('Valeur perçue');
    expect(rows.filter((r) => r.period === 'baseline').length).toBeGreaterThan(0);
    expect(json.comparison).not.toBeNull();
  });

  it("separates with ';' and writes decimal commas when asked for French spreadsheet settings", async () => {
    const { rows } = await compareWithJson(';');
    expect(rows.find((r) => r.measure === 'index' && r.index === 'satisfaction')?.value).toMatch(/^\d+,\d+$/);
  });

  it('keeps a hostile competitor name as text, and labels in English with lang=en', async () => {
    const res = await t.call('GET', `/v1/surveys/${surveyId}/report.csv?${query}&lang=en`, { key: territory.adminKey });
    const rows = csvRecords(res.text.replace(/^\uFEFF/, ''), ',');
    expect(rows.some((r) => r.name === HOSTILE_COMPETITOR)).toBe(true);
    expect(rows.find((r) => r.index === 'value' && r.measure === 'index')?.label).toBe('Perceived value');
  });
});

describe('GET /v1/surveys/:id/report.html', () => {
  it('sends a page under a CSP that allows no script, with every user text escaped', async () => {
    const res = await t.call('GET', `/v1/surveys/${surveyId}/report.html?${query}`, { key: territory.adminKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(REPORT_CSP);
    expect(REPORT_CSP).toContain("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    // The hostile texts are there, as text: no tag, no external resource.
    expect(/<script|<img|<svg onload|<link|@import|url\(/i.test(res.text)).toBe(false);
    expect(res.text).toContain(
      '&lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt;Été à Avignon &amp; &quot;ailleurs&quot;',
    );
    expect(res.text).toContain('Avignon &lt;img src=x onerror=alert(&#39;territoire&#39;)&gt;');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('masqué : moins de 30 réponses effectives');
  });

  it('runs nothing in Chromium even without the CSP: no dialog, no console message, no request, no injected element', async () => {
    const page = (await t.call('GET', `/v1/surveys/${surveyId}/report.html?${query}`, { key: territory.adminKey }))
      .text;
    const browser = await launch();
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const events: string[] = [];
      tab.on('dialog', (d) => {
        events.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      tab.on('console', (m) => events.push(`console: ${m.text()}`));
      tab.on('pageerror', (e) => events.push(`error: ${e.message}`));
      tab.on('request', (r) => events.push(`request: ${r.url()}`));
      // The listeners do catch an injection: a bare hostile tag raises a dialog.
      await tab.setContent(`<img src=x onerror="alert('control')">`);
      await expect.poll(() => events.some((e) => e === 'dialog: control')).toBe(true);
      events.length = 0;

      await tab.setContent(page, { waitUntil: 'load' });
      await tab.waitForTimeout(300);
      const dom = await tab.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img, iframe, object, embed, link').length,
        handlers: [...document.querySelectorAll('*')].filter((e) =>
          [...e.attributes].some((a) => a.name.startsWith('on')),
        ).length,
        title: document.querySelector('h1')?.textContent,
        competitor: [...document.querySelectorAll('figcaption')].some((f) =>
          f.textContent?.includes("<img src=x onerror=alert('concurrent')>"),
        ),
      }));
      expect(events).toEqual([]);
      expect(dom).toEqual({ scripts: 0, images: 0, handlers: 0, title: HOSTILE_TITLE, competitor: true });
      await screenshot(tab, 'report-hostile-1280');
    } finally {
      await browser.close();
    }
  });

  it('speaks English with lang=en', async () => {
    const res = await t.call('GET', `/v1/surveys/${surveyId}/report.html?${query}&lang=en`, {
      key: territory.adminKey,
    });
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Evaluation report');
    expect(res.text).toContain('(en)');
  });
});

describe('objectives in the report files', () => {
  it('refuses an objective the report could not read, then shows each target with its distance and whether the interval is above it', async () => {
    const path = `/v1/surveys/${surveyId}/report-settings`;
    const bad = await t.call('PUT', path, {
      key: territory.adminKey,
      body: {
        objectives: [
          { index: 'relativeValue', competitor: 'Arles', target: 10 },
          { index: 'nps', competitor: 'Nîmes', target: 0 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'objectives.0.competitor',
      'objectives.1.competitor',
    ]);
    const objectives = [
      { index: 'satisfaction', target: 50, by: '2027-12-31' },
      { index: 'relativeValue', competitor: 'Nîmes', audience: 'visitor', target: 95 },
    ];
    expect((await t.call('PUT', path, { key: territory.adminKey, body: { objectives } })).status).toBe(200);

    const json = (await t.call('GET', `/v1/surveys/${surveyId}/report?${query}`, { key: territory.adminKey }))
      .json as Report;
    const [satisfaction, nimes] = json.objectives;
    expect(satisfaction?.distance).toBeCloseTo((json.overall.indices.satisfaction.value ?? 0) - 50, 9);
    expect(satisfaction?.ciAboveTarget).toBe(true);
    expect(nimes?.ciAboveTarget).toBe(false);
    const page = (await t.call('GET', `/v1/surveys/${surveyId}/report.html?${query}`, { key: territory.adminKey }))
      .text;
    expect(page).toContain('Échéance 31/12/2027');
    expect(page).toContain('✓ intervalle entièrement au-dessus de la cible');
    expect(page).toContain('l&#39;intervalle n&#39;est pas entièrement au-dessus');
    expect(page).toContain('Cible +95,0'); // relative value reads signed, on its −100…+100 scale
  });
});

describe('who may read the report files', () => {
  it('lets an evaluator in, refuses a moderator (403), hides the survey from another territory (404) and asks for a key (401)', async () => {
    const evaluator = await t.call('POST', `/v1/territories/${territory.id}/keys`, {
      key: territory.adminKey,
      body: { role: 'evaluator', label: 'cabinet' },
    });
    const moderator = await t.call('POST', `/v1/territories/${territory.id}/keys`, {
      key: territory.adminKey,
      body: { role: 'moderator', label: 'mairie' },
    });
    const other = await t.createTerritory();
    for (const ext of ['csv', 'html']) {
      const path = `/v1/surveys/${surveyId}/report.${ext}?${query}`;
      expect((await t.call('GET', path, { key: evaluator.json.key })).status).toBe(200);
      expect((await t.call('GET', path, { key: moderator.json.key })).status).toBe(403);
      expect((await t.call('GET', path, { key: other.adminKey })).status).toBe(404);
      expect((await t.call('GET', path)).status).toBe(401);
    }
  });

  it('checks the period as the JSON report does (400 for an open baseline) and documents both routes', async () => {
    const open = await t.call(
      'GET',
      `/v1/surveys/${surveyId}/report.html?from=2026-01-01&to=2026-01-31&baselineFrom=2026-01-01&baselineTo=2999-01-01`,
      { key: territory.adminKey },
    );
    expect(open.status).toBe(400);
    expect(open.json.error.code).toBe('validation_failed');
    const doc = (await t.call('GET', '/openapi.json')).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/surveys/{id}/report.csv', '/v1/surveys/{id}/report.html']),
    );
    expect(doc.paths['/v1/surveys/{id}/report.csv'].get.responses['200'].content).toHaveProperty('text/csv');
  });
});
