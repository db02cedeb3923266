import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  DAY_MS,
  dueNow,
  enqueue,
  isRetryable,
  nextDue,
  retryAfterMs,
  settle,
  type Pending,
} from './retry.ts';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const entry = (id: string, over: Partial<Pending> = {}): Pending => ({
  id,
  url: 'https://api/v1/surveys/s/responses',
  body: '{}',
  created: T0,
  attempts: 0,
  due: T0,
  ...over,
});

describe('isRetryable', () => {
  it('retries network failures, timeouts, rate limits and server errors', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(isRetryable(status)).toBe(true);
  });
  it('gives up on answers the API refuses for good', () => {
    for (const status of [200, 201, 400, 401, 403, 404, 409, 413, 415]) expect(isRetryable(status)).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from 2 s with half of it random', () => {
    expect(backoffMs(1, 0)).toBe(1000);
    expect(backoffMs(1, 1)).toBe(2000);
    expect(backoffMs(2, 0)).toBe(2000);
    expect(backoffMs(3, 1)).toBe(8000);
  });
  it('never waits more than 15 minutes', () => {
    expect(backoffMs(40, 1)).toBe(15 * 60_000);
    expect(backoffMs(1000, 0.5)).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, and leaves anything else to the backoff', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs(new Date(T0 + 90_000).toUTCString())).toBeUndefined();
    expect(retryAfterMs('-5')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('settle', () => {
  it('removes an entry the API accepted or replayed', () => {
    expect(settle([entry('a'), entry('b')], 'a', { status: 201 }, T0, 0.5).map((p) => p.id)).toEqual(['b']);
    expect(settle([entry('a')], 'a', { status: 200 }, T0, 0.5)).toEqual([]);
  });
  it('drops an entry refused for good instead of retrying it forever', () => {
    expect(settle([entry('a')], 'a', { status: 400 }, T0, 0.5)).toEqual([]);
    expect(settle([entry('a')], 'a', { status: 409 }, T0, 0.5)).toEqual([]);
  });
  it('keeps a failed entry and pushes it back with a growing delay', () => {
    const once = settle([entry('a')], 'a', { status: 0 }, T0, 1);
    expect(once[0]).toMatchObject({ attempts: 1, due: T0 + 2000 });
    const twice = settle(once, 'a', { status: 503 }, T0, 1);
    expect(twice[0]).toMatchObject({ attempts: 2, due: T0 + 4000 });
  });
  it('waits at least as long as Retry-After says', () => {
    const [p] = settle([entry('a')], 'a', { status: 429, retryAfter: '120' }, T0, 0);
    expect(p?.due).toBe(T0 + 120_000);
  });
  it('lets an entry go once it is older than 30 days, when the API would refuse its date anyway', () => {
    expect(settle([entry('a')], 'a', { status: 0 }, T0 + 31 * DAY_MS, 0)).toEqual([]);
  });
});

describe('dueNow and nextDue', () => {
  const queue = [entry('now'), entry('later', { due: T0 + 60_000 }), entry('old', { created: T0 - 31 * DAY_MS })];
  it('sends what is due, and everything when forced (page load, back online)', () => {
    expect(dueNow(queue, T0, false).map((p) => p.id)).toEqual(['now']);
    expect(dueNow(queue, T0, true).map((p) => p.id)).toEqual(['now', 'later']);
  });
  it('schedules the next timer on the earliest live entry', () => {
    expect(nextDue(queue.slice(1), T0)).toBe(T0 + 60_000);
    expect(nextDue([], T0)).toBeUndefined();
  });
});

describe('enqueue', () => {
  it('keeps the first body of a response submitted twice, so replays stay deep-equal', () => {
    const q = enqueue([entry('a', { body: '{"v":1}' })], entry('a', { body: '{"v":2}' }));
    expect(q).toHaveLength(1);
    expect(q[0]?.body).toBe('{"v":1}');
  });
});
