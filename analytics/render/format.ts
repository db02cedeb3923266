/**
 * What a reader sees for a number, in French or English: one decimal for indices, signed net
 * scores, the typographic minus (U+2212), non-breaking spaces where a break would split a figure.
 */
import type { IndexResult } from '../report-schema.ts';

export type Lang = 'fr' | 'en';

const NBSP = '\u00a0';
/** Intl writes a hyphen-minus; a printed figure takes the minus sign. */
const minus = (s: string) => s.replace(/-/g, '\u2212');
/** Equal to an integer up to rounding noise (n_eff of an unweighted report is a whole count). */
const isWhole = (x: number) => Math.abs(x - Math.round(x)) < 1e-9;
/** A value that rounds to zero reads as zero, never "−0,0". */
const z = (x: number, digits: number) => (Math.abs(x) < 0.5 / 10 ** digits ? 0 : x);

export function formatter(lang: Lang) {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const decimals = (d: number, sign = false) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: d,
      maximumFractionDigits: d,
      ...(sign ? { signDisplay: 'exceptZero' as const } : {}),
    });
  const one = decimals(1);
  const oneSigned = decimals(1, true);
  const two = decimals(2);
  const twoSigned = decimals(2, true);
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const p2 = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  const milli = decimals(3).format(0.001);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const wholeOrOne = (x: number) => minus(isWhole(x) ? whole.format(Math.round(x)) : one.format(x));
  const num = (x: number | null) => (x === null ? '—' : minus(one.format(z(x, 1))));
  const signed = (x: number) => minus(oneSigned.format(z(x, 1)));
  return {
    num,
    signed,
    /** An index's value as it reads: NPS and relative value are net scores, signed ("+6,2", "−12,0"). */
    score: (index: string, x: number | null) => (x === null ? '—' : isNet(index) ? signed(x) : num(x)),
    int: (x: number) => minus(whole.format(x)),
    /** Kish's n_eff: a whole number when it is one, else one decimal. */
    nEff: wholeOrOne,
    /** A factor such as the weight cap ("5 fois", "2,5 fois"). */
    factor: wholeOrOne,
    /** A correlation, signed, two decimals. */
    r: (x: number | null) => (x === null ? '—' : minus(twoSigned.format(z(x, 2)))),
    alpha: (x: number) => minus(two.format(z(x, 2))),
    /** A rate in 0–1 as a percentage ("87,6 %"). */
    percent: (x: number) => percent.format(x),
    /** "p < 0,001" or "p = 0,028": the whole phrase, so "p = < 0,001" cannot happen. */
    p: (x: number) => (x < 0.001 ? `p${NBSP}<${NBSP}${milli}` : `p${NBSP}=${NBSP}${p2.format(x)}`),
    day: (d: string) => day.format(new Date(`${d}T00:00:00Z`)),
    shortDay: (d: string) => short.format(new Date(`${d}T00:00:00Z`)),
    month: (m: string) => month.format(new Date(`${m}-01T00:00:00Z`)),
    interval: (i: { ciLow: number | null; ciHigh: number | null }, digits: 1 | 2 = 1) => {
      if (i.ciLow === null || i.ciHigh === null) return '—';
      const f = digits === 2 ? two : one;
      return `${minus(f.format(z(i.ciLow, digits)))}${NBSP}–${NBSP}${minus(f.format(z(i.ciHigh, digits)))}`;
    },
    // Non-breaking spaces: "n = 412" never wraps in a table cell.
    n: (i: { n: number }) => `n${NBSP}=${NBSP}${whole.format(i.n)}`,
  };
}
export type Format = ReturnType<typeof formatter>;

/** Net scores run from −100 to +100 and read signed. */
export const isNet = (index: string) => index === 'nps' || index === 'relativeValue';

/** An index shown (neither withheld nor empty). */
export const isShown = (i: IndexResult | undefined): i is IndexResult & { value: number } =>
  !!i && !i.suppressed && i.value !== null;
