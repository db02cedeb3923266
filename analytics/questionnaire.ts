/**
 * The questionnaire model: survey definitions, questions and responses as zod 4 schemas,
 * with the types derived from them. Shared by the API (validation), the nightly job
 * (which question feeds which index) and the widget (types only). Written with zod's functional
 * API (./zod.ts): the public routes parse them, and their cold start loads no classic zod.
 */
import * as z from './zod.ts';
import { typesetAll } from './typography.ts';
import { AUDIENCES, CHANNELS, INDICES, isScaleQuestion, LOCALE, RESPONSE_ID, SLUG } from './questionnaire-rules.ts';

export {
  AUDIENCES,
  answerOf,
  askedTo,
  CHANNELS,
  DEFAULT_DIMENSIONS,
  INDICES,
  isScaleQuestion,
  isSlug,
  LOCALE,
  measuresOf,
  RESPONSE_ID,
  scaleOf,
  SLUG,
} from './questionnaire-rules.ts';

export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const IndexName = z.enum(INDICES);
export type IndexName = z.infer<typeof IndexName>;

export const Slug = z.string().check(z.regex(SLUG, 'expected 2–64 lowercase letters, digits and hyphens'));
export const Locale = z.string().check(z.regex(LOCALE, 'expected a BCP 47 language tag such as fr or fr-BE'));
export const ResponseId = z.string().check(z.regex(RESPONSE_ID, 'expected a ULID or a UUID'));
export const QuestionId = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected a lowercase id of letters, digits and _'));
export const Day = z.iso.date();

/** A text in several languages: `{fr: "…", en: "…"}`, each typeset by its language's rules (typography.ts). */
export const LocalizedText = z.record(Locale, z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))).check(
  z.refine((t) => Object.keys(t).length > 0, 'at least one language is required'),
  z.overwrite(typesetAll),
);
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Scale = z.object({
  min: z.int().check(z.minimum(-10), z.maximum(100)),
  max: z.int().check(z.minimum(-10), z.maximum(100)),
});
export type Scale = z.infer<typeof Scale>;

/**
 * A dimension's name. Built from a string, which the bundler writes in ASCII (analytics/typography.ts
 * says why); its source, which the OpenAPI document publishes as the pattern, is a literal's.
 */
// biome-ignore lint/complexity/useRegexLiterals: a literal would put a non-ASCII character in the bundle
const DIMENSION_NAME = new RegExp("^[\\p{L}\\p{N}][\\p{L}\\p{N} _'’.-]{0,63}$", 'u');

export const Measures = z.object({
  index: IndexName,
  dimension: z.optional(z.string().check(z.regex(DIMENSION_NAME, 'expected a short dimension name'))),
});
export type Measures = z.infer<typeof Measures>;

const questionBase = {
  id: QuestionId,
  label: LocalizedText,
  help: z.optional(LocalizedText),
  required: z.optional(z.boolean()),
  audiences: z.optional(z.array(Audience).check(z.minLength(1))),
};
const scaleBase = { ...questionBase, measures: z.optional(Measures), dontKnow: z.optional(z.boolean()) };

export const NpsQuestion = z.object({ ...scaleBase, type: z.literal('nps') });
export const RatingQuestion = z.object({
  ...scaleBase,
  type: z.literal('rating'),
  scale: Scale,
  reverse: z.optional(z.boolean()),
  minLabel: z.optional(LocalizedText),
  maxLabel: z.optional(LocalizedText),
});
export const DifferentialQuestion = z.object({
  ...scaleBase,
  type: z.literal('differential'),
  scale: Scale,
  reverse: z.optional(z.boolean()),
  left: LocalizedText,
  right: LocalizedText,
});
export const ComparisonQuestion = z.object({
  ...scaleBase,
  type: z.literal('comparison'),
  competitor: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
});
export const ChoiceOption = z.object({ id: QuestionId, label: LocalizedText });
export const ChoiceQuestion = z.object({
  ...questionBase,
  type: z.literal('choice'),
  options: z.array(ChoiceOption).check(z.maxLength(50)),
  multiple: z.optional(z.boolean()),
  /** Report cells and weighting margins may be defined by a single-choice question. */
  cell: z.optional(z.boolean()),
});
export const TextQuestion = z.object({
  ...questionBase,
  type: z.literal('text'),
  maxLength: z.int().check(z.minimum(1), z.maximum(5000)),
});

export const Question = z.discriminatedUnion('type', [
  NpsQuestion,
  RatingQuestion,
  DifferentialQuestion,
  ComparisonQuestion,
  ChoiceQuestion,
  TextQuestion,
]);
export type Question = z.infer<typeof Question>;
export type ScaleQuestion = Extract<Question, { type: 'nps' | 'rating' | 'differential' | 'comparison' }>;

const SurveyShape = z.object({
  title: LocalizedText,
  intro: z.optional(LocalizedText),
  /** The territory's full privacy notice, linked from the thank-you screen. */
  privacyUrl: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(500))),
  defaultLocale: z._default(Locale, 'fr'),
  audiences: z.array(Audience).check(z.minLength(1)),
  questions: z.array(Question).check(z.minLength(1), z.maxLength(200)),
  /**
   * The question the diagnostic correlates each dimension with (an overall satisfaction, say);
   * absent, the first NPS question (the 0–10 recommendation).
   */
  outcome: z.optional(QuestionId),
});

/** Every problem of a definition, one message each (zod only sees one field at a time). */
function definitionProblems(def: z.infer<typeof SurveyShape>): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const lang = def.defaultLocale;
  const needs = (text: LocalizedText | undefined, path: (string | number)[]) => {
    if (text && !(lang in text)) problems.push({ path, message: `missing the survey's default language "${lang}"` });
  };
  if (new Set(def.audiences).size !== def.audiences.length)
    problems.push({ path: ['audiences'], message: 'duplicate audience' });
  needs(def.title, ['title']);
  needs(def.intro, ['intro']);
  if (def.outcome !== undefined) {
    const outcome = def.questions.find((q) => q.id === def.outcome);
    if (!outcome || !isScaleQuestion(outcome) || outcome.type === 'comparison') {
      problems.push({ path: ['outcome'], message: 'the outcome must name an NPS, rating or differential question' });
    }
  }
  const seen = new Set<string>();
  def.questions.forEach((q, i) => {
    const at = (...p: (string | number)[]) => ['questions', i, ...p];
    if (seen.has(q.id)) problems.push({ path: at('id'), message: `duplicate question id "${q.id}"` });
    seen.add(q.id);
    needs(q.label, at('label'));
    needs(q.help, at('help'));
    for (const a of q.audiences ?? []) {
      if (!def.audiences.includes(a))
        problems.push({ path: at('audiences'), message: `audience "${a}" is not one of the survey's` });
    }
    switch (q.type) {
      case 'rating':
      case 'differential': {
        if (q.scale.min >= q.scale.max)
          problems.push({ path: at('scale'), message: 'scale.min must be less than scale.max' });
        if (q.scale.max - q.scale.min > 20)
          problems.push({ path: at('scale'), message: 'a scale has at most 21 points' });
        if (q.type === 'differential') {
          needs(q.left, at('left'));
          needs(q.right, at('right'));
        } else {
          needs(q.minLabel, at('minLabel'));
          needs(q.maxLabel, at('maxLabel'));
        }
        if (q.measures && (q.measures.index === 'nps' || q.measures.index === 'relativeValue')) {
          problems.push({
            path: at('measures', 'index'),
            message: `a ${q.type} question cannot measure ${q.measures.index}`,
          });
        }
        if (q.measures && !q.measures.dimension) {
          problems.push({
            path: at('measures', 'dimension'),
            message: `the ${q.measures.index} index needs a dimension`,
          });
        }
        break;
      }
      case 'nps':
        if (q.measures && q.measures.index !== 'nps')
          problems.push({ path: at('measures', 'index'), message: 'an nps question measures the nps index' });
        break;
      case 'comparison':
        if (q.measures && q.measures.index !== 'relativeValue') {
          problems.push({ path: at('measures', 'index'), message: 'a comparison question measures relativeValue' });
        }
        break;
      case 'choice': {
        if (q.options.length === 0)
          problems.push({ path: at('options'), message: 'a choice needs at least one option' });
        const ids = new Set<string>();
        q.options.forEach((o, j) => {
          if (ids.has(o.id)) problems.push({ path: at('options', j, 'id'), message: `duplicate option id "${o.id}"` });
          ids.add(o.id);
          needs(o.label, at('options', j, 'label'));
        });
        if (q.cell && q.multiple)
          problems.push({ path: at('cell'), message: 'only a single choice can define report cells' });
        break;
      }
      case 'text':
        break;
    }
  });
  return problems;
}

export const SurveyDefinition = SurveyShape.check(
  z.superRefine((def, ctx) => {
    for (const p of definitionProblems(def)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  }),
);
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>;

/** An answer: a scale point, an option id, option ids, a text, or null for "don't know". */
export const AnswerValue = z.union([z.number(), z.string(), z.array(z.string()).check(z.maxLength(50)), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValue>;
/**
 * Answers by question id. A record drops a `__proto__` key without a word (assigning it would
 * set the prototype), so it is refused here first: no question can have that id.
 */
export const Answers = z.pipe(
  z.transform((value: unknown, ctx) => {
    if (value && typeof value === 'object' && Object.hasOwn(value, '__proto__'))
      ctx.issues.push({ code: 'custom', message: 'unknown question', path: ['__proto__'], input: value });
    return value;
  }),
  z
    .record(z.string().check(z.maxLength(64)), AnswerValue)
    .check(z.refine((a) => Object.keys(a).length <= 200, 'at most 200 answers')),
);
export type Answers = z.infer<typeof Answers>;

export const ResponseBody = z.object({
  id: ResponseId,
  audience: Audience,
  locale: Locale,
  answers: Answers,
  channel: z._default(Channel, 'web'),
  submittedAt: z.optional(z.iso.datetime({ offset: true })),
  version: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
});
export type ResponseBody = z.infer<typeof ResponseBody>;

/** A response as stored and aggregated: the body, resolved and placed in its day. */
export interface StoredResponse {
  id: string;
  surveyId: string;
  version: number;
  audience: Audience;
  locale: string;
  channel: Channel;
  submittedAt: string;
  day: string;
  answers: Answers;
}
