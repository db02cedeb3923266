import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from '#analytics/zod.ts';
import * as questionnaire from '#analytics/questionnaire.ts';
import { esbuildOptions } from '#infra/bundling.ts';
import { issuesFromZod } from '../errors.ts';
import { publicSchemas, SurveyIdParam } from '../routes/public-schemas.ts';
import { type Field, anyString, around, near, paramOf, shaped, wrong } from './arbitraries.ts';
import { patterns } from './kit.ts';
import * as requests from './public-requests.ts';
import { LOCALE, RESPONSE_ID, SLUG } from '#analytics/questionnaire-rules.ts';

/** The module's exports: the eight validators, each by the name /openapi.json knows its twin by. */
const publicRequests = { ...requests };
type Name = keyof typeof publicRequests;
/** Each validator's twin, found by its name as /openapi.json finds it. */
const twins: Record<Name, z.ZodMiniType> = publicSchemas;

/** What the API answers for a value: the output, or the issues as the error shape lists them. */
function zodAnswer(name: Name, value: unknown) {
  const r = z.safeParse(twins[name], value);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesFromZod(r.error.issues) };
}
function kitAnswer(name: Name, value: unknown) {
  const r = publicRequests[name]['~standard'].validate(value);
  return r.issues ? { ok: false, issues: issuesFromZod(r.issues) } : { ok: true, value: r.value };
}
function sameAnswer(name: Name, value: unknown) {
  expect(kitAnswer(name, value)).toStrictEqual(zodAnswer(name, value));
}

/** Generated cases per validator: shaped ones, then any JSON or other value. */
const SHAPED_RUNS = 3000;
const ANY_RUNS = 1000;

const text = (valid: fc.Arbitrary<string>, edge: fc.Arbitrary<unknown>): Field => ({ valid, edge });
const id = (re: RegExp) => text(fc.stringMatching(re), around(fc.stringMatching(re)));
const oneOf = (values: readonly string[]): Field => ({
  valid: fc.constantFrom(...values),
  edge: fc.constantFrom(...values.map((v) => v.toUpperCase()), ...values.map((v) => ` ${v}`), '', 'other'),
});

const ulidOrUuid = fc.oneof(
  fc.ulid(),
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
);
const someAnswer = fc.oneof(
  fc.integer({ min: -2, max: 11 }),
  fc.double(),
  anyString,
  fc.array(anyString, { maxLength: 3 }),
  fc.constant(null),
);
const answerKey = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), anyString, near(64));
/** Answers by the dozen and by the hundred, with one key or one value wrong now and then. */
const manyAnswers = fc
  .tuple(fc.integer({ min: 198, max: 202 }), fc.option(fc.tuple(fc.nat(201), fc.oneof(wrong, near(64))), { freq: 3 }))
  .map(([n, spoiler]) => {
    const entries: [string, unknown][] = Array.from({ length: n }, (_, i) => [`q${i}`, i % 3 ? i : 'ok']);
    if (spoiler) {
      const [at, v] = spoiler;
      if (typeof v === 'string') entries[at % n] = [v, 1];
      else entries[at % n] = [`q${at % n}`, v];
    }
    return Object.fromEntries(entries);
  });
const listAnswer = fc
  .tuple(fc.integer({ min: 48, max: 52 }), fc.option(fc.tuple(fc.nat(52), wrong)))
  .map(([n, spoiler]) => {
    const list: unknown[] = Array.from({ length: n }, (_, i) => `o${i}`);
    if (spoiler) list[spoiler[0] % n] = spoiler[1];
    return list;
  });
const answers: Field = {
  valid: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), someAnswer, { maxKeys: 6 }),
  edge: fc.oneof(
    fc.dictionary(answerKey, fc.oneof(someAnswer, wrong, listAnswer), { maxKeys: 4 }),
    manyAnswers,
    fc.tuple(fc.dictionary(answerKey, someAnswer, { maxKeys: 3 }), wrong).map(([rest, v]) => {
      const others = JSON.stringify(rest).slice(1);
      return JSON.parse(`{"__proto__":${JSON.stringify(v) ?? 'null'}${others === '}' ? '' : ','}${others}`);
    }),
  ),
};

const dates = fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true });
const offset = fc.constantFrom('Z', 'z', '+02:00', '-09:30', '+23:59', '+24:00', '+0200', '+02', '', ' ');
const submittedAt: Field = {
  valid: fc.oneof(
    dates.map((d) => d.toISOString()),
    fc.stringMatching(patterns.DATETIME_OFFSET),
  ),
  edge: fc.oneof(
    fc.tuple(dates, offset, fc.constantFrom(0, 3, 5, 7)).map(([d, o, cut]) => {
      const iso = d.toISOString().slice(0, -1);
      return (cut ? iso.slice(0, iso.length - cut) : iso) + o;
    }),
    fc.constantFrom('2024-02-29T12:00:00Z', '2023-02-29T12:00:00Z', '2024-06-01 12:00:00Z', '2024-06-01', '1700000000'),
  ),
};
const version: Field = {
  valid: fc.integer({ min: 1, max: 1_000_000 }),
  edge: fc.oneof(
    fc.integer({ min: -2, max: 2 }),
    fc.integer({ min: 999_998, max: 1_000_002 }),
    fc.double(),
    fc.constantFrom(1.5, 2 ** 53, -(2 ** 53), 1e20, -1e20, '3', Number.NaN),
  ),
};

const emails = fc.oneof(fc.emailAddress(), fc.stringMatching(patterns.EMAIL));
const email: Field = {
  valid: emails,
  edge: fc.oneof(
    fc.integer({ min: 250, max: 258 }).map((n) => `${'a'.repeat(n - 10)}@ecoute.fr`),
    fc.integer({ min: 250, max: 258 }).map((n) => `${'b'.repeat(n - 13)}@ecoute.fr`.repeat(1).replace('b', '€')),
    fc.constantFrom('a@b', 'a@b.c', 'A@B.CO', 'a..b@x.fr', '.a@x.fr', "o'neil@x.fr", 'a@-x.fr', 'a@x-.fr', ' a@x.fr'),
    emails.map((e) => `${e} `),
  ),
};
const contact: Field = {
  valid: emails.map((e) => ({ email: e, consent: true })),
  edge: shaped({ email, consent: { valid: fc.constant(true), edge: fc.constantFrom(false, 'true', 1, null) } }),
};

const fields: Record<Name, Record<string, Field>> = {
  SurveyParam: { id: text(anyString, near(64)) },
  SurveyIdParam: { id: id(SLUG) },
  ResponseParam: { id: text(ulidOrUuid, around(ulidOrUuid)) },
  ReceiptQuery: { receipt: text(fc.string({ maxLength: 40 }), paramOf(near(100))) },
  TerritoryParam: { t: id(SLUG) },
  CodeParam: { code: text(fc.string({ minLength: 1, maxLength: 11 }), fc.oneof(near(1), near(40))) },
  ResponseBody: {
    id: text(ulidOrUuid, around(ulidOrUuid)),
    audience: oneOf(questionnaire.AUDIENCES),
    locale: id(LOCALE),
    answers,
    channel: oneOf(questionnaire.CHANNELS),
    submittedAt,
    version,
  },
  SubmitInput: {
    category: text(fc.string({ minLength: 1, maxLength: 64 }), fc.oneof(near(1), near(64))),
    text: text(fc.string({ minLength: 1, maxLength: 80 }), fc.oneof(near(1), near(5000))),
    district: text(anyString, near(100)),
    contact,
    website: text(fc.constant(''), near(2000)),
    elapsedMs: { valid: fc.double({ noNaN: true, noDefaultInfinity: true }), edge: wrong },
  },
};

describe('the zod-free validators of the public requests', () => {
  it('are named after their zod twins, all eight', () => {
    expect(Object.keys(publicRequests).sort()).toEqual(Object.keys(fields).sort());
    for (const [name, validator] of Object.entries(publicRequests)) {
      expect(validator.name).toBe(name);
    }
  });

  it("use their twins' very patterns", () => {
    const patternOf = (schema: z.ZodMiniType) =>
      String((schema._zod.def.checks?.[0]?._zod.def as { pattern?: RegExp } | undefined)?.pattern);
    expect(String(SLUG)).toBe(patternOf(questionnaire.Slug));
    expect(String(SLUG)).toBe(patternOf(SurveyIdParam.shape.id));
    expect(String(LOCALE)).toBe(patternOf(questionnaire.Locale));
    expect(String(RESPONSE_ID)).toBe(patternOf(questionnaire.ResponseId));
    // zod escapes a class's final '-', which means the same unescaped (and the formatter unescapes it).
    expect(String(patterns.EMAIL)).toBe(String(z.email()._zod.def.pattern).replaceAll('\\-]', '-]'));
    expect(String(patterns.DATETIME_OFFSET)).toBe(String(z.iso.datetime({ offset: true })._zod.def.pattern));
  });

  for (const name of Object.keys(fields) as Name[]) {
    it(`${name} answers as its twin does, near its edges`, () => {
      fc.assert(
        fc.property(shaped(fields[name]), (value) => sameAnswer(name, value)),
        { numRuns: SHAPED_RUNS },
      );
    });
    it(`${name} answers as its twin does, for any value`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => sameAnswer(name, value)),
        { numRuns: ANY_RUNS },
      );
    });
  }

  const ULID = '01JD5Z6Q8W3N4M7K2P9R0S1T2V';
  const body = { id: ULID, audience: 'visitor', locale: 'fr', answers: { q1: 9 } };
  const refused = (...issues: [string, string][]) => ({
    ok: false,
    issues: issues.map(([path, message]) => ({ path, message })),
  });
  // What zod answers, written out: the API's error messages, as a client reads them.
  const cases: Record<string, [Name, unknown, unknown]> = {
    'a response, its channel defaulted to the web': [
      'ResponseBody',
      body,
      { ok: true, value: { ...body, channel: 'web' } },
    ],
    "an empty body: each missing field, in the shape's order": [
      'ResponseBody',
      {},
      refused(
        ['id', 'Invalid input: expected string, received undefined'],
        ['audience', 'Invalid option: expected one of "visitor"|"resident"|"investor"'],
        ['locale', 'Invalid input: expected string, received undefined'],
        ['answers', 'Invalid input: expected record, received undefined'],
      ),
    ],
    "51 options ticked: the union's one message": [
      'ResponseBody',
      { ...body, answers: { q1: Array.from({ length: 51 }, (_, i) => `o${i}`) } },
      refused(['answers.q1', 'Invalid input']),
    ],
    'a fractional version': [
      'ResponseBody',
      { ...body, version: 1.5 },
      refused(['version', 'Invalid input: expected int, received number']),
    ],
    "a version past the safe integers: zod's bound, then ours": [
      'ResponseBody',
      { ...body, version: 1e20 },
      refused(
        ['version', 'Too big: expected int to be <=9007199254740991'],
        ['version', 'Too big: expected number to be <=1000000'],
      ),
    ],
    'an own __proto__ answer, as JSON.parse makes it': [
      'ResponseBody',
      { ...body, answers: JSON.parse('{"__proto__": 1, "q1": 2}') },
      refused(['answers.__proto__', 'unknown question']),
    ],
    '201 answers': [
      'ResponseBody',
      { ...body, answers: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`q${i}`, i])) },
      refused(['answers', 'at most 200 answers']),
    ],
    'a key too long, a boolean answer, a datetime without offset': [
      'ResponseBody',
      { ...body, submittedAt: '2026-11-30T21:00:00', answers: { ['k'.repeat(65)]: 1, q2: true } },
      refused(
        [`answers.${'k'.repeat(65)}`, 'Invalid key in record'],
        ['answers.q2', 'Invalid input'],
        ['submittedAt', 'Invalid ISO datetime'],
      ),
    ],
    'an empty list for a code: its type, and its length all the same': [
      'CodeParam',
      { code: [] },
      refused(
        ['code', 'Invalid input: expected string, received array'],
        ['code', 'Too small: expected array to have >=1 items'],
      ),
    ],
    'a text of spaces only': [
      'SubmitInput',
      { category: 'voirie', text: '   ' },
      refused(['text', 'Too small: expected string to have >=1 characters']),
    ],
    '5000 emoji, counted in code points; a district trimmed; an unknown key dropped': [
      'SubmitInput',
      { category: 'voirie', text: '😀'.repeat(5000), district: '  Centre ', x: 1 },
      { ok: true, value: { category: 'voirie', text: '😀'.repeat(5000), district: 'Centre' } },
    ],
    'a bad and too long e-mail, a consent that is not true': [
      'SubmitInput',
      { category: 'voirie', text: 'ok', contact: { email: `${'x'.repeat(253)}@x`, consent: 'true' } },
      refused(
        ['contact.email', 'Invalid email address'],
        ['contact.email', 'Too big: expected string to have <=254 characters'],
        ['contact.consent', 'contact is kept only with consent: true'],
      ),
    ],
    'a repeated query name': [
      'ReceiptQuery',
      { receipt: ['a', 'b'] },
      refused(['receipt', 'Invalid input: expected string, received array']),
    ],
    'a body that is no object': [
      'SurveyParam',
      'x',
      refused(['(body)', 'Invalid input: expected object, received string']),
    ],
  };
  it.each(Object.entries(cases))('answers as zod does: %s', (_, [name, value, expected]) => {
    expect(zodAnswer(name, value)).toStrictEqual(expected);
    expect(kitAnswer(name, value)).toStrictEqual(expected);
  });

  it('bring no zod into a bundle', async () => {
    const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
    const { metafile } = await build({
      ...esbuildOptions(
        join(repoRoot, 'functions/validation/public-requests.ts'),
        join(repoRoot, 'node_modules/.cache/public-requests-test/index.mjs'),
      ),
      metafile: true,
      write: false,
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('functions/validation/kit.ts');
    expect(inputs.filter((path) => path.includes('node_modules/zod/'))).toEqual([]);
  });
});
