/**
 * The report screen's building blocks, in the report page's words (analytics/render/i18n): a
 * figure with its interval and n or the reason it is withheld, and a table of one row per
 * subject and one column per public (overall first).
 */
import { type ComponentChildren, Fragment } from 'preact';
import type { IndexResult, Importance, ReportSection } from '#analytics/report-schema.ts';
import { audienceLabel, withheldWords } from '#analytics/render/i18n.ts';
import { overallEmpty, type SectionContext, sectionsOf } from '#analytics/render/html-sections.ts';

/** What every part of the report screen reads: the report, its words and formats, the survey's labels. */
export type Ctx = SectionContext;

export interface FigureStyle {
  /** A net score (NPS, relative value): signed. */
  net?: boolean;
  /** Written after the value (" %"). */
  unit?: string;
}

/** The cell of a figure not shown: nobody answered, or it is withheld (with why, and its n). */
export function Unshown({ ctx, i }: { ctx: Ctx; i: Pick<IndexResult, 'n' | 'withheld'> }) {
  const { t, f } = ctx;
  if (i.n === 0) return <td class="withheld">{t.noAnswer}</td>;
  return (
    <td class="withheld">
      {withheldWords(t, i)} <small>({f.n(i)})</small>
    </td>
  );
}

/** A cell: the value in bold with its low-sample mark, its interval and n; or why there is none. */
export function Figure({
  ctx,
  i,
  style = {},
  empty = false,
}: {
  ctx: Ctx;
  i: IndexResult | undefined;
  style?: FigureStyle;
  /** The overall, empty because every public is withheld. */
  empty?: boolean;
}) {
  const { t, f } = ctx;
  if (!i) return <td>—</td>;
  if (empty) return <td class="withheld">{t.overallEmpty}</td>;
  if (i.value === null || i.suppressed || i.n === 0) return <Unshown ctx={ctx} i={i} />;
  return (
    <td class="num">
      <strong>
        {style.net ? f.signed(i.value) : f.num(i.value)}
        {style.unit ?? ''}
      </strong>
      {i.lowSample && <abbr title={t.lowSample}> †</abbr>}{' '}
      <small class="ci">
        [{f.interval(i)}] {f.n(i)}
      </small>
    </td>
  );
}

/** A public's figure picked from its section, the overall's emptiness said for what it is. */
export function SectionFigure({
  ctx,
  section,
  pick,
  style,
}: {
  ctx: Ctx;
  section: ReportSection;
  pick: (s: ReportSection) => IndexResult | undefined;
  style?: FigureStyle;
}) {
  return <Figure ctx={ctx} i={pick(section)} empty={overallEmpty(ctx, section, pick)} {...(style ? { style } : {})} />;
}

/** A correlation with its Fisher interval and n, or why it is withheld. */
export function ImportanceCell({ ctx, i, quadrant }: { ctx: Ctx; i: Importance; quadrant?: string | null }) {
  const { t, f } = ctx;
  if (i.value === null || i.suppressed || i.n === 0) return <Unshown ctx={ctx} i={i} />;
  return (
    <td class="num">
      <strong>{f.r(i.value)}</strong>{' '}
      <small class="ci">
        [{f.interval(i, 2)}] {f.n(i)}
      </small>
      {quadrant !== undefined && (
        <>
          <br />
          <small>{quadrant ? t.quadrants[quadrant] : t.noQuadrant}</small>
        </>
      )}
    </td>
  );
}

/**
 * A wide table's frame: it scrolls sideways on a phone, so it takes the keyboard focus (arrow
 * keys scroll it) and is named for those who land on it.
 */
export function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable from the keyboard (WCAG 2.1.1).
    <section class="scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** One row per name, one column per public: the overall first, then each audience. */
export function Matrix({
  ctx,
  caption,
  names,
  label,
  cell,
}: {
  ctx: Ctx;
  caption: string;
  names: string[];
  label: (name: string) => string;
  cell: (section: ReportSection, name: string) => ComponentChildren;
}) {
  const sections = sectionsOf(ctx.report);
  return (
    <Scroll label={caption}>
      <table class="list matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {sections.map(([a]) => (
              <th scope="col" key={a}>
                {audienceLabel(ctx.t, a)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <tr key={name}>
              <th scope="row">{label(name)}</th>
              {sections.map(([a, s]) => (
                <Fragment key={a}>{cell(s, name)}</Fragment>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
