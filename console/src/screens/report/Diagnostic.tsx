/**
 * The diagnostic on screen: for the whole public and each audience, the importance–performance
 * chart of the HTML report (the same SVG function, shown as an image so the console's CSP stays
 * strict: no markup is injected) and, as its text equivalent, the table of every dimension's
 * importance, performance and quadrant; then each dimension's importance by public side by side.
 */
import type { DriverItem, ReportSection } from '#analytics/report-schema.ts';
import { byPriority, driverLabel, outcomeLabel } from '#analytics/render/html-diagnostic.ts';
import { audienceLabel, dimensionLabel } from '#analytics/render/i18n.ts';
import { sectionsOf } from '#analytics/render/html-sections.ts';
import { quadrantChart } from '#analytics/render/svg-quadrant.ts';
import { type Ctx, Figure, ImportanceCell, Matrix, Scroll } from './cells.tsx';

const key = (i: DriverItem) => `${i.index}/${i.dimension}`;

/** The chart, with its title and description as the image's text alternative. */
function Chart({ ctx, audience, section }: { ctx: Ctx; audience: string; section: ReportSection }) {
  const { t } = ctx;
  const placed = (section.drivers?.items ?? []).filter((i) => i.quadrant !== null);
  if (placed.length < 2)
    return (
      <p class="hint">
        {audienceLabel(t, audience)}
        {t.colon}
        {t.fewDrivers}
      </p>
    );
  const concentrate = byPriority(placed)
    .filter((i) => i.quadrant === 'concentrate')
    .map((i) => driverLabel(ctx, i));
  const title = t.quadrantChart(audienceLabel(t, audience));
  const desc = t.quadrantDesc(placed.length, t.list(concentrate));
  const svg = quadrantChart(
    title,
    desc,
    placed.map((item) => ({ label: dimensionLabel(t, item.dimension), item })),
    ctx,
  ).text;
  return (
    <figure class="quadrant">
      <figcaption>{audienceLabel(t, audience)}</figcaption>
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        alt={`${title}. ${desc}`}
        width={560}
        height={404}
      />
    </figure>
  );
}

function Table({ ctx, items }: { ctx: Ctx; items: DriverItem[] }) {
  const { t } = ctx;
  return (
    <Scroll label={t.driversTable(audienceLabel(t, 'all'))}>
      <table class="list">
        <caption>{t.driversTable(audienceLabel(t, 'all'))}</caption>
        <thead>
          <tr>
            <th scope="col">{t.index}</th>
            <th scope="col">{t.importance}</th>
            <th scope="col">{t.performance}</th>
            <th scope="col">{t.quadrant}</th>
          </tr>
        </thead>
        <tbody>
          {byPriority(items).map((i) => (
            <tr key={key(i)}>
              <th scope="row">{driverLabel(ctx, i)}</th>
              <ImportanceCell ctx={ctx} i={i.importance} />
              <Figure ctx={ctx} i={i.performance} />
              {i.quadrant ? (
                <td>
                  {i.quadrant === 'concentrate' ? <strong>{t.quadrants[i.quadrant]}</strong> : t.quadrants[i.quadrant]}
                </td>
              ) : (
                <td class="withheld">{t.noQuadrant}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function Diagnostic({ ctx }: { ctx: Ctx }) {
  const { report, t } = ctx;
  const drivers = report.overall.drivers;
  if (!drivers) return <p class="hint">{t.noDrivers}</p>;
  const audiences = sectionsOf(report).slice(1);
  const items = byPriority(drivers.items);
  const find = (s: ReportSection, k: string) => s.drivers?.items.find((i) => key(i) === k);
  return (
    <>
      <p class="hint">{t.diagnosticIntro(outcomeLabel(ctx, drivers.outcome))}</p>
      <Chart ctx={ctx} audience="all" section={report.overall} />
      <Table ctx={ctx} items={drivers.items} />
      {audiences.length > 0 && (
        <>
          <div class="charts">
            {audiences.map(([a, s]) => (
              <Chart key={a} ctx={ctx} audience={a} section={s} />
            ))}
          </div>
          <Matrix
            ctx={ctx}
            caption={t.driversByAudience}
            names={items.map(key)}
            label={(k) => {
              const item = find(report.overall, k);
              return item ? driverLabel(ctx, item) : k;
            }}
            cell={(s, k) => {
              const item = find(s, k);
              return item ? <ImportanceCell ctx={ctx} i={item.importance} quadrant={item.quadrant} /> : <td>—</td>;
            }}
          />
        </>
      )}
    </>
  );
}
