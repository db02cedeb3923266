/**
 * Never lose an answer: every response goes through this queue in localStorage before it is
 * sent, and stays there until the API has it (2xx) or refuses it for good (4xx but 408/429).
 * Retries follow retry.ts: backoff, `online`, the next page load, for up to 30 days. The
 * response id makes every replay idempotent, so several tabs flushing at once is safe.
 */
import { request, type Reply } from './net.ts';
import { keepReceipt } from './receipts.ts';
import { readJson, writeJson } from './storage.ts';
import { dueNow, enqueue, isExpired, nextDue, settle, type Pending } from './retry.ts';

const KEY = 'ecoute:outbox';
let memory: Pending[] = [];
const inFlight = new Set<string>();
const delivered = new Set<string>();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let flushing = false;

/** Storage disabled (private mode, sandboxed frame): `memory` keeps them for this page at least. */
const load = (): Pending[] => readJson(KEY, memory);

function update(change: (queue: Pending[]) => Pending[]): void {
  memory = change(load());
  writeJson(KEY, memory);
  for (const l of listeners) l();
}

/** Whether this page saw the API accept the response (a response dropped as refused is not delivered). */
export function isDelivered(id: string): boolean {
  return delivered.has(id);
}

/** Called whenever the queue changes; returns the unsubscribe function. */
export function watch(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function attempt(p: Pending): Promise<Reply<unknown>> {
  inFlight.add(p.id);
  const reply = await request<unknown>(p.url, p.body);
  inFlight.delete(p.id);
  if (reply.status >= 200 && reply.status < 300) {
    delivered.add(p.id);
    keepReceipt(p.url, p.id, (reply.data as { receipt?: unknown } | undefined)?.receipt);
  }
  update((q) => settle(q, p.id, reply, Date.now(), Math.random()));
  return reply;
}

function schedule(): void {
  clearTimeout(timer);
  const next = nextDue(load(), Date.now());
  if (next !== undefined)
    timer = setTimeout(() => void flush(), Math.min(Math.max(next - Date.now(), 500), 2 ** 31 - 1));
}

/** Keeps the response, then tries it once now; the reply says whether it arrived, waits, or was refused. */
export async function submit(url: string, id: string, body: unknown): Promise<Reply<unknown>> {
  const now = Date.now();
  update((q) => enqueue(q, { id, url, body: JSON.stringify(body), created: now, attempts: 0, due: now }));
  const entry = load().find((p) => p.id === id) ?? memory.find((p) => p.id === id);
  const reply = entry ? await attempt(entry) : { status: 0, retryAfter: null };
  schedule();
  return reply;
}

/** Drops a response not sent yet (the person withdrew it); false when it is on its way or gone already. */
export function discard(id: string): boolean {
  if (inFlight.has(id) || !load().some((p) => p.id === id)) return false;
  update((q) => q.filter((p) => p.id !== id));
  return true;
}

/** Sends what is due (everything when forced); stops at the first network failure. */
export async function flush(force = false): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    const now = Date.now();
    if (load().some((p) => isExpired(p, now))) update((q) => q.filter((p) => !isExpired(p, now)));
    for (const p of dueNow(load(), now, force)) {
      if (inFlight.has(p.id)) continue;
      if ((await attempt(p)).status === 0) break;
    }
  } finally {
    flushing = false;
    schedule();
  }
}

/** Once per page (ecoute.js calls it as it loads): retry now and when the network comes back (timers do the rest). */
export function startOutbox(): void {
  addEventListener('online', () => void flush(true));
  void flush(true);
}
