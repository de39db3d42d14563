import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { checkInputs, weightedSum } from './inputs';
import { countFalse } from './krum';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { selectionDistances } from './selectionDistances';
import { centredGram, symmetricEigen } from './symmetricEigen';
import type { Aggregation, InputVectors } from './types';

export interface CafDiagnostics {
  n: number;
  f: number;
  /** Filtering rounds run. */
  rounds: number;
  /** The round whose weighted mean is returned (smallest λ_max), 0-based. */
  chosenRound: number;
  /** λ_max of the weighted covariance in each round (times 2^scoreScaleLog2 when present). */
  lambdaMax: number[];
  /** The weights c_i of the returned mean, normalised. */
  weights: number[];
  /** Present when the filter stopped at {@link MAX_ROUNDS} rounds before its weight fell to n − 2f. */
  roundCapReached?: true;
  scoreScaleLog2?: number;
  outsideGuarantee?: OutsideGuarantee;
}

/**
 * CAF, the covariance-bound agnostic filter (Allouah, Guerraoui, Stephan,
 * "Towards Trustworthy Federated Learning with Untrusted Participants",
 * ICML 2025; as ByzFL implements it): start with weights c_i = 1 and, while
 * Σ c_i > n − 2f,
 *
 *     μ_c = Σ c_i x_i / Σ c_i,   Σ_c = Σ c_i (x_i − μ_c)(x_i − μ_c)ᵀ / Σ c_i
 *     (λ, v) = the top eigenpair of Σ_c,   τ_i = ⟨x_i − μ_c, v⟩²,   c_i ← c_i (1 − τ_i / max_j τ_j)
 *
 * and return the μ_c of the round with the smallest λ. The max is over the
 * inputs that still have weight (c_j > 0), as in the filters of robust
 * statistics, so each round zeroes one weight and there are at most 2f + 1
 * rounds. (ByzFL takes max_j over every input, zeroed ones included: then the
 * outlier removed in round 1 keeps the largest τ, no weight reaches 0 again,
 * and the weights only shrink by factors near 1 — 37 rounds on the example
 * below, more than 1000 on 5 Gaussian points with f = 2.) With f = 0 no
 * round runs and CAF is the mean (ByzFL returns None). The eigenpair is
 * computed exactly (to rounding) from the n×n weighted centred Gram matrix
 * (lib/rules/symmetricEigen.ts), independently of d: λ and the projections
 * ⟨x_i − μ, v⟩ = (G W^{1/2} u)_i / √λ come from the eigenvector u of
 * W^{1/2} G W^{1/2}. (ByzFL takes one power-method step from a random
 * vector: its λ and v are random estimates.) A round with λ = 0 (all weight
 * on one point) ends the filter: its mean is exact. Requires n >= 2f + 1.
 * Inputs with a non-finite coordinate start with weight 0 and take no part
 * (their projections are undefined); an overflowing
 * distance is handled on inputs scaled by a power of two. Output: a convex
 * combination of the inputs. Permutation-invariant except where λ_max is a
 * repeated eigenvalue (v then is not unique).
 *
 * Worked example (f = 1, d = 1): 0, 1, 2, 10. Round 1: μ = 13/4, λ = the
 * variance 62.75/4 = 15.6875, τ_i = (x_i − 3.25)² = 10.5625, 5.0625, 1.5625,
 * 45.5625; the weights become 1 − τ_i/45.5625 = 0.768, 0.889, 0.966, 0, whose
 * sum 2.62 is still above n − 2f = 2, so round 2 runs on 0, 1, 2 with those
 * weights: μ = (0.889 + 2·0.966)/2.62 = 1.075, λ = 0.655 < 15.69; it zeroes
 * another weight (sum < 2) and the loop ends. CAF returns round 2's mean, 1.075.
 *
 * @example caf([0, 1, 2, 10].map((x) => Float64Array.of(x)), { f: 1 }).diagnostics.chosenRound // 1
 */
/**
 * A safety cap on the rounds. Each round zeroes the weight of the weighted
 * input with the largest projection, so the filter stops after at most
 * 2f + 1 rounds and never reaches it.
 */
export const MAX_ROUNDS = 1000;

export function caf(vectors: InputVectors, options: { f: number }): Aggregation<CafDiagnostics> {
  const rule = 'CAF';
  checkOptions(rule, options, ['f']);
  const d = checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  const { dist, finite, scoreScaleLog2 } = selectionDistances(vectors as Vectors, 'squared', 'caf.distances');
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = finite[i] ? 1 : 0;
  const lambdaMax: number[] = [];
  let best = Infinity, bestWeights: Float64Array | null = null, chosenRound = 0, rounds = 0;
  // The finite inputs enter the Gram matrix (weight 0 ones contribute nothing); the non-finite ones
  // are left out (their distances are infinite).
  const members = Array.from({ length: n }, (_, i) => i).filter((i) => finite[i]);
  const k = members.length;
  const w = new Float64Array(n);
  const mw = new Float64Array(k);
  const scaled = new Float64Array(k * k);
  const tau = new Float64Array(k);
  let sum = c.reduce((a, b) => a + b, 0);
  let capped = false;
  while (sum > n - 2 * f && sum > 0) {
    if (rounds === MAX_ROUNDS) { capped = true; break; }
    for (let i = 0; i < n; i++) w[i] = c[i] / sum;
    for (let p = 0; p < k; p++) mw[p] = w[members[p]];
    const g = centredGram(dist, n, members, mw, false);
    for (let p = 0; p < k; p++) for (let q = 0; q < k; q++) scaled[p * k + q] = g[p * k + q] * Math.sqrt(mw[p] * mw[q]);
    const { values, vectors: u } = symmetricEigen(scaled, k, true);
    let top = 0;
    for (let p = 1; p < k; p++) if (values[p] > values[top]) top = p;
    const lambda = Math.max(0, values[top]);
    lambdaMax.push(lambda);
    if (lambda < best || bestWeights === null) { best = lambda; bestWeights = Float64Array.from(w); chosenRound = rounds; }
    rounds++;
    if (!(lambda > 0)) break;
    // τ_i = ⟨x_i − μ, v⟩² with v = Σ_q √w_q u_q (x_q − μ)/√λ: (G W^{1/2} u)_i² / λ
    let tauMax = 0;
    for (let p = 0; p < k; p++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += g[p * k + q] * Math.sqrt(mw[q]) * u![q * k + top];
      tau[p] = (s * s) / lambda;
      if (mw[p] > 0 && tau[p] > tauMax) tauMax = tau[p];
    }
    if (!(tauMax > 0)) break;
    for (let p = 0; p < k; p++) c[members[p]] *= Math.max(0, 1 - tau[p] / tauMax);
    sum = c.reduce((a, b) => a + b, 0);
  }
  const chosen = bestWeights ?? Float64Array.from(c, (x) => x / Math.max(sum, 1));
  const aggregate = weightedSum(vectors, chosen, new Float64Array(d));
  let nan = 0, first = -1;
  if (sum === 0 && bestWeights === null) aggregate.fill(NaN);
  for (let q = 0; q < d; q++) if (aggregate[q] !== aggregate[q]) { nan++; if (first < 0) first = q; }
  const diagnostics: CafDiagnostics = { n, f, rounds, chosenRound, lambdaMax, weights: Array.from(chosen) };
  if (capped) diagnostics.roundCapReached = true;
  if (scoreScaleLog2 !== 0) diagnostics.scoreScaleLog2 = scoreScaleLog2;
  const notice = outsideGuarantee(rule, f, { nan, first }, countFalse(finite));
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate, diagnostics };
}
