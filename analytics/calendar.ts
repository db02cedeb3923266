/** Days in a territory's time zone: the unit responses are counted in. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone. UTC's is read from the ISO string:
 * every public submission asks for it (the client's identity of the day), and Intl's formatting
 * costs about ten times more.
 */
export function dayIn(instant: Date, timeZone: string): string {
  if (timeZone === 'UTC' && !Number.isNaN(instant.getTime())) return instant.toISOString().slice(0, 10);
  return formatter(timeZone).format(instant);
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Every day from `from` to `to`, inclusive (calendar arithmetic in UTC, no time zone needed). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
