/**
 * The first encoding of daily aggregates (schema 1), kept only to read what is already stored:
 * respondent scores were kept as histograms of every distinct score (rounded to 10⁻⁹), which
 * grow with the crowd. `fromLegacy` turns one into schema 2 exactly (see `readAggregate`).
 */
import { AggregateMismatchError, mergeAll } from './aggregate.ts';
import { isPackedAggregate, type PackedAggregate, packAggregate, unpackAggregate } from './aggregate-packed.ts';
import type { AggregateCell, Channel, DailyAggregate, NetCell } from './aggregate-schema.ts';
import { type Moments, MomentsAccumulator } from './moments.ts';

interface CellKey {
  audience: AggregateCell['key']['audience'];
  locale: string;
  channel: Channel;
  cells: Record<string, string | null>;
}

type LegacyHistogram = [number, number][];
interface LegacyScoreStats {
  n: number;
  histogram: LegacyHistogram;
}
interface LegacyCell {
  key: CellKey;
  responses: number;
  scales: Record<string, LegacyHistogram>;
  choices: Record<string, Record<string, number>>;
  topTwoBox: Record<string, { n: number; top: number }>;
  nps?: NetCell;
  composites: Partial<
    Record<
      'satisfaction' | 'image' | 'value',
      { score: LegacyScoreStats; dimensions: Record<string, LegacyScoreStats> }
    >
  >;
  relativeValue: Record<string, NetCell>;
}
export interface LegacyAggregate {
  schema: 1;
  surveyId: string;
  from: string | null;
  to: string | null;
  versions: number[];
  responses: number;
  cells: LegacyCell[];
}

export const isLegacyAggregate = (json: unknown): json is LegacyAggregate =>
  typeof json === 'object' && json !== null && (json as { schema?: unknown }).schema === 1;

/** Schema 1 rounded every score to 10⁻⁹ points: integers in units of 100/10¹¹ points, exactly. */
const LEGACY_UNIT = 1e11;

function momentsOf(stats: LegacyScoreStats): Moments {
  const acc = new MomentsAccumulator(LEGACY_UNIT);
  for (const [score, count] of stats.histogram) {
    const c = Math.round(score * 1e9);
    acc.addMoments({
      d: LEGACY_UNIT,
      n: count,
      sum: (BigInt(c) * BigInt(count)).toString(),
      sumSq: (BigInt(c) * BigInt(c) * BigInt(count)).toString(),
    });
  }
  return acc.moments();
}

function cellOf(c: LegacyCell): AggregateCell {
  const composites: AggregateCell['composites'] = {};
  for (const [index, composite] of Object.entries(c.composites)) {
    if (!composite) continue;
    composites[index as keyof AggregateCell['composites']] = {
      score: momentsOf(composite.score),
      dimensions: Object.fromEntries(Object.entries(composite.dimensions).map(([d, s]) => [d, momentsOf(s)])),
      asked: {},
    };
  }
  return {
    key: { audience: c.key.audience, cells: c.key.cells },
    responses: c.responses,
    locales: { [c.key.locale.split('-', 1)[0] ?? c.key.locale]: c.responses },
    channels: { [c.key.channel]: c.responses },
    items: {},
    scales: c.scales,
    choices: c.choices,
    topTwoBox: c.topTwoBox,
    ...(c.nps ? { nps: c.nps } : {}),
    composites,
    relativeValue: c.relativeValue,
    drivers: {},
    reliability: {},
  };
}

/**
 * Schema 1 → schema 2 (cells that differed only by language or channel merged). Responses per
 * version were not kept: known only when the day had one version.
 */
export function fromLegacy(old: LegacyAggregate): DailyAggregate {
  const [only, ...others] = old.versions;
  const converted: DailyAggregate = {
    schema: 2,
    surveyId: old.surveyId,
    from: old.from,
    to: old.to,
    versions: [...old.versions],
    byVersion: only !== undefined && others.length === 0 ? { [String(only)]: old.responses } : {},
    responses: old.responses,
    cells: old.cells.map(cellOf),
  };
  return { ...mergeAll([converted], old.surveyId), from: old.from, to: old.to };
}

/**
 * A stored aggregate as this code reads it. Schema 1 (histograms of respondent scores) is
 * converted exactly: its scores were rounded to 10⁻⁹ already, so their fixed-point moments are
 * the same integers. What schema 1 never kept (drivers, reliability, item response, the
 * dimensions each respondent was asked) stays empty until the nightly job rebuilds that day.
 */
export function readAggregate(json: unknown): DailyAggregate {
  if (isLegacyAggregate(json)) return fromLegacy(json);
  if (isPackedAggregate(json)) return unpackAggregate(json);
  const agg = json as DailyAggregate;
  if (agg?.schema !== 2) throw new AggregateMismatchError(`unknown aggregate schema ${String(agg?.schema)}`);
  return agg;
}

/** A stored aggregate of any schema in the stored encoding (schema 3), for merges on rows. */
export function readPackedAggregate(json: unknown): PackedAggregate {
  return isPackedAggregate(json) ? json : packAggregate(readAggregate(json));
}
