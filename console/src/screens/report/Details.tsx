/**
 * What the report page shows besides the indices, on screen in its words: the key findings
 * first, durable superiority per competitor, choice questions as shares by public, comments, and
 * the quality of the scales (Cronbach's α, each question's response rate).
 */
import type { ReportSection } from '#analytics/report-schema.ts';
import { findingsOf } from '#analytics/render/findings.ts';
import { audienceLabel, dimensionLabel, indexLabel } from '#analytics/render/i18n.ts';
import { commentAudiences, commentCount, commentMonth } from '#analytics/render/html-comments.ts';
import { type Ctx, Matrix, SectionFigure, Unshown } from './cells.tsx';

export function Findings({ ctx }: { ctx: Ctx }) {
  return (
    <ul class="findings">
      {findingsOf(ctx).map((f) => (
        <li key={f.lead}>
          <strong>{f.lead}</strong>
          {f.joiner}
          {f.text}
        </li>
      ))}
    </ul>
  );
}

/** Per competitor and public: durably superior, not, or not established (a period withheld or missing). */
export function Durably({ ctx, competitors }: { ctx: Ctx; competitors: string[] }) {
  const { t } = ctx;
  return (
    <>
      <Matrix
        ctx={ctx}
        caption={t.durably}
        names={competitors}
        label={(name) => name}
        cell={(s, name) => {
          const v = s.durablySuperior?.[name];
          return v === true ? (
            <td>
              <strong>✓ {t.durablyYes}</strong>
            </td>
          ) : v === false ? (
            <td>{t.durablyNo}</td>
          ) : (
            <td class="withheld">{t.durablyUnknown}</td>
          );
        }}
      />
      <p class="hint">{t.durablyNote}</p>
    </>
  );
}

export function Choices({ ctx }: { ctx: Ctx }) {
  const { report, t } = ctx;
  const questions = Object.entries(report.overall.choices ?? {});
  if (!questions.length) return null;
  return (
    <>
      <h3>{t.choices}</h3>
      <p class="hint">{t.choicesNote}</p>
      {questions.map(([q, choice]) => (
        <Matrix
          key={q}
          ctx={ctx}
          caption={ctx.itemLabels[q] ?? q}
          names={Object.keys(choice.options)}
          label={(o) => ctx.optionLabels[q]?.[o] ?? o}
          cell={(s, o) => (
            <SectionFigure ctx={ctx} section={s} pick={(x) => x.choices?.[q]?.options[o]} style={{ unit: '\u00a0%' }} />
          )}
        />
      ))}
    </>
  );
}

/** Each text question's comments: the count by public and a few quoted (Preact escapes them). */
export function Comments({ ctx }: { ctx: Ctx }) {
  const { report, t, f } = ctx;
  const list = report.comments ?? [];
  if (!list.length) return null;
  return (
    <>
      <h3>{t.comments}</h3>
      <p class="hint">{t.commentsNote}</p>
      {list.map((c) => (
        <section key={c.question} class="comments" aria-label={ctx.itemLabels[c.question] ?? c.question}>
          <h4>{ctx.itemLabels[c.question] ?? c.question}</h4>
          <p>
            <strong>{commentCount(t, f, c)}</strong>
            {Object.keys(c.byAudience).length ? ` · ${commentAudiences(t, f, c)}` : ''}
          </p>
          {c.shown.length > 0 && (
            <ul>
              {c.shown.map((s, i) => (
                <li key={`${s.audience}-${s.month}-${i}`}>
                  <q lang={s.lang}>{s.text}</q>{' '}
                  <small>
                    {audienceLabel(t, s.audience)} · {commentMonth(f, s.month)}
                  </small>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

type Reliability = NonNullable<ReportSection['reliability']>[string];

function Alpha({ ctx, r }: { ctx: Ctx; r: Reliability | undefined }) {
  const { t, f } = ctx;
  if (!r) return <td>—</td>;
  if (r.alpha === null || r.suppressed || r.n === 0) return <Unshown ctx={ctx} i={r} />;
  const reading = r.alpha >= 0.7 ? t.alphaReading.good : r.alpha >= 0.5 ? t.alphaReading.fair : t.alphaReading.poor;
  return (
    <td class="num">
      <strong>{f.alpha(r.alpha)}</strong>{' '}
      <small class="ci">
        {reading} · {f.n(r)}
      </small>
    </td>
  );
}

export function Quality({ ctx }: { ctx: Ctx }) {
  const { report, t, f } = ctx;
  const keys = Object.keys(report.overall.reliability ?? {});
  const questions = Object.keys(report.overall.itemResponse ?? {});
  const label = (k: string) => {
    const [index = '', dimension = ''] = k.split('/');
    const items = report.overall.reliability?.[k]?.items.map((q) => ctx.itemLabels[q] ?? q) ?? [];
    return `${dimensionLabel(t, dimension)} (${indexLabel(t, index).toLowerCase()}) — ${t.list(items)}`;
  };
  return (
    <>
      <h3>{t.quality}</h3>
      {keys.length ? (
        <>
          <Matrix
            ctx={ctx}
            caption={t.alphaTitle}
            names={keys}
            label={label}
            cell={(s, k) => <Alpha ctx={ctx} r={s.reliability?.[k]} />}
          />
          <p class="hint">{t.alphaNote}</p>
        </>
      ) : (
        <p class="hint">{t.noAlpha}</p>
      )}
      {questions.length > 0 && (
        <Matrix
          ctx={ctx}
          caption={t.itemResponseTitle}
          names={questions}
          label={(q) => ctx.itemLabels[q] ?? q}
          cell={(s, q) => {
            const r = s.itemResponse?.[q];
            return !r || r.rate === null ? (
              <td class="num">—</td>
            ) : (
              <td class="num">
                {f.percent(r.rate)}{' '}
                <small class="ci">
                  {f.int(r.answered)}/{f.int(r.asked)}
                </small>
              </td>
            );
          }}
        />
      )}
    </>
  );
}
