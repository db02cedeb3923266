/**
 * A realistic demo survey and seeded synthetic responses for tests, benchmarks and demos.
 * Deterministic: the same seed gives the same responses on every machine.
 */
import {
  AUDIENCES,
  type Answers,
  type Audience,
  type Channel,
  type StoredResponse,
  SurveyDefinition,
  type SurveyDefinitionInput,
} from './questionnaire.ts';

const t = (fr: string, en: string) => ({ fr, en });

export const DEMO_SURVEY: SurveyDefinitionInput = {
  title: t('Votre avis sur le territoire', 'Your view of the territory'),
  audiences: ['visitor', 'resident', 'investor'],
  questions: [
    { id: 'recommend', type: 'nps', label: t('Recommanderiez-vous ?', 'Would you recommend?') },
    {
      id: 'sat_welcome',
      type: 'rating',
      scale: { min: 1, max: 5 },
      label: t('Accueil', 'Welcome'),
      measures: { index: 'satisfaction', dimension: 'welcome' },
    },
    {
      id: 'sat_food',
      type: 'rating',
      scale: { min: 1, max: 5 },
      label: t('Restauration', 'Food'),
      measures: { index: 'satisfaction', dimension: 'food' },
    },
    {
      id: 'sat_transport',
      type: 'rating',
      scale: { min: 1, max: 10 },
      label: t('Transports', 'Transport'),
      measures: { index: 'satisfaction', dimension: 'transport' },
    },
    {
      id: 'sat_transport_night',
      type: 'rating',
      scale: { min: 1, max: 10 },
      label: t('Transports de nuit', 'Night transport'),
      measures: { index: 'satisfaction', dimension: 'transport' },
    },
    {
      id: 'img_place',
      type: 'differential',
      scale: { min: 1, max: 7 },
      label: t('Cadre', 'Place'),
      left: t('laid', 'ugly'),
      right: t('beau', 'beautiful'),
      measures: { index: 'image', dimension: 'place' },
    },
    {
      id: 'img_people',
      type: 'differential',
      scale: { min: 1, max: 7 },
      reverse: true,
      label: t('Habitants', 'People'),
      left: t('accueillants', 'welcoming'),
      right: t('froids', 'cold'),
      measures: { index: 'image', dimension: 'people' },
    },
    {
      id: 'val_quality',
      type: 'rating',
      scale: { min: 1, max: 5 },
      label: t('Qualité', 'Quality'),
      measures: { index: 'value', dimension: 'quality' },
    },
    {
      id: 'val_price',
      type: 'rating',
      scale: { min: 1, max: 5 },
      reverse: true,
      label: t('Cherté', 'Expensiveness'),
      measures: { index: 'value', dimension: 'price' },
    },
    {
      id: 'cmp_nimes',
      type: 'comparison',
      competitor: 'Nîmes',
      label: t('Par rapport à Nîmes', 'Compared with Nîmes'),
    },
    { id: 'cmp_sete', type: 'comparison', competitor: 'Sète', label: t('Par rapport à Sète', 'Compared with Sète') },
    {
      id: 'origin',
      type: 'choice',
      cell: true,
      label: t('Vous venez de', 'You come from'),
      options: [
        { id: 'local', label: t('la région', 'the region') },
        { id: 'france', label: t('France', 'France') },
        { id: 'abroad', label: t('étranger', 'abroad') },
      ],
    },
    {
      id: 'interests',
      type: 'choice',
      multiple: true,
      label: t("Centres d'intérêt", 'Interests'),
      options: [
        { id: 'culture', label: t('culture', 'culture') },
        { id: 'nature', label: t('nature', 'nature') },
        { id: 'food', label: t('gastronomie', 'food') },
      ],
    },
    { id: 'comment', type: 'text', maxLength: 500, label: t('Un commentaire ?', 'Any comment?') },
  ],
};

export const demoDefinition = (): SurveyDefinition => SurveyDefinition.parse(DEMO_SURVEY);

/** mulberry32: a small, fast, seedable generator (uniform on [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const DEMO_COMMENTS = [
  'Très bel accueil à l’office de tourisme, merci à toute l’équipe.',
  'Difficile de se garer près des remparts le samedi matin.',
  'Le festival était superbe, mais les prix des restaurants ont beaucoup augmenté.',
  'Il manque des toilettes publiques et des bancs à l’ombre près du palais.',
  'Les navettes depuis la gare sont pratiques et bien indiquées.',
  'Ville magnifique, nous reviendrons avec les enfants.',
  'Plus de pistes cyclables sûres entre le centre et les quartiers, s’il vous plaît.',
  'Très bel accueil.',
];

/** The same comments as an English-speaking respondent writes them, in the same order. */
const DEMO_COMMENTS_EN = [
  'A very warm welcome at the tourist office, thanks to the whole team.',
  'Hard to park near the ramparts on Saturday mornings.',
  'The festival was superb, but restaurant prices have gone up a lot.',
  'There are not enough public toilets and shaded benches near the palace.',
  'The shuttles from the station are handy and well signposted.',
  'A beautiful town, we will come back with the children.',
  'More safe cycle lanes between the centre and the neighbourhoods, please.',
  'Very warm welcome.',
];

/**
 * The answers as a respondent answering in `locale` wrote them: a demo comment in English for an
 * English locale, so that a report quotes a text in the language it says it is in. No draw, so the
 * rest of the synthetic data stays the same.
 */
export function inLanguage(answers: Answers, locale: string): Answers {
  if (!locale.startsWith('en')) return answers;
  for (const [q, value] of Object.entries(answers)) {
    const i = typeof value === 'string' ? DEMO_COMMENTS.indexOf(value) : -1;
    if (i >= 0) answers[q] = DEMO_COMMENTS_EN[i] ?? value;
  }
  return answers;
}

/** Answers skewed to the top of each scale, with "don't know" (null) and skipped questions. */
export function syntheticAnswers(def: SurveyDefinition, random: () => number): Answers {
  const answers: Answers = {};
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  for (const q of def.questions) {
    const roll = random();
    if (roll < 0.08) continue;
    if (roll < 0.12 && q.type !== 'text') {
      answers[q.id] = null;
      continue;
    }
    switch (q.type) {
      case 'nps':
        answers[q.id] = Math.min(10, Math.floor(11 * Math.sqrt(random())));
        break;
      case 'comparison':
        answers[q.id] = 1 + Math.min(4, Math.floor(5 * Math.sqrt(random())));
        break;
      case 'rating':
      case 'differential': {
        const span = q.scale.max - q.scale.min;
        answers[q.id] = q.scale.min + Math.min(span, Math.floor((span + 1) * Math.sqrt(random())));
        break;
      }
      case 'choice':
        answers[q.id] = q.multiple ? q.options.filter(() => random() < 0.4).map((o) => o.id) : pick(q.options).id;
        break;
      case 'text':
        // The roll picks the text too: no extra draw, so every other synthetic answer stays the same.
        if (roll > 0.8) answers[q.id] = DEMO_COMMENTS[Math.floor((roll - 0.8) * 5 * DEMO_COMMENTS.length)] ?? '';
        break;
    }
  }
  return answers;
}

/** Most answers come through the web, some from QR codes, few from kiosks. */
const CHANNEL_MIX: readonly Channel[] = ['web', 'web', 'web', 'web', 'web', 'web', 'web', 'qr', 'qr', 'kiosk'];

export interface SyntheticOptions {
  surveyId: string;
  day: string;
  count: number;
  seed: number;
  version?: number;
  /** Relative frequencies of the audiences (default: 6 visitors, 3 residents, 1 investor). */
  audienceMix?: Partial<Record<Audience, number>>;
}

export function syntheticResponses(def: SurveyDefinition, opts: SyntheticOptions): StoredResponse[] {
  const random = seededRandom(opts.seed);
  const mix = opts.audienceMix ?? { visitor: 6, resident: 3, investor: 1 };
  const audiences = AUDIENCES.filter((a) => def.audiences.includes(a) && (mix[a] ?? 0) > 0);
  const total = audiences.reduce((s, a) => s + (mix[a] ?? 0), 0);
  const out: StoredResponse[] = [];
  for (let i = 0; i < opts.count; i++) {
    let r = random() * total;
    const audience = audiences.find((a) => (r -= mix[a] ?? 0) < 0) ?? audiences[0] ?? 'visitor';
    const locale = random() < 0.8 ? 'fr' : 'en';
    out.push({
      id: `${opts.day}-${opts.seed}-${i}`,
      surveyId: opts.surveyId,
      version: opts.version ?? 1,
      audience,
      locale,
      channel: CHANNEL_MIX[Math.floor(random() * CHANNEL_MIX.length)] ?? 'web',
      submittedAt: `${opts.day}T12:00:00+01:00`,
      day: opts.day,
      answers: inLanguage(syntheticAnswers(def, random), locale),
    });
  }
  return out;
}
