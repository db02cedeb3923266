/**
 * Blocks the three barometers share, worded the same for every public so that their indices
 * can be set side by side: the place-brand hexagon, and the plain scales they use.
 */
import type { LocalizedText, Question } from '../questionnaire.ts';
import type { TemplateBlock } from './template.ts';

export const agree7 = {
  scale: { min: 1, max: 7 },
  minLabel: { fr: 'Pas du tout d’accord', en: 'Strongly disagree' },
  maxLabel: { fr: 'Tout à fait d’accord', en: 'Strongly agree' },
};
export const agree5 = {
  scale: { min: 1, max: 5 },
  minLabel: { fr: 'Pas du tout d’accord', en: 'Strongly disagree' },
  maxLabel: { fr: 'Tout à fait d’accord', en: 'Strongly agree' },
};
export const satisfied5 = {
  scale: { min: 1, max: 5 },
  minLabel: { fr: 'Pas du tout satisfait', en: 'Not at all satisfied' },
  maxLabel: { fr: 'Très satisfait', en: 'Very satisfied' },
};

type Index = 'satisfaction' | 'image' | 'value';

/** A rating question that feeds one dimension of an index. */
export function rated(
  index: Index,
  dimension: string,
  label: LocalizedText,
  scale: typeof agree5 | typeof agree7 | typeof satisfied5,
  extra: Partial<Question> = {},
): Question {
  return {
    id: `${index === 'satisfaction' ? 'sat' : index === 'image' ? 'img' : 'val'}_${dimension}`,
    type: 'rating',
    label,
    ...scale,
    measures: { index, dimension },
    ...extra,
  } as Question;
}

/** "Not concerned" is no answer: someone who did not sleep over does not rate the hotels. */
export const notConcerned = { dontKnow: true } as const;

export const hexagon: TemplateBlock = {
  id: 'image',
  title: { fr: 'L’image du territoire', en: 'The place’s image' },
  why: {
    fr: 'Six affirmations, une par face de l’hexagone de la marque territoriale d’Anholt : notoriété, cadre, équipements de base, habitants, animation, potentiel. Le rapport les nomme ainsi ; la personne interrogée, elle, lit des phrases ordinaires et dit si elle est d’accord. Les trois baromètres posent les mêmes six phrases, pour comparer l’image qu’en ont visiteurs, habitants et entreprises.',
    en: 'Six statements, one for each side of Anholt’s place-brand hexagon: presence, place, prerequisites, people, pulse, potential. The report uses those names; respondents read plain sentences and say whether they agree. All three barometers ask the same six, so the image visitors, residents and businesses hold can be set side by side.',
  },
  questions: [
    rated(
      'image',
      'presence',
      { fr: 'On entend souvent parler de {place}.', en: 'You often hear about {place}.' },
      agree7,
    ),
    rated(
      'image',
      'place',
      { fr: '{place} est un bel endroit, agréable à parcourir.', en: '{place} is a beautiful, pleasant place to be.' },
      agree7,
    ),
    rated(
      'image',
      'prerequisites',
      {
        fr: 'Tout y est pratique : se loger, se déplacer, trouver ce dont on a besoin.',
        en: 'Everything is easy there: finding a place to stay, getting around, finding what you need.',
      },
      agree7,
    ),
    rated(
      'image',
      'people',
      { fr: 'Les gens y sont accueillants et chaleureux.', en: 'People there are welcoming and warm.' },
      agree7,
    ),
    rated(
      'image',
      'pulse',
      { fr: 'Il s’y passe toujours quelque chose.', en: 'There is always something going on.' },
      agree7,
    ),
    rated(
      'image',
      'potential',
      { fr: '{place} est un territoire qui a de l’avenir.', en: '{place} is a place with a future.' },
      agree7,
    ),
  ],
};

/** One comparison per named competitor; the report's relative value is "better" minus "worse". */
export function versus(label: LocalizedText, why: LocalizedText, optional = false): TemplateBlock {
  return {
    id: 'competitors',
    title: { fr: 'Face aux concurrents', en: 'Against competitors' },
    why,
    perCompetitor: true,
    ...(optional ? { optional } : {}),
    questions: [{ id: 'vs_{slug}', type: 'comparison', competitor: '{competitor}', label }],
  };
}

export const comment: TemplateBlock = {
  id: 'comment',
  title: { fr: 'Un mot libre', en: 'In their own words' },
  why: {
    fr: 'Une seule question ouverte, facultative, en fin de questionnaire : elle dit ce que les échelles ne savent pas dire et donne les mots des gens pour la communication. Elle n’entre dans aucun indice.',
    en: 'One open, optional question at the end: it says what scales cannot and gives people’s own words for communication. It feeds no index.',
  },
  questions: [
    {
      id: 'comment',
      type: 'text',
      maxLength: 1000,
      label: { fr: 'Un mot pour nous ? (facultatif)', en: 'Anything to tell us? (optional)' },
    },
  ],
};

/** A single choice that can define report cells and weighting margins. */
export function profile(id: string, label: LocalizedText, options: [string, string, string][]): Question {
  return {
    id,
    type: 'choice',
    cell: true,
    label,
    options: options.map(([oid, fr, en]) => ({ id: oid, label: { fr, en } })),
  };
}
