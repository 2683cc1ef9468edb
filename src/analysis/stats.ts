/** Small statistics helpers for the noise model and the leak-rate fit. */

/** Median of the values (mean of the middle two for an even count); 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** max - min; 0 for fewer than two values. */
export function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  return Math.max(...values) - Math.min(...values);
}

/**
 * The value that a strict majority of `values` reach or exceed: the ⌊n/2⌋-th largest (0-based).
 * One value → itself; two → the smaller; three → the median; four → the second smallest.
 */
export function majorityValue(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const descending = [...values].sort((a, b) => b - a);
  return descending[Math.floor(values.length / 2)] as number;
}

export interface LineFit {
  slope: number;
  intercept: number;
  /**
   * Coefficient of determination in [0, 1]. 0 when the fit says nothing: fewer than three points (a line
   * always passes through two), all x equal, or all y equal (a flat series has no trend to explain).
   */
  r2: number;
}

/** Ordinary least squares of y on x. */
export function leastSquares(xs: readonly number[], ys: readonly number[]): LineFit {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { slope: 0, intercept: 0, r2: 0 };
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += xs[i] as number;
    sumY += ys[i] as number;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  // Centred sums: numerically stable for heap sizes in the hundreds of MB.
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, intercept: meanY, r2: 0 };
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = n < 3 || syy === 0 ? 0 : Math.min(1, Math.max(0, (sxy * sxy) / (sxx * syy)));
  return { slope, intercept, r2 };
}
