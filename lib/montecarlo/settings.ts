import { ETA_READINGS, eta } from '../constants/eta';
import type { NoiseFamily } from '../random/distributions';
import { listText, marginText, regionOf, valuesText } from '../claims/checks/region';

/**
 * One Monte Carlo setting of the expectation claims: n workers of which f
 * Byzantine, MULTI-KRUM averaging m vectors scored over k neighbours, in
 * dimension d, correct vectors g + σ·ε with ε i.i.d. from `family`.
 *
 * σ is not given directly: it is set so that the hypothesis of Lemma 1 is
 * met with sin α = `sinAlpha` under the *most demanding* η reading,
 *
 *     σ = sinAlpha · ‖g‖ / (max_r η_r(n, f, m) · √d),
 *
 * so every reading's hypothesis η √d σ < ‖g‖ holds, and sinAlpha close to 1
 * puts σ at the edge of the η bound. g = (‖g‖/√d)(1, …, 1).
 *
 * @example sigmaOf({ n: 7, f: 1, m: 4, k: 4, d: 10, sinAlpha: 0.5, family: 'gaussian', gNorm: 1 })
 */
export interface McSetting {
  n: number;
  f: number;
  m: number;
  k: number;
  d: number;
  sinAlpha: number;
  family: NoiseFamily;
  gNorm: number;
}

export function settingKey(s: McSetting): string {
  return `n=${s.n},f=${s.f},m=${s.m},k=${s.k},d=${s.d},sinα=${s.sinAlpha},${s.family}`;
}

/** The largest η over the readings (as-printed, as-derived, krum). */
export function maxEta(n: number, f: number, m: number): number {
  return Math.max(...ETA_READINGS.map((r) => eta(n, f, m, r)));
}

export function sigmaOf(s: McSetting): number {
  return (s.sinAlpha * s.gNorm) / (maxEta(s.n, s.f, s.m) * Math.sqrt(s.d));
}

export function trueGradientOf(s: McSetting): Float64Array {
  return new Float64Array(s.d).fill(s.gNorm / Math.sqrt(s.d));
}

/** The neighbour-count reading of a setting, in the shared reading ids. */
export function kReading(s: McSetting): string {
  if (s.k === s.m) return 'k=m';
  if (s.k === s.n - s.f - 2) return 'k=n-f-2';
  if (s.k === s.n - s.f - 1) return 'k=n-f-1';
  if (s.k === s.n - s.f) return 'k=n-f';
  return `k=${s.k}`;
}

const S = (n: number, f: number, m: number, k: number, d: number, sinAlpha: number, family: NoiseFamily): McSetting => ({ n, f, m, k, d, sinAlpha, family, gNorm: 1 });

/**
 * The grid of the expectation checks. Quick: seven settings covering both
 * admissibility boundaries (n = 2f + 3), m = 1 (Krum), m = n − 2f − 2 (the
 * proof's denominator), m = n − f − 2 (the default), every neighbour-count
 * reading (k = m, the proof's; k = n − f − 2, the code's; k = n − f − 1;
 * k = n − f), σ at sin α = 0.5 and 0.95, and the three noise families. Every setting has k >= f + 1, so every vector keeps
 * at least one correct neighbour (N̄(i*) of the proof is defined). Full adds larger n, f, d
 * (up to 1000) and sin α = 0.99.
 */
export function expectationGrid(mode: 'quick' | 'full'): McSetting[] {
  const quick = [
    S(7, 2, 3, 3, 10, 0.95, 'gaussian'),
    S(7, 2, 1, 3, 10, 0.5, 'exponential'),
    S(11, 2, 5, 5, 100, 0.95, 'student-t3'),
    S(11, 2, 7, 7, 100, 0.5, 'gaussian'),
    S(11, 4, 1, 5, 30, 0.95, 'student-t3'),
    S(11, 2, 7, 8, 30, 0.95, 'exponential'),
    S(11, 2, 5, 9, 30, 0.5, 'gaussian'),
  ];
  if (mode === 'quick') return quick;
  return [
    ...quick,
    S(7, 1, 1, 2, 10, 0.99, 'exponential'),
    S(11, 2, 7, 8, 100, 0.95, 'student-t3'),
    S(11, 2, 7, 9, 100, 0.95, 'exponential'),
    S(15, 3, 7, 7, 1000, 0.95, 'gaussian'),
    S(15, 3, 10, 10, 300, 0.99, 'student-t3'),
    S(15, 6, 1, 7, 100, 0.5, 'exponential'),
    S(19, 4, 9, 13, 1000, 0.95, 'gaussian'),
  ];
}

/** Trials per setting and attack. */
export function expectationTrials(mode: 'quick' | 'full', override?: number): number {
  return override ?? (mode === 'quick' ? 320 : 1000);
}

/**
 * The region of a grid of settings, in one line: the values of n, f (with the
 * admissibility margin reached), m, k, d, sin α and the noise families, the
 * attacks, and the trials per (setting, attack). Built from the settings
 * themselves, so it is the region actually run. `extra` adds parameters of
 * the check (e.g. `r ∈ {2, 3, 4}`).
 */
export function gridRegion(settings: readonly McSetting[], attacks: readonly string[], trials: number, extra: string[] = []): string {
  const v = (k: keyof McSetting) => settings.map((s) => s[k] as number);
  return regionOf(
    [valuesText('n', v('n')), valuesText('f', v('f')), marginText(settings), valuesText('m', v('m')), valuesText('k', v('k')), valuesText('d', v('d')),
      valuesText('sin α', v('sinAlpha')), `noise ${[...new Set(settings.map((s) => s.family))].join(', ')}`, ...extra],
    listText('attacks', attacks),
    `${trials} trials per setting and attack (${settings.length} setting${settings.length === 1 ? '' : 's'})`,
  );
}
