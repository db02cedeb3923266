/**
 * One vocabulary of the suggestion box's statuses, for everyone who reads them: moderators in
 * the console, residents looking up their code, and the e-mails they receive. A suggestion that
 * is closed (`done`) keeps the outcome it had before ("Non retenue — clôturée"), so a declined
 * idea is never shown as carried out.
 */
export const SUGGESTION_STATUSES = [
  'received',
  'in_review',
  'answered',
  'planned',
  'declined',
  'duplicate',
  'done',
] as const;
export type SuggestionStatusName = (typeof SUGGESTION_STATUSES)[number];

/** The statuses a suggestion can close from: the town hall's outcome, which `done` keeps. */
export const SUGGESTION_OUTCOMES = ['answered', 'planned', 'declined', 'duplicate'] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];

/** Where a status may go next: received → in_review → one outcome → done. */
export const NEXT_STATUSES: Record<SuggestionStatusName, readonly SuggestionStatusName[]> = {
  received: ['in_review'],
  in_review: SUGGESTION_OUTCOMES,
  answered: ['done'],
  planned: ['done'],
  declined: ['done'],
  duplicate: ['done'],
  done: [],
};

export type StatusLanguage = 'fr' | 'en';

/** A suggestion ("une suggestion", feminine in French), so the adjectives agree with it. */
const LABELS: Record<StatusLanguage, Record<SuggestionStatusName, string>> = {
  fr: {
    received: 'Reçue',
    in_review: 'En cours d’examen',
    answered: 'Réponse donnée',
    planned: 'Programmée',
    declined: 'Non retenue',
    duplicate: 'Déjà signalée',
    done: 'Clôturée',
  },
  en: {
    received: 'Received',
    in_review: 'Under review',
    answered: 'Answered',
    planned: 'Planned',
    declined: 'Not taken forward',
    duplicate: 'Already reported',
    done: 'Closed',
  },
};

const CLOSED: Record<StatusLanguage, string> = { fr: 'clôturée', en: 'closed' };

/**
 * The words for a status; a closed suggestion names its outcome first ("Non retenue — clôturée",
 * "Programmée — clôturée"), and plain "Clôturée" only when no outcome is known.
 */
export function statusLabel(
  status: SuggestionStatusName,
  lang: StatusLanguage,
  outcome?: SuggestionOutcome | undefined,
): string {
  if (status === 'done' && outcome) return `${LABELS[lang][outcome]} — ${CLOSED[lang]}`;
  return LABELS[lang][status];
}
