/**
 * The nightly job on the local stack: once at start (so a fresh demo shows its reports), then
 * every night at 02:30 in each territory's own time zone.
 */
import { dayIn } from '#analytics/calendar.ts';
import { log } from '../log.ts';
import { aggregateTerritory, nightlyRun, type AggregationContext } from '../nightly/job.ts';

const RUN_AT = '02:30';

function localTime(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    now,
  );
}

export function startNightlyTimer(ctx: AggregationContext, everyMs = 60_000): { stop(): Promise<void> } {
  const lastRun = new Map<string, string>();
  const due = async (markOnly: boolean) => {
    const now = ctx.now();
    for (const id of await ctx.stores.territories.ids()) {
      const territory = await ctx.stores.territories.get(id);
      if (!territory) continue;
      const today = dayIn(now, territory.timeZone);
      if (!markOnly && (localTime(now, territory.timeZone) < RUN_AT || lastRun.get(id) === today)) continue;
      lastRun.set(id, today);
      if (!markOnly) await aggregateTerritory(ctx, territory);
    }
  };
  // The start-up run counts as tonight's for every territory.
  let running: Promise<unknown> = nightlyRun(ctx)
    .then(() => due(true))
    .catch((e: unknown) => log('error', 'start-up aggregation failed', { error: String(e) }));
  const tick = () => due(false);
  const timer = setInterval(() => {
    running = running
      .then(tick)
      .catch((e: unknown) => log('error', 'nightly aggregation failed', { error: String(e) }));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running; // never stop the database under a run
    },
  };
}
