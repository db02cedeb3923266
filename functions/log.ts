/** Structured JSON log lines. Callers pass no personal data: no address, key, e-mail or answer. */
type Level = 'info' | 'warn' | 'error';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), service: 'ecoute', ...fields });
  if (level === 'error') console.error(line);
  else if (process.env.ECOUTE_QUIET !== '1') console.log(line);
}
