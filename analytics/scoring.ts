/**
 * From one response to its respondent-level scores, with the definition of the version it
 * answered. Only what a question measures counts; null ("don't know"), a missing answer or an
 * answer off its scale is no answer.
 *
 * A composite index (satisfaction, image, value) counts a respondent only when they answered at
 * least half of the index's dimensions that their version asked them: a version that adds a
 * dimension, or a respondent who skips most of them, must not move the index by who answered
 * what rather than by what they think.
 */
import { lcm, lcmUpTo } from './moments.ts';
import {
  type Answers,
  AUDIENCES,
  type Audience,
  askedTo,
  type IndexName,
  isScaleQuestion,
  measuresOf,
  type Question,
  type Scale,
  type SurveyDefinition,
  scaleOf,
} from './questionnaire.ts';

export const COMPOSITE_INDICES = ['satisfaction', 'image', 'value'] as const;
export type CompositeIndexName = (typeof COMPOSITE_INDICES)[number];

export interface ScaleItem {
  id: string;
  scale: Scale;
  reverse: boolean;
  measures: { index: IndexName; dimension: string } | undefined;
}

/**
 * The units scores are counted in (moments.ts): a dimension's d = lcm(1…K)·lcm(ranges of its K
 * items), a composite's lcm(1…M)·lcm(d of its M dimensions), per survey version. A score s points
 * is then the integer s·d/100.
 */
export interface ScoreUnits {
  /** `index/dimension` → d, and per item of the dimension lcm(ranges)/range (its weight in the sum). */
  dimensions: Map<string, { d: number; k: number; lcmRange: number }>;
  composites: Record<CompositeIndexName, number>;
}

/** What one audience is asked in one version. */
export interface AudiencePlan {
  /** Every question asked, for the item response rate. */
  asked: Question[];
  /** Per composite index, the dimensions asked (sorted); the half-rule and comparisons read it. */
  dimensions: Record<CompositeIndexName, string[]>;
  /** `index/dimension` → its items (sorted ids), for dimensions with two items or more. */
  itemSets: Map<string, ScaleItem[]>;
}

/** What the aggregation needs of one survey version, computed once per version. */
export interface ScoringPlan {
  /** Single-choice questions marked `cell: true`, sorted by id. */
  cellQuestions: string[];
  scales: ScaleItem[];
  choices: { id: string; multiple: boolean }[];
  /** The question the drivers correlate with: the survey's `outcome`, else its first NPS question. */
  outcome: ScaleItem | undefined;
  /** The survey's languages: a response in another language counts as `other`. */
  languages: Set<string>;
  audiences: Record<Audience, AudiencePlan>;
  units: ScoreUnits;
}

function unitsOf(items: readonly ScaleItem[]): ScoreUnits {
  const byDim = new Map<string, number[]>();
  for (const item of items) {
    const m = item.measures;
    if (!m || m.index === 'nps' || m.index === 'relativeValue') continue;
    const key = `${m.index}/${m.dimension}`;
    byDim.set(key, [...(byDim.get(key) ?? []), item.scale.max - item.scale.min]);
  }
  const dimensions = new Map<string, { d: number; k: number; lcmRange: number }>();
  for (const [key, ranges] of byDim) {
    const lcmRange = ranges.reduce(lcm, 1);
    dimensions.set(key, { d: lcmUpTo(ranges.length) * lcmRange, k: ranges.length, lcmRange });
  }
  const composites = { satisfaction: 1, image: 1, value: 1 };
  for (const index of COMPOSITE_INDICES) {
    const ds = [...dimensions].filter(([k]) => k.startsWith(`${index}/`)).map(([, u]) => u.d);
    composites[index] = lcmUpTo(ds.length) * ds.reduce(lcm, 1);
  }
  return { dimensions, composites };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function audiencePlan(def: SurveyDefinition, items: ScaleItem[], audience: Audience): AudiencePlan {
  const asked = def.questions.filter((q) => askedTo(q, audience));
  const askedIds = new Set(asked.map((q) => q.id));
  const dims = { satisfaction: new Set<string>(), image: new Set<string>(), value: new Set<string>() };
  const sets = new Map<string, ScaleItem[]>();
  for (const item of items) {
    const m = item.measures;
    if (!askedIds.has(item.id) || !m || m.index === 'nps' || m.index === 'relativeValue') continue;
    dims[m.index].add(m.dimension);
    const key = `${m.index}/${m.dimension}`;
    sets.set(key, [...(sets.get(key) ?? []), item]);
  }
  const itemSets = new Map([...sets].filter(([, list]) => list.length >= 2).map(([k, list]) => [k, list.sort(byId)]));
  return {
    asked,
    dimensions: {
      satisfaction: [...dims.satisfaction].sort(),
      image: [...dims.image].sort(),
      value: [...dims.value].sort(),
    },
    itemSets,
  };
}

export function scoringPlan(def: SurveyDefinition): ScoringPlan {
  const scales: ScaleItem[] = [];
  const choices: ScoringPlan['choices'] = [];
  const cellQuestions: string[] = [];
  for (const q of def.questions) {
    if (isScaleQuestion(q)) {
      const reverse = (q.type === 'rating' || q.type === 'differential') && q.reverse === true;
      scales.push({ id: q.id, scale: scaleOf(q), reverse, measures: measuresOf(q) });
    } else if (q.type === 'choice') {
      choices.push({ id: q.id, multiple: q.multiple === true });
      if (q.cell && !q.multiple) cellQuestions.push(q.id);
    }
  }
  cellQuestions.sort();
  const outcome = def.outcome
    ? scales.find((s) => s.id === def.outcome)
    : scales.find((s) => s.measures?.index === 'nps');
  const audiences = Object.fromEntries(AUDIENCES.map((a) => [a, audiencePlan(def, scales, a)])) as Record<
    Audience,
    AudiencePlan
  >;
  return {
    cellQuestions,
    scales,
    choices,
    outcome,
    languages: new Set(Object.keys(def.title)),
    audiences,
    units: unitsOf(scales),
  };
}

/** `100·(x − min)/(max − min)`, after `max + min − x` for a reverse-coded item. */
export function rescale(x: number, scale: Scale, reverse = false): number {
  const v = reverse ? scale.max + scale.min - x : x;
  return (100 * (v - scale.min)) / (scale.max - scale.min);
}

/** The point after reverse coding (`max + min − x` for a reverse-coded item). */
export const codedPoint = (x: number, item: ScaleItem): number =>
  item.reverse ? item.scale.max + item.scale.min - x : x;

/** The scale point an answer gives, or undefined when it is no answer (null, missing, off the scale). */
export function scalePoint(value: Answers[string] | undefined, scale: Scale): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < scale.min || value > scale.max) return undefined;
  return value;
}

/** An answer read as an own property only: a question id such as `constructor` names nothing inherited. */
export const answerOf = (answers: Answers, id: string): Answers[string] | undefined =>
  Object.hasOwn(answers, id) ? answers[id] : undefined;

export type NetCategory = 'positive' | 'neutral' | 'negative';

/** NPS: promoters 9–10, passives 7–8, detractors 0–6 (of the respondent's mean answer). */
export function npsCategory(x: number): NetCategory {
  return x >= 9 ? 'positive' : x > 6 ? 'neutral' : 'negative';
}

/** Relative value on 1–5: better 4–5, same 3, worse 1–2 (of the respondent's mean answer). */
export function relativeValueCategory(x: number): NetCategory {
  return x >= 4 ? 'positive' : x > 2 ? 'neutral' : 'negative';
}

/** A score as an integer in units of 100/d points. */
export interface UnitScore {
  c: number;
  d: number;
}

export interface RespondentScores {
  /** Mean raw 0–10 answer (one question in practice). */
  nps: number | undefined;
  /** Only the composites the respondent counts in (the half-rule above). */
  composites: Map<CompositeIndexName, UnitScore>;
  /** Every dimension answered, composite counted or not: dimensions are reported on their own. */
  dimensions: Map<CompositeIndexName, Map<string, UnitScore>>;
  /** Mean raw 1–5 answer per competitor. */
  relativeValue: Map<string, number>;
  /** The outcome question's coded point, for the drivers. */
  outcome: number | undefined;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function push<K>(map: Map<K, number[]>, key: K, x: number) {
  const list = map.get(key);
  if (list) list.push(x);
  else map.set(key, [x]);
}

/**
 * A respondent's scores, exactly: a dimension is the mean of their rescaled answers in it, a
 * composite the mean of the dimensions they answered (when they answered at least half of those
 * asked), each as an integer in its unit (see `ScoreUnits`). Dimensions keep the definition's order.
 */
export function scoreRespondent(plan: ScoringPlan, audience: Audience, answers: Answers): RespondentScores {
  const npsAnswers: number[] = [];
  const relative = new Map<string, number[]>();
  // index → dimension → [Σ coded·lcmRange/range, answered items]
  const byDimension = new Map<CompositeIndexName, Map<string, [number, number]>>();
  for (const item of plan.scales) {
    if (!item.measures) continue;
    const x = scalePoint(answerOf(answers, item.id), item.scale);
    if (x === undefined) continue;
    const { index, dimension } = item.measures;
    if (index === 'nps') npsAnswers.push(x);
    else if (index === 'relativeValue') push(relative, dimension, x);
    else {
      let dims = byDimension.get(index);
      if (!dims) byDimension.set(index, (dims = new Map()));
      const unit = plan.units.dimensions.get(`${index}/${dimension}`);
      const range = item.scale.max - item.scale.min;
      const sum = dims.get(dimension) ?? [0, 0];
      sum[0] += (codedPoint(x, item) - item.scale.min) * ((unit?.lcmRange ?? range) / range);
      sum[1]++;
      dims.set(dimension, sum);
    }
  }
  const composites = new Map<CompositeIndexName, UnitScore>();
  const dimensions = new Map<CompositeIndexName, Map<string, UnitScore>>();
  for (const [index, dims] of byDimension) {
    const scores = new Map<string, UnitScore>();
    for (const [dim, [sum, k]] of dims) {
      const unit = plan.units.dimensions.get(`${index}/${dim}`) ?? { d: 1, k: 1, lcmRange: 1 };
      scores.set(dim, { c: (sum * lcmUpTo(unit.k)) / k, d: unit.d });
    }
    dimensions.set(index, scores);
    const asked = plan.audiences[audience].dimensions[index].length;
    if (2 * scores.size >= asked) {
      const d = plan.units.composites[index];
      let c = 0;
      for (const s of scores.values()) c += (s.c * d) / (scores.size * s.d);
      composites.set(index, { c, d });
    }
  }
  const relativeValue = new Map<string, number>();
  for (const [competitor, xs] of relative) relativeValue.set(competitor, mean(xs));
  const o = plan.outcome;
  const y = o ? scalePoint(answerOf(answers, o.id), o.scale) : undefined;
  return {
    nps: npsAnswers.length ? mean(npsAnswers) : undefined,
    composites,
    dimensions,
    relativeValue,
    outcome: y === undefined || !o ? undefined : codedPoint(y, o),
  };
}
