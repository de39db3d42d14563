import { normalQuantile } from '../montecarlo/intervals';
import { copies, coordinateStd, correctMean } from './statistics';
import type { NamedAttack } from './types';

/**
 * z_max of "A Little Is Enough" (Baruch, Baruch, Goldberg, NeurIPS 2019): the
 * attacker needs s = ⌊n/2 + 1⌋ − f correct workers to side with it, and
 * moves each coordinate by the largest z for which that many correct values
 * are still expected to lie farther from the mean:
 *
 *     s = ⌊n/2 + 1⌋ − f,   z_max = Φ⁻¹((n − s) / n)
 *
 * @example alieZ(11, 2) // s = 4, Φ⁻¹(7/11) ≈ 0.349
 */
export function alieZ(n: number, f: number): number {
  const s = Math.floor(n / 2 + 1) - f;
  return normalQuantile((n - s) / n);
}

/**
 * A Little Is Enough: B_k = μ − z·s per coordinate (μ, s the correct
 * vectors' mean and standard deviation), z = z_max(n, f) unless given.
 * Small per-coordinate moves stay inside the correct spread, so distance-based
 * rules keep selecting them, and they all push the same way.
 */
export function alieAttack(z?: number): NamedAttack {
  return {
    name: 'alie',
    cite: 'baruch2019alie',
    run: ({ correct, n, f }) => {
      const zz = z ?? alieZ(n, f);
      const mu = correctMean(correct);
      const s = coordinateStd(correct, mu);
      return copies(mu.map((x, c) => x - zz * s[c]), f);
    },
  };
}
