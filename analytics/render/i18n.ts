/** The words and number formats of the rendered reports: French first, English with lang=en. */
import type { IndexResult } from '../report-schema.ts';

export type Lang = 'fr' | 'en';

const FR = {
  report: "Rapport d'évaluation",
  period: (from: string, to: string) => `Période du ${from} au ${to}`,
  baseline: (from: string, to: string) => `Référence : du ${from} au ${to}`,
  generated: 'Généré le',
  responses: 'réponses',
  all: 'Ensemble',
  audiences: { visitor: 'Visiteurs', resident: 'Résidents', investor: 'Investisseurs' } as Record<string, string>,
  indices: {
    nps: 'Recommandation (NPS)',
    satisfaction: 'Satisfaction',
    image: 'Image',
    value: 'Valeur perçue',
    relativeValue: 'Valeur relative',
  } as Record<string, string>,
  dimensions: {
    welcome: 'Accueil',
    accommodation: 'Hébergement',
    food: 'Restauration',
    heritage: 'Patrimoine',
    nature: 'Nature',
    transport: 'Transports',
    events: 'Événements',
    services: 'Services',
    presence: 'Notoriété',
    place: 'Cadre de vie',
    prerequisites: 'Équipements',
    people: 'Habitants',
    pulse: 'Animation',
    potential: 'Potentiel',
    quality: 'Qualité',
    emotional: 'Émotion',
    social: 'Image sociale',
    price: 'Prix',
  } as Record<string, string>,
  suppressed: 'masqué : moins de 30 réponses effectives',
  withheld: 'masqué',
  noAnswer: 'aucune réponse',
  aboveShort: 'intervalle au-dessus',
  lowSample: 'échantillon faible : moins de 100 réponses effectives',
  keyIndices: 'Indices clés',
  byAudience: 'Indices par public',
  trends: 'Évolution mensuelle',
  noTrends: 'Tendance non disponible : il faut au moins deux mois.',
  radar: "L'image : l'hexagone de la marque territoriale",
  radarFew: "Moins de trois dimensions d'image : pas d'hexagone.",
  relative: 'Valeur relative face aux concurrents',
  against: (name: string) => `Face à ${name}`,
  colon: ' : ',
  relativeNote: 'Score net : part « mieux » moins part « moins bien », de −100 à +100.',
  comparison: 'Comparaison avec la période de référence',
  noBaseline: 'Aucune période de référence demandée.',
  objectives: 'Objectifs',
  noObjectives: 'Aucun objectif fixé.',
  dimensionsTitle: 'Détail par dimension',
  topTwoBox: 'Questions sur 5 points : part des deux notes les plus hautes (top 2)',
  method: 'Méthode',
  index: 'Indice',
  value: 'Valeur',
  interval: 'Intervalle à 95 %',
  n: 'n',
  nEff: 'n effectif',
  remark: 'Remarque',
  public: 'Public',
  item: 'Question',
  delta: 'Écart',
  current: 'Période',
  reference: 'Référence',
  significant: 'significatif',
  notSignificant: 'non significatif',
  notComparable: 'non comparable : un côté est masqué',
  target: 'Cible',
  by: 'Échéance',
  distance: 'Distance',
  above: 'intervalle entièrement au-dessus de la cible',
  notAbove: "l'intervalle n'est pas entièrement au-dessus",
  unweighted: 'Non pondéré.',
  weighted: (method: string, deff: string, nEff: string) =>
    `Pondéré (${method}) ; effet de plan ${deff}, n effectif ${nEff}.`,
  methodText:
    'Chaque valeur est donnée avec son intervalle de confiance à 95 % et son effectif n. Une valeur calculée sur moins de 30 réponses effectives est masquée ; sous 100 elle est signalée (†, barre plus claire). Les écarts sont testés au seuil de 5 % après correction de Holm (★ = significatif). Indices de 0 à 100, NPS et valeur relative de −100 à +100.',
};

const EN: typeof FR = {
  report: 'Evaluation report',
  period: (from, to) => `Period from ${from} to ${to}`,
  baseline: (from, to) => `Baseline: from ${from} to ${to}`,
  generated: 'Generated on',
  responses: 'responses',
  all: 'All respondents',
  audiences: { visitor: 'Visitors', resident: 'Residents', investor: 'Investors' },
  indices: {
    nps: 'Recommendation (NPS)',
    satisfaction: 'Satisfaction',
    image: 'Image',
    value: 'Perceived value',
    relativeValue: 'Relative value',
  },
  dimensions: {
    welcome: 'Welcome',
    accommodation: 'Accommodation',
    food: 'Food',
    heritage: 'Heritage',
    nature: 'Nature',
    transport: 'Transport',
    events: 'Events',
    services: 'Services',
    presence: 'Presence',
    place: 'Place',
    prerequisites: 'Prerequisites',
    people: 'People',
    pulse: 'Pulse',
    potential: 'Potential',
    quality: 'Quality',
    emotional: 'Emotional',
    social: 'Social',
    price: 'Price',
  },
  suppressed: 'withheld: fewer than 30 effective responses',
  withheld: 'withheld',
  noAnswer: 'no answer',
  aboveShort: 'interval above',
  lowSample: 'small sample: fewer than 100 effective responses',
  keyIndices: 'Key indices',
  byAudience: 'Indices by public',
  trends: 'Monthly trends',
  noTrends: 'No trend: at least two months are needed.',
  radar: 'Image: the place-brand hexagon',
  radarFew: 'Fewer than three image dimensions: no hexagon.',
  relative: 'Relative value against competitors',
  against: (name) => `Against ${name}`,
  colon: ': ',
  relativeNote: 'Net score: share "better" minus share "worse", from −100 to +100.',
  comparison: 'Comparison with the baseline',
  noBaseline: 'No baseline period was asked for.',
  objectives: 'Objectives',
  noObjectives: 'No objective set.',
  dimensionsTitle: 'Dimensions in detail',
  topTwoBox: '5-point questions: share of the two highest answers (top 2)',
  method: 'Method',
  index: 'Index',
  value: 'Value',
  interval: '95 % interval',
  n: 'n',
  nEff: 'effective n',
  remark: 'Remark',
  public: 'Public',
  item: 'Question',
  delta: 'Change',
  current: 'Period',
  reference: 'Baseline',
  significant: 'significant',
  notSignificant: 'not significant',
  notComparable: 'not comparable: one side is withheld',
  target: 'Target',
  by: 'By',
  distance: 'Distance',
  above: 'interval entirely above the target',
  notAbove: 'interval not entirely above the target',
  unweighted: 'Unweighted.',
  weighted: (method, deff, nEff) => `Weighted (${method}); design effect ${deff}, effective n ${nEff}.`,
  methodText:
    'Every value comes with its 95 % confidence interval and its count n. A value based on fewer than 30 effective responses is withheld; under 100 it is flagged (†, lighter bar). Changes are tested at the 5 % level after Holm’s adjustment (★ = significant). Indices run from 0 to 100, NPS and relative value from −100 to +100.',
};

export type Strings = typeof FR;
export const stringsFor = (lang: Lang): Strings => (lang === 'en' ? EN : FR);

/** What a reader sees for a number; one decimal, the locale's decimal mark and minus sign. */
export function formatter(lang: Lang) {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const p = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  return {
    num: (x: number | null) => (x === null ? '—' : one.format(x)),
    signed: (x: number) => signed.format(x),
    int: (x: number) => whole.format(x),
    p: (x: number) => (x < 0.001 ? `< ${lang === 'en' ? '0.001' : '0,001'}` : p.format(x)),
    day: (d: string) => day.format(new Date(`${d}T00:00:00Z`)),
    shortDay: (d: string) => short.format(new Date(`${d}T00:00:00Z`)),
    month: (m: string) => month.format(new Date(`${m}-01T00:00:00Z`)),
    interval: (i: IndexResult) =>
      i.ciLow === null || i.ciHigh === null ? '—' : `${one.format(i.ciLow)}\u00a0–\u00a0${one.format(i.ciHigh)}`,
    // Non-breaking spaces: "n = 412" never wraps in a table cell.
    n: (i: { n: number }) => `n\u00a0=\u00a0${whole.format(i.n)}`,
  };
}
export type Format = ReturnType<typeof formatter>;

export const audienceLabel = (t: Strings, audience: string): string =>
  audience === 'all' ? t.all : (t.audiences[audience] ?? audience);
export const dimensionLabel = (t: Strings, dimension: string): string => t.dimensions[dimension] ?? dimension;
export const indexLabel = (t: Strings, index: string): string => t.indices[index] ?? index;
