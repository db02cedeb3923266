/**
 * Exact sums of respondent scores, so that aggregates merge exactly whatever the order.
 *
 * A respondent's score is a mean of rescaled answers, 100·(x − min)/(max − min) averaged over
 * items and then over dimensions: a rational number whose denominator the questionnaire bounds.
 * So each score is kept as an integer C in units of 100/d points, d being the least common
 * denominator of every score the measure can take in that survey version (for a dimension of
 * items on ranges R_i, at most K of them answered: d = lcm(1…K)·lcm(R_i); for a composite of at
 * most M dimensions: lcm(1…M)·lcm of its dimensions' d). Sums of C and C² are integers: adding
 * them is exact, associative and commutative, and no rounding happens anywhere. An aggregate
 * then holds n, ΣC and ΣC² per measure — small numbers, whatever the crowd.
 *
 * Sums stay JSON numbers while they are below 2⁵³ (exact in doubles) and become decimal text
 * beyond; while a day is aggregated, the doubles are folded into BigInts before they could pass 2⁵³.
 */

/** An exact integer as stored: a number while exact (below 2⁵³), else its decimal text. */
export type BigSum = number | string;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
export const toBigSum = (x: bigint): BigSum => (x <= SAFE && x >= -SAFE ? Number(x) : x.toString());
const big = (x: BigSum): bigint => BigInt(x);

export const gcd = (a: number, b: number): number => {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y) [x, y] = [y, x % y];
  return x;
};
export const lcm = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : (a / gcd(a, b)) * b);
/** lcm(1, 2, …, k). */
export const lcmUpTo = (k: number): number => {
  let out = 1;
  for (let i = 2; i <= k; i++) out = lcm(out, i);
  return out;
};

/** Exact moments of scores in units of 100/d points: how many, ΣC and ΣC². */
export interface Moments {
  d: number;
  n: number;
  sum: BigSum;
  sumSq: BigSum;
}

/**
 * Accumulates integer scores of one unit d exactly. Doubles add integers exactly up to 2⁵³: the
 * running sums are folded into BigInts before the next addition could pass it (ΣC ≤ ΣC² for
 * integer scores, so watching ΣC² is enough).
 */
export class MomentsAccumulator {
  n = 0;
  private s = 0;
  private s2 = 0;
  private sum = 0n;
  private sumSq = 0n;
  private readonly flushAt: number;

  constructor(readonly d: number) {
    this.flushAt = Number.MAX_SAFE_INTEGER - d * d;
  }

  add(c: number): void {
    this.s += c;
    this.s2 += c * c;
    this.n++;
    if (this.s2 >= this.flushAt) this.flush();
  }

  /** Adds stored moments (a merge), converting their unit to this one (a multiple of theirs). */
  addMoments(m: Moments): void {
    if (m.n === 0) return;
    if (m.d === this.d && typeof m.sum === 'number' && typeof m.sumSq === 'number' && m.sumSq >= 0) {
      // The common case, the same unit and small sums: stay in doubles while they are exact.
      if (this.s2 + m.sumSq >= Number.MAX_SAFE_INTEGER) this.flush();
      if (m.sumSq < Number.MAX_SAFE_INTEGER) {
        this.s += m.sum;
        this.s2 += m.sumSq;
        this.n += m.n;
        return;
      }
    }
    this.flush();
    const f = BigInt(this.d / m.d);
    this.n += m.n;
    this.sum += big(m.sum) * f;
    this.sumSq += big(m.sumSq) * f * f;
  }

  private flush(): void {
    if (this.s === 0 && this.s2 === 0) return;
    this.sum += BigInt(this.s);
    this.sumSq += BigInt(this.s2);
    this.s = this.s2 = 0;
  }

  moments(): Moments {
    this.flush();
    return { d: this.d, n: this.n, sum: toBigSum(this.sum), sumSq: toBigSum(this.sumSq) };
  }
}

/** The sum of several moments, exactly, in the least common unit. */
export function addMoments(parts: readonly Moments[]): Moments {
  const d = parts.reduce((u, m) => (m.n > 0 ? lcm(u, m.d) : u), 1);
  const acc = new MomentsAccumulator(d);
  for (const m of parts) acc.addMoments(m);
  return acc.moments();
}

/**
 * Mean and sum of squared deviations (M2) in points: M2 = (n·ΣC² − (ΣC)²)/n·(100/d)², with the
 * numerator computed exactly before any rounding, so no cancellation loses digits.
 */
export function meanAndM2(m: Moments): { n: number; mean: number; m2: number } {
  if (m.n === 0) return { n: 0, mean: Number.NaN, m2: Number.NaN };
  const unit = 100 / m.d;
  const sum = typeof m.sum === 'number' ? m.sum : Number(m.sum);
  let numerator: number;
  if (
    typeof m.sum === 'number' &&
    typeof m.sumSq === 'number' &&
    m.n * m.sumSq < Number.MAX_SAFE_INTEGER &&
    m.sum * m.sum < Number.MAX_SAFE_INTEGER
  ) {
    numerator = m.n * m.sumSq - m.sum * m.sum;
  } else {
    numerator = Number(BigInt(m.n) * big(m.sumSq) - big(m.sum) * big(m.sum));
  }
  return { n: m.n, mean: (sum * unit) / m.n, m2: (numerator / m.n) * unit * unit };
}

/**
 * Exact sums of pairs (x a score in units of 100/d, y the outcome question's point) for
 * correlations: n, Σx, Σx², Σy, Σy², Σxy.
 */
export interface PairMoments {
  d: number;
  n: number;
  sx: BigSum;
  sxx: BigSum;
  sy: BigSum;
  syy: BigSum;
  sxy: BigSum;
}

export class PairAccumulator {
  n = 0;
  private readonly doubles = [0, 0, 0, 0, 0];
  private readonly bigs = [0n, 0n, 0n, 0n, 0n];
  private readonly flushAt: number;

  constructor(readonly d: number) {
    // y is a scale point (|y| ≤ 100): one more pair adds at most d² + 10⁴ to Σx² + Σy² ≥ |Σxy|.
    this.flushAt = Number.MAX_SAFE_INTEGER - d * d - 10_000;
  }

  add(x: number, y: number): void {
    const v = this.doubles;
    v[0] = (v[0] ?? 0) + x;
    v[1] = (v[1] ?? 0) + x * x;
    v[2] = (v[2] ?? 0) + y;
    v[3] = (v[3] ?? 0) + y * y;
    v[4] = (v[4] ?? 0) + x * y;
    this.n++;
    if ((v[1] ?? 0) + (v[3] ?? 0) >= this.flushAt) this.flush();
  }

  addPair(p: PairMoments): void {
    if (p.n === 0) return;
    this.flush();
    const f = BigInt(this.d / p.d);
    this.n += p.n;
    const b = this.bigs;
    b[0] = (b[0] ?? 0n) + big(p.sx) * f;
    b[1] = (b[1] ?? 0n) + big(p.sxx) * f * f;
    b[2] = (b[2] ?? 0n) + big(p.sy);
    b[3] = (b[3] ?? 0n) + big(p.syy);
    b[4] = (b[4] ?? 0n) + big(p.sxy) * f;
  }

  private flush(): void {
    const v = this.doubles;
    if (v.every((x) => x === 0)) return;
    for (let i = 0; i < 5; i++) {
      this.bigs[i] = (this.bigs[i] ?? 0n) + BigInt(v[i] ?? 0);
      v[i] = 0;
    }
  }

  pair(): PairMoments {
    this.flush();
    const [sx = 0n, sxx = 0n, sy = 0n, syy = 0n, sxy = 0n] = this.bigs;
    return {
      d: this.d,
      n: this.n,
      sx: toBigSum(sx),
      sxx: toBigSum(sxx),
      sy: toBigSum(sy),
      syy: toBigSum(syy),
      sxy: toBigSum(sxy),
    };
  }
}

/** The sum of several pair moments, in the least common unit. */
export function addPairs(parts: readonly PairMoments[]): PairMoments {
  const d = parts.reduce((u, p) => (p.n > 0 ? lcm(u, p.d) : u), 1);
  const acc = new PairAccumulator(d);
  for (const p of parts) acc.addPair(p);
  return acc.pair();
}

/** Centred sums of a pair, x in points: means, Sxx, Syy, Sxy (sums of products of deviations). */
export function centredPair(p: PairMoments): {
  n: number;
  mx: number;
  my: number;
  sxx: number;
  syy: number;
  sxy: number;
} {
  const unit = 100 / p.d;
  const nf = p.n;
  // Small sums (the common case): every product below 2⁵³ is exact in doubles, and so is each
  // difference, so this gives the very numbers the BigInt way below gives, without BigInts.
  const { sx: x, sxx: xx, sy: y, syy: yy, sxy: xy } = p;
  if (
    typeof x === 'number' &&
    typeof xx === 'number' &&
    typeof y === 'number' &&
    typeof yy === 'number' &&
    typeof xy === 'number'
  ) {
    const [nxx, x2, nyy, y2, nxy, x1y] = [nf * xx, x * x, nf * yy, y * y, nf * xy, x * y];
    const largest = Math.max(Math.abs(nxx), x2, Math.abs(nyy), y2, Math.abs(nxy), Math.abs(x1y));
    if (largest < Number.MAX_SAFE_INTEGER) {
      return {
        n: nf,
        mx: (x * unit) / nf,
        my: y / nf,
        sxx: ((nxx - x2) / nf) * unit * unit,
        syy: (nyy - y2) / nf,
        sxy: ((nxy - x1y) / nf) * unit,
      };
    }
  }
  const n = BigInt(p.n);
  const [sx, sy] = [big(p.sx), big(p.sy)];
  return {
    n: nf,
    mx: (Number(sx) * unit) / nf,
    my: Number(sy) / nf,
    sxx: (Number(n * big(p.sxx) - sx * sx) / nf) * unit * unit,
    syy: Number(n * big(p.syy) - sy * sy) / nf,
    sxy: (Number(n * big(p.sxy) - sx * sy) / nf) * unit,
  };
}
