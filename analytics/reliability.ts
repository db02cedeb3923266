/**
 * Scale quality: Cronbach's α of a dimension measured by two items or more, over the
 * respondents who answered all of them (complete cases), α = k/(k−1)·(1 − Σ s²_item / s²_sum)
 * with sample variances. Items are rescaled to 0–100 first, so a dimension mixing a 1–5 and a
 * 1–7 item is judged on a common scale (on items sharing a scale this is the plain α).
 * Reliability describes the questionnaire, so it is computed unweighted.
 */
import type { ItemSetSums } from './aggregate-schema.ts';

/** α from the sums of complete cases; `slopes[j]` rescales item j (100/(max − min)). */
export function cronbachAlpha(sums: ItemSetSums, slopes: readonly number[]): number {
  const k = sums.sums.length;
  const n = sums.n;
  if (k < 2 || n < 2) return Number.NaN;
  const product = (j: number, l: number) => {
    const [a, b] = j <= l ? [j, l] : [l, j];
    // Row a of the upper triangle starts after a rows of lengths k, k−1, …
    return sums.products[a * k - (a * (a - 1)) / 2 + (b - a)] ?? 0;
  };
  const cov = (j: number, l: number) =>
    ((slopes[j] ?? 1) * (slopes[l] ?? 1) * (product(j, l) - ((sums.sums[j] ?? 0) * (sums.sums[l] ?? 0)) / n)) / (n - 1);
  let items = 0;
  let total = 0;
  for (let j = 0; j < k; j++) {
    items += cov(j, j);
    for (let l = 0; l < k; l++) total += cov(j, l);
  }
  if (!(total > 0)) return Number.NaN;
  return (k / (k - 1)) * (1 - items / total);
}

/** Adds item-set sums (the same items in the same order). */
export function addItemSets(parts: readonly ItemSetSums[]): ItemSetSums | undefined {
  const [first] = parts;
  if (!first) return undefined;
  const out: ItemSetSums = { n: 0, sums: first.sums.map(() => 0), products: first.products.map(() => 0) };
  for (const p of parts) {
    out.n += p.n;
    p.sums.forEach((x, j) => {
      out.sums[j] = (out.sums[j] ?? 0) + x;
    });
    p.products.forEach((x, j) => {
      out.products[j] = (out.products[j] ?? 0) + x;
    });
  }
  return out;
}
