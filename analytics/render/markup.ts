/**
 * HTML and SVG built with a tagged template that escapes every interpolation unless it is
 * already markup: survey titles, labels, territory and competitor names can never become tags.
 */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Part = Markup | string | number | null | undefined | false | readonly Part[];

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const render = (p: Part): string => {
  if (p instanceof Markup) return p.text;
  if (Array.isArray(p)) return p.map(render).join('');
  if (p === null || p === undefined || p === false) return '';
  return escapeHtml(String(p));
};

export function html(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  let out = strings[0] ?? '';
  parts.forEach((p, i) => {
    out += render(p) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** SVG coordinates: two decimals are plenty and keep the page small. */
export const coord = (x: number): string => (Math.round(x * 100) / 100).toString();
