/**
 * The report of API.md from merged aggregates: overall and per audience, optionally weighted,
 * compared with a baseline period (Holm within each cell's headline indices) and read against
 * objectives. Pure: the caller merges the period's daily aggregates and passes them in.
 */
import { type DailyAggregate, cellId } from './aggregate-schema.ts';
import { holm, netScoreZTest, welchTTest } from './compare.ts';
import type { MeanEstimate, NetEstimate } from './indices.ts';
import { AUDIENCES, type SurveyDefinition, isScaleQuestion, measuresOf, scaleOf } from './questionnaire.ts';
import {
  type ComparisonEntry,
  type IndexResult,
  type Objective,
  type ObjectiveResult,
  type Report,
  type ReportSection,
  type SectionComparison,
  type WeightingInfo,
  type WeightingTargets,
  objectiveIndex,
} from './report-schema.ts';
import { COMPOSITE_INDICES } from './scoring.ts';
import { type SectionEstimates, type SectionNames, type WeightedCell, sectionOf } from './section.ts';
import { weightCells } from './weights.ts';

export type { Report } from './report-schema.ts';

export interface ReportInput {
  surveyId: string;
  from: string;
  to: string;
  generatedAt: string;
  /** The merge of the period's daily aggregates (`mergeAll`). */
  aggregate: DailyAggregate;
  /** The current definition: it names the dimensions, competitors and audiences to show. */
  definition: SurveyDefinition;
  /** The merge of a closed baseline period's daily aggregates. */
  baseline?: DailyAggregate;
  /** The baseline's days as asked (default: the days its aggregate covers). */
  baselineFrom?: string;
  baselineTo?: string;
  /** Population targets per margin; absent: unweighted. */
  weighting?: WeightingTargets;
  objectives?: Objective[];
}

const sortedUnion = (a: Iterable<string>, b: Iterable<string>) => [...new Set([...a, ...b])].sort();

/** Every dimension, competitor and 5-point item of the definition or present in the data. */
function namesOf(definition: SurveyDefinition, aggregates: DailyAggregate[]): SectionNames {
  const dims = { satisfaction: new Set<string>(), image: new Set<string>(), value: new Set<string>() };
  const competitors = new Set<string>();
  const items = new Set<string>();
  for (const q of definition.questions) {
    if (!isScaleQuestion(q)) continue;
    const m = measuresOf(q);
    if (m?.index === 'relativeValue') competitors.add(m.dimension);
    else if (m && m.index !== 'nps') dims[m.index].add(m.dimension);
    const s = scaleOf(q);
    if (s.max - s.min === 4) items.add(q.id);
  }
  for (const agg of aggregates) {
    for (const cell of agg.cells) {
      for (const index of COMPOSITE_INDICES)
        for (const d of Object.keys(cell.composites[index]?.dimensions ?? {})) dims[index].add(d);
      for (const c of Object.keys(cell.relativeValue)) competitors.add(c);
      for (const q of Object.keys(cell.topTwoBox)) items.add(q);
    }
  }
  return {
    dimensions: {
      satisfaction: sortedUnion(dims.satisfaction, []),
      image: sortedUnion(dims.image, []),
      value: sortedUnion(dims.value, []),
    },
    competitors: sortedUnion(competitors, []),
    topTwoBoxItems: sortedUnion(items, []),
  };
}

interface PeriodEstimates {
  overall: SectionEstimates;
  byAudience: Map<string, SectionEstimates>;
  weighting: WeightingInfo | null;
}

function estimatePeriod(
  aggregate: DailyAggregate,
  audiences: string[],
  names: SectionNames,
  targets?: WeightingTargets,
): PeriodEstimates {
  const weighted = targets && Object.keys(targets).length > 0 ? weightCells(aggregate.cells, targets) : undefined;
  const cells: WeightedCell[] = aggregate.cells.map((cell) => ({
    weight: weighted?.weights.get(cellId(cell.key)) ?? 1,
    cell,
  }));
  const byAudience = new Map(
    audiences.map(
      (a) =>
        [
          a,
          sectionOf(
            cells.filter((c) => c.cell.key.audience === a),
            names,
          ),
        ] as const,
    ),
  );
  return { overall: sectionOf(cells, names), byAudience, weighting: weighted?.info ?? null };
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

/** Comparisons of one cell's headline indices, Holm-adjusted as one family. */
function compareSections(current: SectionEstimates, baseline: SectionEstimates): SectionComparison {
  const net = (a: NetEstimate | undefined, b: NetEstimate | undefined): ComparisonEntry =>
    a && b ? entry(a.index, b.index, () => netScoreZTest(a, b)) : null;
  const mean = (a: MeanEstimate, b: MeanEstimate): ComparisonEntry => entry(a.index, b.index, () => welchTTest(a, b));
  const c = current.headline;
  const b = baseline.headline;
  const result: SectionComparison = {
    nps: net(c.nps, b.nps),
    satisfaction: mean(c.satisfaction, b.satisfaction),
    image: mean(c.image, b.image),
    value: mean(c.value, b.value),
    relativeValue: Object.fromEntries([...c.relativeValue].map(([k, e]) => [k, net(e, b.relativeValue.get(k))])),
  };
  const family = [
    result.nps,
    result.satisfaction,
    result.image,
    result.value,
    ...Object.values(result.relativeValue),
  ].filter((e): e is NonNullable<ComparisonEntry> => e !== null);
  holm(family.map((e) => e.p)).significant.forEach((s, i) => {
    const e = family[i];
    if (e) e.significant = s;
  });
  return result;
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

const sectionsOf = (p: PeriodEstimates) => Object.fromEntries([...p.byAudience].map(([a, s]) => [a, s.section]));

export function buildReport(input: ReportInput): Report {
  const aggregates = input.baseline ? [input.aggregate, input.baseline] : [input.aggregate];
  const names = namesOf(input.definition, aggregates);
  const seen = new Set<string>([
    ...input.definition.audiences,
    ...aggregates.flatMap((a) => a.cells.map((c) => c.key.audience)),
  ]);
  const audiences = AUDIENCES.filter((a) => seen.has(a));
  const current = estimatePeriod(input.aggregate, audiences, names, input.weighting);
  const byAudience = sectionsOf(current);
  const report: Report = {
    surveyId: input.surveyId,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    overall: current.overall.section,
    byAudience,
    comparison: null,
    objectives: (input.objectives ?? []).map((o) => objectiveResult(o, current.overall.section, byAudience)),
    weighting: current.weighting,
  };
  if (input.baseline) {
    const baseline = estimatePeriod(input.baseline, audiences, names, input.weighting);
    report.baseline = {
      from: input.baselineFrom ?? input.baseline.from ?? input.from,
      to: input.baselineTo ?? input.baseline.to ?? input.to,
      overall: baseline.overall.section,
      byAudience: sectionsOf(baseline),
    };
    report.baselineWeighting = baseline.weighting;
    const byAudienceComparison: Record<string, SectionComparison> = {};
    for (const [a, s] of current.byAudience) {
      const b = baseline.byAudience.get(a);
      if (b) byAudienceComparison[a] = compareSections(s, b);
    }
    report.comparison = {
      overall: compareSections(current.overall, baseline.overall),
      byAudience: byAudienceComparison,
    };
  }
  return report;
}
