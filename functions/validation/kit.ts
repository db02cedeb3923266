/**
 * A validator kit without zod, for the public Lambda: the few combinators its requests need,
 * answering exactly as their zod twins do (same output, same issues in the same order, same
 * English messages), so the API's answers do not change when a visitor's cold start stops
 * loading zod. functions/validation/public-requests.test.ts holds every validator to its twin.
 *
 * What zod does and this copies (zod 4.6.7, read in zod/v4/core/schemas.js and checks.js):
 * - a failed type aborts: the checks after it are skipped, except length checks, which still run
 *   on anything with a `length` (an array given for a string gets both issues);
 * - strings are measured in code points, not UTF-16 units;
 * - an array longer than its cap is refused before its items are read, and that aborts;
 * - a union whose options all fail answers one "Invalid input" (see `union` for the exception);
 * - a record's own checks (at most 200 answers) run only when nothing in it aborted.
 * A parser pushes its issues with paths relative to its value (its container prefixes them) and
 * answers ABORTED when one of them aborts; outputs matter only when there is no issue at all.
 */

export interface Issue {
  readonly message: string;
  readonly path: readonly (string | number)[];
}
export type Result<T> = { readonly value: T; readonly issues?: undefined } | { readonly issues: readonly Issue[] };
/** Standard Schema v1, what the router calls for zod schemas and these alike. */
export interface Validator<T> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: 'ecoute';
    readonly validate: (value: unknown) => Result<T>;
    readonly types?: { readonly input: unknown; readonly output: T };
  };
  /** The name of its zod twin in functions/routes/public-schemas.ts (what /openapi.json publishes). */
  readonly name: string;
}

interface Found {
  message: string;
  path: (string | number)[];
}
export const ABORTED: unique symbol = Symbol('aborted');
export type Parse = ((value: unknown, issues: Found[]) => unknown) & { optional?: true };
/** A check on a string, in order; a `lengthy` one also runs after the type failed (zod's `when`). */
export type Check = ((value: string, issues: Found[]) => string) & { lengthy?: true };

const found = (issues: Found[], message: string, path: (string | number)[] = []) => {
  issues.push({ message, path });
};

/**
 * zod's name for what it received (util.parsedType, then the English locale's spelling), for
 * what a request holds: JSON, or strings (zod would name a class instance after its class).
 */
function received(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
/**
 * Set while a union tries its options, whose issues it drops: a wrong type, which always
 * answers ABORTED, is then not even written down.
 */
let trying = 0;
const invalidType = (issues: Found[], expected: string, value: unknown) => {
  if (!trying) found(issues, `Invalid input: expected ${expected}, received ${received(value)}`);
};

/** Code points, a surrogate pair counting once (zod's util.codePointLength). */
function codePoints(s: string): number {
  let count = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

const UNITS: Record<string, string> = { string: 'characters', array: 'items' };
/** zod's length checks: on strings, arrays and whatever else has a `length`, compared as zod compares it. */
function lengthCheck(bound: number, most: boolean): Check {
  const check: Check = (value, issues) => {
    if (value == null || value.length === undefined) return value;
    const units: number = value.length;
    const isString = typeof value === 'string';
    let n = units;
    if (most ? isString && units > bound : isString && units >= bound && units < bound * 2) n = codePoints(value);
    if (most ? n <= bound : n >= bound) return value;
    const origin = Array.isArray(value) ? 'array' : isString ? 'string' : 'unknown';
    const unit = UNITS[origin];
    const size = `${most ? '<=' : '>='}${bound}`;
    found(
      issues,
      `Too ${most ? 'big' : 'small'}: expected ${origin} to ${unit ? `have ${size} ${unit}` : `be ${size}`}`,
    );
    return value;
  };
  check.lengthy = true;
  return check;
}
export const maxLength = (most: number) => lengthCheck(most, true);
export const minLength = (least: number) => lengthCheck(least, false);
export const trim: Check = (value) => value.trim();
/** A pattern, with the message zod gives for it (its own for a format, the schema's for a regex). */
export const pattern =
  (re: RegExp, message: string): Check =>
  (value, issues) => {
    if (!re.test(value)) found(issues, message);
    return value;
  };

export function string(...checks: Check[]): Parse {
  return (value, issues) => {
    if (typeof value !== 'string') {
      invalidType(issues, 'string', value);
      for (const check of checks) if (check.lengthy) check(value as string, issues);
      return ABORTED;
    }
    let out = value;
    for (const check of checks) out = check(out, issues);
    return out;
  };
}

// zod 4.6.7's own patterns (zod/v4/core/regexes.js: `email`, and `datetime({ offset: true })`
// with no precision), copied: zod does not export that module, and importing it would bring zod.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const DATE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
const DATETIME_OFFSET = new RegExp(
  `^${DATE}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$`,
);
export const patterns = { EMAIL, DATETIME_OFFSET };
/** `z.email()` with more checks after its format. */
export const email = (...checks: Check[]) => string(pattern(EMAIL, 'Invalid email address'), ...checks);
/** `z.iso.datetime({ offset: true })`. */
export const isoDatetimeWithOffset = () => string(pattern(DATETIME_OFFSET, 'Invalid ISO datetime'));

export const number: Parse = (value, issues) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  invalidType(issues, 'number', value);
  return ABORTED;
};
/** `z.int().check(z.minimum(least), z.maximum(most))`: zod's safe-integer bounds first, then ours. */
export function int(least: number, most: number): Parse {
  return (value, issues) => {
    if (number(value, issues) === ABORTED) return ABORTED;
    const n = value as number;
    if (!Number.isInteger(n)) {
      invalidType(issues, 'int', n);
      return ABORTED;
    }
    if (n > Number.MAX_SAFE_INTEGER) found(issues, `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
    if (n < Number.MIN_SAFE_INTEGER) found(issues, `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
    if (n < least) found(issues, `Too small: expected number to be >=${least}`);
    if (n > most) found(issues, `Too big: expected number to be <=${most}`);
    return n;
  };
}

export const nul: Parse = (value, issues) => {
  if (value === null) return value;
  invalidType(issues, 'null', value);
  return ABORTED;
};

/** Of two values or more (zod words a one-value enum otherwise). */
export function enumOf(values: readonly string[]): Parse {
  const message = `Invalid option: expected one of ${values.map((v) => `"${v}"`).join('|')}`;
  return (value, issues) => {
    if (values.includes(value as string)) return value;
    found(issues, message);
    return ABORTED;
  };
}
export const literal =
  (expected: unknown, message: string): Parse =>
  (value, issues) => {
    if (value === expected) return value;
    found(issues, message);
    return ABORTED;
  };

/** Absent from an object, the key stays absent; `undefined` passes. */
export function optional(parse: Parse): Parse {
  const opt: Parse = (value, issues) => (value === undefined ? value : parse(value, issues));
  opt.optional = true;
  return opt;
}
/** zod's `_default`: the default replaces `undefined` without being parsed. */
export const withDefault =
  (parse: Parse, fallback: unknown): Parse =>
  (value, issues) =>
    value === undefined ? fallback : parse(value, issues);

function prefix(issues: Found[], from: number, key: string | number) {
  for (let i = from; i < issues.length; i++) issues[i]?.path.unshift(key);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's default object: shape keys in shape order, unknown keys dropped, absent optional keys absent. */
export function object(shape: Record<string, Parse>): Parse {
  const keys = Object.keys(shape);
  return (value, issues) => {
    if (!isObject(value)) {
      invalidType(issues, 'object', value);
      return ABORTED;
    }
    const out: Record<string, unknown> = {};
    let aborted = false;
    for (const key of keys) {
      const parse = shape[key] as Parse;
      if (parse.optional && !(key in value)) continue;
      const from = issues.length;
      const r = parse(value[key], issues);
      prefix(issues, from, key);
      if (r === ABORTED) aborted = true;
      // A required key's absence fails, so whatever is set here for it is never read.
      else out[key] = r;
    }
    return aborted ? ABORTED : out;
  };
}

export function array(item: Parse, most: number): Parse {
  const cap = maxLength(most);
  return (value, issues) => {
    if (!Array.isArray(value)) {
      invalidType(issues, 'array', value);
      cap(value as string, issues);
      return ABORTED;
    }
    // Longer than the cap: refused unread, as zod does.
    if (value.length > most) {
      cap(value as never, issues);
      return ABORTED;
    }
    const out: unknown[] = new Array(value.length);
    let aborted = false;
    for (let i = 0; i < value.length; i++) {
      const from = issues.length;
      const r = item(value[i], issues);
      prefix(issues, from, i);
      if (r === ABORTED) aborted = true;
      out[i] = r;
    }
    return aborted ? ABORTED : out;
  };
}

/**
 * A record with string keys, then its own checks (run only when nothing aborted). Keys are the
 * own enumerable string keys: a symbol key, which no JSON carries, is not looked at. Any object
 * is taken (zod takes only plain ones; JSON makes no other kind).
 */
export function record(
  key: Parse,
  item: Parse,
  ...checks: ((out: Record<string, unknown>) => string | undefined)[]
): Parse {
  return (value, issues) => {
    if (!isObject(value)) {
      invalidType(issues, 'record', value);
      return ABORTED;
    }
    const out: Record<string, unknown> = {};
    let aborted = false;
    for (const k of Object.keys(value)) {
      // Assigning it would set the output's prototype: zod skips it without a word.
      if (k === '__proto__') continue;
      const from = issues.length;
      if (key(k, issues) === ABORTED || issues.length > from) {
        issues.length = from;
        found(issues, 'Invalid key in record', [k]);
        aborted = true;
        continue;
      }
      const r = item(value[k], issues);
      prefix(issues, from, k);
      if (r === ABORTED) aborted = true;
      out[k] = r;
    }
    if (aborted) return ABORTED;
    for (const check of checks) {
      const message = check(out);
      if (message !== undefined) found(issues, message);
    }
    return out;
  };
}

/** An object with that own key (JSON.parse makes `__proto__` one) gets that message at the key, and is read no further. */
export const refuseOwnKey =
  (key: string, message: string, parse: Parse): Parse =>
  (value, issues) => {
    if (value && typeof value === 'object' && Object.hasOwn(value, key)) {
      found(issues, message, [key]);
      return ABORTED;
    }
    return parse(value, issues);
  };

/**
 * The first option that passes, else "Invalid input". (zod answers instead the issues of the one
 * option that failed without aborting, if there is exactly one: none of ours can, every option
 * here fails by its type or by its cap, which abort.)
 */
export function union(...options: Parse[]): Parse {
  return (value, issues) => {
    const from = issues.length;
    trying++;
    try {
      for (const option of options) {
        const r = option(value, issues);
        if (issues.length !== from) issues.length = from;
        else if (r !== ABORTED) return r;
      }
    } finally {
      trying--;
    }
    found(issues, 'Invalid input');
    return ABORTED;
  };
}

/** A Standard Schema validator named after its zod twin; T is the twin's output, as the tests prove. */
export function validator<T>(name: string, parse: Parse): Validator<T> {
  return {
    name,
    '~standard': {
      version: 1,
      vendor: 'ecoute',
      validate(value: unknown): Result<T> {
        const issues: Found[] = [];
        const out = parse(value, issues);
        return issues.length ? { issues } : { value: out as T };
      },
    },
  };
}
