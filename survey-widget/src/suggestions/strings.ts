/**
 * The suggestion box's words: French here, loaded with it (ecoute-suggestions.js); English in
 * ../en.ts with the survey's. Statuses are not here: the API's public view names them in both
 * languages, from the one vocabulary staff and e-mails use too
 * (analytics/suggestion-statuses.ts). French typography as in ../i18n.ts.
 */
import { registry } from '../registry.ts';

const fr = {
  box: 'Boîte à idées',
  category: 'Thème',
  pick: 'Choisissez un thème',
  text: 'Votre message',
  district: 'Quartier (facultatif)',
  noDistrict: 'Non précisé',
  email: 'E-mail (facultatif), pour recevoir des nouvelles',
  consent: 'J’accepte que cette adresse serve uniquement à me tenir au courant.',
  promise: 'La mairie répond à chaque message sous {n}\u00a0jours.',
  needCategory: 'Choisissez un thème.',
  needText: 'Écrivez votre message.',
  badEmail: 'Adresse invalide (exemple\u00a0: nom@domaine.fr).',
  needConsent: 'Cochez la case, ou videz le champ e-mail.',
  sendFailed: 'Échec de l’envoi. Votre texte est conservé\u00a0: réessayez.',
  tooMany: 'Trop d’envois. Réessayez dans une minute.',
  received: 'Merci\u202f! Votre message est enregistré.',
  yourCode: 'Votre code de suivi, à garder\u00a0:',
  mailed: 'Il vous a aussi été envoyé par e-mail.',
  next: 'Avec ce code, suivez votre message et sa réponse, promise sous {n}\u00a0jours.',
  copy: 'Copier le code',
  copied: 'Code copié.',
  share: 'Partager',
  print: 'Imprimer',
  another: 'Nouveau message',
  track: 'Suivre un message',
  code: 'Code de suivi',
  look: 'Voir',
  typeCode: 'Saisissez votre code de suivi.',
  noCode: 'Aucun message ne porte ce code. Vérifiez-le.',
  lookFailed: 'La recherche a échoué. Vérifiez votre connexion.',
  status: 'État',
  sentOn: 'Envoyé le',
  answer: 'Réponse de la mairie, le {d}',
};

export type SuggestionStrings = typeof fr;

export const suggestionStrings = (lang: 'fr' | 'en'): SuggestionStrings => (lang === 'en' && registry().en?.box) || fr;
