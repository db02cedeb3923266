/** The error shape of API.md, as the tests, the fuzz bench and the smoke check read answers against it. */
import { STATUS, type ErrorCode } from '../errors.ts';

/**
 * Why an error answer breaks the error shape of API.md (`{ error: { code, message, issues } }`,
 * the code the one its status stands for, nothing else), or undefined when it keeps it.
 */
export function errorShapeProblem(status: number, body: unknown, text = ''): string | undefined {
  const json = body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null | undefined;
  const e = json?.error;
  if (!e || typeof e !== 'object') return `no error object: ${text.slice(0, 120)}`;
  const code = (Object.keys(STATUS) as ErrorCode[]).find((c) => STATUS[c] === status);
  if (e.code !== code) return `code ${String(e.code)} with status ${status}`;
  if (typeof e.message !== 'string' || !e.message) return 'no message';
  if (
    !Array.isArray(e.issues) ||
    e.issues.some(
      (i: { path?: unknown; message?: unknown } | null) =>
        typeof i?.path !== 'string' || typeof i?.message !== 'string',
    )
  )
    return 'bad issues';
  if (Object.keys(json).length !== 1 || Object.keys(e).some((k) => !['code', 'message', 'issues'].includes(k)))
    return 'extra fields';
  return undefined;
}
