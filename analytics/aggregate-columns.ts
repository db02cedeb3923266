/**
 * Every column a survey version's cells can hold (aggregate-packed.ts names them): its
 * questionnaire's questions, scale points, options, dimensions and item sets, per audience, with
 * the survey's languages and the known channels. Days of one version then name one list of columns
 * however few of them a small day fills (functions/store/aggregate-bytes.ts); a day holding a
 * column outside it (a channel not known here) names a list of its own.
 */
import { layoutOf } from './aggregate.ts';
import { CellAccumulator } from './aggregate-day.ts';
import { storedCell } from './aggregate-day-cell.ts';
import { columnsOfCell } from './aggregate-packed.ts';
import { CHANNELS, type SurveyDefinition } from './questionnaire.ts';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const ofDefinition = new WeakMap<SurveyDefinition, string[]>();

/**
 * One version's columns: the cell of each audience as the nightly loop stores it when every count
 * and sum is 1, so that nothing is left out as absent (the loop's own code names the columns, not
 * a copy of its rules).
 */
function columnsOfVersion(def: SurveyDefinition): string[] {
  let columns = ofDefinition.get(def);
  if (columns) return columns;
  const layout = layoutOf(def);
  const all = new Set<string>();
  for (const audience of layout.audiences) {
    const cell = new CellAccumulator(layout, audience, { audience: 'visitor', cells: {} });
    cell.responses = 1;
    cell.counts.fill(1);
    cell.sums.fill(1);
    cell.languages.fill(1);
    cell.channels.push(...CHANNELS.map(() => 1));
    for (const c of columnsOfCell(storedCell(cell, CHANNELS))) all.add(c);
  }
  columns = [...all].sort(byString);
  ofDefinition.set(def, columns);
  return columns;
}

/** The columns of these versions' cells, sorted; undefined when a version is not among the definitions. */
export function versionColumns(
  definitions: ReadonlyMap<number, SurveyDefinition>,
  versions: readonly number[],
): string[] | undefined {
  const defs = versions.map((v) => definitions.get(v));
  if (defs.some((d) => d === undefined)) return undefined;
  if (defs.length === 1) return columnsOfVersion(defs[0] as SurveyDefinition);
  return [...new Set(defs.flatMap((d) => columnsOfVersion(d as SurveyDefinition)))].sort(byString);
}
