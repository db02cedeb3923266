/**
 * How a text function's cost grows with its input, measured side by side: the processor time
 * on a text `factor` times longer divided by that on the shorter one, each the least of a few
 * interleaved rounds. Processor time, not the clock: on a busy machine the clock also counts
 * the time other processes ran. Linear code gives about `factor`, quadratic code `factor²`.
 * Used by the masking tests and the `masking` bench suite.
 */

/** Hostile inputs for the masks: long runs of what an address or a number is made of, with no end to match. */
export const HOSTILE_PATTERNS = ['a', 'é', '1', '.', '-', 'a.', 'a@', 'a@b.', '+1', '0 ', '0033', '(0)'] as const;

/** Milliseconds of processor time (user and system) to run `fn` `repeats` times. */
function timeOf(fn: (text: string) => unknown, text: string, repeats: number): number {
  const started = process.cpuUsage();
  for (let i = 0; i < repeats; i++) fn(text);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

export function growthRatio(
  fn: (text: string) => unknown,
  pattern: string,
  o: { length: number; factor: number; rounds?: number },
): number {
  const short = pattern.repeat(Math.ceil(o.length / pattern.length));
  const long = short.repeat(o.factor);
  // Enough repeats for the short text to take several milliseconds, well above the clock's grain.
  let repeats = 1;
  while (repeats < 8192 && timeOf(fn, short, repeats) < 10) repeats *= 2;
  let best = { short: Number.POSITIVE_INFINITY, long: Number.POSITIVE_INFINITY };
  for (let round = 0; round < (o.rounds ?? 3); round++) {
    best = {
      short: Math.min(best.short, timeOf(fn, short, repeats)),
      long: Math.min(best.long, timeOf(fn, long, repeats)),
    };
  }
  return best.long / best.short;
}
