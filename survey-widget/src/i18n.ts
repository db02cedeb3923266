/**
 * The survey's own words and how a language is chosen. French is in ecoute.js; English comes
 * with ecoute-en.js (en.ts) when a page or a person asks for it. French follows French
 * typography: a narrow no-break space (U+202F) before ? ! ; and inside « », a no-break space
 * (U+00A0) before : and between a number and its unit, one apostrophe (’);
 * `test/typography.test.ts` reads every string for it.
 */
import type { LocalizedText } from '#analytics/questionnaire.ts';
import { registry } from './registry.ts';

const fr = {
  /** The other language, named in itself, for the switch. */
  other: 'English',
  loading: 'Chargement…',
  loadFailed: 'Chargement impossible pour l’instant. Réessayez plus tard.',
  retry: 'Réessayer',
  who: 'Vous êtes…',
  visitor: 'Visiteur ou touriste',
  resident: 'Habitant',
  investor: 'Investisseur ou entrepreneur',
  optional: 'Les questions sans «\u202fobligatoire\u202f» sont facultatives.',
  start: 'Commencer',
  previous: 'Précédent',
  next: 'Suivant',
  send: 'Envoyer',
  sending: 'Envoi en cours…',
  restart: 'Recommencer',
  progress: 'Question {n} sur {total}',
  progressMany: 'Questions {n} à {m} sur {total}',
  required: 'obligatoire',
  answerThis: 'Veuillez répondre à cette question.',
  npsLow: 'Pas du tout probable',
  npsHigh: 'Extrêmement probable',
  compared: 'Par rapport à {x}',
  comparison: ['Nettement moins bien', 'Un peu moins bien', 'Équivalent', 'Un peu mieux', 'Nettement mieux'],
  dontKnow: 'Je ne sais pas',
  dontKnowPlace: 'Je ne connais pas {x}',
  several: 'Plusieurs réponses possibles.',
  characters: '{n} sur {max} caractères',
  noContact: 'Pas d’e-mail ni de téléphone ici\u00a0: ils seraient masqués.',
  thanks: 'Merci pour votre réponse\u202f!',
  arrived: 'Elle a bien été reçue.',
  previewed: 'Aperçu\u00a0: rien n’a été envoyé.',
  queued: 'Pas de connexion\u00a0: votre réponse est gardée sur cet appareil et partira dès que possible.',
  refused: 'Votre réponse n’a pas pu être acceptée.',
  use: 'Avec les autres, elle mesure l’image du territoire, en chiffres seulement.',
  privacy:
    'Nous ne demandons ni nom ni adresse\u202f; les coordonnées écrites en commentaire sont masquées. Vous pouvez retirer votre réponse d’ici pendant 30\u00a0jours.',
  notice: 'Politique de confidentialité',
  withdraw: 'Retirer ma réponse',
  withdrawn: 'Votre réponse a été retirée.',
  withdrawFailed: 'Le retrait a échoué. Réessayez plus tard.',
  answeredOn: 'Vous avez déjà répondu à ce questionnaire.',
};

export type Strings = typeof fr;

export const isFrench = (locale: string) => locale.toLowerCase().startsWith('fr');

export const strings = (locale: string): Strings => (!isFrench(locale) && registry().en?.survey) || fr;

/** `{n}`-style placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** The language asked for: the `lang` attribute, else the nearest `lang` up to `<html>`, else the browser. */
export function wantedLocale(el: Element): string {
  return (el.closest('[lang]')?.getAttribute('lang') || navigator.language || 'fr').trim();
}

/** Which of a survey's languages to show: the wanted tag, its primary language, else the default. */
export function pickLocale(wanted: string, available: readonly string[], fallback: string): string {
  const lower = wanted.toLowerCase();
  const primary = lower.split('-')[0] ?? lower;
  return (
    available.find((l) => l.toLowerCase() === lower) ?? available.find((l) => l.toLowerCase() === primary) ?? fallback
  );
}

/** One text in the chosen language, falling back to the default, then to any (the API typeset each already). */
export function tr(text: LocalizedText | undefined, locale: string, fallback: string): string {
  if (!text) return '';
  return text[locale] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
