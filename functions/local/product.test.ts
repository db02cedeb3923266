import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalProduct } from '../testing/product.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'ecoute-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const javaProcessesFor = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `dbPath.${dir}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
};

describe('the local product (npm start)', () => {
  it('keeps a response across a restart, serves the widget with caching headers, and leaves no process behind', async () => {
    const first = await startLocalProduct({ dataDir });
    const id = crypto.randomUUID();
    const body = JSON.stringify({ id, audience: 'visitor', locale: 'fr', answers: { recommend: 9 } });
    const posted = await fetch(`${first.apiUrl}/v1/surveys/${first.demo.surveyId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.hostUrl },
      body,
    });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('access-control-allow-origin')).toBe(first.hostUrl);
    const script = await fetch(`${first.apiUrl}/ecoute.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(script.headers.get('etag')).toBeTruthy();
    const page = await fetch(`${first.hostUrl}/tourisme.html`);
    expect(await page.text()).toContain(first.apiUrl);
    await first.stop();
    expect(javaProcessesFor(join(dataDir, 'dynamodb'))).toBe(0);

    const second = await startLocalProduct({ dataDir });
    try {
      expect(second.operatorKey).toBe(first.operatorKey);
      expect(second.demo.adminKey).toBe(first.demo.adminKey);
      const again = await fetch(`${second.apiUrl}/v1/surveys/${second.demo.surveyId}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(again.status).toBe(200);
      const csv = await fetch(`${second.apiUrl}/v1/surveys/${second.demo.surveyId}/responses.csv`, {
        headers: { authorization: `Bearer ${second.demo.adminKey}` },
      });
      expect(await csv.text()).toContain(id);
    } finally {
      await second.stop();
    }
  }, 180_000); // two starts of Java on a busy shared machine take 30 s or more each
});
