/**
 * The sections of one period (overall, and each audience): every figure computed from per-cell
 * counts and moments, never from respondents, each resting on what the disclosure rule allows.
 * An audience's figure rests on the months its blocks cover; the overall on each audience's whole
 * blocks inside the period (see disclosure.ts).
 */
import type { AggregateCell } from './aggregate-schema.ts';
import { type Disclosure, monthNumber } from './disclosure.ts';
import { importanceOf, quadrants } from './drivers.ts';
import { type Domain, meanEstimate, netEstimate, shareEstimate } from './estimator.ts';
import type { MeanEstimate, NetEstimate, ShareEstimate } from './indices.ts';
import type { CellMap, PeriodView } from './period.ts';
import type { Audience } from './questionnaire.ts';
import { addItemSets, cronbachAlpha } from './reliability.ts';
import type { Importance, IndexResult, ReportSection, WithheldReason } from './report-schema.ts';
import { COMPOSITE_INDICES, type CompositeIndexName } from './scoring.ts';

/** The names every section lists, so that all sections of a report have the same keys. */
export interface SectionNames {
  dimensions: Record<CompositeIndexName, string[]>;
  competitors: string[];
  topTwoBoxItems: string[];
  /** Choice questions with their options, in the definition's order. */
  choices: { id: string; options: string[] }[];
  /** Every question, for the item response rate. */
  questions: string[];
  /** Dimensions measured by two items or more in the current definition. */
  reliability: { key: string; items: string[]; slopes: number[] }[];
  /** The question the drivers correlate with, if the survey has one. */
  outcome: string | undefined;
}

export interface SectionEstimates {
  section: ReportSection;
  /** The headline indices with what comparisons need. */
  headline: { nps: NetEstimate; relativeValue: Map<string, NetEstimate> } & Record<CompositeIndexName, MeanEstimate>;
  dimensions: Record<CompositeIndexName, Map<string, MeanEstimate>>;
  /** Per composite index, the sets of dimensions its respondents were asked (their versions). */
  asked: Record<CompositeIndexName, Set<string>>;
}

type Group = 'overall' | Audience;

/** What the rule needs of an estimate: its published part, and how to withhold it. */
interface Withholdable {
  index: { suppressed: boolean; n: number };
}

/** Withholds an estimate's published part: its value and interval (or α), saying why. */
function withhold<E extends Withholdable>(e: E, reason: WithheldReason): E {
  const index: Record<string, unknown> = { ...e.index, suppressed: true, withheld: reason };
  for (const field of ['value', 'ciLow', 'ciHigh', 'alpha']) if (field in index) index[field] = null;
  return { ...e, index: index as E['index'] };
}

/** The cells of several audiences (their ids never collide: the audience is part of the key). */
function unionOf(maps: readonly CellMap[]): Domain {
  const out = new Map<string, AggregateCell>();
  for (const m of maps) for (const [id, c] of m) out.set(id, c);
  return out;
}

/**
 * The estimates of one measure for every group: an audience's over the months its blocks cover
 * (withheld at cut edges), the overall over each audience's whole blocks inside the period,
 * leaving out an audience too thin to show there.
 */
function byGroup<E extends Withholdable>(
  ctx: PeriodContext,
  key: string,
  estimate: (domain: Domain) => E,
): Map<Group, E> {
  const out = new Map<Group, E>();
  const inner: CellMap[] = [];
  for (const a of ctx.audiences) {
    const cov = ctx.disclosure.coverage(key, a, ctx.period);
    const own = estimate(ctx.view.cellsOf(a, cov.from, cov.to));
    // A group too thin to show says so; one whose period cuts its blocks says that.
    out.set(a, cov.whole || own.index.suppressed ? own : withhold(own, 'edges'));
    const sameRange = cov.inner.from === cov.from && cov.inner.to === cov.to;
    const innerCells = ctx.view.cellsOf(a, cov.inner.from, cov.inner.to);
    if (innerCells.size === 0) continue;
    const innerEstimate = sameRange ? own : estimate(innerCells);
    if (innerEstimate.index.n > 0 && !innerEstimate.index.suppressed) inner.push(innerCells);
  }
  out.set('overall', estimate(unionOf(inner)));
  return out;
}

export interface PeriodContext {
  view: PeriodView;
  disclosure: Disclosure;
  period: { from: string; to: string };
  audiences: readonly Audience[];
  names: SectionNames;
}

const pick = <E>(m: Map<Group, E>, g: Group): E => m.get(g) as E;

/** Each group's section of one period. */
export function periodSections(ctx: PeriodContext): Map<Group, SectionEstimates> {
  const { view, names } = ctx;
  const sample = view.sample;
  const groups: Group[] = ['overall', ...ctx.audiences];
  const mean = (key: string, f: (c: AggregateCell) => ReturnType<typeof momentsOf>) =>
    byGroup(ctx, key, (d) => meanEstimate(sample, d, f));
  const momentsOf = (c: AggregateCell, index: CompositeIndexName, dim?: string) =>
    dim === undefined ? c.composites[index]?.score : c.composites[index]?.dimensions[dim];

  const nps = byGroup(ctx, 'nps', (d) => netEstimate(sample, d, (c) => c.nps));
  const composites = Object.fromEntries(
    COMPOSITE_INDICES.map((index) => [index, mean(index, (c) => momentsOf(c, index))]),
  ) as Record<CompositeIndexName, Map<Group, MeanEstimate>>;
  const dimensions = Object.fromEntries(
    COMPOSITE_INDICES.map((index) => [
      index,
      new Map(
        names.dimensions[index].map((dim) => [dim, mean(`dim:${index}/${dim}`, (c) => momentsOf(c, index, dim))]),
      ),
    ]),
  ) as Record<CompositeIndexName, Map<string, Map<Group, MeanEstimate>>>;
  const relative = new Map(
    names.competitors.map((k) => [
      k,
      byGroup(ctx, `rv:${k}`, (d) => netEstimate(sample, d, (c) => c.relativeValue[k])),
    ]),
  );
  const boxes = new Map(
    names.topTwoBoxItems.map((q) => [
      q,
      byGroup(ctx, `t2b:${q}`, (d) => shareEstimate(sample, d, (c) => c.topTwoBox[q])),
    ]),
  );
  const choices = names.choices.map((q) => ({
    id: q.id,
    options: new Map(
      q.options.map((o) => [
        o,
        byGroup(ctx, `choice:${q.id}`, (d) =>
          shareEstimate(sample, d, (c) => {
            const answered = c.items[q.id]?.[1] ?? 0;
            return answered > 0 ? { n: answered, top: c.choices[q.id]?.[o] ?? 0 } : undefined;
          }),
        ),
      ]),
    ),
  }));
  const importances = new Map(
    COMPOSITE_INDICES.flatMap((index) =>
      names.dimensions[index].map((dim) => {
        const key = `${index}/${dim}`;
        return [key, byGroup(ctx, `driver:${key}`, (d) => importanceEstimate(importanceOf(sample, d, key)))] as const;
      }),
    ),
  );
  const alphas = new Map(
    names.reliability.map((r) => {
      const set = r.items.join('|');
      return [
        r.key,
        byGroup(ctx, `alpha:${r.key}|${set}`, (d) => reliabilityEstimate(d, r.key, set, r.items, r.slopes)),
      ] as const;
    }),
  );

  const out = new Map<Group, SectionEstimates>();
  for (const g of groups) {
    const touched = g === 'overall' ? [...ctx.audiences] : [g];
    const first = monthNumber(ctx.period.from.slice(0, 7));
    const last = monthNumber(ctx.period.to.slice(0, 7));
    const cells = unionOf(touched.map((a) => view.cellsOf(a, first, last)));
    const dims = Object.fromEntries(
      COMPOSITE_INDICES.map((index) => [index, new Map([...dimensions[index]].map(([d, m]) => [d, pick(m, g)]))]),
    ) as Record<CompositeIndexName, Map<string, MeanEstimate>>;
    const headline = {
      nps: pick(nps, g),
      satisfaction: pick(composites.satisfaction, g),
      image: pick(composites.image, g),
      value: pick(composites.value, g),
      relativeValue: new Map([...relative].map(([k, m]) => [k, pick(m, g)])),
    };
    const driverItems = COMPOSITE_INDICES.flatMap((index) =>
      names.dimensions[index].map((dimension) => ({
        index,
        dimension,
        importance: pick(importances.get(`${index}/${dimension}`) as Map<Group, { index: Importance }>, g).index,
        performance: dims[index].get(dimension)?.index as IndexResult,
      })),
    );
    const cuts = quadrants(
      driverItems.map((i) => ({ importance: i.importance.value, performance: i.performance.value })),
    );
    out.set(g, {
      section: {
        n: ctx.disclosure.responsesIn(ctx.period, g === 'overall' ? undefined : g),
        indices: {
          nps: headline.nps.index,
          satisfaction: headline.satisfaction.index,
          image: headline.image.index,
          value: headline.value.index,
        },
        dimensions: Object.fromEntries(
          COMPOSITE_INDICES.map((index) => [index, Object.fromEntries([...dims[index]].map(([d, e]) => [d, e.index]))]),
        ) as ReportSection['dimensions'],
        relativeValue: Object.fromEntries([...headline.relativeValue].map(([k, e]) => [k, e.index])),
        topTwoBox: Object.fromEntries([...boxes].map(([q, m]) => [q, pick(m, g).index])),
        drivers: names.outcome
          ? {
              outcome: names.outcome,
              items: driverItems.map((item, i) => ({ ...item, quadrant: cuts[i] ?? null })),
            }
          : null,
        reliability: Object.fromEntries([...alphas].map(([k, m]) => [k, pick(m, g).index])),
        itemResponse: itemResponse(cells, names.questions),
        choices: Object.fromEntries(
          choices.map((q) => {
            const options = Object.fromEntries([...q.options].map(([o, m]) => [o, pick(m, g).index]));
            const answered = [...cells.values()].reduce((s, c) => s + (c.items[q.id]?.[1] ?? 0), 0);
            return [q.id, { n: answered, options }];
          }),
        ),
      },
      headline,
      dimensions: dims,
      asked: askedSets(cells),
    });
  }
  return out;
}

/** An importance as the rule handles it (its published part is the correlation). */
function importanceEstimate(importance: Importance): { index: Importance & { suppressed: boolean } } {
  return { index: importance };
}

function reliabilityEstimate(domain: Domain, key: string, set: string, items: string[], slopes: number[]) {
  const sums = addItemSets([...domain.values()].flatMap((c) => c.reliability[key]?.[set] ?? []));
  const n = sums?.n ?? 0;
  const alpha = sums ? cronbachAlpha(sums, slopes) : Number.NaN;
  const thin = n < 30;
  return {
    index: {
      alpha: thin || !Number.isFinite(alpha) ? null : alpha,
      items,
      n,
      suppressed: thin,
      ...(thin && n > 0 ? { withheld: 'thin' as const } : {}),
    },
  };
}

function itemResponse(cells: Domain, questions: readonly string[]): NonNullable<ReportSection['itemResponse']> {
  return Object.fromEntries(
    questions.map((q) => {
      let asked = 0;
      let answered = 0;
      for (const c of cells.values()) {
        asked += c.items[q]?.[0] ?? 0;
        answered += c.items[q]?.[1] ?? 0;
      }
      return [q, { asked, answered, rate: asked > 0 ? answered / asked : null }];
    }),
  );
}

function askedSets(cells: Domain): Record<CompositeIndexName, Set<string>> {
  const out = { satisfaction: new Set<string>(), image: new Set<string>(), value: new Set<string>() };
  for (const c of cells.values()) {
    for (const index of COMPOSITE_INDICES) {
      for (const set of Object.keys(c.composites[index]?.asked ?? {})) out[index].add(set);
    }
  }
  return out;
}

export type { ShareEstimate };
