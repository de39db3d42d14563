/**
 * The (f, κ)-robustness ratio of an aggregate (Allouah, Farhadkhani,
 * Guerraoui, Gupta, Pinot, Stephan, "Fixing by Mixing", AISTATS 2023, as
 * issue 15 states the definition; the printed definition could not be read
 * from a stored source, see reference/robustness-claims.md):
 *
 *     ratio(F; x, S) = ‖F(x) − x̄_S‖² / ((1/|S|) Σ_{i∈S} ‖x_i − x̄_S‖²),   x̄_S = (1/|S|) Σ_{i∈S} x_i
 *
 * A rule is (f, κ)-robust when ratio ≤ κ for every input and every S of n − f
 * indices; the smallest such κ is its robustness coefficient, and any input
 * gives a lower bound on it. When the honest variance is 0 the ratio is 0 if
 * F(x) = x̄_S and +∞ otherwise (no finite κ admits that input).
 *
 * The ratio is invariant under x_i ↦ a·x_i + b (a ≠ 0) for a rule that is
 * translation- and scale-equivariant (F(a·x + b) = a·F(x) + b): numerator and
 * denominator both scale by a².
 *
 * Floating point here (the search's objective); {@link exactRatio} in
 * exactRatio.ts is the certified value.
 *
 * @example robustnessRatio([[0], [2], [10]], [0, 1], [2]) // (2 − 1)² / 1 = 1
 */
export function robustnessRatio(inputs: readonly ArrayLike<number>[], honest: readonly number[], output: ArrayLike<number>): number {
  const d = output.length, h = honest.length;
  let num = 0, variance = 0;
  for (let c = 0; c < d; c++) {
    let mean = 0;
    for (const i of honest) mean += inputs[i][c];
    mean /= h;
    let v = 0;
    for (const i of honest) { const e = inputs[i][c] - mean; v += e * e; }
    variance += v / h;
    const e = output[c] - mean;
    num += e * e;
  }
  if (Number.isNaN(num) || Number.isNaN(variance)) return NaN;
  if (variance === 0) return num === 0 ? 0 : Infinity;
  return num / variance;
}

/** The honest mean and the honest variance (1/|S|) Σ ‖x_i − x̄_S‖², in floating point. */
export function honestMoments(inputs: readonly ArrayLike<number>[], honest: readonly number[]): { mean: Float64Array; variance: number } {
  const d = inputs[0].length, h = honest.length;
  const mean = new Float64Array(d);
  let variance = 0;
  for (let c = 0; c < d; c++) {
    let m = 0;
    for (const i of honest) m += inputs[i][c];
    m /= h;
    mean[c] = m;
    for (const i of honest) { const e = inputs[i][c] - m; variance += e * e / h; }
  }
  return { mean, variance };
}

/**
 * The universal lower bound f/(n − 2f) on every rule's coefficient (issue 15,
 * attributed to Allouah et al. 2023; proved in {@link lowerBoundInput}'s
 * comment), as a float. n > 2f.
 *
 * @example universalLowerBound(7, 2) // 2/3
 */
export function universalLowerBound(n: number, f: number): number {
  return f / (n - 2 * f);
}

/**
 * The two readings of the input on which every rule has ratio ≥ f/(n − 2f)
 * (d = 1, embedded along the first axis): f inputs at 1, n − f at 0.
 *
 * Proof (derived here): take S₁ = the n − f zeros (variance 0) and S₂ = the f
 * ones and n − 2f zeros (mean p = f/(n − f), variance p(1 − p)). If F(x) ≠ 0
 * the ratio for S₁ is +∞. If F(x) = 0 the ratio for S₂ is
 * p²/(p(1 − p)) = p/(1 − p) = f/(n − 2f). So sup over inputs and honest sets
 * is ≥ f/(n − 2f) for every F. Each reading lists its honest set first
 * (indices 0 … n − f − 1), as the search expects: `ones-honest` (S₂: the f
 * ones, then n − 2f zeros; f Byzantine zeros last) and `zeros-honest` (S₁:
 * n − f zeros; the f ones last).
 *
 * @example lowerBoundInputs(3, 1, 1)[0].inputs // [[1], [0], [0]] (honest: the first two)
 */
export function lowerBoundInputs(n: number, f: number, d: number): { label: string; inputs: number[][] }[] {
  const row = (one: boolean) => Array.from({ length: d }, (_, c) => (c === 0 && one ? 1 : 0));
  return [
    { label: 'lower-bound (ones honest)', inputs: Array.from({ length: n }, (_, i) => row(i < f)) },
    { label: 'lower-bound (zeros honest)', inputs: Array.from({ length: n }, (_, i) => row(i >= n - f)) },
  ];
}
