/**
 * The comparison with the baseline: each public's headline changes as a chart, then the dimensions
 * asked in both periods as a table, each verdict said in words (Holm's correction included). A
 * composite the two periods asked differently says why it is not compared.
 */
import {
  type ComparisonEntry,
  HEADLINE_INDICES,
  type IndexResult,
  type ReportSection,
  type SectionComparison,
} from '../report-schema.ts';
import { COMPOSITE_INDICES } from '../scoring.ts';
import { isNet } from './format.ts';
import { audienceLabel, dimensionLabel, indexLabel } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { type SectionContext, sectionsOf } from './html-sections.ts';
import { comparisonChart } from './svg-charts.ts';

/** Each public's section with its baseline section and comparison. */
export function comparedSections(ctx: SectionContext) {
  const { report } = ctx;
  const baseline = report.baseline;
  if (!baseline || !report.comparison) return [];
  return sectionsOf(report).map(([a, s]) => ({
    audience: a,
    current: s,
    baseline: (a === 'all' ? baseline.overall : baseline.byAudience[a]) as ReportSection | undefined,
    comparison: (a === 'all' ? report.comparison?.overall : report.comparison?.byAudience[a]) as
      | SectionComparison
      | undefined,
  }));
}

/**
 * The verdict of one comparison, in words. Holm's correction is named wherever it decides: a
 * change kept by it, or one whose unadjusted p is under 5 % but that it does not keep.
 */
export function verdict({ t }: SectionContext, e: ComparisonEntry | undefined, versions = false): string {
  if (!e) return versions ? t.versionsWithheld : t.notComparable;
  if (e.significant) return `★ ${t.holdsAfterHolm}`;
  return e.p < 0.05 ? t.notAfterHolm : t.notSignificant;
}

interface ChangeLine {
  label: string;
  net: boolean;
  current: IndexResult | undefined;
  base: IndexResult | undefined;
  entry: ComparisonEntry | undefined;
  versions?: boolean;
}

function changeRow(ctx: SectionContext, line: ChangeLine): Markup {
  const { f } = ctx;
  const read = (i: IndexResult | undefined) => (i?.value == null ? '—' : line.net ? f.signed(i.value) : f.num(i.value));
  const e = line.entry;
  const band = e ? f.interval({ ciLow: e.delta - 1.96 * e.se, ciHigh: e.delta + 1.96 * e.se }) : '';
  const delta = e ? html`<b>${f.signed(e.delta)}</b> <small>[${band}]</small>` : '—';
  return html`<tr><th scope="row">${line.label}</th><td class="num">${read(line.current)}</td>
<td class="num">${read(line.base)}</td><td class="num">${delta}</td><td class="num">${e ? f.p(e.p) : '—'}</td>
<td>${verdict(ctx, e, line.versions)}</td></tr>
`;
}

/** One public's changes: the headline indices and competitors, then each dimension asked in both periods. */
function changeTable(ctx: SectionContext, rows: ReturnType<typeof comparedSections>[number]): Markup {
  const { t } = ctx;
  const { current, baseline, comparison: cmp } = rows;
  const headline: ChangeLine[] = [
    ...HEADLINE_INDICES.map((index) => ({
      label: indexLabel(t, index),
      net: isNet(index),
      current: current.indices[index],
      base: baseline?.indices[index],
      entry: cmp?.[index],
      versions: cmp?.withheld?.[index] === 'versions',
    })),
    ...Object.entries(current.relativeValue).map(([name, i]) => ({
      label: `${indexLabel(t, 'relativeValue')}${t.colon}${name}`,
      net: true,
      current: i,
      base: baseline?.relativeValue[name],
      entry: cmp?.relativeValue[name],
    })),
  ];
  const dims = cmp?.dimensions;
  const dimensionLines: ChangeLine[] = dims
    ? COMPOSITE_INDICES.flatMap((index) =>
        Object.entries(dims[index]).map(([d, e]) => ({
          label: `${indexLabel(t, index)} — ${dimensionLabel(t, d)}`,
          net: false,
          current: current.dimensions[index][d],
          base: baseline?.dimensions[index][d],
          entry: e,
        })),
      )
    : [];
  const more = dimensionLines.length
    ? html`<tbody><tr><th scope="colgroup" colspan="6" class="sub">${t.dimensionChanges}</th></tr>
${dimensionLines.map((l) => changeRow(ctx, l))}</tbody>`
    : '';
  return html`<table class="changes"><caption>${t.comparison} — ${audienceLabel(t, rows.audience)}</caption>
<thead><tr><th scope="col">${t.index}</th><th scope="col" class="num">${t.current}</th>
<th scope="col" class="num">${t.reference}</th><th scope="col" class="num">${t.delta} [${t.interval}]</th>
<th scope="col" class="num">${t.pBefore}</th><th scope="col">${t.verdictHolm}</th></tr></thead>
<tbody>${headline.map((l) => changeRow(ctx, l))}</tbody>${more}</table>`;
}

export function comparison(ctx: SectionContext): Markup {
  const { report, t, f } = ctx;
  const compared = comparedSections(ctx);
  if (!report.baseline || !compared.length) return html`<p class="note">${t.noBaseline}</p>`;
  const figures = compared.map(({ audience, current, baseline, comparison: cmp }) => {
    const rows = [
      ...HEADLINE_INDICES.map((index) => ({
        label: indexLabel(t, index),
        entry: cmp?.[index],
        current: current.indices[index],
        baseline: baseline?.indices[index],
        versions: cmp?.withheld?.[index] === 'versions',
      })),
      ...Object.entries(current.relativeValue).map(([name, i]) => ({
        label: name,
        entry: cmp?.relativeValue[name],
        current: i,
        baseline: baseline?.relativeValue[name],
      })),
    ];
    const chart = comparisonChart(`${t.comparison} — ${audienceLabel(t, audience)}`, rows, ctx);
    return html`<figure><figcaption>${audienceLabel(t, audience)}</figcaption>${chart}</figure>
`;
  });
  // One line per index the questionnaire versions keep from comparing, naming the publics concerned.
  const byIndex = new Map<string, string[]>();
  for (const { audience, comparison: cmp } of compared)
    for (const index of Object.keys(cmp?.withheld ?? {}))
      byIndex.set(index, [...(byIndex.get(index) ?? []), audienceLabel(t, audience)]);
  const versionNotes = [...byIndex].map(
    ([
      index,
      groups,
    ]) => html`<li>${t.versionsFor(indexLabel(t, index), t.list(groups))}${t.colon}${t.versionsWithheld}.</li>
`,
  );
  const notes = versionNotes.length ? html`<ul class="notes">${versionNotes}</ul>` : '';
  const baselineLine = t.baseline(f.day(report.baseline.from), f.day(report.baseline.to));
  return html`<p class="note">${baselineLine}</p>${notes}<div class="grid">${figures}</div>
${compared.map((rows) => changeTable(ctx, rows))}`;
}
