import { requireInteger } from '../errors';
import { streamFor } from '../random/stream';
import { checkInputs, meanOfIndices } from './inputs';
import { checkOptions } from './options';
import type { Preaggregator } from './preaggregator';
import type { InputVectors } from './types';

export interface BucketingOptions {
  /** Bucket size s >= 1. Default 2. */
  s?: number;
  /** Seed of the permutation. Default 0. */
  seed?: number;
}

/**
 * Bucketing (Karimireddy, He, Jaggi, "Byzantine-Robust Learning on
 * Heterogeneous Datasets via Bucketing", ICLR 2022, Algorithm 1): shuffle the
 * inputs by a random permutation π, split them into ⌈n/s⌉ buckets of s
 * (the last one smaller when s does not divide n, as ByzFL), and average
 * each bucket:
 *
 *     y_b = mean{ x_π(i) : i ∈ ((b − 1)s, bs] ∩ [1, n] },   b = 1, …, ⌈n/s⌉
 *
 * then apply a rule to y_1, …, y_⌈n/s⌉ (at most f buckets hold a Byzantine
 * input). Deterministic: π is drawn from the workbook's seeded stream
 * `streamFor(seed, 'bucketing', n)` by Fisher–Yates, so the same seed and n
 * give the same buckets in every call (a training loop that wants fresh
 * buckets per step passes a seed per step). Translation-equivariant. A
 * bucket with a non-finite value is NaN where that value enters.
 *
 * Worked example (s = 2, n = 4, a permutation putting inputs 0, 1, 2, 3 in
 * the order 2, 0, 3, 1): buckets {x_2, x_0}, {x_3, x_1}; with x = 0, 1, 3, 10
 * the outputs are 1.5 and 5.5.
 *
 * @example bucketing([0, 1, 3, 10].map((x) => Float64Array.of(x)), { s: 2 }).diagnostics.buckets // a partition of 0..3 in pairs
 */
export function bucketing(vectors: InputVectors, options: BucketingOptions = {}): { vectors: Float64Array[]; diagnostics: { buckets: number[][] } } {
  const rule = 'BUCKETING';
  checkOptions(rule, options, ['s', 'seed']);
  checkInputs(rule, vectors);
  const n = vectors.length;
  const s = options.s ?? 2;
  const seed = options.seed ?? 0;
  requireInteger(rule, 's', s, 1, n);
  requireInteger(rule, 'seed', seed, 0, 2 ** 32 - 1);
  const perm = bucketPermutation(n, seed);
  const buckets: number[][] = [];
  for (let b = 0; b * s < n; b++) buckets.push(perm.slice(b * s, Math.min(n, (b + 1) * s)));
  return { vectors: buckets.map((idx) => meanOfIndices(vectors, [...idx].sort((a, b) => a - b))), diagnostics: { buckets } };
}

/** The permutation of bucketing: Fisher–Yates on the seeded stream. */
export function bucketPermutation(n: number, seed: number): number[] {
  const stream = streamFor(seed, 'bucketing', n);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = stream.int(i + 1);
    const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  return perm;
}

/** Bucketing as a {@link Preaggregator}. */
export function bucketingPreaggregator(options: BucketingOptions = {}): Preaggregator {
  const s = options.s ?? 2;
  return { name: `BUCKETING(s=${s})`, outputs: (n) => Math.ceil(n / s), apply: (v) => bucketing(v, options) };
}
