import type { Stream } from './stream';

/**
 * Gradient-noise distributions for the correct workers. Lemma 1 assumes only
 * i.i.d. vectors with mean g and E‖G − g‖² = dσ²; each sampler below is scaled
 * so that every coordinate has mean 0 and variance σ², so the families are
 * comparable at the same σ. They span the tails Lemma 1 allows: `uniform`
 * (light: bounded), `gaussian`, `exponential` (skewed), `student-t3` (heavy:
 * no third moment).
 */
export type NoiseFamily = 'gaussian' | 'student-t3' | 'exponential' | 'uniform';

export const NOISE_FAMILIES: readonly NoiseFamily[] = ['gaussian', 'student-t3', 'exponential', 'uniform'];

/** √3: U(−√3, √3) has variance (2√3)²/12 = 1. */
const UNIFORM_HALF_WIDTH = Math.sqrt(3);

/** One zero-mean, unit-variance draw of the family. */
export function standardDraw(family: NoiseFamily, s: Stream): number {
  switch (family) {
    case 'gaussian':
      return s.normal();
    case 'student-t3': {
      // t with ν = 3 has variance ν/(ν−2) = 3; heavy tails, finite variance.
      const z = s.normal();
      const a = s.normal(), b = s.normal(), c = s.normal();
      return z / Math.sqrt((a * a + b * b + c * c) / 3) / Math.sqrt(3);
    }
    case 'exponential':
      // Exp(1) − 1: mean 0, variance 1, skewed.
      return -Math.log(1 - s.uniform()) - 1;
    case 'uniform':
      // U(−√3, √3): mean 0, variance 1, bounded (the light-tailed end: |ε| <= √3, E ε⁴ = 9/5).
      // e.g. u = 0.75 gives √3·0.5 ≈ 0.866.
      return UNIFORM_HALF_WIDTH * (2 * s.uniform() - 1);
  }
}

/** Fills `out` with g + σ·ε, ε i.i.d. from `family`. Returns `out`. */
export function sampleAround(g: Float64Array, sigma: number, family: NoiseFamily, s: Stream, out = new Float64Array(g.length)): Float64Array {
  for (let j = 0; j < g.length; j++) out[j] = g[j] + sigma * standardDraw(family, s);
  return out;
}
