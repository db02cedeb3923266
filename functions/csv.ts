/** RFC 4180 CSV: CRLF line ends, fields quoted when they hold a separator, a quote or a line break. */

/** A text a spreadsheet would run as a formula is prefixed with an apostrophe (OWASP CSV injection). */
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join('|') : String(value);
  if (typeof value === 'string' && FORMULA.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (values: unknown[], separator = ',') => `${values.map((v) => csvField(v, separator)).join(separator)}\r\n`;
