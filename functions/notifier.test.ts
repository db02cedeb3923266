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
    // The same words as staff and the look-up ("Programmée"), and French spacing: U+00A0 before a colon, U+202F inside « ».
    expect(mail.Content?.Simple?.Subject?.Data).toBe(
      'Votre message K7M-4QX-9TD\u00a0: Programmée / Your message K7M-4QX-9TD: Planned',
    );
    const text = mail.Content?.Simple?.Body?.Text?.Data ?? '';
    expect(text.indexOf('Travaux prévus en mars.')).toBeLessThan(text.indexOf('Hello'));
    expect(text).toContain('Votre message K7M-4QX-9TD est maintenant\u00a0: «\u202fProgrammée\u202f».');
    expect(text).toContain('The town hall’s answer:\nTravaux prévus en mars.');
    expect(lines.join('\n')).toContain('suggestion notification sent');
    expect(lines.join('\n')).not.toContain('camille');
  });

  it('names a closed suggestion by its outcome: a declined idea is never "done"', async () => {
    const sent: SendEmailCommandInput[] = [];
    const notifier = sesNotifier(async (input) => void sent.push(input), 'mairie@carpentras.example');
    await notifier.notify({
      to: 'x@example.fr',
      territory: 't',
      code: 'AAA-BBB-CCC',
      status: 'done',
      outcome: 'declined',
      at: '2026-11-23T10:00:00Z',
    });
    const subject = sent[0]?.Content?.Simple?.Subject?.Data ?? '';
    expect(subject).toBe(
      'Votre message AAA-BBB-CCC\u00a0: Non retenue — clôturée / Your message AAA-BBB-CCC: Not taken forward — closed',
    );
    expect(sent[0]?.Content?.Simple?.Body?.Text?.Data).not.toMatch(/réalis|done/i);
  });

  it('sends the tracking code when the message arrives, with the promised delay', async () => {
    const sent: SendEmailCommandInput[] = [];
    const notifier = sesNotifier(async (input) => void sent.push(input), 'mairie@carpentras.example');
    await notifier.notify({
      to: 'x@example.fr',
      territory: 't',
      code: 'K7M-4QX-9TD',
      status: 'received',
      promisedDays: 10,
      at: '2026-11-23T10:00:00Z',
    });
    const text = sent[0]?.Content?.Simple?.Body?.Text?.Data ?? '';
    expect(sent[0]?.Content?.Simple?.Subject?.Data).toContain('K7M-4QX-9TD');
    expect(text).toContain('Son code de suivi\u00a0: K7M-4QX-9TD');
    expect(text).toContain('répondre sous 10\u00a0jours');
    expect(text).toContain('Its tracking code: K7M-4QX-9TD');
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
