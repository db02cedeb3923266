/**
 * The report's comments: per text question, how many were written (by public) and a few of them,
 * as the disclosure rule lets through (analytics/comments.ts). Every text is escaped by `html`.
 */
import type { CommentsResult } from '../comments-schema.ts';
import { audienceLabel, type Format, type Strings } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import type { SectionContext } from './html-sections.ts';

/** "30 commentaires", or why none may be shown. */
export function commentCount(t: Strings, f: Format, c: Pick<CommentsResult, 'count' | 'withheld'>): string {
  if (c.count === null) return `${t.withheld}${t.colon}${t.commentReasons[c.withheld ?? 'thin']}`;
  return t.commentCount(c.count, f.int(c.count));
}

/** Each public's count, and the months left out. */
export function commentAudiences(t: Strings, f: Format, c: CommentsResult): string {
  return Object.entries(c.byAudience)
    .map(([a, g]) => {
      const left =
        g.count !== null && g.withheld ? ` (${t.commentsPartly}${t.colon}${t.commentReasons[g.withheld]})` : '';
      return `${audienceLabel(t, a)}${t.colon}${commentCount(t, f, g)}${left}`;
    })
    .join(' · ');
}

export const commentMonth = (f: Format, month: string) => `${f.month(month)} ${month.slice(0, 4)}`;

export function comments(ctx: SectionContext): Markup {
  const { report, t, f } = ctx;
  const list = report.comments ?? [];
  if (!list.length) return html``;
  const questions = list.map(
    (c) => html`<h3>${ctx.itemLabels[c.question] ?? c.question}</h3>
<p class="meta"><b>${commentCount(t, f, c)}</b>${Object.keys(c.byAudience).length ? ` · ${commentAudiences(t, f, c)}` : ''}</p>
${
  c.shown.length
    ? html`<ul class="comments">${c.shown.map(
        (s) =>
          html`<li><q${s.lang ? html` lang="${s.lang}"` : ''}>${s.text}</q> <small>${audienceLabel(t, s.audience)} · ${commentMonth(f, s.month)}</small></li>`,
      )}</ul>`
    : ''
}`,
  );
  return html`<section><h2>${t.comments}</h2><p class="note">${t.commentsNote}</p>${questions}</section>`;
}
