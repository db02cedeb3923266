/**
 * When a resident who gave an address hears from the town hall: when their message arrives
 * (with its tracking code), then at each change they would notice in the lookup, and only
 * then. "In review" is a step of the town hall's own work: a moderator going received →
 * in_review → answered in a few seconds sends one e-mail, the answer, not three.
 */
import type { PublicDeps } from './deps.ts';
import { log } from './log.ts';
import { silentNotifier } from './notifier.ts';
import type { SuggestionRecord, SuggestionStatus } from './suggestion.ts';

/** Whether going from `before` (status and answer) to `after` is news to the resident. */
export function worthTelling(
  before: { status: SuggestionStatus; answer?: { text: string } | undefined },
  after: SuggestionRecord,
): boolean {
  if (after.status === 'in_review') return false;
  return after.status !== before.status || after.answer?.text !== before.answer?.text;
}

/**
 * Tells the resident, if they consented and their address is still kept. A failure to tell
 * never undoes the change. Says whether a message went (false without a mail service).
 */
export async function tellResident(deps: PublicDeps, s: SuggestionRecord, promisedDays?: number): Promise<boolean> {
  if (!s.hasContact || deps.notifier === silentNotifier) return false;
  try {
    const contact = await deps.stores.suggestions.contact(s.code, Math.floor(deps.now().getTime() / 1000));
    if (!contact) return false;
    await deps.notifier.notify({
      to: contact.email,
      territory: s.territory,
      code: s.code,
      status: s.status,
      ...(s.outcome ? { outcome: s.outcome } : {}),
      ...(s.answer ? { answer: s.answer.text } : {}),
      ...(promisedDays ? { promisedDays } : {}),
      at: s.updatedAt,
    });
    return true;
  } catch (e) {
    log('warn', 'suggestion notification failed', {
      territory: s.territory,
      code: s.code,
      name: e instanceof Error ? e.name : 'unknown',
    });
    return false;
  }
}
