/**
 * What the observatory reads besides the indices: choice questions as shares by public, and the
 * quality of the scales (Cronbach's α per dimension, each question's response rate).
 */
import type { ReportSection } from '../report-schema.ts';
import { dimensionLabel, indexLabel, withheldWords } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { figureCell, matrix, type SectionContext } from './html-sections.ts';

export function choices(ctx: SectionContext): Markup {
  const { report, t } = ctx;
  const questions = Object.entries(report.overall.choices ?? {});
  if (!questions.length) return html``;
  const tables = questions.map(([q, choice]) =>
    matrix(
      ctx,
      ctx.itemLabels[q] ?? q,
      Object.keys(choice.options),
      (o) => ctx.optionLabels[q]?.[o] ?? o,
      (s, o) => figureCell(ctx, s, (x) => x.choices?.[q]?.options[o], { unit: '\u00a0%' }),
    ),
  );
  return html`<section><h2>${t.choices}</h2><p class="note">${t.choicesNote}</p>${tables}</section>`;
}

type Reliability = NonNullable<ReportSection['reliability']>[string];

function alphaCell({ t, f }: SectionContext, r: Reliability | undefined): Markup {
  if (!r) return html`<td>—</td>`;
  if (r.n === 0) return html`<td class="withheld">${t.noAnswer}</td>`;
  if (r.suppressed || r.alpha === null)
    return html`<td class="withheld">${withheldWords(t, r)} <small>(${f.n(r)})</small></td>`;
  const reading = r.alpha >= 0.7 ? t.alphaReading.good : r.alpha >= 0.5 ? t.alphaReading.fair : t.alphaReading.poor;
  return html`<td class="num"><b>${f.alpha(r.alpha)}</b> <small>${reading} · ${f.n(r)}</small></td>`;
}

export function quality(ctx: SectionContext): Markup {
  const { report, t, f } = ctx;
  const keys = Object.keys(report.overall.reliability ?? {});
  const label = (key: string) => {
    const [index = '', dimension = ''] = key.split('/');
    const items = report.overall.reliability?.[key]?.items.map((q) => ctx.itemLabels[q] ?? q) ?? [];
    return `${dimensionLabel(t, dimension)} (${indexLabel(t, index).toLowerCase()}) — ${t.list(items)}`;
  };
  const alphas = keys.length
    ? html`${matrix(ctx, t.alphaTitle, keys, label, (s, key) => alphaCell(ctx, s.reliability?.[key]))}
<p class="note">${t.alphaNote}</p>`
    : html`<p class="note">${t.noAlpha}</p>`;
  const questions = Object.keys(report.overall.itemResponse ?? {});
  const rate = (s: ReportSection, q: string) => {
    const r = s.itemResponse?.[q];
    if (!r || r.rate === null) return html`<td class="num">—</td>`;
    return html`<td class="num">${f.percent(r.rate)} <small>${f.int(r.answered)}/${f.int(r.asked)}</small></td>`;
  };
  const responses = questions.length
    ? matrix(ctx, t.itemResponseTitle, questions, (q) => ctx.itemLabels[q] ?? q, rate)
    : '';
  return html`${alphas}${responses}`;
}
