/**
 * The questionnaire's rules that need no schema: the audiences, channels and indices, the
 * default dimensions, what a question measures and on which scale, who is asked it, and what an
 * answer is. Without zod, so the public Lambda, which validates without it, can use them; the
 * schemas and the types they give live in questionnaire.ts, which re-exports all of this.
 */
import type { Answers, AnswerValue, Audience, IndexName, Question, Scale, ScaleQuestion } from './questionnaire.ts';

export const AUDIENCES = ['visitor', 'resident', 'investor'] as const;
export const CHANNELS = ['web', 'kiosk', 'qr', 'email', 'paper'] as const;
export const INDICES = ['nps', 'satisfaction', 'image', 'value', 'relativeValue'] as const;

/** Default dimensions per index (METHODOLOGY.md); a survey may add its own. */
export const DEFAULT_DIMENSIONS: Record<Exclude<IndexName, 'nps' | 'relativeValue'>, readonly string[]> = {
  satisfaction: ['welcome', 'accommodation', 'food', 'heritage', 'nature', 'transport', 'events', 'services'],
  image: ['presence', 'place', 'prerequisites', 'people', 'pulse', 'potential'],
  value: ['quality', 'emotional', 'social', 'price'],
};

/** A territory's or survey's id: 2–64 lowercase letters, digits and hyphens, not starting or ending with one. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/;
export const isSlug = (s: string) => SLUG.test(s);
/** A BCP 47 language tag such as fr or fr-BE. */
export const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** A response's id, which the widget makes: a ULID or a UUID. */
export const RESPONSE_ID = /^(?:[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What a question measures, with the defaults its type implies (nps → nps, comparison → relativeValue/competitor). */
export function measuresOf(q: Question): { index: IndexName; dimension: string } | undefined {
  switch (q.type) {
    case 'nps':
      return { index: 'nps', dimension: 'nps' };
    case 'comparison':
      return { index: 'relativeValue', dimension: q.measures?.dimension ?? q.competitor };
    case 'rating':
    case 'differential':
      return q.measures?.dimension ? { index: q.measures.index, dimension: q.measures.dimension } : undefined;
    default:
      return undefined;
  }
}

/** The scale of a scale question (nps 0–10, comparison 1–5). */
export function scaleOf(q: ScaleQuestion): Scale {
  if (q.type === 'nps') return { min: 0, max: 10 };
  if (q.type === 'comparison') return { min: 1, max: 5 };
  return q.scale;
}

export function isScaleQuestion(q: Question): q is ScaleQuestion {
  return q.type === 'nps' || q.type === 'rating' || q.type === 'differential' || q.type === 'comparison';
}

export function askedTo(q: Question, audience: Audience): boolean {
  return !q.audiences || q.audiences.includes(audience);
}

/** The answer to a question, if the respondent gave one: own keys only, so `constructor` is no answer. */
export const answerOf = (answers: Answers, questionId: string): AnswerValue | undefined =>
  Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
