import { stagedScaled } from './kernels/arena';
import type { FloatVector, InputVectors } from './types';

/**
 * A pre-aggregator maps n input vectors to n' vectors handed to a rule
 * (Allouah et al., "Fixing by Mixing", AISTATS 2023: NNM; Karimireddy, He,
 * Jaggi, ICLR 2022: bucketing; clipping). `outputs(n)` is n', so that the
 * composition can check the rule's admissibility on what it will receive.
 * Non-finite inputs are passed on (as NaN where they are mixed in): the rule
 * after the pre-aggregator applies its own convention to them.
 */
export interface Preaggregator {
  /** Display name, e.g. `NNM`. */
  readonly name: string;
  /** How many vectors `apply` returns for n inputs. */
  outputs(n: number): number;
  /** The pre-aggregated vectors (fresh Float64Arrays) and what the pre-aggregator decided. */
  apply(vectors: InputVectors, f: number): { vectors: Float64Array[]; diagnostics: Record<string, unknown> };
  /**
   * For a pre-aggregator that only scales each input (y_i = s_i · x_i: clipping, ARC), the factors s_i and the same
   * diagnostics as `apply`, so that a linear rule after it (the average) can read the inputs once instead of
   * building n scaled copies; null when `apply` has to handle an input itself (a non-finite coordinate or norm)
   * or when the weighted sum could overflow.
   */
  scales?(vectors: InputVectors, f: number): { factors: number[]; diagnostics: Record<string, unknown> } | null;
}

/** x scaled by `factor`, as a new Float64Array; a non-finite coordinate becomes NaN. */
export function scaled(x: FloatVector, factor: number): Float64Array {
  const d = x.length;
  const out = new Float64Array(d);
  // Branch-free first pass (y − y is 0 for a finite y, NaN otherwise: one NaN makes `bad`
  // NaN); the rare vector with a non-finite coordinate gets a second pass. About 2.5× the
  // one-pass loop with its per-coordinate branch at d = 1e5.
  let bad = 0;
  if (factor === 1) {
    out.set(x);
    for (let c = 0; c < d; c++) { const y = out[c]; bad += y - y; }
  } else {
    for (let c = 0; c < d; c++) { const y = x[c] * factor; out[c] = y; bad += y - y; }
  }
  if (bad !== 0) for (let c = 0; c < d; c++) { const y = out[c]; if (y - y !== 0) out[c] = NaN; }
  return out;
}

/**
 * {@link scaled} for every input with its factor: from 256 coordinates on in
 * WebAssembly SIMD over staged blocks (lib/rules/kernels/arena.ts's
 * stagedScaled, the same products and the same NaN), else one at a time.
 */
export function scaledAll(vectors: InputVectors, factors: readonly number[]): Float64Array[] {
  return stagedScaled(vectors, factors) ?? vectors.map((x, i) => scaled(x, factors[i]));
}
