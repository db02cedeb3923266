import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, reportCsv } from './csv.ts';
import { fixtureDefinition, fixtureReport } from './fixture.ts';

const report = fixtureReport();

/** The CSV as records by column; the fixture's labels hold no comma or quote, so a plain split reads the fields. */
function records(csv: string, separator = ',') {
  const [header, ...lines] = csv
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(separator));
  return {
    header: header ?? [],
    rows: lines.map((l) => Object.fromEntries((header ?? []).map((h, i) => [h, l[i] ?? '']))),
    widths: lines.map((l) => l.length),
  };
}

/** What the page shows, computed here: the value to one decimal (or two), as a plain number. */
const rounded = (x: number | null | undefined, digits = 1) => (x == null ? '' : String(Number(x.toFixed(digits))));

describe('reportCsv', () => {
  const csv = reportCsv(report, { separator: ',', lang: 'fr' });
  const { header, rows, widths } = records(csv);
  const find = (o: Record<string, string>) => rows.filter((r) => Object.entries(o).every(([k, v]) => r[k] === v));

  it('starts with a byte-order mark and the header, and ends every line with CRLF', () => {
    expect(csv.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv.split('\r\n').at(-1)).toBe('');
  });

  it('keeps the columns it had and adds the new ones after them', () => {
    expect(header.slice(0, 25)).toEqual([
      ...['period', 'from', 'to', 'audience', 'audience_label', 'measure', 'index', 'name', 'label'],
      ...['value', 'ci_low', 'ci_high', 'n', 'n_eff', 'low_sample', 'suppressed'],
      ...['delta', 'delta_se', 'statistic', 'p', 'significant', 'target', 'target_by', 'distance', 'ci_above_target'],
    ]);
    expect(header.slice(25)).toEqual(['withheld', 'comparison_withheld', 'durably_superior', 'quadrant', 'answered']);
    expect(widths.every((w) => w === header.length)).toBe(true);
  });

  it('neutralises text a spreadsheet would run as a formula, and quotes a separator inside a label', () => {
    const definition = fixtureDefinition();
    const tricky = {
      ...definition,
      questions: definition.questions.map((q) =>
        q.id === 'cmp_sete' ? { ...q, competitor: '=HYPERLINK("http://x")' } : q,
      ),
    };
    const out = reportCsv(fixtureReport({ definition: tricky, baseline: false }), {
      separator: ';',
      lang: 'fr',
      itemLabels: { sat_welcome: 'Accueil; "chaleureux"', recommend: '+SUM(A1)' },
      optionLabels: { origin: { local: '@cmd', france: '-2+3' } },
    });
    expect(out).toContain(`;"'=HYPERLINK(""http://x"")";`);
    expect(out).toContain(';"Accueil; ""chaleureux""";');
    expect(out).toContain(";'@cmd;");
    expect(out).toContain(";'-2+3;");
    expect(out).toMatch(/;item_response;;recommend;'\+SUM\(A1\);/);
  });

  it('rounds each figure as the page shows it: one decimal for indices, two for correlations, two digits of p', () => {
    const nps = find({ period: 'current', audience: 'all', measure: 'index', index: 'nps' })[0];
    const i = report.overall.indices.nps;
    expect([nps?.value, nps?.ci_low, nps?.ci_high, nps?.n_eff]).toEqual([
      rounded(i.value),
      rounded(i.ciLow),
      rounded(i.ciHigh),
      rounded(i.nEff),
    ]);
    const e = report.comparison?.overall.nps;
    expect([nps?.delta, nps?.delta_se, nps?.statistic, nps?.p]).toEqual([
      rounded(e?.delta),
      rounded(e?.se, 2),
      rounded(e?.statistic, 2),
      String(Number(e?.p.toPrecision(2))),
    ]);
    const decimals = (s: string) => (s.includes('.') ? (s.split('.')[1]?.replace(/e.*/, '').length ?? 0) : 0);
    for (const r of rows) {
      const limit = r.measure === 'driver' || r.measure === 'reliability' ? 2 : 1;
      for (const column of ['value', 'ci_low', 'ci_high', 'n_eff', 'delta', 'distance'])
        expect(decimals(r[column] ?? ''), `${r.measure} ${r.name} ${column}`).toBeLessThanOrEqual(limit);
      expect(decimals(r.delta_se ?? '')).toBeLessThanOrEqual(2);
    }
  });

  it('writes decimal commas with ; and points with ,', () => {
    const value = rounded(report.overall.indices.satisfaction.value);
    expect(value).toContain('.');
    expect(reportCsv(report, { separator: ';', lang: 'fr' })).toContain(`;${value.replace('.', ',')};`);
    expect(reportCsv(report, { separator: ',', lang: 'en' })).toContain(`,${value},`);
  });

  it('gives one row per objective with its target, distance and verdict, and leaves those columns empty elsewhere', () => {
    const objectives = rows.filter((r) => r.measure === 'objective');
    expect(objectives).toHaveLength(report.objectives.length);
    for (const [k, o] of report.objectives.entries()) {
      const l = objectives[k];
      expect([l?.audience, l?.index, l?.name, l?.target, l?.target_by]).toEqual([
        o.audience ?? 'all',
        o.index,
        o.competitor ?? '',
        String(o.target),
        o.by ?? '',
      ]);
      expect(l?.distance).toBe(rounded(o.distance));
      expect(l?.ci_above_target).toBe(String(o.ciAboveTarget));
      // The value is the estimate the objective is judged on, as the report's own sections give it.
      const section = o.audience ? report.byAudience[o.audience] : report.overall;
      const estimate = o.index === 'relativeValue' ? section?.relativeValue[o.competitor!] : section?.indices[o.index];
      expect(l?.value).toBe(rounded(estimate?.value));
      expect(l?.n).toBe(estimate ? String(estimate.n) : '');
    }
    expect(
      rows.filter((r) => r.measure !== 'objective').every((r) => r.target === '' && r.ci_above_target === ''),
    ).toBe(true);
  });

  it('names the questionnaire versions of each period with their responses', () => {
    const versions = rows.filter((r) => r.measure === 'version').map((r) => [r.period, r.name, r.n]);
    expect(versions).toEqual([
      ...(report.versions ?? []).map((v) => ['current', String(v.version), String(v.responses)]),
      ...(report.baseline?.versions ?? []).map((v) => ['baseline', String(v.version), String(v.responses)]),
    ]);
    expect(versions.map(([p, v]) => `${p} ${v}`)).toEqual(['current 2', 'baseline 1']);
  });

  it('says why a figure or a comparison is withheld', () => {
    const investor = report.byAudience.investor?.indices.nps;
    expect(investor?.withheld).toBeDefined();
    const row = find({ period: 'current', audience: 'investor', measure: 'index', index: 'nps' })[0];
    expect([row?.value, row?.suppressed, row?.withheld]).toEqual(['', 'true', investor?.withheld]);
    expect(report.comparison?.overall.withheld?.satisfaction).toBe('versions');
    const satisfaction = find({ period: 'current', audience: 'all', measure: 'index', index: 'satisfaction' })[0];
    expect([satisfaction?.delta, satisfaction?.comparison_withheld]).toEqual(['', 'versions']);
  });

  it('carries durable superiority, the diagnostic, scale quality, response rates and choice shares', () => {
    for (const [audience, section] of [['all', report.overall], ...Object.entries(report.byAudience)] as const) {
      for (const [competitor, verdict] of Object.entries(section.durablySuperior ?? {})) {
        const r = find({ period: 'current', audience, measure: 'relative_value', name: competitor })[0];
        expect(r?.durably_superior).toBe(verdict === null ? '' : String(verdict));
      }
    }
    expect(report.overall.durablySuperior?.Nîmes).toBe(true);

    const drivers = find({ period: 'current', audience: 'all', measure: 'driver' });
    expect(drivers).toHaveLength(report.overall.drivers?.items.length ?? -1);
    for (const item of report.overall.drivers?.items ?? []) {
      const r = drivers.find((d) => d.index === item.index && d.name === item.dimension);
      expect([r?.value, r?.ci_low, r?.quadrant]).toEqual([
        rounded(item.importance.value, 2),
        rounded(item.importance.ciLow, 2),
        item.quadrant ?? '',
      ]);
    }

    const alpha = report.overall.reliability?.['satisfaction/transport'];
    const r = find({ period: 'current', audience: 'all', measure: 'reliability', name: 'transport' })[0];
    expect([r?.index, r?.value, r?.n]).toEqual(['satisfaction', rounded(alpha?.alpha, 2), String(alpha?.n)]);

    const asked = report.overall.itemResponse?.recommend;
    const rate = find({ period: 'current', audience: 'all', measure: 'item_response', name: 'recommend' })[0];
    expect([rate?.value, rate?.n, rate?.answered]).toEqual([
      rounded((100 * (asked?.answered ?? 0)) / (asked?.asked ?? 1)),
      String(asked?.asked),
      String(asked?.answered),
    ]);

    const shares = find({ period: 'current', audience: 'visitor', measure: 'choice', index: 'origin' });
    expect(shares.map((s) => s.name)).toEqual(['local', 'france', 'abroad']);
    const local = report.byAudience.visitor?.choices?.origin?.options.local;
    expect([shares[0]?.value, shares[0]?.ci_low, shares[0]?.n]).toEqual([
      rounded(local?.value),
      rounded(local?.ciLow),
      String(local?.n),
    ]);
  });
});
