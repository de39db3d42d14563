import { requireThat, requireInteger } from '../errors';

/**
 * The three readings of η(n, f) in Lemma 1 (floating point; exact
 * evaluations with mathjs live beside this file).
 *
 * - `as-printed` (the lemma's statement): η² = 2 (n − f + (f·m + f²(m + 1)) / m)
 * - `as-derived` (the end of its proof, L1.8): η² = 2 (n − f + (f·m + f²(m + 1)) / (n − 2f − 2))
 * - `krum` (Blanchard et al. 2017, m = 1 rule, k = n − f − 2):
 *   η² = 2 (n − f + (f(n − f − 2) + f²(n − f − 1)) / (n − 2f − 2))
 */
export type EtaReading = 'as-printed' | 'as-derived' | 'krum';
export const ETA_READINGS: readonly EtaReading[] = ['as-printed', 'as-derived', 'krum'];

/** η²(n, f) under a reading; m defaults to m̃ = n − f − 2. Requires n >= 2f + 3 and 1 <= m <= n − f − 2. */
export function etaSquared(n: number, f: number, m = n - f - 2, reading: EtaReading = 'as-derived'): number {
  const rule = `eta(n, f) [${reading}]`;
  requireInteger(rule, 'f', f, 0);
  requireInteger(rule, 'n', n, 1);
  requireThat(n >= 2 * f + 3, rule, 'n >= 2f + 3', { n, f });
  requireInteger(rule, 'm', m, 1, n - f - 2);
  switch (reading) {
    case 'as-printed':
      return 2 * (n - f + (f * m + f * f * (m + 1)) / m);
    case 'as-derived':
      return 2 * (n - f + (f * m + f * f * (m + 1)) / (n - 2 * f - 2));
    case 'krum':
      return 2 * (n - f + (f * (n - f - 2) + f * f * (n - f - 1)) / (n - 2 * f - 2));
  }
}

/** η(n, f) = √η². */
export function eta(n: number, f: number, m = n - f - 2, reading: EtaReading = 'as-derived'): number {
  return Math.sqrt(etaSquared(n, f, m, reading));
}

/** sin α = η √d σ / ‖g‖ (Lemma 1); the lemma needs it < 1. */
export function sinAlpha(n: number, f: number, d: number, sigma: number, gNorm: number, m = n - f - 2, reading: EtaReading = 'as-derived'): number {
  return (eta(n, f, m, reading) * Math.sqrt(d) * sigma) / gNorm;
}
