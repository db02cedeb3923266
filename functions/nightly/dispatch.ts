/**
 * The night, fanned out: one unit of work per territory to the work queue, each under a job named
 * after the territory and the night (`night-YYYY-MM-DD-<territory>`, UTC day), so a dispatch that
 * runs twice (Scheduler's retry) finds the same jobs and sends the same units, which the queue's
 * deduplication drops within five minutes and each job counts once after that. A territory that
 * fails retries alone, then waits in the dead-letter queue with its job marked failed; the others
 * are not held up. Territories run side by side within the worker's bounded concurrency. A
 * territory the night has nothing to do for (no live survey, no closed one that may still change,
 * no suggestion to report: due.ts) gets no unit at all.
 */
import type { Stores } from '../deps.ts';
import { log } from '../log.ts';
import { inPool } from '../pool.ts';
import { dueTerritories } from './due.ts';
import type { WorkQueue } from '../work/queue.ts';
import type { WorkUnit } from '../work/units.ts';

export const nightJobId = (now: Date, territory: string) => `night-${now.toISOString().slice(0, 10)}-${territory}`;

/** Sends the night of those of `territories` (all of them by default) that are due; answers how many were sent and skipped. */
export async function dispatchNight(
  ctx: { stores: Stores; now: () => Date; queue: WorkQueue },
  territories?: string[],
): Promise<{ territories: number; skipped: number }> {
  const now = ctx.now();
  const asked = territories ?? (await ctx.stores.territories.ids());
  const ids = await dueTerritories(ctx, asked);
  const units: WorkUnit[] = ids.map((territory) => ({ kind: 'night', territory, jobId: nightJobId(now, territory) }));
  await inPool(units, 8, async (unit) => {
    await ctx.stores.jobs.createOnce({
      id: unit.jobId,
      territory: unit.territory,
      kind: 'night',
      createdAt: now.toISOString(),
      total: 1,
      done: 0,
      failed: 0,
      days: 0,
      responses: 0,
    });
  });
  await ctx.queue.enqueue(units);
  const skipped = asked.length - ids.length;
  log('info', 'night dispatched', { territories: ids.length, skipped });
  return { territories: ids.length, skipped };
}
