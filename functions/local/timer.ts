/**
 * The nightly job on the local stack: once at start (so a fresh demo shows its reports), then
 * every night at 02:30 in each territory's own time zone, each territory's night a unit of the
 * local work queue, as the dispatcher sends them to SQS when deployed.
 */
import { dayIn } from '#analytics/calendar.ts';
import { log } from '../log.ts';
import { dispatchTerritories, type DispatchContext } from '../nightly/dispatch.ts';

const RUN_AT = '02:30';

function localTime(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    now,
  );
}

export function startNightlyTimer(ctx: DispatchContext, everyMs = 60_000): { stop(): Promise<void> } {
  const lastRun = new Map<string, string>();
  /** Sends the night of every territory whose 02:30 has come (all of them at start-up). */
  const due = async (all: boolean) => {
    const now = ctx.now();
    const ids: string[] = [];
    for (const id of await ctx.stores.territories.ids()) {
      const territory = await ctx.stores.territories.get(id);
      if (!territory) continue;
      const today = dayIn(now, territory.timeZone);
      if (!all && (localTime(now, territory.timeZone) < RUN_AT || lastRun.get(id) === today)) continue;
      lastRun.set(id, today);
      ids.push(id);
    }
    if (ids.length) await dispatchTerritories(ctx, ids);
  };
  // The start-up run counts as tonight's for every territory.
  let running: Promise<unknown> = due(true).catch((e: unknown) =>
    log('error', 'start-up night failed', { error: String(e) }),
  );
  const timer = setInterval(() => {
    running = running
      .then(() => due(false))
      .catch((e: unknown) => log('error', 'nightly dispatch failed', { error: String(e) }));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running; // then the queue stops, after the units it runs
    },
  };
}
