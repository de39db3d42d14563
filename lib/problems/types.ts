import type { Stream } from '../random/stream';

/**
 * A stochastic optimisation problem as SGD sees it: a cost Q ≥ 0, its exact
 * gradient ∇Q, and a stochastic gradient oracle G(x, ξ) with E G(x, ξ) = ∇Q(x),
 * where ξ is drawn from a seeded {@link Stream} (one stream per worker and step).
 *
 * All vector-valued methods write into a caller-owned `out` buffer and return
 * it, so the simulator's step loop allocates nothing.
 */
export interface Problem {
  /** Display name, e.g. `lemma2-rippled-bowl(d=10)`. */
  readonly name: string;
  /** Dimension of the parameter x. */
  readonly d: number;
  /** Q(x) (for MNIST: the training cross-entropy on a fixed evaluation subset). */
  loss(x: Float64Array): number;
  /** ∇Q(x) written into `out`. */
  gradient(x: Float64Array, out: Float64Array): Float64Array;
  /** One stochastic gradient G(x, ξ), ξ drawn from `stream`, written into `out`. */
  sampleGradient(x: Float64Array, stream: Stream, out: Float64Array): Float64Array;
  /** The starting point x_0 (may use `stream`). */
  initial(stream: Stream): Float64Array;
  /** A minimiser x*, when known (the quadratic). */
  readonly optimum?: Float64Array;
  /** Problem-specific metrics recorded along a trajectory, e.g. test accuracy. */
  metrics?(x: Float64Array): Record<string, number>;
}
