/**
 * A report JSON on screen, with the report page's own words and number formats
 * (analytics/render/i18n): the key findings first, then every figure with its interval and n,
 * thin samples flagged, withheld values saying why; the diagnostic (where to act), durable
 * superiority, choice questions, comments and the quality of the scales; days not yet counted, and
 * that their aggregation is queued. It reads only the fields it
 * knows, so fields the API adds later are simply not shown until the console learns them.
 */
import type { IndexResult, Report, ReportSection } from '#analytics/report-schema.ts';
import {
  audienceLabel,
  dimensionLabel,
  formatter,
  indexLabel,
  stringsForReport,
  withheldWords,
} from '#analytics/render/i18n.ts';
import { useWords } from '../ui.tsx';
import { type Ctx, Matrix, Scroll, SectionFigure } from './report/cells.tsx';
import { Choices, Comments, Durably, Findings, Quality } from './report/Details.tsx';
import { Diagnostic } from './report/Diagnostic.tsx';

const HEADLINE = ['nps', 'satisfaction', 'image', 'value'] as const;
type Cmp = { delta: number; p: number; significant: boolean } | null | undefined;
/** The report as GET …/report answers it: with the job it queued for its pending days, if any. */
export type ShownReport = Report & { pendingJob?: { id: string; status: string; location: string } };

/** The survey's labels in the reader's language: question id → label, choice question → option → label. */
export interface Labels {
  itemLabels: Record<string, string>;
  optionLabels: Record<string, Record<string, string>>;
}

export function ReportView({ report, labels }: { report: ShownReport; labels: Labels }) {
  const { t: ui, lang } = useWords();
  const t = stringsForReport(report, lang);
  const f = formatter(lang);
  const ctx: Ctx = { report, t, f, ...labels };
  const remark = (i: IndexResult | undefined) =>
    !i
      ? ''
      : i.suppressed
        ? i.n === 0 && (overall?.n ?? 0) > 0
          ? t.overallEmptyShort
          : withheldWords(t, i)
        : i.n === 0
          ? t.noAnswer
          : i.lowSample
            ? t.lowSample
            : '';
  const cells = (i: IndexResult | undefined) => (
    <>
      <td class="num">{i ? f.num(i.value) : '—'}</td>
      <td class="num">{i ? f.interval(i) : '—'}</td>
      <td class="num">{i ? f.int(i.n) : '—'}</td>
      <td>{remark(i)}</td>
    </>
  );
  const cmp = (c: Cmp) =>
    c
      ? `${f.signed(c.delta)} (${f.p(c.p)}, ${c.significant ? t.significantShort : t.notSignificantShort})`
      : t.notComparable;
  const overall = report.overall;
  const audiences = Object.entries(report.byAudience ?? {});
  const competitors = Object.keys(overall?.relativeValue ?? {});

  return (
    <article class="report" aria-labelledby="report-title">
      <h2 id="report-title">{t.period(f.day(report.from), f.day(report.to))}</h2>
      <p>
        <strong>{ui.responsesCount(f.int(overall?.n ?? 0), overall?.n ?? 0)}</strong>
        {report.baseline && ` · ${t.baseline(f.day(report.baseline.from), f.day(report.baseline.to))}`}
        {' · '}
        {report.weighting
          ? t.weighted(report.weighting.method, f.num(report.weighting.deff), f.num(report.weighting.nEff))
          : t.unweighted}
      </p>
      {report.pending?.length ? (
        <p class="pending">
          {t.pending(
            report.pending.length,
            `${report.pending.slice(0, 5).map(f.shortDay).join(', ')}${report.pending.length > 5 ? '…' : ''}`,
          )}
          {report.pendingJob && ` ${ui.pendingQueued}`}
        </p>
      ) : null}
      <aside class="legend" aria-label={t.legendTitle}>
        <strong>{t.legendTitle}</strong>
        <ul>
          {t.legend.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </aside>
      <h3>{t.findings}</h3>
      <Findings ctx={ctx} />
      <h3>{t.keyIndices}</h3>
      <Scroll label={t.keyIndices}>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">{t.index}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.interval}</th>
              <th scope="col">{t.n}</th>
              <th scope="col">{t.remark}</th>
              {report.comparison && <th scope="col">{t.delta}</th>}
            </tr>
          </thead>
          <tbody>
            {HEADLINE.map((k) => (
              <tr key={k}>
                <th scope="row">{indexLabel(t, k)}</th>
                {cells(overall?.indices?.[k])}
                {report.comparison && <td>{cmp(report.comparison.overall?.[k])}</td>}
              </tr>
            ))}
            {competitors.map((c) => (
              <tr key={c}>
                <th scope="row">
                  {indexLabel(t, 'relativeValue')}
                  {t.colon}
                  {t.against(c)}
                </th>
                {cells(overall?.relativeValue?.[c])}
                {report.comparison && <td>{cmp(report.comparison.overall?.relativeValue?.[c])}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {audiences.length > 0 && (
        <>
          <h3>{t.byAudience}</h3>
          <Scroll label={t.byAudience}>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">{t.audience}</th>
                  <th scope="col">{t.responses}</th>
                  {HEADLINE.map((k) => (
                    <th scope="col" key={k}>
                      {indexLabel(t, k)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {audiences.map(([a, s]: [string, ReportSection]) => (
                  <tr key={a}>
                    <th scope="row">{audienceLabel(t, a)}</th>
                    <td class="num">{f.int(s.n)}</td>
                    {HEADLINE.map((k) => {
                      const i = s.indices?.[k];
                      return (
                        <td class="num" key={k}>
                          {!i ? '—' : i.suppressed || i.value === null ? withheldWords(t, i, true) : f.num(i.value)}
                          {i?.lowSample && !i.suppressed ? ' †' : ''}
                          {i && i.value !== null && <span class="ci"> [{f.interval(i)}]</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <p class="hint">{ui.lowSampleMark}</p>
        </>
      )}
      <h3>{t.objectives}</h3>
      {report.objectives?.length ? (
        <Scroll label={t.objectives}>
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{t.index}</th>
                <th scope="col">{t.audience}</th>
                <th scope="col">{t.target}</th>
                <th scope="col">{t.by}</th>
                <th scope="col">{t.value}</th>
                <th scope="col">{t.distance}</th>
                <th scope="col">{t.remark}</th>
              </tr>
            </thead>
            <tbody>
              {report.objectives.map((o, i) => (
                <tr key={i}>
                  <th scope="row">
                    {indexLabel(t, o.index)}
                    {o.competitor ? `${t.colon}${t.against(o.competitor)}` : ''}
                  </th>
                  <td>{audienceLabel(t, o.audience ?? 'all')}</td>
                  <td class="num">{f.num(o.target)}</td>
                  <td>{o.by ? f.day(o.by) : '—'}</td>
                  <td class="num">{f.num(o.value)}</td>
                  <td class="num">{o.distance === null ? '—' : f.signed(o.distance)}</td>
                  <td>{o.ciAboveTarget ? t.above : t.notAbove}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : (
        <p>{t.noObjectives}</p>
      )}
      <h3>{t.diagnostic}</h3>
      <Diagnostic ctx={ctx} />
      {competitors.length > 0 && (
        <>
          <h3>{t.relative}</h3>
          <Durably ctx={ctx} competitors={competitors} />
        </>
      )}
      <Choices ctx={ctx} />
      <Comments ctx={ctx} />
      <h3>{t.dimensionsTitle}</h3>
      {(['satisfaction', 'image', 'value'] as const).map((index) => {
        const dims = Object.keys(overall?.dimensions?.[index] ?? {});
        return dims.length ? (
          <Matrix
            key={index}
            ctx={ctx}
            caption={indexLabel(t, index)}
            names={dims}
            label={(d) => dimensionLabel(t, d)}
            cell={(s, d) => <SectionFigure ctx={ctx} section={s} pick={(x) => x.dimensions[index][d]} />}
          />
        ) : null;
      })}
      <Quality ctx={ctx} />
      <h3>{t.method}</h3>
      {t.methodNote.map(([lead, text]) => (
        <p class="hint" key={lead}>
          <strong>{lead}</strong> {text}
        </p>
      ))}
    </article>
  );
}
