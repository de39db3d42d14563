/**
 * Adversarial fast-check arbitraries for the deterministic steps of the
 * proofs. Everything they produce is plain data (numbers and arrays of
 * numbers, non-finite values included) so that a shrunk counterexample can be
 * stored in a CheckResult and replayed with `fc.assert(prop, { seed, path })`.
 *
 * A {@link Configuration} is what an adversary controls in Lemma 1: the
 * parameters (n, f, m) anywhere in the printed range, boundaries drawn often
 * (n from Lemma 1's boundary 2f + 3 up; section 2's n = 2f + 2 is outside
 * MULTI-KRUM's domain and is covered by the admissibility checks);
 * which neighbour count k a reading gives; n − f correct vectors (small
 * integers, so distances are exact and ties are common, or one cluster of
 * identical vectors); and f Byzantine vectors built by a strategy per
 * Byzantine worker:
 *
 * - `copy`        an exact copy of a correct vector (ties with it)
 * - `gap`         the midpoint of the widest gap between sorted correct values, per coordinate
 * - `near-mean`   the (rounded) mean of the correct vectors plus a small offset
 * - `cluster`     one shared point for every Byzantine using this strategy (twins score 0 to each other)
 * - `far`         coordinates of ±1000
 * - `huge`        coordinates of ±1e150 or 1e300 (squared distances overflow)
 * - `non-finite`  a NaN or ±Infinity coordinate
 *
 * either chosen per Byzantine worker or shared by the whole coalition (drawn
 * one time in four), and placed at the end of the input (the proof's "without loss of generality"),
 * at the front (ties broken by index then favour them), or anywhere.
 *
 * @example fc.sample(configurationArb({ reading: 'k=n-f-2' }), 1)[0].k // n − f − 2
 */
import fc from 'fast-check';

/** How many neighbours enter a score, per reading (see claims.md and lib/rules/krum.ts). */
export type NeighbourReading = 'k=m' | 'k=n-f-2' | 'k=n-f-1' | 'k=n-f';
export const NEIGHBOUR_READINGS: readonly NeighbourReading[] = ['k=m', 'k=n-f-2', 'k=n-f-1', 'k=n-f'];

/** k under a reading. */
export function neighbourCount(reading: NeighbourReading, n: number, f: number, m: number): number {
  switch (reading) {
    case 'k=m': return m;
    case 'k=n-f-2': return n - f - 2;
    case 'k=n-f-1': return n - f - 1;
    case 'k=n-f': return n - f;
  }
}

/** Parameters of one MULTI-KRUM call under a reading. */
export interface Setting {
  n: number;
  f: number;
  m: number;
  k: number;
  reading: NeighbourReading;
}

export interface SettingOptions {
  reading?: NeighbourReading | readonly NeighbourReading[];
  /** Largest f drawn (default 3). */
  maxF?: number;
  /** Smallest f drawn (default 0). */
  minF?: number;
  /** Largest n − (2f + 3) drawn (default 4): n from Lemma 1's boundary 2f + 3 upwards. */
  maxExtra?: number;
  /** Fix m: `tilde` = n − f − 2, `one` = 1, `min-f` = at least f (k = m then leaves a Byzantine at least one correct neighbour); default anywhere in [1, n − f − 2]. */
  m?: 'tilde' | 'one' | 'at-least-2' | 'at-least-f';
}

/**
 * An integer in [lo, hi]. fast-check's integer arbitrary already draws both
 * ends several times more often than uniform (about 7% each for a range of 20,
 * measured), and, unlike a `oneof` of constants, it shrinks towards lo.
 */
export function boundaryInteger(lo: number, hi: number): fc.Arbitrary<number> {
  return hi <= lo ? fc.constant(lo) : fc.integer({ min: lo, max: hi });
}

/** (n, f, m, k): f in [minF, maxF], n in [2f + 3, 2f + 3 + maxExtra], m in [1, n − f − 2], k from the reading. */
export function settingArb(options: SettingOptions = {}): fc.Arbitrary<Setting> {
  const readings = options.reading === undefined ? NEIGHBOUR_READINGS : typeof options.reading === 'string' ? [options.reading] : options.reading;
  const maxF = options.maxF ?? 3, minF = options.minF ?? 0, maxExtra = options.maxExtra ?? 4;
  // k = n − f needs f >= 1 (a score has at most n − 1 other vectors).
  const fArb = (reading: NeighbourReading) => boundaryInteger(reading === 'k=n-f' ? Math.max(1, minF) : minF, Math.max(maxF, reading === 'k=n-f' ? 1 : 0));
  return fc.constantFrom(...readings).chain((reading) => fc.record({ f: fArb(reading), extra: boundaryInteger(0, maxExtra), reading: fc.constant(reading) })).chain(({ f, extra, reading }) => {
    const n = 2 * f + 3 + extra, mMax = n - f - 2;
    const lo = options.m === 'at-least-2' ? Math.min(2, mMax) : options.m === 'at-least-f' ? Math.min(Math.max(1, f), mMax) : 1;
    const mArb = options.m === 'tilde' ? fc.constant(mMax) : options.m === 'one' ? fc.constant(1) : boundaryInteger(lo, mMax);
    return mArb.map((m) => ({ n, f, m, k: neighbourCount(reading, n, f, m), reading }));
  });
}

export const BYZANTINE_STRATEGIES = ['copy', 'gap', 'near-mean', 'cluster', 'far', 'huge', 'non-finite'] as const;
export type ByzantineStrategy = (typeof BYZANTINE_STRATEGIES)[number];

/** What an adversary may be restricted to: `finite` drops huge and non-finite values. */
export type StrategySet = 'all' | 'finite';

/** A MULTI-KRUM input with its Byzantine workers declared, as plain data. */
export interface Configuration extends Setting {
  d: number;
  /** The n input vectors, in input order. */
  vectors: number[][];
  /** Indices (ascending) of the Byzantine inputs. */
  byzantine: number[];
  /** The strategy of each Byzantine input, in the order of `byzantine`. */
  strategies: ByzantineStrategy[];
}

/** A small integer coordinate (exact squared distances, frequent ties). */
export const smallInteger = fc.integer({ min: -8, max: 8 });

/** A d-dimensional vector of small integers. */
export const smallIntegerVector = (d: number) => fc.array(smallInteger, { minLength: d, maxLength: d });

/** n − f correct vectors: independent small integer vectors, or all equal (every correct score 0, ties everywhere). */
function correctVectorsArb(count: number, d: number): fc.Arbitrary<number[][]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(smallIntegerVector(d), { minLength: count, maxLength: count }) },
    { weight: 1, arbitrary: smallIntegerVector(d).map((v) => Array.from({ length: count }, () => [...v])) },
  );
}

function widestGapMidpoints(correct: number[][], d: number): number[] {
  return Array.from({ length: d }, (_, c) => {
    const xs = correct.map((v) => v[c]).sort((a, b) => a - b);
    let best = 0, mid = xs[0];
    for (let i = 1; i < xs.length; i++) if (xs[i] - xs[i - 1] > best) { best = xs[i] - xs[i - 1]; mid = (xs[i] + xs[i - 1]) / 2; }
    return mid;
  });
}

function byzantineVector(strategy: ByzantineStrategy, correct: number[][], d: number, pick: number, offset: number[], cluster: number[], wild: number[]): number[] {
  switch (strategy) {
    case 'copy': return [...correct[pick % correct.length]];
    case 'gap': return widestGapMidpoints(correct, d);
    case 'near-mean': return Array.from({ length: d }, (_, c) => Math.round(correct.reduce((s, v) => s + v[c], 0) / correct.length) + offset[c]);
    case 'cluster': return [...cluster];
    case 'far': return offset.map((o) => (o >= 0 ? 1000 : -1000));
    case 'huge': return wild.map((w, c) => (c === 0 ? (w >= 0 ? 1e300 : -1e150) : w >= 0 ? 1e150 : 0));
    case 'non-finite': return wild.map((w, c) => (c === 0 ? [NaN, Infinity, -Infinity][Math.abs(w) % 3] : 0));
  }
}

/** Options of {@link configurationArb}. */
export interface ConfigurationOptions extends SettingOptions {
  maxD?: number;
  strategies?: StrategySet | readonly ByzantineStrategy[];
  /** Where the Byzantine inputs sit: `last` (the proof's WLOG), `first` (ties by index favour them), or drawn (default: last, first or anywhere). */
  placement?: 'last' | 'first' | 'drawn';
}

/** A MULTI-KRUM input an adversary could present (see the file comment). */
export function configurationArb(options: ConfigurationOptions = {}): fc.Arbitrary<Configuration> {
  const maxD = options.maxD ?? 3;
  const pool: readonly ByzantineStrategy[] =
    options.strategies === undefined || options.strategies === 'all' ? BYZANTINE_STRATEGIES
      : options.strategies === 'finite' ? BYZANTINE_STRATEGIES.filter((s) => s !== 'huge' && s !== 'non-finite')
        : options.strategies;
  return settingArb(options).chain((setting) =>
    fc.integer({ min: 1, max: maxD }).chain((d) => {
      const { n, f } = setting;
      const spec = fc.record({
        correct: correctVectorsArb(n - f, d),
        // one strategy per Byzantine worker, or one for the whole coalition (a `cluster` coalition is f twins)
        strategies: fc.oneof(
          { weight: 3, arbitrary: fc.array(fc.constantFrom(...pool), { minLength: f, maxLength: f }) },
          { weight: 1, arbitrary: fc.constantFrom(...pool).map((st) => Array.from({ length: f }, () => st)) },
        ),
        picks: fc.array(fc.nat({ max: n }), { minLength: f, maxLength: f }),
        offsets: fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: d, maxLength: d }), { minLength: f, maxLength: f }),
        cluster: fc.oneof(smallIntegerVector(d), fc.constant(Array.from({ length: d }, () => 1000))),
        wild: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), { minLength: f, maxLength: f }),
        placement: options.placement === 'last' || options.placement === 'first' ? fc.constant<'last' | 'first'>(options.placement) : fc.oneof(
          { weight: 3, arbitrary: fc.constant<'last' | 'first'>('last') },
          { weight: 1, arbitrary: fc.constant<'last' | 'first'>('first') },
          { weight: 1, arbitrary: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: f, maxLength: f }) },
        ),
      });
      return spec.map(({ correct, strategies, picks, offsets, cluster, wild, placement }): Configuration => {
        const byz = strategies.map((s, b) => byzantineVector(s, correct, d, picks[b], offsets[b], cluster, wild[b]));
        const positions = placement === 'last' ? Array.from({ length: f }, (_, b) => n - f + b)
          : placement === 'first' ? Array.from({ length: f }, (_, b) => b)
            : [...placement].sort((a, b) => a - b);
        const isByz = new Set(positions);
        const vectors: number[][] = [];
        let c = 0, b = 0;
        for (let i = 0; i < n; i++) vectors.push(isByz.has(i) ? byz[b++] : correct[c++]);
        return { ...setting, d, vectors, byzantine: positions, strategies };
      });
    }),
  );
}

/**
 * Configurations in which the Byzantine vectors tend to be selected (the case
 * i* Byzantine of Lemma 1's proof): half drawn as {@link configurationArb},
 * half with every Byzantine a copy of a correct vector, a gap midpoint or near
 * the mean, placed first so that ties favour them, and f >= 1.
 */
export function selectedByzantineArb(options: ConfigurationOptions = {}): fc.Arbitrary<Configuration> {
  return fc.oneof(
    configurationArb(options),
    configurationArb({ ...options, minF: Math.max(1, options.minF ?? 1), maxF: Math.max(1, options.maxF ?? 3), strategies: ['copy', 'gap', 'near-mean'], placement: 'first' }),
  );
}

/** A rational p/q with small numerator and positive denominator, as a pair [p, q] (exact identities). */
export const smallRational = fc.tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 1, max: 12 }));

/** A non-negative rational [p, q] (squared norms, thresholds D). */
export const nonNegativeRational = fc.tuple(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 12 }));

/** (n, f, m) with n >= 2f + 3 and 1 <= m <= n − f − 2, over a wide range, boundaries often (exact η identities). */
export const lemmaParametersArb = (maxF = 20, maxExtra = 40) => settingArb({ reading: 'k=m', maxF, maxExtra }).map(({ n, f, m }) => ({ n, f, m }));

/**
 * Integer (n, f, m) in 1 <= n, f, m <= nMax (f from 0), drawn independently
 * (so each shrinks on its own) or on the boundaries the printed ranges meet:
 * n = 2f + 2 + δ or 4f + 2 + δ with δ in [−1, 2] (admissibility implications).
 */
export const anyParametersArb = (nMax = 60) => fc.oneof(
  // boundaries first: with cross-shrinking, a counterexample from the box shrinks into this branch when it can
  { withCrossShrink: true },
  fc.record({ f: fc.integer({ min: 0, max: Math.floor((nMax - 4) / 4) }), slope: fc.constantFrom(2, 4), delta: fc.integer({ min: -1, max: 2 }), m: fc.integer({ min: 1, max: nMax }) })
    .map(({ f, slope, delta, m }) => ({ n: Math.max(1, slope * f + 2 + delta), f, m })),
  fc.record({ n: fc.integer({ min: 1, max: nMax }), f: fc.integer({ min: 0, max: nMax }), m: fc.integer({ min: 1, max: nMax }) }),
);

/** Converts plain data for JSON: NaN and ±Infinity become the strings 'NaN', 'Infinity', '-Infinity'. */
export function toPlain(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}
