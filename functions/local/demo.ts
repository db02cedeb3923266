/** The demo survey seeded in a new data folder: every question type, the three publics, every index. */
import type { SurveyDefinitionInput } from '#analytics/questionnaire.ts';

const sat = (id: string, dimension: string, fr: string, en: string) => ({
  id: `sat_${id}`,
  type: 'rating' as const,
  label: { fr, en },
  scale: { min: 1, max: 5 },
  minLabel: { fr: 'Pas du tout satisfait', en: 'Not at all satisfied' },
  maxLabel: { fr: 'Très satisfait', en: 'Very satisfied' },
  measures: { index: 'satisfaction' as const, dimension },
  // Not everyone has slept in a hotel or taken the bus here: "don't know" is no answer, never a score.
  dontKnow: true,
});
const img = (
  dimension: string,
  fr: string,
  en: string,
  leftFr: string,
  leftEn: string,
  rightFr: string,
  rightEn: string,
) => ({
  id: `img_${dimension}`,
  type: 'differential' as const,
  label: { fr, en },
  scale: { min: 1, max: 7 },
  left: { fr: leftFr, en: leftEn },
  right: { fr: rightFr, en: rightEn },
  measures: { index: 'image' as const, dimension },
  dontKnow: true,
});
const val = (dimension: string, fr: string, en: string) => ({
  id: `val_${dimension}`,
  type: 'rating' as const,
  label: { fr, en },
  scale: { min: 1, max: 5 },
  minLabel: { fr: 'Pas du tout d’accord', en: 'Strongly disagree' },
  maxLabel: { fr: 'Tout à fait d’accord', en: 'Strongly agree' },
  measures: { index: 'value' as const, dimension },
});

export const demoSurvey: SurveyDefinitionInput = {
  title: { fr: 'Votre regard sur Avignon', en: 'How you see Avignon' },
  intro: {
    fr: 'Trois minutes pour nous aider à mieux vous accueillir. Nous ne vous demandons ni nom ni adresse.',
    en: 'Three minutes to help us welcome you better. We ask for no name or address.',
  },
  defaultLocale: 'fr',
  audiences: ['visitor', 'resident', 'investor'],
  questions: [
    {
      id: 'recommend',
      type: 'nps',
      required: true,
      label: { fr: 'Recommanderiez-vous Avignon à un proche\u202f?', en: 'Would you recommend Avignon to a friend?' },
    },
    sat('welcome', 'welcome', 'L’accueil', 'The welcome'),
    { ...sat('accommodation', 'accommodation', 'L’hébergement', 'Accommodation'), audiences: ['visitor'] },
    sat('heritage', 'heritage', 'Le patrimoine et la culture', 'Heritage and culture'),
    sat('transport', 'transport', 'Les transports et le stationnement', 'Transport and parking'),
    { ...sat('services', 'services', 'Les services publics', 'Public services'), audiences: ['resident', 'investor'] },
    img('presence', 'Notoriété', 'Presence', 'Méconnue', 'Little known', 'Célèbre', 'Famous'),
    img('place', 'Cadre de vie', 'Place', 'Peu agréable', 'Unpleasant', 'Très agréable', 'Very pleasant'),
    img('prerequisites', 'Équipements', 'Prerequisites', 'Insuffisants', 'Lacking', 'Excellents', 'Excellent'),
    img('people', 'Habitants', 'People', 'Distants', 'Distant', 'Chaleureux', 'Warm'),
    img('pulse', 'Animation', 'Pulse', 'Endormie', 'Sleepy', 'Vivante', 'Lively'),
    img('potential', 'Potentiel', 'Potential', 'Peu d’avenir', 'Little future', 'Plein d’avenir', 'Bright future'),
    val('quality', 'Ce que la ville offre est de bonne qualité', 'What the city offers is of good quality'),
    val('emotional', 'Je me sens bien à Avignon', 'I feel good in Avignon'),
    val('social', 'Y être me valorise auprès des autres', 'Being here makes a good impression on others'),
    val('price', 'Le rapport qualité-prix est bon', 'It is good value for money'),
    {
      id: 'vs_nimes',
      type: 'comparison',
      competitor: 'Nîmes',
      dontKnow: true,
      label: { fr: 'Comme destination, Avignon est…', en: 'As a destination, Avignon is…' },
    },
    {
      id: 'origin',
      type: 'choice',
      cell: true,
      label: { fr: 'D’où venez-vous\u202f?', en: 'Where do you come from?' },
      options: [
        { id: 'local', label: { fr: 'Vaucluse', en: 'Vaucluse' } },
        { id: 'france', label: { fr: 'Ailleurs en France', en: 'Elsewhere in France' } },
        { id: 'abroad', label: { fr: 'De l’étranger', en: 'Abroad' } },
      ],
    },
    {
      id: 'interests',
      type: 'choice',
      multiple: true,
      label: { fr: 'Qu’est-ce qui vous attire\u202f?', en: 'What attracts you?' },
      options: [
        { id: 'festival', label: { fr: 'Le Festival', en: 'The Festival' } },
        { id: 'heritage', label: { fr: 'Le patrimoine', en: 'Heritage' } },
        { id: 'food', label: { fr: 'La gastronomie', en: 'Food' } },
        { id: 'nature', label: { fr: 'La nature', en: 'Nature' } },
      ],
    },
    {
      id: 'comment',
      type: 'text',
      maxLength: 1000,
      label: { fr: 'Un mot pour nous\u202f?', en: 'Anything to tell us?' },
    },
  ],
};
