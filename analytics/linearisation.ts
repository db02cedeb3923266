/**
 * The variance of a weighted mean after calibration (raking or post-stratification), by
 * linearisation: regress the respondents' values on the calibration variables (an intercept and
 * the indicators of every margin's categories but one) by ordinary least squares (the design
 * weights are all 1), take the residuals e, set u = w·e/Σw and Var = n/(n−1)·Σ(u − ū)²
 * (Deville & Särndal 1992; Särndal, Swensson & Wretman 1992, §6.6; the form R's `survey` uses
 * for calibrated designs). `s/√n_eff` ignores what calibration does: it can be too wide when the
 * margins explain the values, and too narrow otherwise.
 *
 * An aggregate keeps no respondent, but respondents of a cell share their weight and their
 * calibration variables, so the regression needs only each cell's n, Σy and the sum of squared
 * deviations. A section (one audience) or a measure not everyone answered is a domain: its
 * values are linearised as z = 1{in domain}·(y − ȳ_D)/W_D and regressed over the whole sample.
 */

/** One cell of a period: its weight, its category on each margin, and the measure's moments there. */
export interface CalibratedCell {
  weight: number;
  /** Every respondent of the cell, answered or not: they all carry the calibration. */
  respondents: number;
  /** The category of the cell on each calibration margin, in the margins' order. */
  categories: readonly (string | null)[];
  /** Respondents of the domain in this cell with a value, their mean and sum of squared deviations. */
  n: number;
  mean: number;
  m2: number;
}

export interface LinearisedEstimate {
  mean: number;
  se: number;
  /** Kish's effective size of the domain's respondents. */
  nEff: number;
}

/** Least squares by Gaussian elimination on the normal equations, dropping dependent columns. */
function solve(a: number[][], b: number[]): number[] {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  const pivotOf: number[] = [];
  let row = 0;
  const scale = Math.max(1, ...a.map((r, i) => Math.abs(r[i] ?? 0)));
  for (let col = 0; col < k && row < k; col++) {
    let best = row;
    for (let r = row + 1; r < k; r++) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[best]?.[col] ?? 0)) best = r;
    if (Math.abs(m[best]?.[col] ?? 0) <= 1e-10 * scale) continue; // a category collinear with the others
    [m[row], m[best]] = [m[best] as number[], m[row] as number[]];
    const p = m[row] as number[];
    for (let r = 0; r < k; r++) {
      if (r === row) continue;
      const f = (m[r]?.[col] ?? 0) / (p[col] ?? 1);
      if (f !== 0) m[r] = (m[r] as number[]).map((v, j) => v - f * (p[j] ?? 0));
    }
    pivotOf[col] = row++;
  }
  return Array.from({ length: k }, (_, col) => {
    const r = pivotOf[col];
    return r === undefined ? 0 : (m[r]?.[k] ?? 0) / (m[r]?.[col] ?? 1);
  });
}

/** The indicator columns of each cell: an intercept, then each margin's categories but its first. */
function designOf(cells: readonly CalibratedCell[]): number[][] {
  const margins = cells[0]?.categories.length ?? 0;
  const levels: string[][] = [];
  for (let m = 0; m < margins; m++) {
    const seen = [...new Set(cells.map((c) => c.categories[m] ?? '\u0000none'))].sort();
    levels.push(seen.slice(1));
  }
  return cells.map((c) => [
    1,
    ...levels.flatMap((ls, m) => ls.map((l) => ((c.categories[m] ?? '\u0000none') === l ? 1 : 0))),
  ]);
}

/**
 * The weighted mean of a domain and its linearised standard error. `inDomain` says which cells'
 * values count (the others still carry the calibration with z = 0).
 */
export function linearisedMean(cells: readonly CalibratedCell[], inDomain: (i: number) => boolean): LinearisedEstimate {
  let wd = 0;
  let wy = 0;
  let w2 = 0;
  cells.forEach((c, i) => {
    if (!inDomain(i) || c.n === 0) return;
    wd += c.weight * c.n;
    wy += c.weight * c.n * c.mean;
    w2 += c.weight * c.weight * c.n;
  });
  const nEff = w2 > 0 ? (wd * wd) / w2 : 0;
  if (!(wd > 0)) return { mean: Number.NaN, se: Number.NaN, nEff: 0 };
  const mean = wy / wd;
  // Per cell: Σz and Σz² of z = (y − ȳ_D)/W_D over its domain respondents.
  const z1 = cells.map((c, i) => (inDomain(i) && c.n > 0 ? (c.n * (c.mean - mean)) / wd : 0));
  const z2 = cells.map((c, i) => (inDomain(i) && c.n > 0 ? (c.m2 + c.n * (c.mean - mean) ** 2) / (wd * wd) : 0));
  const x = designOf(cells);
  const k = x[0]?.length ?? 1;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xtz = new Array<number>(k).fill(0);
  cells.forEach((c, i) => {
    const row = x[i] ?? [];
    for (let a = 0; a < k; a++) {
      xtz[a] = (xtz[a] ?? 0) + (row[a] ?? 0) * (z1[i] ?? 0);
      for (let b = 0; b < k; b++)
        (xtx[a] as number[])[b] = (xtx[a]?.[b] ?? 0) + c.respondents * (row[a] ?? 0) * (row[b] ?? 0);
    }
  });
  const beta = solve(xtx, xtz);
  let n = 0;
  let u1 = 0;
  let u2 = 0;
  cells.forEach((c, i) => {
    const f = (x[i] ?? []).reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
    const e1 = (z1[i] ?? 0) - c.respondents * f;
    const e2 = (z2[i] ?? 0) - 2 * f * (z1[i] ?? 0) + c.respondents * f * f;
    n += c.respondents;
    u1 += c.weight * e1;
    u2 += c.weight * c.weight * e2;
  });
  // Σu = 0 by the intercept, up to rounding; the formula keeps ū for the general case.
  const variance = n > 1 ? (n / (n - 1)) * Math.max(0, u2 - (u1 * u1) / n) : Number.NaN;
  return { mean, se: Math.sqrt(variance), nEff };
}
