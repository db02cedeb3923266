/**
 * Requests for public-requests.test.ts: mostly valid ones with a field or a few pushed over an
 * edge (a bound, a type, a format, an absence, a stray key), since that is where a validator and
 * its zod twin could part, and a purely random value rarely reaches past the first check.
 */
import fc from 'fast-check';

/** Whitespace String.prototype.trim removes (and one it keeps: U+200B). */
const pad = fc.constantFrom('', '', '', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\ufeff', '\u200b');
/** A character of one UTF-16 unit, of two (a code point zod counts once), or a lone surrogate. */
const unit = fc.constantFrom('a', 'é', ' ', '😀', '\ud83d');

/** Strings around a length bound, in code points and in UTF-16 units, padded or not. */
export const near = (bound: number) =>
  fc.oneof(
    fc
      .tuple(pad, fc.integer({ min: Math.max(0, bound - 2), max: bound + 2 }), unit, unit, pad)
      .map(([before, n, c, last, after]) => `${before}${c.repeat(Math.max(0, n - 1))}${n > 0 ? last : ''}${after}`),
    fc.tuple(pad, fc.integer({ min: 0, max: bound + 2 }), pad).map(([b, n, a]) => b + 'x'.repeat(n) + a),
  );

/** Any short string, from the whole of Unicode or ASCII. */
export const anyString = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));

/** What a field may be, apart from valid: wrong JSON, or even non-JSON values. */
export const wrong = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, 1, 1.5, '', ' ', [], {}, ['a'], { length: 3 }, { length: 99 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid string, or one near it: one character changed, cut, doubled, cased or padded. */
export function around(match: fc.Arbitrary<string>) {
  return fc.oneof(
    { weight: 4, arbitrary: match },
    match.chain((s) =>
      fc.oneof(
        fc
          .integer({ min: 0, max: Math.max(0, s.length - 1) })
          .chain((i) => unit.map((c) => s.slice(0, i) + c + s.slice(i + 1))),
        fc.integer({ min: 0, max: s.length }).map((i) => s.slice(0, i)),
        fc.constant(s + s),
        fc.constant(s.toUpperCase()),
        fc.constant(s.toLowerCase()),
        fc.tuple(pad, pad).map(([a, b]) => a + s + b),
        fc.constant(`${s}\n`),
        fc.constant(`${s}-`),
      ),
    ),
  );
}

export interface Field {
  readonly valid: fc.Arbitrary<unknown>;
  /** Near-misses of this field's own rules. */
  readonly edge: fc.Arbitrary<unknown>;
}

const ABSENT = Symbol('absent');
/**
 * Objects of `fields`: valid but for one field (at an edge, of a wrong type or absent), or each
 * field valid or not at random; sometimes with unknown keys (`__proto__` among them, an own key
 * as JSON.parse makes it), before or after the known ones.
 */
export function shaped(fields: Record<string, Field>): fc.Arbitrary<Record<string, unknown>> {
  const spoiled = (field: Field) => fc.oneof({ weight: 3, arbitrary: field.edge }, wrong, fc.constant<unknown>(ABSENT));
  const keys = Object.keys(fields);
  const valid = keys.map((key) => (fields[key] as Field).valid);
  const oneSpoiled = fc
    .tuple(fc.tuple(...valid), fc.nat(keys.length - 1))
    .chain(([values, at]) =>
      spoiled(fields[keys[at] as string] as Field).map((v) => values.map((value, i) => (i === at ? v : value))),
    );
  const anySpoiled = fc.tuple(
    ...keys.map((key) =>
      fc.oneof({ weight: 4, arbitrary: (fields[key] as Field).valid }, spoiled(fields[key] as Field)),
    ),
  );
  const unknownKeys = fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as [string, unknown][]) },
    fc.array(fc.tuple(fc.oneof(anyString, fc.constantFrom('__proto__', 'constructor', 'length', '0')), wrong), {
      maxLength: 2,
    }),
  );
  return fc
    .tuple(fc.oneof(fc.tuple(...valid), oneSpoiled, anySpoiled), unknownKeys, fc.boolean())
    .map(([values, unknown, unknownFirst]) => {
      const known = keys.map((key, i): [string, unknown] => [key, values[i]]);
      return Object.fromEntries(
        (unknownFirst ? [...unknown, ...known] : [...known, ...unknown]).filter(([, v]) => v !== ABSENT),
      );
    });
}

/** A path's or a query's values: a string, or a list of them where a name is repeated. */
export const paramOf = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 5, arbitrary: value },
    fc.array(value, { minLength: 2, maxLength: 3 }),
    fc.integer({ min: 99, max: 102 }).map((n) => Array.from({ length: n }, (_, i) => `r${i}`)),
  );
