/** RFC 4180 CSV rows for the raw exports: CRLF line ends, the report CSV's quoting and formula defusing. */
import { defuseFormula, quoteCsvField } from '#analytics/render/csv.ts';

export function csvField(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return quoteCsvField(defuseFormula(value), separator);
  return quoteCsvField(Array.isArray(value) ? value.join('|') : String(value), separator);
}

export const csvRow = (values: unknown[], separator = ',') =>
  `${values.map((v) => csvField(v, separator)).join(separator)}\r\n`;
