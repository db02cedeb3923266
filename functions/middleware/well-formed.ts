/**
 * Bodies must be well-formed text. Otherwise invalid UTF-8 would be stored as U+FFFD and a
 * lone surrogate escape (`"\ud800"`) as a string no encoder can write back: data silently
 * changed. And no deeper than any body needs: an unknown field nested thousands deep passes the
 * schemas (they strip it) and then overflows the stack of whatever walks the raw body.
 * Malformed JSON is left to the validators, which name it.
 */
import type { MiddlewareHandler } from 'hono';
import { ValidationFailedError, type ErrorIssue } from '../errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * A decoded body holds no surrogate of its own (the fatal decoder refuses their UTF-8), so one can
 * only come from an escape; without such an escape the text needs no reading value by value.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
/** DynamoDB's own limit for nested attributes; our bodies need 6. Deeper ones only serve to exhaust the stack. */
const MAX_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, strings skipped. */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth);
    else if (ch === '}' || ch === ']') depth--;
  }
  return max;
}

function illFormed(body: ArrayBuffer): ErrorIssue | undefined {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { path: '(body)', message: 'the body is not valid UTF-8' };
  }
  if (depthOf(text) > MAX_DEPTH)
    return { path: '(body)', message: `the body nests arrays and objects deeper than ${MAX_DEPTH} levels` };
  if (!SURROGATE_ESCAPE.test(text)) return undefined;
  let key: string | undefined;
  try {
    JSON.parse(text, (k, v: unknown) => {
      if (key === undefined && (LONE_SURROGATE.test(k) || (typeof v === 'string' && LONE_SURROGATE.test(v)))) key = k;
      return v;
    });
  } catch {
    return undefined;
  }
  return key === undefined
    ? undefined
    : {
        path: '(body)',
        message: `the text at "${key.slice(0, 64)}" holds a lone surrogate (\\uD800–\\uDFFF); send well-formed Unicode`,
      };
}

export const wellFormedBody: MiddlewareHandler = async (c, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
    const issue = illFormed(await c.req.arrayBuffer());
    if (issue) throw new ValidationFailedError('the body is not well-formed text', [issue]);
  }
  await next();
};
