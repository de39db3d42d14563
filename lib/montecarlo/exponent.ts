import type { Interval } from '../claims/types';
import { requireThat } from '../errors';
import { criticalValue, normalQuantile } from './intervals';
import { ss } from './simpleStatistics';

/**
 * The exponent p of y ≈ C·d^p, fitted by least squares on (log d, log ȳ)
 * (simple-statistics linearRegression), with the standard error that comes
 * from the Monte Carlo error of each ȳ_j. The slope is the linear combination
 * p̂ = Σ_j w_j log ȳ_j with w_j = (log d_j − mean log d) / S_xx, and by the
 * delta method Var(log ȳ_j) ≈ s_j² / (T_j ȳ_j²), so
 *
 *     SE(p̂)² = Σ_j w_j² s_j² / (T_j ȳ_j²)
 *
 * The interval is p̂ ± t·SE (t quantile with min_j T_j − 1 degrees of freedom). It covers the sampling error of the means, not
 * the misfit of a power law over a short range of d: the residual of the fit
 * is reported beside it for that.
 *
 * @example fitExponent([10, 100, 1000], [1, 0.316, 0.1], [0.1, 0.03, 0.01], [100, 100, 100], 0.95).estimate // ≈ −0.5
 */
export interface ExponentFit extends Interval {
  /** Root-mean-square residual of the log-log fit. */
  residual: number;
  intercept: number;
  /**
   * Goodness of fit of the power law: χ² = Σ_j ((log ȳ_j − fit_j) / SE_j)²
   * on J − 2 degrees of freedom, and its upper-tail probability
   * (Wilson–Hilferty approximation). A small p says the means do not follow
   * one power of d over this range, so the exponent's interval (which only
   * covers sampling error) should not be trusted. NaN with two points.
   */
  chiSquare: number;
  fitP: number;
}

/** P(χ²_k > x) by the Wilson–Hilferty normal approximation. */
export function chiSquareUpperTail(x: number, k: number): number {
  if (!(k >= 1)) return NaN;
  const z = ((x / k) ** (1 / 3) - (1 - 2 / (9 * k))) / Math.sqrt(2 / (9 * k));
  // 1 − Φ(z), through the same erf as the quantiles
  return 1 - (1 + ss.errorFunction(z / Math.SQRT2)) / 2;
}

export function fitExponent(ds: readonly number[], means: readonly number[], sds: readonly number[], trials: readonly number[], level: number): ExponentFit {
  requireThat(ds.length >= 2 && ds.length === means.length, 'fitExponent', 'at least two dimensions with a mean each', { dimensions: ds.length, means: means.length });
  const method = 'log-log least squares; SE from the Monte Carlo error of each mean (delta method)';
  if (means.some((m) => !(m > 0) || !Number.isFinite(m))) return { estimate: NaN, lo: NaN, hi: NaN, level, method: `${method}; a non-positive or non-finite mean`, residual: NaN, intercept: NaN, chiSquare: NaN, fitP: NaN };
  const xs = ds.map(Math.log), ys = means.map(Math.log);
  const { m: slope, b } = ss.linearRegression(xs.map((x, j) => [x, ys[j]]));
  const xbar = ss.mean(xs);
  const sxx = xs.reduce((s, x) => s + (x - xbar) ** 2, 0);
  let v = 0;
  for (let j = 0; j < xs.length; j++) v += ((xs[j] - xbar) / sxx) ** 2 * (sds[j] ** 2 / (trials[j] * means[j] ** 2));
  const half = criticalValue(level, Math.min(...trials)) * Math.sqrt(v);
  const residual = Math.sqrt(xs.reduce((s, x, j) => s + (ys[j] - (slope * x + b)) ** 2, 0) / xs.length);
  const chiSquare = xs.reduce((s, x, j) => s + (ys[j] - (slope * x + b)) ** 2 / (sds[j] ** 2 / (trials[j] * means[j] ** 2)), 0);
  const fitP = chiSquareUpperTail(chiSquare, xs.length - 2);
  return { estimate: slope, lo: slope - half, hi: slope + half, level, method, residual, intercept: b, chiSquare, fitP };
}
