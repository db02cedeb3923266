/** The widget's own words in French and English, and how a language is chosen. */
import type { LocalizedText } from '#analytics/questionnaire.ts';

const fr = {
  loading: 'Chargement…',
  loadFailed: 'Chargement impossible. Vérifiez votre connexion.',
  unavailable: 'Ce questionnaire n’est pas disponible.',
  retry: 'Réessayer',
  who: 'Vous êtes…',
  visitor: 'Visiteur ou touriste',
  resident: 'Habitant',
  investor: 'Investisseur ou entrepreneur',
  start: 'Commencer',
  previous: 'Précédent',
  next: 'Suivant',
  send: 'Envoyer',
  sending: 'Envoi en cours…',
  progress: 'Question {n} sur {total}',
  required: 'obligatoire',
  answerThis: 'Veuillez répondre à cette question.',
  npsLow: 'Pas du tout probable',
  npsHigh: 'Extrêmement probable',
  compared: 'Par rapport à {x}',
  comparison: ['Bien moins bien', 'Moins bien', 'Pareil', 'Mieux', 'Bien mieux'],
  dontKnow: 'Je ne sais pas',
  several: 'Plusieurs réponses possibles.',
  characters: '{n} sur {max} caractères',
  thanks: 'Merci pour votre réponse !',
  arrived: 'Elle a bien été reçue.',
  previewed: 'Aperçu : rien n’a été envoyé.',
  queued: 'Pas de connexion : votre réponse est gardée sur cet appareil et partira dès que possible.',
  refused: 'Votre réponse n’a pas pu être acceptée.',
  // suggestion box
  box: 'Boîte à idées',
  category: 'Thème',
  pick: 'Choisissez un thème',
  text: 'Votre message',
  district: 'Quartier (facultatif)',
  noDistrict: 'Non précisé',
  email: 'E-mail (facultatif), pour être prévenu',
  consent: 'J’accepte que cette adresse serve uniquement à me répondre.',
  needCategory: 'Choisissez un thème.',
  needText: 'Écrivez votre message.',
  badEmail: 'Adresse invalide (exemple : nom@domaine.fr).',
  needConsent: 'Cochez la case, ou videz le champ e-mail.',
  sendFailed: 'Échec de l’envoi. Votre texte est conservé : réessayez.',
  tooMany: 'Trop d’envois. Réessayez dans une minute.',
  received: 'Merci ! Votre message est enregistré.',
  yourCode: 'Votre code de suivi',
  keepCode: 'Gardez-le pour suivre la réponse.',
  another: 'Envoyer un autre message',
  track: 'Suivre un message',
  code: 'Code de suivi',
  look: 'Voir',
  noCode: 'Aucun message ne porte ce code.',
  status: 'État',
  sentOn: 'Envoyé le',
  answer: 'Réponse de la mairie',
  statuses: {
    received: 'Reçu',
    in_review: 'En cours d’examen',
    answered: 'Répondu',
    planned: 'Prévu',
    declined: 'Non retenu',
    duplicate: 'Déjà signalé',
    done: 'Réalisé',
  } as Record<string, string>,
};

export type Strings = typeof fr;

const en: Strings = {
  loading: 'Loading…',
  loadFailed: 'Could not load. Please check your connection.',
  unavailable: 'This survey is not available.',
  retry: 'Try again',
  who: 'You are…',
  visitor: 'A visitor or tourist',
  resident: 'A resident',
  investor: 'An investor or business owner',
  start: 'Start',
  previous: 'Previous',
  next: 'Next',
  send: 'Send',
  sending: 'Sending…',
  progress: 'Question {n} of {total}',
  required: 'required',
  answerThis: 'Please answer this question.',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  compared: 'Compared with {x}',
  comparison: ['Much worse', 'Worse', 'About the same', 'Better', 'Much better'],
  dontKnow: 'I don’t know',
  several: 'Several answers possible.',
  characters: '{n} of {max} characters',
  thanks: 'Thank you for your answer!',
  arrived: 'It has been received.',
  previewed: 'Preview: nothing was sent.',
  queued: 'No connection: your answer is kept on this device and will be sent as soon as possible.',
  refused: 'Your answer could not be accepted.',
  box: 'Suggestion box',
  category: 'Topic',
  pick: 'Choose a topic',
  text: 'Your message',
  district: 'District (optional)',
  noDistrict: 'Not given',
  email: 'E-mail (optional), to be told',
  consent: 'I agree that this address is used only to answer me.',
  needCategory: 'Choose a topic.',
  needText: 'Write your message.',
  badEmail: 'Invalid address (example: name@domain.com).',
  needConsent: 'Tick the box, or empty the e-mail field.',
  sendFailed: 'Sending failed. Your text is kept: try again.',
  tooMany: 'Too many messages. Try again in a minute.',
  received: 'Thank you! Your message is recorded.',
  yourCode: 'Your tracking code',
  keepCode: 'Keep it to follow the answer.',
  another: 'Send another message',
  track: 'Follow a message',
  code: 'Tracking code',
  look: 'Look up',
  noCode: 'No message has this code.',
  status: 'Status',
  sentOn: 'Sent on',
  answer: 'The city hall’s answer',
  statuses: {
    received: 'Received',
    in_review: 'Under review',
    answered: 'Answered',
    planned: 'Planned',
    declined: 'Not taken up',
    duplicate: 'Already reported',
    done: 'Done',
  },
};

export function strings(locale: string): Strings {
  return locale.toLowerCase().startsWith('fr') ? fr : en;
}

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

/** One text in the chosen language, falling back to the default, then to any. */
export function tr(text: LocalizedText | undefined, locale: string, fallback: string): string {
  if (!text) return '';
  return text[locale] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
