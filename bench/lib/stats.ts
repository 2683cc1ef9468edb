/** Small statistics for the targets. */

/** ln C(n, k) via log-gamma sums (exact enough for n in the thousands). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  if (p <= 0) return 1;
  if (p >= 1) return k >= n ? 1 : 0;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, sum);
}

/**
 * One-sided 95% upper bound on a per-run rate after `k` events in `n` runs (exact binomial, Clopper–Pearson):
 * for k = 0 it is 1 − 0.05^(1/n), about 3/n (the rule of three).
 */
export function upperBound95(k: number, n: number): number {
  if (n <= 0) return 1;
  if (k <= 0) return 1 - 0.05 ** (1 / n);
  if (k >= n) return 1;
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > 0.05) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Runs with 0 events needed for the 95% upper bound to reach `rate`. */
export const runsForBound = (rate: number): number => Math.ceil(Math.log(0.05) / Math.log(1 - rate));
