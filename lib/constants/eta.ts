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

/**
 * sin α = η √d σ / ‖g‖ (Lemma 1); the lemma needs it < 1. Requires an integer
 * d >= 1, a finite σ >= 0 and a finite ‖g‖ > 0.
 *
 * In floating point, without spurious underflow or overflow: when the plain
 * (η √d σ) / ‖g‖ and its numerator are normal doubles it is returned as is;
 * otherwise (σ or ‖g‖ tiny or huge, e.g. σ = 5e-324, ‖g‖ = 1e-300) σ and ‖g‖
 * are split exactly into a mantissa in [1, 2^64) and a power of two, and the
 * power of two is applied last, so the result is 0 or Infinity only when the
 * true value is beyond the range of doubles.
 */
export function sinAlpha(n: number, f: number, d: number, sigma: number, gNorm: number, m = n - f - 2, reading: EtaReading = 'as-derived'): number {
  requireInteger('sin alpha', 'd', d, 1);
  requireThat(Number.isFinite(sigma) && sigma >= 0, 'sin alpha', 'a finite sigma >= 0', { sigma });
  requireThat(Number.isFinite(gNorm) && gNorm > 0, 'sin alpha', 'a finite ||g|| > 0', { gNorm });
  const scale = eta(n, f, m, reading) * Math.sqrt(d);
  if (sigma === 0) return 0;
  const top = scale * sigma, plain = top / gNorm;
  if (top >= MIN_NORMAL && top < Infinity && plain >= MIN_NORMAL && plain < Infinity) return plain;
  const [sm, se] = splitPowerOfTwo(sigma), [gm, ge] = splitPowerOfTwo(gNorm);
  return timesPowerOfTwo((scale * sm) / gm, se - ge);
}

const MIN_NORMAL = 2 ** -1022;

/** x > 0 finite as [mantissa, e] with x = mantissa·2^e exactly and 1 <= mantissa < 2^64 (scaling by powers of two is exact here). */
function splitPowerOfTwo(x: number): [number, number] {
  let e = 0;
  while (x >= 2 ** 64) {
    x *= 2 ** -64;
    e += 64;
  }
  while (x < 1) {
    x *= 2 ** 64;
    e -= 64;
  }
  return [x, e];
}

/** x·2^e for a normal x > 0 and an integer e, with a single rounding: exact power-of-two steps while the result stays normal, then one last multiplication. */
function timesPowerOfTwo(x: number, e: number): number {
  while (e > 0) {
    const step = Math.min(e, 1023);
    x *= 2 ** step; // exact, or Infinity on overflow
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -1022);
    if (x * 2 ** step < MIN_NORMAL) break; // this step would leave the normal range
    x *= 2 ** step; // exact
    e -= step;
  }
  if (e === 0) return x;
  // x·2^e is subnormal or 0: one multiplication by the exact 2^e (>= 2^−1074), else far below the least subnormal
  return e >= -1074 ? x * 2 ** e : 0;
}
