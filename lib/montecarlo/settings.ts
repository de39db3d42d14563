import { ETA_READINGS, eta } from '../constants/eta';
import type { NoiseFamily } from '../random/distributions';
import { listText, marginText, regionOf, valuesText } from '../claims/checks/region';
import type { CheckMode } from '../claims/types';

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
  /**
   * Fraction of the mode's trials run at this setting (default 1). The costly
   * corners (n >= 51 or d >= 1000, where one trial of the adaptive attacker
   * costs 10 to 50 times a trial at n = 11, d = 30) run a quarter, so quick
   * mode stays within its time budget; {@link expectationTrials} applies it.
   */
  trialShare?: number;
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

/**
 * Whether a setting's k is the neighbour count of `reading` (k = m, k = n − f − 2,
 * k = n − f − 1 or k = n − f). A setting can read several ways: k = m = n − f − 2
 * is both the proof's reading and the code's.
 *
 * @example readsAs({ n: 51, f: 24, m: 25, k: 25, … }, 'k=n-f-2') // true (and 'k=m' too)
 */
export function readsAs(s: Pick<McSetting, 'n' | 'f' | 'm' | 'k'>, reading: string): boolean {
  switch (reading) {
    case 'k=m': return s.k === s.m;
    case 'k=n-f-2': return s.k === s.n - s.f - 2;
    case 'k=n-f-1': return s.k === s.n - s.f - 1;
    case 'k=n-f': return s.k === s.n - s.f;
    default: return false;
  }
}

const S = (n: number, f: number, m: number, k: number, d: number, sinAlpha: number, family: NoiseFamily, trialShare?: number): McSetting =>
  ({ n, f, m, k, d, sinAlpha, family, gNorm: 1, ...(trialShare === undefined ? {} : { trialShare }) });

/** n from which a setting counts as "large n" (issue 13: n = 51 or more). */
export const LARGE_N = 51;
/** d from which a setting counts as "large d". */
export const LARGE_D = 1000;
/** The share of trials run at the costly corners (n >= {@link LARGE_N} or d >= {@link LARGE_D}). */
export const CORNER_TRIAL_SHARE = 1 / 4;
const C = CORNER_TRIAL_SHARE;

/**
 * The grid of the expectation checks.
 *
 * Quick: seven settings in the middle of the hypotheses (n ∈ {7, 11},
 * f ∈ {2, 4}, m from 1 to n − f − 2, every neighbour-count reading: k = m,
 * the proof's; k = n − f − 2, the code's; k = n − f − 1; k = n − f; σ at
 * sin α = 0.5 and 0.95; gaussian, exponential and student-t3 noise), and ten
 * corners of Lemma 1's hypotheses (2f + 2 < n, 1 <= m <= n − f − 2, d >= 1,
 * 0 < sin α < 1, any noise with finite variance):
 *
 * - (n, f) at the three corners of its range n >= 2f + 3: (3, 0), (51, 0) and
 *   (51, 24) (n = 2f + 3 with n large), and n = 2f + 3 at f = 2;
 * - m = 1 and m = n − f − 2 at each of them;
 * - every reading of k at each, as far as admissible (k = n − f needs f >= 1:
 *   a vector has n − 1 others);
 * - d = 1 and d = 1000; uniform noise (light, bounded tails) and student-t3
 *   (heavy: no third moment); sin α = 0.1 and 0.95;
 * - every pair of these parameters at both ends of their joint range
 *   (property-tests/grid-corners.test.ts derives the pairs from the
 *   admissibility rules and checks the grid covers them).
 *
 * Every setting has k >= f + 1, so every vector keeps at least one correct
 * neighbour (N̄(i*) of the proof is defined). k <= f is possible only under
 * k = m with m <= f; its corner is {@link fewNeighboursGrid}.
 *
 * The corners with n >= 51 or d >= 1000 run {@link CORNER_TRIAL_SHARE} of
 * the trials. Full adds larger n, f, d (up to 1000), sin α = 0.99 and
 * n = 101 at both f = 0 and f = 49. The paper grade adds n = 101 in the
 * middle of its f range (f = 24, 10) at d = 1000 and 100, and d = 10⁴ at
 * n = 15 (every trial count ×10, {@link expectationTrials}).
 */
export function expectationGrid(mode: CheckMode): McSetting[] {
  const quick = [
    S(7, 2, 3, 3, 10, 0.95, 'gaussian'),
    S(7, 2, 1, 3, 10, 0.5, 'exponential'),
    S(11, 2, 5, 5, 100, 0.95, 'student-t3'),
    S(11, 2, 7, 7, 100, 0.5, 'gaussian'),
    S(11, 4, 1, 5, 30, 0.95, 'student-t3'),
    S(11, 2, 7, 8, 30, 0.95, 'exponential'),
    S(11, 2, 5, 9, 30, 0.5, 'gaussian'),
    // corners: (n, f) = (3, 0), the smallest admissible setting (m = 1 = n − f − 2)
    S(3, 0, 1, 1, 1, 0.95, 'uniform'),
    S(3, 0, 1, 2, 1000, 0.1, 'student-t3', C),
    // (51, 0): large n, no Byzantine worker
    S(51, 0, 49, 49, 1000, 0.1, 'uniform', C),
    S(51, 0, 1, 1, 1, 0.95, 'student-t3', C),
    S(51, 0, 1, 50, 1, 0.1, 'uniform', C),
    // (51, 24): large n at n = 2f + 3 (the denominator n − 2f − 2 of η is 1)
    S(51, 24, 25, 25, 1, 0.1, 'uniform', C),
    S(51, 24, 1, 26, 1, 0.95, 'student-t3', C),
    S(51, 24, 25, 27, 1, 0.95, 'uniform', C),
    // n = 2f + 3 at f = 2 with d = 1000, k = n − f
    S(7, 2, 3, 5, 1000, 0.1, 'uniform', C),
    S(7, 2, 1, 5, 1000, 0.95, 'student-t3', C),
  ];
  if (mode === 'quick') return quick;
  const full = [
    ...quick,
    S(7, 1, 1, 2, 10, 0.99, 'exponential'),
    S(11, 2, 7, 8, 100, 0.95, 'student-t3'),
    S(11, 2, 7, 9, 100, 0.95, 'exponential'),
    S(15, 3, 7, 7, 1000, 0.95, 'gaussian'),
    S(15, 3, 10, 10, 300, 0.99, 'student-t3'),
    S(15, 6, 1, 7, 100, 0.5, 'exponential'),
    S(19, 4, 9, 13, 1000, 0.95, 'gaussian'),
    S(101, 0, 99, 100, 10, 0.99, 'exponential', C),
    S(101, 49, 50, 51, 10, 0.99, 'gaussian', C),
    S(101, 49, 1, 52, 10, 0.5, 'uniform', C),
  ];
  if (mode === 'full') return full;
  return [
    ...full,
    // paper grade: n = 101 between its corners, and a larger d in the middle of the hypotheses
    S(101, 24, 75, 75, 1000, 0.95, 'student-t3', C),
    S(101, 10, 50, 89, 100, 0.5, 'gaussian', C),
    S(15, 3, 10, 10, 10000, 0.95, 'gaussian', C),
  ];
}

/**
 * The corner where a neighbour count is at most f: under the proof's reading
 * k = m with m < f, the f Byzantine vectors, placed as identical copies, are
 * each other's k nearest neighbours, score 0 and are selected wherever they
 * are. Lemma 1's hypotheses (2f + 2 < n, m <= n − f − 2) admit it; its
 * smallest instance is n = 7, f = 2, m = k = 1 (f >= 2 is needed for k < f,
 * n >= 2f + 3 = 7). Kept apart from {@link expectationGrid}: the proof's
 * steps divide by δc(i), which can be 0 here.
 */
export function fewNeighboursGrid(mode: CheckMode): McSetting[] {
  const quick = [S(7, 2, 1, 1, 1, 0.95, 'gaussian'), S(51, 24, 1, 1, 10, 0.5, 'uniform', C)];
  return mode === 'quick' ? quick : [...quick, S(15, 6, 5, 5, 100, 0.95, 'student-t3')];
}

/**
 * Trials per (setting, attack): `override` when given, else 320 (quick),
 * 1000 (full) or 10,000 (paper) times the setting's
 * {@link McSetting.trialShare}, at least 20.
 */
export function expectationTrials(mode: CheckMode, override?: number, s?: McSetting): number {
  if (override !== undefined) return override;
  const base = mode === 'quick' ? 320 : mode === 'full' ? 1000 : 10000;
  return Math.max(20, Math.round(base * (s?.trialShare ?? 1)));
}

/**
 * The corners of Lemma 1's hypotheses a grid reaches, in one line: the (n, f)
 * corners, m = 1 and m = n − f − 2, each k reading, d = 1 and d >= 1000, the
 * tails, the ends of sin α.
 */
export function cornersText(settings: readonly McSetting[]): string {
  const has = (p: (s: McSetting) => boolean) => settings.some(p);
  const nf = [...new Set(settings.filter((s) => s.f === 0 || s.n === 2 * s.f + 3 || s.n >= LARGE_N).map((s) => `(${s.n}, ${s.f})`))];
  const parts = [
    nf.length ? `(n, f) ∈ {${nf.join(', ')}}` : '',
    has((s) => s.f === 0) && 'f = 0',
    has((s) => s.n === 2 * s.f + 3) && 'n = 2f + 3',
    has((s) => s.n >= LARGE_N) && `n ≥ ${LARGE_N}`,
    has((s) => s.m === 1) && 'm = 1',
    has((s) => s.m === s.n - s.f - 2) && 'm = n − f − 2',
    ...['k=m', 'k=n-f-2', 'k=n-f-1', 'k=n-f'].filter((r) => has((s) => readsAs(s, r))).map((r) => r.replace('=', ' = ').replace(/-/g, ' − ')),
    has((s) => s.k <= s.f) && 'k ≤ f',
    has((s) => s.d === 1) && 'd = 1',
    has((s) => s.d >= LARGE_D) && `d ≥ ${LARGE_D}`,
    has((s) => s.family === 'uniform') && 'light tails (uniform)',
    has((s) => s.family === 'student-t3') && 'heavy tails (student-t3)',
  ].filter((x): x is string => !!x);
  return parts.length ? `corners reached: ${parts.join(', ')}` : '';
}

/**
 * The region of a grid of settings, in one line: the values of n, f (with the
 * admissibility margin reached), m, k, d, sin α and the noise families, the
 * corners of the hypotheses reached ({@link cornersText}), the attacks, and
 * the trials per (setting, attack) — one number, or a function of the setting
 * when corners run fewer. Built from the settings themselves, so it is the
 * region actually run. `extra` adds parameters of the check (e.g. `r ∈ {2, 3, 4}`).
 */
export function gridRegion(settings: readonly McSetting[], attacks: readonly string[], trials: number | ((s: McSetting) => number), extra: string[] = []): string {
  const v = (k: keyof McSetting) => settings.map((s) => s[k] as number);
  return regionOf(
    [valuesText('n', v('n')), valuesText('f', v('f')), marginText(settings), valuesText('m', v('m')), valuesText('k', v('k')), valuesText('d', v('d')),
      valuesText('sin α', v('sinAlpha')), `noise ${[...new Set(settings.map((s) => s.family))].join(', ')}`, ...extra],
    cornersText(settings),
    listText('attacks', attacks),
    trialsText(settings, trials),
  );
}

/** `320 trials per setting and attack (7 settings)`, or with corners at fewer: `320 trials per setting and attack at 8 settings, 80 at 9 settings (17 settings)`. */
function trialsText(settings: readonly McSetting[], trials: number | ((s: McSetting) => number)): string {
  const of = typeof trials === 'number' ? () => trials : trials;
  const counts = new Map<number, number>();
  for (const s of settings) counts.set(of(s), (counts.get(of(s)) ?? 0) + 1);
  const total = `${settings.length} setting${settings.length === 1 ? '' : 's'}`;
  const byTrials = [...counts.entries()].sort((a, b) => b[0] - a[0]);
  if (byTrials.length <= 1) return `${byTrials[0]?.[0] ?? of(settings[0] ?? ({} as McSetting))} trials per setting and attack (${total})`;
  const at = (c: number) => `${c} setting${c === 1 ? '' : 's'}`;
  return `${byTrials.map(([t, c], i) => (i === 0 ? `${t} trials per setting and attack at ${at(c)}` : `${t} at ${at(c)}`)).join(', ')} (${total})`;
}
