import { requireThat } from '../errors';
import type { Stream } from '../random/stream';
import { eta, type EtaReading } from '../constants/eta';
import type { Problem } from './types';

/**
 * A non-convex cost that satisfies every assumption (i)–(v) of Lemma 2, with
 * the constants stated, so that a simulation on it is inside the lemma:
 *
 *     Q(x) = Σ_j [ x_j² / 2 + a (1 − cos(ω x_j)) ],   ∂_j Q(x) = x_j + a ω sin(ω x_j)
 *
 * (i)  Q is C^∞ and Q ≥ 0 (both terms are ≥ 0). With a ω² > 1 it is non-convex
 *      (Q''(x_j) = 1 + a ω² cos(ω x_j) < 0 near x_j = π/ω); with a ω² > 4.6 each coordinate
 *      has spurious stationary points besides 0 (for the defaults a = 1, ω = 3:
 *      x_j ≈ ±1.87 are local minima, Q = 1.97 per coordinate, and ±1.18 local
 *      maxima of the 1-D profile), so SGD may stop at any of 3^d local minima.
 * (iii)+(iv) The oracle is G(x, ξ) = ∇Q(x) + σ(x) ξ with ξ i.i.d. standard
 *      normal per coordinate and σ(x) = κ ‖∇Q(x)‖, κ = sin α / (η(n, f) √d):
 *      unbiased, E‖G − ∇Q‖² = d σ(x)², and η √d σ(x) = ‖∇Q(x)‖ sin α exactly,
 *      so (iv) holds with equality. Moments: ‖∇Q(x)‖ ≤ ‖x‖ + c, c = a ω √d, and
 *      E‖G‖^r = ‖∇Q‖^r E‖u + κ ξ‖^r (u a unit vector), so
 *      with M_2 = 1 + dκ², M_4 = M_2² + 2dκ⁴ + 4κ² (exact for Gaussian ξ) and
 *      M_3 = M_4^{3/4} (Lyapunov), E‖G‖^r = M_r ‖∇Q‖^r ≤ M_r (‖x‖ + c)^r
 *      ≤ A_r + B_r ‖x‖^r with A_r = 2^{r−1} M_r c^r, B_r = 2^{r−1} M_r.
 * (v)  ⟨x, ∇Q⟩ ≥ ‖x‖² − c ‖x‖ and ‖∇Q‖ ≤ ‖x‖ + c, so for ‖x‖ = r > c,
 *      cos∠(x, ∇Q) ≥ (r − c)/(r + c) and ‖∇Q‖ ≥ r − c. Choosing cos β and
 *      √D = c (1 + cos β)/(1 − cos β) gives (v) with ε = √D − c.
 *
 * @example
 *   const p = rippledBowl({ d: 10, n: 11, f: 2 });
 *   p.constants.D   // ≈ 3.06e3 for a = 1, ω = 3, β = 45° (√D ≈ 55.3, ε ≈ 45.8)
 */
export interface RippledBowlOptions {
  d: number;
  /** n and f fix η(n, f) in the noise level (iv). */
  n: number;
  f: number;
  /** MULTI-KRUM's m in η (default n − f − 2). */
  m?: number;
  /** η reading used in (iv); default `max`: the larger of the printed and the derived η, so (iv) holds under both. */
  etaReading?: EtaReading | 'max';
  /** Ripple amplitude a (default 1) and frequency ω (default 3). */
  a?: number;
  omega?: number;
  /** sin α in (iv) (default 0.5, α = 30°). */
  sinAlpha?: number;
  /** β of (v) in radians (default π/4); must be < π/2 − α. */
  beta?: number;
  /** Multiplies σ(x): 1 (default) sits on the boundary of (iv); > 1 breaks (iv). */
  noiseFactor?: number;
  /** Norm of the starting point (default 1.5 √D, outside the horizon so confinement is exercised). */
  startNorm?: number;
}

/** The stated constants of Lemma 2 for this problem. */
export interface Lemma2Constants {
  a: number;
  omega: number;
  /** c = a ω √d bounds ‖∇Q(x) − x‖. */
  c: number;
  eta: number;
  sinAlpha: number;
  alpha: number;
  beta: number;
  /** κ: σ(x) = κ ‖∇Q(x)‖. */
  kappa: number;
  D: number;
  epsilon: number;
  /** Moment constants of (iii): E‖G‖^r ≤ A_r + B_r ‖x‖^r. */
  A: { 2: number; 3: number; 4: number };
  B: { 2: number; 3: number; 4: number };
}

export function rippledBowl(options: RippledBowlOptions): Problem & { constants: Lemma2Constants; sigma(x: Float64Array): number } {
  const { d, n, f } = options;
  const rule = 'rippledBowl';
  requireThat(Number.isInteger(d) && d >= 1, rule, 'an integer d >= 1', { d });
  const a = options.a ?? 1;
  const omega = options.omega ?? 3;
  const sA = options.sinAlpha ?? 0.5;
  requireThat(sA > 0 && sA < 1, rule, '0 < sin α < 1', { sinAlpha: sA });
  const alpha = Math.asin(sA);
  const beta = options.beta ?? Math.PI / 4;
  requireThat(beta >= 0 && beta < Math.PI / 2 - alpha, rule, '0 <= β < π/2 − α', { beta, alpha });
  const m = options.m ?? n - f - 2;
  const reading = options.etaReading ?? 'max';
  const e = reading === 'max' ? Math.max(eta(n, f, m, 'as-printed'), eta(n, f, m, 'as-derived')) : eta(n, f, m, reading);
  const kappa = (sA / (e * Math.sqrt(d))) * (options.noiseFactor ?? 1);
  const c = a * omega * Math.sqrt(d);
  const cb = Math.cos(beta);
  const rootD = (c * (1 + cb)) / (1 - cb);
  const D = rootD * rootD;
  const epsilon = rootD - c;
  // E‖u + κξ‖^r for a unit u, r = 2, 4 exact (Gaussian), r = 3 by Lyapunov: ≤ (E‖·‖⁴)^{3/4}.
  const m2 = 1 + d * kappa * kappa;
  const m4 = m2 * m2 + 2 * d * kappa ** 4 + 4 * kappa * kappa;
  const m3 = m4 ** 0.75;
  // ‖∇Q‖^r ≤ (‖x‖ + c)^r ≤ 2^{r−1} (‖x‖^r + c^r).
  const A = { 2: 2 * m2 * c ** 2, 3: 4 * m3 * c ** 3, 4: 8 * m4 * c ** 4 };
  const B = { 2: 2 * m2, 3: 4 * m3, 4: 8 * m4 };
  const constants: Lemma2Constants = { a, omega, c, eta: e, sinAlpha: sA, alpha, beta, kappa, D, epsilon, A, B };
  const startNorm = options.startNorm ?? 1.5 * rootD;

  const gradient = (x: Float64Array, out: Float64Array) => {
    for (let j = 0; j < d; j++) out[j] = x[j] + a * omega * Math.sin(omega * x[j]);
    return out;
  };
  const sigma = (x: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const g = x[j] + a * omega * Math.sin(omega * x[j]);
      s += g * g;
    }
    return kappa * Math.sqrt(s);
  };
  return {
    name: `lemma2-rippled-bowl(d=${d}, n=${n}, f=${f})`,
    d,
    constants,
    sigma,
    loss(x) {
      let q = 0;
      for (let j = 0; j < d; j++) q += 0.5 * x[j] * x[j] + a * (1 - Math.cos(omega * x[j]));
      return q;
    },
    gradient,
    sampleGradient(x, stream, out) {
      gradient(x, out);
      let s = 0;
      for (let j = 0; j < d; j++) s += out[j] * out[j];
      const sx = kappa * Math.sqrt(s);
      for (let j = 0; j < d; j++) out[j] += sx * stream.normal();
      return out;
    },
    initial(stream) {
      // A uniformly random direction at norm startNorm.
      const x = new Float64Array(d);
      let s = 0;
      for (let j = 0; j < d; j++) { x[j] = stream.normal(); s += x[j] * x[j]; }
      const scale = startNorm / Math.sqrt(s);
      for (let j = 0; j < d; j++) x[j] *= scale;
      return x;
    },
  };
}
