/**
 * Telling a resident about their suggestion, when they gave an address and consent: its
 * tracking code when it arrives, then each change they would notice. The app only knows the
 * `Notifier` interface: locally a JSONL outbox in the data folder, on AWS SES.
 */
import { appendFile } from 'node:fs/promises';
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { statusLabel, type SuggestionOutcome, type SuggestionStatusName } from '#analytics/suggestion-statuses.ts';
import { log } from './log.ts';

export interface SuggestionNotification {
  to: string;
  territory: string;
  code: string;
  status: SuggestionStatusName;
  /** The outcome a closed suggestion keeps, so the e-mail says "Non retenue — clôturée". */
  outcome?: SuggestionOutcome | undefined;
  answer?: string;
  /** The answer delay the town hall promises, said in the first e-mail. */
  promisedDays?: number;
  at: string;
}

export interface Notifier {
  notify(message: SuggestionNotification): Promise<void>;
}

/** For tests and deployments without mail: nothing is sent. */
export const silentNotifier: Notifier = { notify: async () => {} };

/** Appends each message to a JSONL file (the local outbox) and logs that it did, without the address. */
export function fileNotifier(file: string): Notifier {
  return {
    async notify(message) {
      await appendFile(file, `${JSON.stringify(message)}\n`, { mode: 0o600 });
      log('info', 'suggestion notification written', {
        territory: message.territory,
        code: message.code,
        status: message.status,
      });
    },
  };
}

/** French typography as the widget's: a no-break space before a colon, narrow ones inside « ». */
const NBSP = '\u00a0';
const NARROW = '\u202f';

/**
 * The e-mail a resident receives: French first, then English, plain text (nothing to escape
 * or render). The status is named by the one vocabulary staff and the widget use too.
 */
export function notificationEmail(message: SuggestionNotification, from: string): SendEmailCommandInput {
  const { code, status, outcome } = message;
  const fr = statusLabel(status, 'fr', outcome);
  const en = statusLabel(status, 'en', outcome);
  const days = message.promisedDays ?? 15;
  const answer = message.answer
    ? {
        fr: `\n\nRéponse de la mairie${NBSP}:\n${message.answer}`,
        en: `\n\nThe town hall’s answer:\n${message.answer}`,
      }
    : { fr: '', en: '' };
  const received = status === 'received';
  const body = received
    ? [
        `Bonjour,\n\nVotre message est bien arrivé à la mairie. Son code de suivi${NBSP}: ${code}\n\nLa mairie lit chaque message et s’engage à répondre sous ${days}${NBSP}jours. Avec ce code, vous suivez votre message sur le site de la mairie${NARROW}; vous recevrez aussi un e-mail quand il avancera.`,
        `Hello,\n\nYour message has reached the town hall. Its tracking code: ${code}\n\nThe town hall reads every message and undertakes to answer within ${days} days. With this code you can follow your message on the town hall’s site; you will also get an e-mail when it moves on.`,
      ]
    : [
        `Bonjour,\n\nVotre message ${code} est maintenant${NBSP}: «${NARROW}${fr}${NARROW}».${answer.fr}\n\nGardez ce code pour suivre votre message sur le site de la mairie.`,
        `Hello,\n\nYour message ${code} is now: “${en}”.${answer.en}\n\nKeep this code to follow your message on the town hall’s site.`,
      ];
  const subject = received
    ? `Votre message est reçu, code ${code} / Your message is received, code ${code}`
    : `Votre message ${code}${NBSP}: ${fr} / Your message ${code}: ${en}`;
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: [message.to] },
    Content: {
      Simple: {
        Subject: { Data: subject, Charset: 'UTF-8' },
        Body: { Text: { Data: body.join('\n\n—\n\n'), Charset: 'UTF-8' } },
      },
    },
  };
}

/** Sends through SES (`send` is an SESv2 client's, or a recorder in tests); logs without the address. */
export function sesNotifier(send: (input: SendEmailCommandInput) => Promise<unknown>, from: string): Notifier {
  return {
    async notify(message) {
      await send(notificationEmail(message, from));
      log('info', 'suggestion notification sent', {
        territory: message.territory,
        code: message.code,
        status: message.status,
      });
    },
  };
}
