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

export function startNightlyTimer(base: AggregationContext, everyMs = 60_000): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const ctx: AggregationContext = { ...base, signal: stopping.signal };
  const failed = (what: string) => (e: unknown) => {
    if (!stopping.signal.aborted) log('error', what, { error: String(e) });
  };
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
    .catch(failed('start-up aggregation failed'));
  const tick = () => due(false);
  const timer = setInterval(() => {
    running = running.then(tick).catch(failed('nightly aggregation failed'));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      // The run stops after the days in hand (a day is written whole): never stop the database under a write.
      stopping.abort();
      await running;
    },
  };
}
