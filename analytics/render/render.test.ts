import { describe, expect, it } from 'vitest';
import type { IndexResult } from '../report-schema.ts';
import { CSV_COLUMNS, reportCsv } from './csv.ts';
import { fixtureDefinition, fixtureReport, fixtureTrends } from './fixture.ts';
import { reportHtml } from './html.ts';
import { formatter, stringsFor } from './i18n.ts';
import { html, Markup } from './markup.ts';
import { trendChart } from './svg-charts.ts';
import { radar } from './svg.ts';

const text = { t: stringsFor('fr'), f: formatter('fr') };
const shown = (value: number, n = 200): IndexResult => ({
  value,
  ciLow: value - 5,
  ciHigh: value + 5,
  n,
  nEff: n,
  lowSample: false,
  suppressed: false,
});
const hidden = (n: number): IndexResult => ({
  value: null,
  ciLow: null,
  ciHigh: null,
  n,
  nEff: n,
  lowSample: true,
  suppressed: true,
});

describe('html`…`', () => {
  it('escapes every interpolated text, joins arrays and keeps markup as it is', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${`"x" & 'y'`}">${['<a>', inner, 3, null, false]}</p>`.text).toBe(
      '<p title="&quot;x&quot; &amp; &#39;y&#39;">&lt;a&gt;<b>&lt;i&gt;</b>3</p>',
    );
    expect(inner).toBeInstanceOf(Markup);
  });
});

describe('reportCsv', () => {
  const report = fixtureReport();

  it('starts with a byte-order mark and the header, and ends every line with CRLF', () => {
    const csv = reportCsv(report, { separator: ',', lang: 'fr' });
    expect(csv.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv.split('\r\n').at(-1)).toBe('');
  });

  it('neutralises a competitor name a spreadsheet would run as a formula, and quotes a separator inside a label', () => {
    const definition = fixtureDefinition();
    const tricky = {
      ...definition,
      questions: definition.questions.map((q) =>
        q.id === 'cmp_sete'
          ? { ...q, competitor: '=HYPERLINK("http://x")' }
          : q.id === 'sat_welcome'
            ? { ...q, label: { fr: 'Accueil; "chaleureux"' } }
            : q,
      ),
    };
    const csv = reportCsv(fixtureReport({ definition: tricky, baseline: false }), {
      separator: ';',
      lang: 'fr',
      itemLabels: { sat_welcome: 'Accueil; "chaleureux"' },
    });
    expect(csv).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(csv).toContain(';"Accueil; ""chaleureux""";');
  });

  it('gives every line as many fields as the header, and one row per objective with its target, distance and verdict', () => {
    const csv = reportCsv(report, { separator: ',', lang: 'fr' });
    // The fixture's labels hold no comma or quote, so a plain split reads the fields.
    const [header, ...lines] = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines.every((l) => l.length === header!.length)).toBe(true);
    const at = (l: string[], column: string) => l[header!.indexOf(column)];
    const objectives = lines.filter((l) => at(l, 'measure') === 'objective');
    expect(objectives).toHaveLength(report.objectives.length);
    for (const [i, o] of report.objectives.entries()) {
      const l = objectives[i]!;
      expect([at(l, 'audience'), at(l, 'index'), at(l, 'name'), at(l, 'target'), at(l, 'target_by')]).toEqual([
        o.audience ?? 'all',
        o.index,
        o.competitor ?? '',
        String(o.target),
        o.by ?? '',
      ]);
      expect(at(l, 'distance')).toBe(o.distance === null ? '' : String(o.distance));
      expect(at(l, 'ci_above_target')).toBe(String(o.ciAboveTarget));
      // The value is the estimate the objective is judged on, as the report's own sections give it.
      const section = o.audience ? report.byAudience[o.audience] : report.overall;
      const estimate = o.index === 'relativeValue' ? section?.relativeValue[o.competitor!] : section?.indices[o.index];
      expect(at(l, 'value')).toBe(estimate?.value == null ? '' : String(estimate.value));
      expect(at(l, 'n')).toBe(estimate ? String(estimate.n) : '');
    }
    expect(
      lines
        .filter((l) => at(l, 'measure') !== 'objective')
        .every((l) => at(l, 'target') === '' && at(l, 'ci_above_target') === ''),
    ).toBe(true);
  });

  it('writes decimal commas with ; and points with ,', () => {
    const value = report.overall.indices.satisfaction.value ?? 0;
    expect(reportCsv(report, { separator: ';', lang: 'fr' })).toContain(`;${String(value).replace('.', ',')};`);
    expect(reportCsv(report, { separator: ',', lang: 'en' })).toContain(`,${String(value)},`);
  });
});

describe('reportHtml', () => {
  const report = fixtureReport();

  it('is one self-contained page: no script, no external resource, a print stylesheet for A4', () => {
    const page = reportHtml(report, { title: 'Titre', territoryName: 'Avignon', lang: 'fr', trends: fixtureTrends() });
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(page).toContain('@page{size:A4');
    expect(page).toContain('<html lang="fr">');
  });

  it('says why a withheld value is missing and gives the n of every value it draws', () => {
    const thin = fixtureReport({ perDay: 8 });
    const page = reportHtml(thin, { title: 'T', territoryName: 'A', lang: 'fr' });
    const nps = thin.byAudience.investor?.indices.nps;
    expect(nps?.suppressed).toBe(true);
    expect(page).toContain(`masqué : moins de 30 réponses effectives (n\u00a0=\u00a0${nps?.n})`);
    const drawn = page.match(/<text[^>]*>-?\d+,\d( †)? · n/g) ?? [];
    expect(drawn.length).toBeGreaterThan(20);
  });

  it('speaks English with lang=en', () => {
    const page = reportHtml(report, { title: 'T', territoryName: 'A', lang: 'en' });
    expect(page).toContain('Evaluation report');
    expect(page).toContain('withheld: fewer than 30 effective responses');
    expect(page).not.toContain('Période du');
  });

  it('says there is no trend with fewer than two months', () => {
    expect(
      reportHtml(report, { title: 'T', territoryName: 'A', lang: 'fr', trends: fixtureTrends().slice(0, 1) }),
    ).toContain('il faut au moins deux mois');
  });
});

describe('charts', () => {
  it('breaks the trend line at a withheld month and marks it', () => {
    const svg = trendChart(
      'NPS',
      [
        { month: '2026-01', index: shown(10) },
        { month: '2026-02', index: shown(12) },
        { month: '2026-03', index: hidden(12) },
        { month: '2026-04', index: shown(20) },
      ],
      [-100, 100],
      '#000',
      text,
    ).text;
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('>×</text>');
  });

  it('draws the hexagon only when every dimension is shown, and names the withheld ones', () => {
    const axes = ['presence', 'place', 'prerequisites', 'people', 'pulse', 'potential'].map((d, k) => ({
      label: d,
      index: k === 2 ? hidden(12) : shown(60),
    }));
    const partial = radar('Image', axes, '#000', text).text;
    expect(partial).not.toContain('stroke-width="2"');
    expect(partial).toContain('masqué (n\u00a0=\u00a012)');
    expect(
      radar(
        'Image',
        axes.map((a) => ({ ...a, index: shown(60) })),
        '#000',
        text,
      ).text,
    ).toContain('fill-rule="evenodd"');
  });
});
