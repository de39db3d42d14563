/**
 * Eigenvalues (and eigenvectors) of a small symmetric matrix by the cyclic
 * Jacobi method: rotations in the (p, q) planes zero the off-diagonal entries
 * one at a time, sweep after sweep, until they are negligible next to the
 * diagonal. Deterministic, accurate to a few ulps of the largest eigenvalue,
 * O(n³) per sweep with about 6–10 sweeps: meant for the n×n Gram matrices of
 * n <= 51 inputs (SMEA, CAF), where a d×d covariance would be out of reach.
 *
 * A rotation by (c, s) with t = s/c the smaller root of t² + 2θt − 1 = 0,
 * θ = (a_qq − a_pp)/(2 a_pq), zeroes a_pq (Golub and Van Loan, Matrix
 * Computations, 4th ed., §8.5).
 *
 * @example symmetricEigen(Float64Array.of(2, 1, 1, 2), 2, false).values // [1, 3] in some order
 */
export function symmetricEigen(matrix: Float64Array, n: number, wantVectors: boolean): { values: Float64Array; vectors: Float64Array | null } {
  const a = Float64Array.from(matrix.subarray(0, n * n));
  const v = wantVectors ? new Float64Array(n * n) : null;
  if (v) for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (!(off > 1e-32 * diag)) break; // also stops on NaN
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        if (v) {
          for (let k = 0; k < n; k++) {
            const vkp = v[k * n + p], vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/**
 * The Gram matrix of the inputs centred at their weighted mean, from squared
 * distances alone (classical multidimensional scaling): with μ = Σ_k w_k x_k
 * (Σ w = 1) and D_ij = ‖x_i − x_j‖²,
 *
 *     ‖x_i − μ‖² = a_i = Σ_k w_k D_ik − ½ Σ_kl w_k w_l D_kl,   ⟨x_i − μ, x_j − μ⟩ = ½ (a_i + a_j − D_ij)
 *
 * over the `members` (n×n row-major `sqDist`; the result is m×m over the
 * members, in their order). Translation-invariant by construction and
 * independent of d. The weighted covariance Σ = Σ_k w_k (x_k − μ)(x_k − μ)ᵀ
 * has the same non-zero eigenvalues as W^{1/2} G W^{1/2}, which is what
 * `scaled` returns when true.
 *
 * @example centredGram(Float64Array.of(0, 4, 4, 0), 2, [0, 1], Float64Array.of(0.5, 0.5), false) // [1, -1, -1, 1]: points 2 apart, each 1 from the mean
 */
export function centredGram(sqDist: Float64Array, n: number, members: readonly number[], weights: ArrayLike<number>, scaled: boolean, out?: Float64Array): Float64Array {
  const m = members.length;
  const g = out ?? new Float64Array(m * m);
  const a = new Float64Array(m);
  let total = 0;
  for (let p = 0; p < m; p++) {
    let s = 0;
    const row = members[p] * n;
    for (let q = 0; q < m; q++) s += weights[q] * sqDist[row + members[q]];
    a[p] = s;
    total += weights[p] * s;
  }
  for (let p = 0; p < m; p++) a[p] -= total / 2;
  for (let p = 0; p < m; p++) {
    const row = members[p] * n;
    for (let q = p; q < m; q++) {
      let x = (a[p] + a[q] - sqDist[row + members[q]]) / 2;
      if (scaled) x *= Math.sqrt(weights[p] * weights[q]);
      g[p * m + q] = x;
      g[q * m + p] = x;
    }
  }
  return g;
}
