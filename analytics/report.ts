/**
 * The report from month roll-ups: overall and per audience, optionally weighted, compared with a
 * baseline period, read against objectives, with the diagnostic (drivers), scale quality and
 * choice shares; every figure under the disclosure rule. Pure: the caller reads the period's
 * months and the survey's month counts and passes them in.
 */
import { holm, netScoreZTest, welchTTest } from './compare.ts';
import { Disclosure, DISCLOSURE_THRESHOLD, type MonthCounts } from './disclosure.ts';
import { durablySuperior, type MeanEstimate, type NetEstimate } from './indices.ts';
import { type MonthAggregate, PeriodView } from './period.ts';
import {
  AUDIENCES,
  type Audience,
  isScaleQuestion,
  measuresOf,
  type SurveyDefinition,
  scaleOf,
} from './questionnaire.ts';
import {
  type ComparisonEntry,
  type IndexResult,
  type Objective,
  type ObjectiveResult,
  objectiveIndex,
  type Report,
  type ReportSection,
  type SectionComparison,
  type WeightingTargets,
} from './report-schema.ts';
import { COMPOSITE_INDICES, type CompositeIndexName } from './scoring.ts';
import { periodSections, type SectionEstimates, type SectionNames } from './section.ts';

export type { Report } from './report-schema.ts';

export interface PeriodInput {
  from: string;
  to: string;
  /** The roll-ups of every month the period touches. */
  months: MonthAggregate[];
}

export interface ReportInput extends PeriodInput {
  surveyId: string;
  generatedAt: string;
  /** The current definition: it names the dimensions, competitors, questions and audiences to show. */
  definition: SurveyDefinition;
  /** The counts of every month of the survey's history: the disclosure rule's blocks. */
  history: MonthCounts[];
  /** A closed baseline period. */
  baseline?: PeriodInput;
  /** The two periods of the same length before this one, oldest first: durable superiority. */
  earlier?: PeriodInput[];
  /** Population targets per margin; absent: unweighted. */
  weighting?: WeightingTargets;
  objectives?: Objective[];
}

const sortedUnion = (...sets: Iterable<string>[]) => [...new Set(sets.flatMap((s) => [...s]))].sort();

/** Every dimension, competitor, item and question of the definition or present in the data. */
function namesOf(definition: SurveyDefinition, views: PeriodView[]): SectionNames {
  const dims = { satisfaction: new Set<string>(), image: new Set<string>(), value: new Set<string>() };
  const competitors = new Set<string>();
  const items = new Set<string>();
  const itemsOf = new Map<string, { id: string; slope: number }[]>();
  for (const q of definition.questions) {
    if (!isScaleQuestion(q)) continue;
    const m = measuresOf(q);
    const s = scaleOf(q);
    if (m?.index === 'relativeValue') competitors.add(m.dimension);
    else if (m && m.index !== 'nps') {
      dims[m.index].add(m.dimension);
      const key = `${m.index}/${m.dimension}`;
      itemsOf.set(key, [...(itemsOf.get(key) ?? []), { id: q.id, slope: 100 / (s.max - s.min) }]);
    }
    if (s.max - s.min === 4) items.add(q.id);
  }
  for (const view of views) {
    for (const cell of view.cells) {
      for (const index of COMPOSITE_INDICES) {
        for (const d of Object.keys(cell.composites[index]?.dimensions ?? {})) dims[index].add(d);
      }
      for (const c of Object.keys(cell.relativeValue)) competitors.add(c);
      for (const q of Object.keys(cell.topTwoBox)) items.add(q);
    }
  }
  const reliability = [...itemsOf]
    .filter(([, list]) => list.length >= 2)
    .map(([key, list]) => {
      const sorted = [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { key, items: sorted.map((i) => i.id), slopes: sorted.map((i) => i.slope) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const outcome = definition.outcome ?? definition.questions.find((q) => q.type === 'nps')?.id;
  return {
    dimensions: {
      satisfaction: sortedUnion(dims.satisfaction),
      image: sortedUnion(dims.image),
      value: sortedUnion(dims.value),
    },
    competitors: sortedUnion(competitors),
    topTwoBoxItems: sortedUnion(items),
    choices: definition.questions.flatMap((q) =>
      q.type === 'choice' ? [{ id: q.id, options: q.options.map((o) => o.id) }] : [],
    ),
    questions: definition.questions.map((q) => q.id),
    reliability,
    outcome,
  };
}

function entry(
  index: IndexResult,
  baseline: IndexResult,
  test: () => { delta: number; se: number; statistic: number; p: number },
) {
  if (index.suppressed || baseline.suppressed) return null;
  const { delta, se, statistic, p } = test();
  // Both sides without variance and different values: an infinite statistic JSON cannot carry.
  if (!Number.isFinite(statistic)) return null;
  return { delta, se, statistic, p, significant: false };
}

const sameSets = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Holm's adjustment over a family of comparisons, in place. */
function adjust(family: ComparisonEntry[]) {
  const shown = family.filter((e): e is NonNullable<ComparisonEntry> => e !== null);
  holm(shown.map((e) => e.p)).significant.forEach((s, i) => {
    const e = shown[i];
    if (e) e.significant = s;
  });
}

/**
 * One section's comparisons. A composite is compared only when both periods asked the same
 * dimensions of it (else `withheld: versions`, and its dimensions speak instead); the headline
 * indices form one Holm family, the dimensions another.
 */
function compareSections(current: SectionEstimates, baseline: SectionEstimates): SectionComparison {
  const net = (a: NetEstimate | undefined, b: NetEstimate | undefined): ComparisonEntry =>
    a && b ? entry(a.index, b.index, () => netScoreZTest(a, b)) : null;
  const mean = (a: MeanEstimate | undefined, b: MeanEstimate | undefined): ComparisonEntry =>
    a && b ? entry(a.index, b.index, () => welchTTest(a, b)) : null;
  const withheld: Record<string, 'versions'> = {};
  const composite = (index: CompositeIndexName) => {
    if (!sameSets(current.asked[index], baseline.asked[index])) {
      withheld[index] = 'versions';
      return null;
    }
    return mean(current.headline[index], baseline.headline[index]);
  };
  const c = current.headline;
  const result: SectionComparison = {
    nps: net(c.nps, baseline.headline.nps),
    satisfaction: composite('satisfaction'),
    image: composite('image'),
    value: composite('value'),
    relativeValue: Object.fromEntries(
      [...c.relativeValue].map(([k, e]) => [k, net(e, baseline.headline.relativeValue.get(k))]),
    ),
  };
  adjust([result.nps, result.satisfaction, result.image, result.value, ...Object.values(result.relativeValue)]);
  const dimensions = Object.fromEntries(
    COMPOSITE_INDICES.map((index) => [
      index,
      Object.fromEntries(
        [...current.dimensions[index]].flatMap(([dim, e]) => {
          const b = baseline.dimensions[index].get(dim);
          return b && b.index.n > 0 && e.index.n > 0 ? [[dim, mean(e, b)]] : [];
        }),
      ),
    ]),
  ) as NonNullable<SectionComparison['dimensions']>;
  adjust(COMPOSITE_INDICES.flatMap((index) => Object.values(dimensions[index])));
  return { ...result, dimensions, ...(Object.keys(withheld).length ? { withheld } : {}) };
}

function objectiveResult(
  objective: Objective,
  overall: ReportSection,
  byAudience: Record<string, ReportSection>,
): ObjectiveResult {
  const index = objectiveIndex(objective, overall, byAudience);
  const value = index?.value ?? null;
  return {
    ...objective,
    value,
    distance: value === null ? null : value - objective.target,
    ciAboveTarget: index?.ciLow != null && index.ciLow > objective.target,
  };
}

interface PeriodResult {
  view: PeriodView;
  sections: Map<'overall' | Audience, SectionEstimates>;
}

const versionsOf = (view: PeriodView) => view.versions;

export function buildReport(input: ReportInput): Report {
  const disclosure = new Disclosure(input.history);
  const view = (p: PeriodInput) => new PeriodView(input.surveyId, p.months, input.weighting);
  const current = view(input);
  const baseline = input.baseline ? view(input.baseline) : undefined;
  const earlier = (input.earlier ?? []).map(view);
  const names = namesOf(input.definition, [current, ...(baseline ? [baseline] : [])]);
  const seen = new Set<string>([
    ...input.definition.audiences,
    ...[current, ...(baseline ? [baseline] : [])].flatMap((v) => v.cells.map((c) => c.key.audience)),
  ]);
  const audiences = AUDIENCES.filter((a) => seen.has(a));
  const estimate = (v: PeriodView, period: { from: string; to: string }): PeriodResult => ({
    view: v,
    sections: periodSections({ view: v, disclosure, period, audiences, names }),
  });
  const now = estimate(current, input);
  const sectionOf = (r: PeriodResult, g: 'overall' | Audience) => r.sections.get(g) as SectionEstimates;
  const sectionsOf = (r: PeriodResult) => Object.fromEntries(audiences.map((a) => [a, sectionOf(r, a).section]));

  // Durably superior: this period and the two before it, per competitor and section.
  const before = earlier.map((v, i) => estimate(v, input.earlier?.[i] as PeriodInput));
  for (const g of ['overall' as const, ...audiences]) {
    const section = sectionOf(now, g).section;
    section.durablySuperior = Object.fromEntries(
      names.competitors.map((k) => {
        const periods = [...before.map((r) => sectionOf(r, g).section.relativeValue[k]), section.relativeValue[k]];
        if (before.length < 2 || periods.some((p) => !p || p.suppressed)) return [k, null];
        return [k, durablySuperior(periods as IndexResult[])];
      }),
    );
  }

  const overall = sectionOf(now, 'overall').section;
  const byAudience = sectionsOf(now);
  const report: Report = {
    surveyId: input.surveyId,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    versions: versionsOf(current),
    overall,
    byAudience,
    comparison: null,
    objectives: (input.objectives ?? []).map((o) => objectiveResult(o, overall, byAudience)),
    weighting: current.sample.weighting,
    disclosure: { threshold: DISCLOSURE_THRESHOLD },
  };
  if (baseline && input.baseline) {
    const then = estimate(baseline, input.baseline);
    report.baseline = {
      from: input.baseline.from,
      to: input.baseline.to,
      versions: versionsOf(baseline),
      overall: sectionOf(then, 'overall').section,
      byAudience: sectionsOf(then),
    };
    report.baselineWeighting = baseline.sample.weighting;
    report.comparison = {
      overall: compareSections(sectionOf(now, 'overall'), sectionOf(then, 'overall')),
      byAudience: Object.fromEntries(audiences.map((a) => [a, compareSections(sectionOf(now, a), sectionOf(then, a))])),
    };
  }
  return report;
}
