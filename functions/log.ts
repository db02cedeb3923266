/**
 * Structured JSON log lines. Callers pass no personal data: no address, key, e-mail or answer.
 * Written to the streams directly, not through console, so Lambda's JSON log format keeps each
 * line as the structured record it is instead of wrapping it as an escaped message string.
 */
type Level = 'info' | 'warn' | 'error';

/** Which function wrote the line: the stack names each one (`ecoute-api`, `ecoute-nightly`) as Powertools does. */
const service = process.env.POWERTOOLS_SERVICE_NAME ?? 'ecoute';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.ECOUTE_LOG === 'off') return; // benchmarks: thousands of provoked 503s are not news
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), service, ...fields });
  if (level === 'error') process.stderr.write(`${line}\n`);
  else if (process.env.ECOUTE_QUIET !== '1') process.stdout.write(`${line}\n`);
}
