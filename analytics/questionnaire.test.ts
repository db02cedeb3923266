import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.ts';
import { Answers, SurveyDefinition, answerOf, measuresOf, type SurveyDefinitionInput } from './questionnaire.ts';

const base: SurveyDefinitionInput = {
  title: { fr: 'Enquête', en: 'Survey' },
  audiences: ['visitor', 'resident'],
  questions: [{ id: 'recommend', type: 'nps', label: { fr: 'Recommanderiez-vous ?' } }],
};

const problems = (def: unknown) => {
  const r = SurveyDefinition.safeParse(def);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('SurveyDefinition', () => {
  it('accepts every question type of the contract', () => {
    const def = SurveyDefinition.parse({
      ...base,
      questions: [
        { id: 'recommend', type: 'nps', label: { fr: 'Recommanderiez-vous ?' } },
        {
          id: 'sat',
          type: 'rating',
          scale: { min: 1, max: 5 },
          reverse: true,
          label: { fr: 'Accueil' },
          measures: { index: 'satisfaction', dimension: 'welcome' },
        },
        {
          id: 'img',
          type: 'differential',
          scale: { min: 1, max: 7 },
          left: { fr: 'Terne' },
          right: { fr: 'Vivante' },
          label: { fr: 'Ville' },
          measures: { index: 'image', dimension: 'pulse' },
        },
        { id: 'vs', type: 'comparison', competitor: 'Nîmes', label: { fr: 'Par rapport à Nîmes' } },
        { id: 'from', type: 'choice', options: [{ id: 'fr', label: { fr: 'France' } }], label: { fr: 'Origine' } },
        { id: 'txt', type: 'text', maxLength: 200, label: { fr: 'Un mot ?' }, audiences: ['resident'] },
      ],
    });
    expect(def.defaultLocale).toBe('fr');
    expect(measuresOf(def.questions[3]!)).toEqual({ index: 'relativeValue', dimension: 'Nîmes' });
  });

  it('refuses a definition that makes no sense, with one message per problem', () => {
    const found = problems({
      ...base,
      questions: [
        { id: 'q', type: 'nps', label: { fr: 'A' } },
        {
          id: 'q',
          type: 'rating',
          scale: { min: 5, max: 5 },
          label: { en: 'B' },
          measures: { index: 'satisfaction', dimension: 'x' },
        },
        { id: 'c', type: 'choice', options: [], label: { fr: 'C' } },
        {
          id: 'm',
          type: 'rating',
          scale: { min: 1, max: 5 },
          label: { fr: 'D' },
          measures: { index: 'happiness', dimension: 'x' },
        },
        { id: 'a', type: 'text', maxLength: 10, label: { fr: 'E' }, audiences: ['investor'] },
      ],
    });
    expect(found).toContain(
      'questions.3.measures.index: Invalid option: expected one of "nps"|"satisfaction"|"image"|"value"|"relativeValue"',
    );
    const valid = problems({
      ...base,
      questions: [
        { id: 'q', type: 'nps', label: { fr: 'A' } },
        {
          id: 'q',
          type: 'rating',
          scale: { min: 5, max: 5 },
          label: { en: 'B' },
          measures: { index: 'satisfaction', dimension: 'x' },
        },
        { id: 'c', type: 'choice', options: [], label: { fr: 'C' } },
        { id: 'a', type: 'text', maxLength: 10, label: { fr: 'E' }, audiences: ['investor'] },
      ],
    });
    expect(valid).toEqual([
      'questions.1.id: duplicate question id "q"',
      'questions.1.label: missing the survey\'s default language "fr"',
      'questions.1.scale: scale.min must be less than scale.max',
      'questions.2.options: a choice needs at least one option',
      'questions.3.audiences: audience "investor" is not one of the survey\'s',
    ]);
  });

  it('refuses a scale question that measures an index without a dimension, or the wrong index', () => {
    expect(
      problems({
        ...base,
        questions: [
          { id: 'r', type: 'rating', scale: { min: 1, max: 5 }, label: { fr: 'R' }, measures: { index: 'image' } },
        ],
      }),
    ).toEqual(['questions.0.measures.dimension: the image index needs a dimension']);
    expect(
      problems({
        ...base,
        questions: [{ id: 'n', type: 'nps', label: { fr: 'N' }, measures: { index: 'value', dimension: 'price' } }],
      }),
    ).toEqual(['questions.0.measures.index: an nps question measures the nps index']);
  });
});

describe('validateAnswers', () => {
  const def = SurveyDefinition.parse({
    ...base,
    questions: [
      { id: 'recommend', type: 'nps', required: true, label: { fr: 'R' } },
      {
        id: 'many',
        type: 'choice',
        multiple: true,
        options: [
          { id: 'a', label: { fr: 'A' } },
          { id: 'b', label: { fr: 'B' } },
        ],
        label: { fr: 'M' },
      },
      { id: 'txt', type: 'text', maxLength: 3, label: { fr: 'T' }, audiences: ['resident'] },
    ],
  });

  it('accepts a complete answer and "don\'t know" (null) where not required', () => {
    expect(validateAnswers(def, 'resident', { recommend: 0, many: ['a', 'b'], txt: 'été' })).toEqual([]);
    expect(validateAnswers(def, 'visitor', { recommend: 10, many: null })).toEqual([]);
  });

  it('names each problem', () => {
    expect(validateAnswers(def, 'visitor', { recommend: null, many: 'a', txt: 'x' })).toEqual([
      { path: 'answers.recommend', message: 'an answer is required' },
      { path: 'answers.many', message: 'expected a list of option ids' },
      { path: 'answers.txt', message: 'this question is not asked to "visitor"' },
    ]);
    expect(validateAnswers(def, 'investor', {})).toEqual([
      { path: 'audience', message: 'this survey is not asked to "investor"' },
    ]);
  });
});

describe('prototype keys', () => {
  const def = SurveyDefinition.parse({
    ...base,
    questions: [
      { id: 'constructor', type: 'nps', required: true, label: { fr: 'C' } },
      { id: 'tostring', type: 'text', maxLength: 10, label: { fr: 'T' } },
    ],
  });

  it('does not take a question named like an Object.prototype member as answered', () => {
    expect(validateAnswers(def, 'visitor', {})).toEqual([
      { path: 'answers.constructor', message: 'an answer is required' },
    ]);
  });

  it('refuses an answer keyed __proto__ as an unknown question, not silently dropped', () => {
    const parsed = Answers.safeParse(JSON.parse('{"__proto__": 5, "constructor": 3}'));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['__proto__', 'unknown question']]);
  });

  it('reads only own answers', () => {
    expect(answerOf({}, 'constructor')).toBeUndefined();
    expect(answerOf({}, 'toString')).toBeUndefined();
    expect(answerOf({ constructor: 7 }, 'constructor')).toBe(7);
  });
});
