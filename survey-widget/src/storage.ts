/** JSON in localStorage that never throws: storage may be disabled (private mode, sandboxed frames) or full. */

export function readJson<T>(key: string, fallback: T): T {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') ?? fallback;
  } catch {
    return fallback;
  }
}

/** Stores the value, or removes the key when it is empty (undefined, or an empty list). */
export function writeJson(key: string, value: unknown): void {
  try {
    if (value === undefined || (Array.isArray(value) && !value.length)) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage disabled or full: the caller keeps what it needs in memory */
  }
}
