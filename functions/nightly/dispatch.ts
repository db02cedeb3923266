/**
 * The night, fanned out: one unit of work per territory to the work queue, each under a job named
 * after the territory and the night (`night-YYYY-MM-DD-<territory>`, UTC day of the dispatch).
 * Territories are read a page at a time (DISPATCH_PAGE, in id order); within a page the due
 * checks and job records run DISPATCH_POOL at once and the units go ten a request. A dispatch
 * whose time runs short (the Lambda's remaining time) hands the rest on as a unit of the work
 * queue, `dispatch` after the page's last territory, which the worker runs with this same code:
 * no invocation has to cover every territory, however many there are.
 *
 * Running twice (Scheduler's retry, a redelivered page) is safe: a night whose job exists and has
 * started or ended is not sent again, and one sent but not started yet is sent again, which the
 * queue drops within five minutes and its job counts once after that. A territory whose due check
 * fails is sent anyway: its night then fails where it is seen (retries, the dead-letter queue, its
 * job marked failed), and the others are not held up. A territory the night has nothing to do for
 * (no live survey, no closed one that may still change, no suggestion to report: due.ts) gets no
 * unit at all.
 */
import type { Stores } from '../deps.ts';
import { log } from '../log.ts';
import type { Territory } from '../model.ts';
import { inPool } from '../pool.ts';
import { jobStatus } from '../work/jobs.ts';
import type { WorkQueue } from '../work/queue.ts';
import type { WorkUnit } from '../work/units.ts';
import { territoryDue } from './due.ts';

/** Territories a page: one Query, and a few seconds of due checks, well inside any timeout. */
export const DISPATCH_PAGE = 500;
/** Due checks and job records at once: round trips overlap, the table sees a few dozen requests in flight. */
export const DISPATCH_POOL = 16;
/**
 * Time kept in hand, besides twice the slowest page so far, when a dispatch decides to start
 * another page or hand the rest on: five minutes, so an invocation ends well before its timeout
 * (the dispatcher's 15, the worker's 10) and the duration alarms at 80% page only when a page
 * ran far longer than the pages before it.
 */
export const HANDOFF_RESERVE_MS = 5 * 60_000;

export const nightJobId = (now: Date, territory: string) => `night-${now.toISOString().slice(0, 10)}-${territory}`;

export interface DispatchContext {
  stores: Stores;
  now: () => Date;
  queue: WorkQueue;
  /** Time left to this invocation (Lambda's); without it, every page is done in this call. */
  remainingMs?: () => number;
  /** Territories a page (DISPATCH_PAGE; smaller in tests). */
  pageSize?: number;
}

export interface Dispatched {
  /** Territories sent a unit of work, and those with nothing due. */
  territories: number;
  skipped: number;
  pages: number;
  /** The territory after which the rest was handed on, if it was. */
  handedOn?: string;
}

/**
 * Sends the night of every due territory, page by page, from the one after `from.after` (the
 * start by default); `from.at` is the dispatch's instant when this call carries on a dispatch.
 */
export async function dispatchNight(
  ctx: DispatchContext,
  from: { at?: string; after?: string } = {},
): Promise<Dispatched> {
  const at = from.at ?? ctx.now().toISOString();
  const night = { ...ctx, now: () => new Date(at) };
  const done: Dispatched = { territories: 0, skipped: 0, pages: 0 };
  let after = from.after;
  let slowestMs = 0;
  for (;;) {
    const started = Date.now();
    const page = await ctx.stores.territories.page(after, ctx.pageSize ?? DISPATCH_PAGE);
    const sent = await dispatchPage(night, page.territories);
    done.territories += sent;
    done.skipped += page.territories.length - sent;
    done.pages++;
    if (!page.next) break;
    after = page.next;
    slowestMs = Math.max(slowestMs, Date.now() - started);
    if (ctx.remainingMs && ctx.remainingMs() < HANDOFF_RESERVE_MS + 2 * slowestMs) {
      await ctx.queue.enqueue([{ kind: 'dispatch', territory: '*', at, after }]);
      done.handedOn = after;
      break;
    }
  }
  log('info', 'night dispatched', { ...done, at, ...(from.after ? { from: from.after } : {}) });
  return done;
}

/** Sends the night of those of `ids` that are due (the local timer's territories whose 02:30 has come). */
export async function dispatchTerritories(ctx: DispatchContext, ids: readonly string[]): Promise<Dispatched> {
  const size = ctx.pageSize ?? DISPATCH_PAGE;
  const done: Dispatched = { territories: 0, skipped: 0, pages: 0 };
  for (let i = 0; i < ids.length; i += size) {
    const page: { id: string; settings: Territory | undefined }[] = [];
    await inPool(ids.slice(i, i + size), DISPATCH_POOL, async (id) => {
      try {
        const settings = await ctx.stores.territories.get(id);
        if (settings) page.push({ id, settings }); // else removed since listed
      } catch {
        page.push({ id, settings: undefined });
      }
    });
    const sent = await dispatchPage(ctx, page);
    done.territories += sent;
    done.skipped += Math.min(size, ids.length - i) - sent;
    done.pages++;
  }
  log('info', 'night dispatched', { ...done });
  return done;
}

/** One page: the due ones get their job and their unit; answers how many were sent. */
async function dispatchPage(
  ctx: DispatchContext,
  page: readonly { id: string; settings: Territory | undefined }[],
): Promise<number> {
  const now = ctx.now();
  const due = new Set<string>();
  await inPool(page, DISPATCH_POOL, async ({ id, settings }) => {
    if (await dueOrUnknown(ctx, id, settings)) due.add(id);
  });
  const send = new Set<string>();
  await inPool([...due], DISPATCH_POOL, async (territory) => {
    const job = await ctx.stores.jobs.createOnce({
      id: nightJobId(now, territory),
      territory,
      kind: 'night',
      createdAt: now.toISOString(),
      total: 1,
      done: 0,
      failed: 0,
      days: 0,
      responses: 0,
    });
    // Started or ended: its unit was delivered (and is retried by the queue if it fails).
    if (jobStatus(job) === 'queued') send.add(territory);
  });
  const units: WorkUnit[] = page
    .filter(({ id }) => send.has(id))
    .map(({ id }) => ({ kind: 'night', territory: id, jobId: nightJobId(now, id) }));
  await ctx.queue.enqueue(units);
  return due.size;
}

/** Whether the night is due; when that cannot be told (unreadable settings, a failed read), it is sent. */
async function dueOrUnknown(ctx: DispatchContext, id: string, settings: Territory | undefined): Promise<boolean> {
  try {
    if (!settings) throw new Error('settings do not parse');
    return await territoryDue(ctx, settings);
  } catch (e) {
    log('error', 'due check failed: the night is sent anyway', {
      territory: id,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    });
    return true;
  }
}
