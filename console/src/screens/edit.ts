/** Immutable edits of a survey definition by path, as the editor's fields name them. */
export type Path = (string | number)[];
type Json = Record<string | number, unknown>;

/** A copy of `obj` with `value` at `path` (undefined removes the key; containers are created as needed). */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return value as T;
  const source = (obj ?? (typeof head === 'number' ? [] : {})) as Json;
  const copy = (Array.isArray(source) ? [...source] : { ...source }) as Json;
  const next = rest.length ? setIn(copy[head], rest, value) : value;
  if (next === undefined && !Array.isArray(copy)) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

export function getIn(obj: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o == null ? undefined : (o as Json)[k]), obj);
}

/** A text in one language set or cleared; a text left with no language goes away when `optional`. */
export function setText<T>(obj: T, path: Path, lang: string, value: string, optional: boolean): T {
  const text = { ...((getIn(obj, path) as Record<string, string> | undefined) ?? {}) };
  if (value.trim()) text[lang] = value;
  else delete text[lang];
  return setIn(obj, path, optional && Object.keys(text).length === 0 ? undefined : text);
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
