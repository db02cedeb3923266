/** Bodies: JSON only, and no larger than the route may take. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const TEXT_TYPE = /^text\/plain\s*(?:;|$)/i;

/**
 * JSON bodies, labelled as such. A public submission may also label its JSON `text/plain`: a
 * browser then sends it as a CORS simple request, without the preflight that costs an API request
 * and a Lambda invocation per response (the widget does). Its body is the same JSON, checked by
 * the same schemas; every keyed route still answers 415 to anything but JSON.
 */
export const jsonOnly =
  (plainTextToo: boolean): MiddlewareHandler =>
  async (c, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
      const type = c.req.header('content-type') ?? '';
      if (!JSON_TYPE.test(type) && !(plainTextToo && TEXT_TYPE.test(type))) throw new UnsupportedMediaTypeError();
    }
    await next();
  };

export const limitBody = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError(maxSize);
    },
  });
