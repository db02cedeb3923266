/** Sets a key of a record, `__proto__` included. */
export function put<W>(out: Record<string, W>, k: string, v: W) {
  // A competitor or a dimension may be named "__proto__", which plain assignment would swallow.
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}
