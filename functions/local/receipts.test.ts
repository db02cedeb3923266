/**
 * A respondent keeps their receipt to withdraw their answer later, maybe months later: rotating
 * the operator key (as the operations guide says to) must not void the receipts already given.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveSecret, receiptFor } from '../security.ts';
import { startLocalProduct } from '../testing/product.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ecoute-rotation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const keyA = `operator_${'a'.repeat(32)}`;
const keyB = `operator_${'b'.repeat(32)}`;

async function respond(apiUrl: string, surveyId: string): Promise<{ id: string; receipt: string }> {
  const id = crypto.randomUUID();
  const res = await fetch(`${apiUrl}/v1/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, audience: 'visitor', locale: 'fr', answers: { recommend: 7 } }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; receipt: string };
}

const erase = (apiUrl: string, r: { id: string; receipt: string }) =>
  fetch(`${apiUrl}/v1/responses/${r.id}?receipt=${encodeURIComponent(r.receipt)}`, { method: 'DELETE' });

describe('receipts', () => {
  it('still erase after the operator key is rotated, from a secret kept with the data (0600)', async () => {
    const first = await startLocalProduct({ dataDir, operatorKey: keyA });
    let given: { id: string; receipt: string };
    let former: { id: string; receipt: string };
    try {
      given = await respond(first.apiUrl, first.demo.surveyId);
      // A receipt given before receipts had their own secret: derived from the operator key then in use.
      const earlier = await respond(first.apiUrl, first.demo.surveyId);
      former = { id: earlier.id, receipt: receiptFor(deriveSecret(keyA), earlier.id) };
      expect(former.receipt).not.toBe(earlier.receipt);
      expect((await erase(first.apiUrl, former)).status).toBe(204);
      former = await respond(first.apiUrl, first.demo.surveyId);
    } finally {
      await first.stop();
    }
    expect((statSync(join(dataDir, 'hmac-secret')).mode & 0o777).toString(8)).toBe('600');

    const rotated = await startLocalProduct({ dataDir, operatorKey: keyB });
    try {
      expect((await erase(rotated.apiUrl, given)).status).toBe(204);
      expect((await erase(rotated.apiUrl, given)).status).toBe(404);
      const forged = former.receipt.slice(0, -1) + (former.receipt.endsWith('A') ? 'B' : 'A');
      expect((await erase(rotated.apiUrl, { ...former, receipt: forged })).status).toBe(404);
      expect((await erase(rotated.apiUrl, former)).status).toBe(204);
    } finally {
      await rotated.stop();
    }
  }, 180_000);
});
