/**
 * From one response to its respondent-level scores, with the definition of the version it
 * answered (METHODOLOGY.md "Scores"). Only what a question measures counts; null ("don't know"),
 * a missing answer or an answer off its scale is no answer.
 */
import {
  type Answers,
  type IndexName,
  type Scale,
  type SurveyDefinition,
  answerOf,
  isScaleQuestion,
  measuresOf,
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

/** What the aggregation needs of one survey version, computed once per version. */
export interface ScoringPlan {
  /** Single-choice questions marked `cell: true`, sorted by id. */
  cellQuestions: string[];
  scales: ScaleItem[];
  choices: { id: string; multiple: boolean }[];
}

export function scoringPlan(def: SurveyDefinition): ScoringPlan {
  const plan: ScoringPlan = { cellQuestions: [], scales: [], choices: [] };
  for (const q of def.questions) {
    if (isScaleQuestion(q)) {
      const reverse = (q.type === 'rating' || q.type === 'differential') && q.reverse === true;
      plan.scales.push({ id: q.id, scale: scaleOf(q), reverse, measures: measuresOf(q) });
    } else if (q.type === 'choice') {
      plan.choices.push({ id: q.id, multiple: q.multiple === true });
      if (q.cell && !q.multiple) plan.cellQuestions.push(q.id);
    }
  }
  plan.cellQuestions.sort();
  return plan;
}

/** `100·(x − min)/(max − min)`, after `max + min − x` for a reverse-coded item. */
export function rescale(x: number, scale: Scale, reverse = false): number {
  const v = reverse ? scale.max + scale.min - x : x;
  return (100 * (v - scale.min)) / (scale.max - scale.min);
}

/** The scale point an answer gives, or undefined when it is no answer (null, missing, off the scale). */
export function scalePoint(value: Answers[string] | undefined, scale: Scale): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < scale.min || value > scale.max) return undefined;
  return value;
}

export type NetCategory = 'positive' | 'neutral' | 'negative';

/** NPS: promoters 9–10, passives 7–8, detractors 0–6 (of the respondent's mean answer). */
export function npsCategory(x: number): NetCategory {
  return x >= 9 ? 'positive' : x > 6 ? 'neutral' : 'negative';
}

/** Relative value on 1–5: better 4–5, same 3, worse 1–2 (of the respondent's mean answer). */
export function relativeValueCategory(x: number): NetCategory {
  return x >= 4 ? 'positive' : x > 2 ? 'neutral' : 'negative';
}

export interface CompositeScore {
  score: number;
  dimensions: Map<string, number>;
}

export interface RespondentScores {
  /** Mean raw 0–10 answer (one question in practice). */
  nps: number | undefined;
  composites: Map<CompositeIndexName, CompositeScore>;
  /** Mean raw 1–5 answer per competitor. */
  relativeValue: Map<string, number>;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function push<K>(map: Map<K, number[]>, key: K, x: number) {
  const list = map.get(key);
  if (list) list.push(x);
  else map.set(key, [x]);
}

/**
 * A respondent's scores: a composite index is the mean of the dimensions they answered, a
 * dimension the mean of their rescaled answers in it. Dimensions keep the definition's order so
 * the floating-point sums are the same on every run.
 */
export function scoreRespondent(plan: ScoringPlan, answers: Answers): RespondentScores {
  const npsAnswers: number[] = [];
  const relative = new Map<string, number[]>();
  const byDimension = new Map<CompositeIndexName, Map<string, number[]>>();
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
      push(dims, dimension, rescale(x, item.scale, item.reverse));
    }
  }
  const composites = new Map<CompositeIndexName, CompositeScore>();
  for (const [index, dims] of byDimension) {
    const dimensions = new Map<string, number>();
    for (const [dim, xs] of dims) dimensions.set(dim, mean(xs));
    composites.set(index, { score: mean([...dimensions.values()]), dimensions });
  }
  const relativeValue = new Map<string, number>();
  for (const [competitor, xs] of relative) relativeValue.set(competitor, mean(xs));
  return { nps: npsAnswers.length ? mean(npsAnswers) : undefined, composites, relativeValue };
}
