/**
 * Clients of the real HTTP server for the fault test and the load bench: a territory to load,
 * one submission with a deadline, submission the way the widget's outbox does it (the same id
 * and body again on no answer, 408, 429 or 5xx; survey-widget/src/retry.ts), and the count of
 * what was stored, read back through the CSV export.
 */
import { responseBody, SURVEY } from './world.ts';

export interface Sent {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: unknown;
}

/** One POST; status 0 when no answer came within `timeoutMs` or the connection failed. */
export async function post(url: string, body: string, timeoutMs: number, key?: string): Promise<Sent> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return {
      status: res.status,
      ms: performance.now() - started,
      retryAfter: res.headers.get('retry-after'),
      body: json,
    };
  } catch {
    return { status: 0, ms: performance.now() - started, retryAfter: null, body: undefined };
  }
}

/** The widget's rule (retry.ts `isRetryable`): no answer, 408, 429 and 5xx are tried again. */
export const isRetryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/** A territory with a high submission limit (every client of a bench shares one address) and a live survey. */
export async function loadTerritory(
  apiUrl: string,
  operatorKey: string,
  id: string,
): Promise<{ adminKey: string; surveyId: string }> {
  const created = await post(
    `${apiUrl}/v1/territories`,
    JSON.stringify({ id, name: id, allowedOrigins: [], limits: { submissionsPerMinute: 100_000 } }),
    10_000,
    operatorKey,
  );
  if (created.status !== 201) throw new Error(`territory: ${created.status} ${JSON.stringify(created.body)}`);
  const adminKey = (created.body as { adminKey: string }).adminKey;
  const survey = await post(
    `${apiUrl}/v1/territories/${id}/surveys`,
    JSON.stringify({ ...SURVEY, id: `${id}-survey` }),
    10_000,
    adminKey,
  );
  if (survey.status !== 201) throw new Error(`survey: ${survey.status}`);
  const live = await post(`${apiUrl}/v1/surveys/${id}-survey/status`, '{"status":"live"}', 10_000, adminKey);
  if (live.status !== 200) throw new Error(`live: ${live.status}`);
  return { adminKey, surveyId: `${id}-survey` };
}

export const newSubmission = () => JSON.stringify({ ...responseBody(new Date()), submittedAt: undefined });

export const idOf = (body: string) => (JSON.parse(body) as { id: string }).id;

/**
 * Sends until the API has it, as the widget's outbox would, with its backoff scaled down so a
 * test does not wait minutes: `scale` 1 is the widget's own 2 s, 4 s, 8 s…
 */
export async function submitLikeTheWidget(
  url: string,
  body: string,
  o: { timeoutMs: number; scale: number; giveUpMs: number },
): Promise<{ final: Sent; attempts: Sent[] }> {
  const attempts: Sent[] = [];
  const until = performance.now() + o.giveUpMs;
  for (;;) {
    const sent = await post(url, body, o.timeoutMs);
    attempts.push(sent);
    if (!isRetryable(sent.status) || performance.now() > until) return { final: sent, attempts };
    const ceiling = Math.min(2000 * 2 ** (attempts.length - 1), 15 * 60_000) * o.scale;
    const backoff = ceiling / 2 + (Math.random() * ceiling) / 2;
    const told = sent.retryAfter ? Number(sent.retryAfter) * 1000 * o.scale : 0;
    await new Promise((r) => setTimeout(r, Math.max(backoff, told)));
  }
}

/** How many times each response id is stored, from the raw CSV export (id first on each row). */
export async function storedCounts(apiUrl: string, adminKey: string, surveyId: string): Promise<Map<string, number>> {
  const res = await fetch(`${apiUrl}/v1/surveys/${surveyId}/responses.csv`, {
    headers: { authorization: `Bearer ${adminKey}` },
  });
  if (res.status !== 200) throw new Error(`export: ${res.status}`);
  const counts = new Map<string, number>();
  for (const line of (await res.text()).split('\r\n')) {
    const id = /^([0-9a-f]{8}-[0-9a-f-]{27})[,]/i.exec(line)?.[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
