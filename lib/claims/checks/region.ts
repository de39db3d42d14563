/**
 * The `region` of a check's result (issue 13, item 3): where its verdict was
 * earned, in one line. Every region is built from the data the check actually
 * ran on — the Monte Carlo grid, the simulation plan, the options given to a
 * fast-check arbitrary — through these helpers, so the text cannot drift from
 * the code. Nothing here runs a check.
 */
import type { ConfigurationOptions, NeighbourReading } from '../arbitraries';
import { BYZANTINE_STRATEGIES, NEIGHBOUR_READINGS } from '../arbitraries';

/** Distinct values in first-seen order (numbers sorted ascending). */
function distinct<T extends number | string>(xs: readonly T[]): T[] {
  const out = [...new Set(xs)];
  return typeof out[0] === 'number' ? (out as number[]).sort((a, b) => a - b) as T[] : out;
}

/** `n = 7` for one value, `n ∈ {7, 11, 15}` for several, `n ∈ ∅` for none. */
export function valuesText(name: string, xs: readonly (number | string)[]): string {
  const v = distinct(xs);
  if (v.length === 0) return `${name} ∈ ∅`;
  return v.length === 1 ? `${name} = ${v[0]}` : `${name} ∈ {${v.join(', ')}}`;
}

/** `n ∈ [lo, hi]`, or `n = lo` when the range is one value. */
export function rangeText(name: string, lo: number | string, hi: number | string): string {
  return lo === hi ? `${name} = ${lo}` : `${name} ∈ [${lo}, ${hi}]`;
}

/** `attacks: a, b, c` (distinct, in order). */
export function listText(label: string, xs: readonly string[]): string {
  return `${label}: ${distinct(xs).join(', ') || 'none'}`;
}

/** `n ≥ 2f + 3` from the smallest n − 2f over the settings (the admissibility margin actually reached). */
export function marginText(settings: readonly { n: number; f: number }[], slope = 2): string {
  if (settings.length === 0) return '';
  const c = Math.min(...settings.map((s) => s.n - slope * s.f));
  return `n ≥ ${slope}f ${c >= 0 ? '+' : '−'} ${Math.abs(c)}`;
}

/** Joins the groups of a region: parts within a group by `, `, groups by `; `, empty parts dropped. */
export function regionOf(...groups: (string | false | undefined | (string | false | undefined)[])[]): string {
  return groups
    .map((g) => (Array.isArray(g) ? g.filter((x): x is string => !!x).join(', ') : g || ''))
    .filter((g) => g !== '')
    .join('; ');
}

// ------------------------------------------------- fast-check arbitraries

/**
 * The defaults of `settingArb` / `configurationArb` in lib/claims/arbitraries.ts
 * (f ∈ [0, 3], n − (2f + 3) ∈ [0, 4], d ∈ [1, 3], coordinates small integers in
 * [−8, 8]). property-tests/claims-registry.test.ts samples the arbitraries and
 * checks they stay inside the regions these describe.
 */
export const ARBITRARY_DEFAULTS = { minF: 0, maxF: 3, maxExtra: 4, maxD: 3, coordinate: 8 } as const;

/** The readings an options object draws from. */
function readingsOf(o: ConfigurationOptions): readonly NeighbourReading[] {
  return o.reading === undefined ? NEIGHBOUR_READINGS : typeof o.reading === 'string' ? [o.reading] : o.reading;
}

/** The ranges (n, f, m, k) drawn by `settingArb(o)`, as one line. */
export function settingRegion(o: ConfigurationOptions): string {
  const minF = o.minF ?? ARBITRARY_DEFAULTS.minF, maxF = o.maxF ?? ARBITRARY_DEFAULTS.maxF, maxExtra = o.maxExtra ?? ARBITRARY_DEFAULTS.maxExtra;
  const readings = readingsOf(o);
  // k = n − f draws f >= 1.
  const fLo = readings.every((r) => r === 'k=n-f') ? Math.max(1, minF) : minF;
  const f = rangeText('f', fLo, Math.max(maxF, fLo));
  const n = maxExtra === 0 ? 'n = 2f + 3' : `n ∈ [2f + 3, 2f + ${3 + maxExtra}]`;
  const m = o.m === 'tilde' ? 'm = m̃ = n − f − 2' : o.m === 'one' ? 'm = 1' : o.m === 'at-least-2' ? 'm ∈ [2, n − f − 2]' : o.m === 'at-least-f' ? 'm ∈ [max(1, f), n − f − 2]' : 'm ∈ [1, n − f − 2]';
  const k = readings.length === 1 ? readings[0].replace('=', ' = ').replace(/-/g, ' − ') : `k ∈ {${readings.map((r) => r.slice(2).replace(/-/g, ' − ')).join(', ')}}`;
  return [f, n, m, k].join(', ');
}

/** The region of `configurationArb(o)`: (n, f, m, k), d, coordinates, Byzantine strategies and placement. */
export function configurationRegion(o: ConfigurationOptions): string {
  const maxD = o.maxD ?? ARBITRARY_DEFAULTS.maxD;
  const pool = o.strategies === undefined || o.strategies === 'all' ? BYZANTINE_STRATEGIES
    : o.strategies === 'finite' ? BYZANTINE_STRATEGIES.filter((s) => s !== 'huge' && s !== 'non-finite') : o.strategies;
  const c = ARBITRARY_DEFAULTS.coordinate;
  return regionOf(
    [settingRegion(o), rangeText('d', 1, maxD), `correct coordinates integers in [−${c}, ${c}]`],
    `Byzantine: ${pool.length === BYZANTINE_STRATEGIES.length ? 'every strategy' : pool.join('/')}, placed ${o.placement === 'last' || o.placement === 'first' ? o.placement : 'last, first or anywhere'}`,
  );
}

/** The region of `selectedByzantineArb(o)`: half as {@link configurationRegion}, half with Byzantine copies/gap/near-mean placed first. */
export function selectedRegion(o: ConfigurationOptions): string {
  const minF = Math.max(1, o.minF ?? 1), maxF = Math.max(1, o.maxF ?? ARBITRARY_DEFAULTS.maxF);
  return `${configurationRegion(o)}; half the cases f ∈ [${minF}, ${maxF}] with Byzantine copy/gap/near-mean placed first`;
}

/** The region of `lemmaParametersArb(maxF, maxExtra)` (its defaults 20 and 40). */
export function lemmaParametersRegion(maxF = 20, maxExtra = 40): string {
  return settingRegion({ reading: 'k=m', maxF, maxExtra }).replace(/, k = m$/, '');
}

/** The region of `anyParametersArb(nMax)`. */
export function anyParametersRegion(nMax: number): string {
  return `n ∈ [1, ${nMax}], f ∈ [0, ${nMax}], m ∈ [1, ${nMax}] drawn independently or on the boundaries n = 2f + 2 + δ and n = 4f + 2 + δ, δ ∈ [−1, 2]`;
}
