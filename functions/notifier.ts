/**
 * Telling a resident that their suggestion moved on, when they gave an address and consent.
 * The app only knows this interface: locally a JSONL outbox in the data folder, on AWS SES.
 */
import { appendFile } from 'node:fs/promises';
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
      log('info', 'suggestion notification written', { territory: message.territory, code: message.code, status: message.status });
    },
  };
}
