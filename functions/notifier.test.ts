import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sesNotifier } from './notifier.ts';
import { captureLogs } from './testing/logs.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('sesNotifier', () => {
  it('sends the resident a French-then-English e-mail with the code, the status and the public answer, and logs no address', async () => {
    vi.stubEnv('ECOUTE_QUIET', '0');
    const lines: string[] = [];
    captureLogs(lines);
    const sent: SendEmailCommandInput[] = [];
    const notifier = sesNotifier(async (input) => void sent.push(input), 'mairie@carpentras.example');
    await notifier.notify({
      to: 'camille@example.fr',
      territory: 'carpentras',
      code: 'K7M-4QX-9TD',
      status: 'planned',
      answer: 'Travaux prévus en mars.',
      at: '2026-11-23T10:00:00Z',
    });

    expect(sent).toHaveLength(1);
    const mail = sent[0]!;
    expect(mail.FromEmailAddress).toBe('mairie@carpentras.example');
    expect(mail.Destination?.ToAddresses).toEqual(['camille@example.fr']);
    expect(mail.Content?.Simple?.Subject?.Data).toBe('Votre message K7M-4QX-9TD : programmé / Your message: planned');
    const text = mail.Content?.Simple?.Body?.Text?.Data ?? '';
    expect(text.indexOf('Travaux prévus en mars.')).toBeLessThan(text.indexOf('Hello'));
    expect(text).toContain('Votre message K7M-4QX-9TD est maintenant : programmé.');
    expect(text).toContain("The town hall's answer:\nTravaux prévus en mars.");
    expect(lines.join('\n')).toContain('suggestion notification sent');
    expect(lines.join('\n')).not.toContain('camille');
  });

  it('lets a failed send fail the notification, so the caller can log it', async () => {
    const notifier = sesNotifier(async () => Promise.reject(new Error('MessageRejected')), 'mairie@carpentras.example');
    await expect(
      notifier.notify({
        to: 'x@example.fr',
        territory: 't',
        code: 'AAA-BBB-CCC',
        status: 'done',
        at: '2026-11-23T10:00:00Z',
      }),
    ).rejects.toThrow('MessageRejected');
  });
});
