/**
 * Telling a resident that their suggestion moved on, when they gave an address and consent.
 * The app only knows this interface: locally a JSONL outbox in the data folder, on AWS SES.
 */
import { appendFile } from 'node:fs/promises';
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { log } from './log.ts';

export interface SuggestionNotification {
  to: string;
  territory: string;
  code: string;
  status: string;
  answer?: string;
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

const STATUS_WORDS: Record<string, { fr: string; en: string }> = {
  received: { fr: 'reçu', en: 'received' },
  in_review: { fr: "en cours d'examen", en: 'under review' },
  answered: { fr: 'répondu', en: 'answered' },
  planned: { fr: 'programmé', en: 'planned' },
  declined: { fr: 'non retenu', en: 'declined' },
  duplicate: { fr: 'déjà signalé', en: 'already reported' },
  done: { fr: 'réalisé', en: 'done' },
};

/** The e-mail a resident receives: French first, then English, plain text (nothing to escape or render). */
export function notificationEmail(message: SuggestionNotification, from: string): SendEmailCommandInput {
  const words = STATUS_WORDS[message.status] ?? { fr: message.status, en: message.status };
  const answer = message.answer
    ? { fr: `\n\nRéponse de la mairie :\n${message.answer}`, en: `\n\nThe town hall's answer:\n${message.answer}` }
    : { fr: '', en: '' };
  const body = [
    `Bonjour,\n\nVotre message ${message.code} est maintenant : ${words.fr}.${answer.fr}\n\nGardez ce code pour suivre votre message sur le site de la mairie.`,
    `Hello,\n\nYour message ${message.code} is now: ${words.en}.${answer.en}\n\nKeep this code to follow your message on the town hall's site.`,
  ].join('\n\n—\n\n');
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: [message.to] },
    Content: {
      Simple: {
        Subject: { Data: `Votre message ${message.code} : ${words.fr} / Your message: ${words.en}`, Charset: 'UTF-8' },
        Body: { Text: { Data: body, Charset: 'UTF-8' } },
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
