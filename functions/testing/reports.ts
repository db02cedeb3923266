/**
 * Test support for the report files: synthetic answers stored straight into a test table and
 * aggregated through the API, and a plain RFC 4180 reader to parse the CSV back.
 */
import { addDays, dayIn } from '#analytics/calendar.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import { syntheticResponses } from '#analytics/synthetic.ts';
import type { testApp } from './harness.ts';

type TestApp = Awaited<ReturnType<typeof testApp>>;

/** `perDay` synthetic responses on each of the last `days` days (yesterday back), then aggregated. */
export async function seedAnswered(
  t: TestApp,
  o: {
    surveyId: string;
    definition: SurveyDefinition;
    adminKey: string;
    territory: string;
    days: number;
    perDay: number;
  },
) {
  const today = dayIn(t.deps.now(), 'Europe/Paris');
  const first = addDays(today, -o.days);
  const responses = Array.from({ length: o.days }, (_, k) => addDays(first, k)).flatMap((day, k) =>
    syntheticResponses(o.definition, { surveyId: o.surveyId, day, count: o.perDay, seed: 11 + k }).map((r) => ({
      ...r,
      id: crypto.randomUUID(),
    })),
  );
  await t.deps.stores.responses.putMany(responses);
  const done = await t.call('POST', `/v1/territories/${o.territory}/aggregations`, {
    key: o.adminKey,
    body: { from: first, to: addDays(today, -1) },
  });
  if (done.status !== 200) throw new Error(`aggregation: ${done.status} ${done.text}`);
  return { today, first };
}

/** RFC 4180: quoted fields may hold the separator, quotes (doubled) and line breaks. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The CSV's rows as objects keyed by its header. */
export function csvRecords(text: string, separator: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text, separator);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
