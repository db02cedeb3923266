/**
 * The report as one self-contained page: no script, no external style, font or image; charts
 * are inline SVG, the print stylesheet lays it out on A4. Every text from users or admins goes
 * through `html`, which escapes it. The first page is for an elected official (key findings in
 * plain words, the key figures); the detail follows for the evaluator, the method note last.
 */
import type { Report } from '../report-schema.ts';
import { keyFindings } from './findings.ts';
import { formatter, type Lang, stringsForReport } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { comparison } from './html-comparison.ts';
import { diagnostic } from './html-diagnostic.ts';
import { comments } from './html-comments.ts';
import { choices, quality } from './html-quality.ts';
import * as part from './html-sections.ts';
import type { TrendPoint } from './trends.ts';

export interface HtmlOptions {
  /** The survey's title, in the reader's language where it has one. */
  title: string;
  territoryName: string;
  lang: Lang;
  /** One point per month, oldest first, for the trend charts. */
  trends?: TrendPoint[];
  /** Question labels (question id → label): items, choice questions, the diagnostic's outcome. */
  itemLabels?: Record<string, string>;
  /** Option labels of the choice questions (question id → option id → label). */
  optionLabels?: Record<string, Record<string, string>>;
}

/** What the page allows itself, also when saved and opened from a disk: styles inline, nothing else. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;
background:#fff;max-width:1180px;margin:0 auto;padding:24px}
header{border-bottom:4px solid #1d3557;padding-bottom:12px;margin-bottom:8px}
header .kicker{text-transform:uppercase;letter-spacing:.06em;color:#1d3557;font-weight:600;font-size:12px;margin:0}
h1{font-size:26px;margin:4px 0}
h2{font-size:18px;color:#1d3557;border-bottom:1px solid #c9d3e0;padding-bottom:4px;margin:28px 0 10px;break-after:avoid}
.meta{margin:2px 0;color:#333}
.note{color:#444;margin:4px 0 10px}
.legend{border:1px solid #c9d3e0;background:#f5f7fa;padding:6px 12px;margin:10px 0;font-size:13px}
.legend ul{margin:2px 0;padding-left:18px}
.findings{padding-left:20px;font-size:15px}
.findings li{margin:0 0 10px}
ul.notes{color:#444;margin:4px 0 10px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(500px,1fr));gap:14px 28px}
.radars{grid-template-columns:repeat(auto-fit,minmax(360px,1fr))}
figure{margin:0;break-inside:avoid}
figcaption{font-weight:600;margin:6px 0 2px}
svg.chart{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 16px;break-inside:auto}
caption{text-align:left;font-weight:600;padding:6px 0}
table.matrix{table-layout:fixed}
table.matrix th:first-child,table.matrix td:first-child{width:24%}
th,td{border-bottom:1px solid #dde2e8;padding:4px 8px;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #1d3557;font-weight:600}
th.sub{background:#f5f7fa;font-weight:600}
table.changes th:first-child{width:22%}
tr{break-inside:avoid}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.big{font-weight:700;font-size:15px}
.withheld{color:#595959;font-style:italic}
small{color:#555;font-size:11px}
abbr{text-decoration:none;cursor:help}
h3{font-size:15px;margin:16px 0 4px}
ul.comments{margin:4px 0 12px;padding-left:20px;max-width:80em}
ul.comments li{margin:0 0 6px}
:lang(fr) q{quotes:"«\\00a0" "\\00a0»"}
.method p{margin:4px 0 8px;max-width:80em}
footer{margin-top:28px;border-top:1px solid #c9d3e0;padding-top:8px;color:#444;font-size:12px}
@media print{
@page{size:A4;margin:12mm 11mm}
body{max-width:none;padding:0;font-size:10pt}
h1{font-size:20pt}
h2{font-size:13pt;margin-top:16px}
.findings{font-size:11pt}
.grid{grid-template-columns:1fr;gap:4px}
.radars{grid-template-columns:1fr 1fr}
table{font-size:8.5pt}
small{font-size:7.5pt}
section.page{break-before:page}
}`;

function header(report: Report, options: HtmlOptions, ctx: part.SectionContext): Markup {
  const { t, f } = ctx;
  const versions = (list: Report['versions']) =>
    list?.length
      ? `${t.questionnaire}${t.colon}${t.list(list.map((v) => t.version(v.version, v.responses === null ? null : f.int(v.responses))))}`
      : '';
  const w = report.weighting;
  const weighting = w
    ? [
        t.weighted(t.methods[w.method] ?? w.method, f.num(w.deff), f.nEff(w.nEff)),
        t.trimmed(f.factor(w.cap), f.int(w.capped)),
        w.converged ? '' : t.notConverged(f.percent(w.maxGap)),
      ]
        .filter(Boolean)
        .join(' ')
    : t.unweighted;
  const b = report.baseline;
  const baseline = b
    ? html`<p class="meta">${t.baseline(f.day(b.from), f.day(b.to))} · ${f.int(b.overall.n)} ${t.responses}
${b.versions?.length ? ` · ${versions(b.versions)}` : ''}</p>`
    : '';
  const pending = report.pending?.length
    ? html`<p class="meta"><b>${t.pending(
        report.pending.length,
        `${report.pending.slice(0, 5).map(f.shortDay).join(', ')}${report.pending.length > 5 ? '…' : ''}`,
      )}</b></p>`
    : '';
  return html`<header><p class="kicker">${t.report} · ${options.territoryName}</p><h1>${options.title}</h1>
<p class="meta">${t.period(f.day(report.from), f.day(report.to))} · <b>${f.int(report.overall.n)}</b> ${t.responses}
${report.versions?.length ? ` · ${versions(report.versions)}` : ''}</p>
${baseline}${pending}
<p class="meta"><small>${weighting} ${t.generated} ${report.generatedAt.slice(0, 10)} · ${report.surveyId}</small></p>
</header>`;
}

export function reportHtml(report: Report, options: HtmlOptions): string {
  const t = stringsForReport(report, options.lang);
  const f = formatter(options.lang);
  const ctx: part.SectionContext = {
    report,
    t,
    f,
    itemLabels: options.itemLabels ?? {},
    optionLabels: options.optionLabels ?? {},
  };
  const legend = html`<aside class="legend" aria-label="${t.legendTitle}"><b>${t.legendTitle}</b>
<ul>${t.legend.map((l) => html`<li>${l}</li>`)}</ul></aside>`;
  const method = t.methodNote.map(
    ([lead, text]) => html`<p><b>${lead}</b> ${text}</p>
`,
  );
  const page = html`<!doctype html>
<html lang="${options.lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — ${options.territoryName} — ${t.report}</title><style>${STYLE}</style></head>
<body>${header(report, options, ctx)}
<main>
${legend}
<section><h2>${t.findings}</h2>${keyFindings(ctx)}</section>
<section><h2>${t.keyIndices}</h2>${part.keyIndices(ctx)}</section>
<section class="page"><h2>${t.byAudience}</h2>${part.byAudience(ctx)}</section>
<section><h2>${t.trends}</h2>${part.trends(ctx, options.trends)}</section>
<section class="page"><h2>${t.diagnostic}</h2>${diagnostic(ctx)}</section>
<section><h2>${t.radar}</h2>${part.radars(ctx)}</section>
${part.relativeValue(ctx)}
<section class="page"><h2>${t.comparison}</h2>${comparison(ctx)}</section>
<section><h2>${t.objectives}</h2>${part.objectives(ctx)}</section>
${choices(ctx)}
${comments(ctx)}
<section class="page"><h2>${t.dimensionsTitle}</h2>${part.dimensions(ctx)}</section>
<section><h2>${t.quality}</h2>${quality(ctx)}</section>
<section class="method"><h2>${t.method}</h2>${method}</section>
</main>
</body></html>`;
  return page.text;
}
