/**
 * Adversarial fast-check arbitraries for the aggregation rules' property tests.
 *
 * A *scenario* is n vectors of dimension d, of which the last f are declared
 * Byzantine (the workbook's input order `[...correct, ...byzantine]`), drawn
 * from one *family*:
 *
 * - `gaussian`        a Gaussian cloud (general position: ties have probability 0)
 * - `integer-grid`    small integers, so distances are exact and ties are everywhere
 * - `duplicates`      a Gaussian cloud in which some vectors are exact copies of others
 * - `near-duplicates` vectors 1 ulp apart in some coordinates
 * - `clusters`        two or three tight clusters far apart
 * - `huge`            coordinates of 1e150, 1e300, 1e154 (a squared difference of
 *                     1e308 is finite, a sum of two overflows) and 1.5e154 (its
 *                     square overflows), mixed with 0 and 1
 *
 * and the Byzantine vectors are optionally replaced by arbitrary doubles
 * (NaN, ±Infinity, ±1e300, ±MAX_VALUE included). Settings (n, f) cover each
 * rule's admissible range with the boundary n = minimum(f) drawn often.
 *
 * Random clouds come from the workbook's own seeded streams (the seed is what
 * fast-check draws and shrinks), so every case is reproducible from the seed
 * fast-check prints.
 *
 * @example fc.sample(scenarioArb({ minN: (f) => 2 * f + 3 }), 1)[0].vectors.length // n >= 2f + 3
 */
import fc from 'fast-check';
import { streamFor } from '../../lib/random/stream';

/** The vector families above. */
export const FAMILIES = ['gaussian', 'integer-grid', 'duplicates', 'near-duplicates', 'clusters', 'huge'] as const;
export type Family = (typeof FAMILIES)[number];

/** n vectors, the last f of them declared Byzantine. */
export interface Scenario {
  family: Family;
  n: number;
  f: number;
  d: number;
  vectors: Float64Array[];
  /** Indices of the declared Byzantine vectors: n − f, …, n − 1. */
  byzantine: number[];
}

/** The smallest n a rule admits for f Byzantine inputs. */
export type MinN = (f: number) => number;

export const MIN_N = {
  average: (f: number) => f + 1,
  median: (f: number) => 2 * f + 1,
  krum: (f: number) => 2 * f + 3,
  bulyan: (f: number) => 4 * f + 3,
} satisfies Record<string, MinN>;

// ---------------------------------------------------------------- numbers

const view = new DataView(new ArrayBuffer(8));

/** The double 1 ulp above x (x finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** The double 1 ulp below x (x finite). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** Every double, NaN and ±Infinity included, with extreme values drawn often. */
export const anyDoubleArb: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 1e150, 0, -0),
);

/** A non-finite value: NaN, +Infinity or −Infinity. */
export const nonFiniteArb: fc.Arbitrary<number> = fc.constantFrom(NaN, Infinity, -Infinity);

/** A seed for the workbook's streams. */
export const seedArb: fc.Arbitrary<number> = fc.integer({ min: 0, max: 0x7fffffff });

// ---------------------------------------------------------------- settings

/** f in [minF, maxF] and n in [minN(f), minN(f) + maxExtra], n = minN(f) drawn about half the time. */
export function settingArb(minN: MinN, { minF = 0, maxF = 3, maxExtra = 6 } = {}): fc.Arbitrary<{ n: number; f: number }> {
  return fc
    .record({ f: fc.integer({ min: minF, max: Math.max(minF, maxF) }), extra: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxExtra })) })
    .map(({ f, extra }) => ({ f, n: minN(f) + extra }));
}

/** Dimensions 1 to 5 and 9 (9 runs through the distance kernel's four-way unrolled loop and its tail). */
export const dimensionArb: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(9));

// ---------------------------------------------------------------- families

/** n standard-normal vectors scaled by σ around a centre, from the stream `seed`. */
export function gaussianCloud(n: number, d: number, seed: number, sigma = 1, centre = 0): Float64Array[] {
  const s = streamFor(seed, 'cloud');
  return Array.from({ length: n }, () => Float64Array.from({ length: d }, () => centre + sigma * s.normal()));
}

/** A Gaussian cloud at a random scale (1e-3, 1 or 1e3) and offset. */
export function gaussianArb(n: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc
    .record({ seed: seedArb, sigma: fc.constantFrom(1, 1e-3, 1e3), centre: fc.constantFrom(0, 5, -1e4) })
    .map(({ seed, sigma, centre }) => gaussianCloud(n, d, seed, sigma, centre));
}

/** Integers in [−4, 4]: every distance is exact, so exact ties in scores are common. */
export function integerGridArb(n: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }).map((rows) => rows.map((r) => Float64Array.from(r)));
}

/** A Gaussian cloud in which each vector is, with some probability, an exact copy of an earlier one. */
export function duplicatesArb(n: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc
    .record({ seed: seedArb, copyOf: fc.array(fc.option(fc.nat(), { freq: 2 }), { minLength: n, maxLength: n }) })
    .map(({ seed, copyOf }) => {
      const base = gaussianCloud(n, d, seed);
      return base.map((v, i) => {
        const c = copyOf[i];
        return c !== null && i > 0 ? Float64Array.from(base[c % i]) : v;
      });
    });
}

/** Copies of one or two base vectors, each coordinate moved by −1, 0 or +1 ulp. */
export function nearDuplicatesArb(n: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc
    .record({
      seed: seedArb,
      bases: fc.integer({ min: 1, max: 2 }),
      moves: fc.array(fc.array(fc.integer({ min: -1, max: 1 }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
    })
    .map(({ seed, bases, moves }) => {
      const base = gaussianCloud(bases, d, seed, 3);
      return moves.map((mv, i) =>
        Float64Array.from(base[i % bases], (x, c) => (mv[c] > 0 ? nextUp(x) : mv[c] < 0 ? nextDown(x) : x)),
      );
    });
}

/** Two or three clusters of spread 1e-3, centres about 100 apart. */
export function clustersArb(n: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc.record({ seed: seedArb, k: fc.integer({ min: 2, max: 3 }) }).map(({ seed, k }) => {
    const centres = gaussianCloud(k, d, seed, 100);
    const noise = gaussianCloud(n, d, seed + 1, 1e-3);
    return noise.map((v, i) => v.map((x, c) => centres[i % k][c] + x));
  });
}

/** Coordinates of ±1e150, ±1e300, 1e154 (its square 1e308 is finite, a sum of two such squares overflows), 1.5e154 (its square overflows), 0 and 1. */
export function hugeArb(n: number, d: number): fc.Arbitrary<Float64Array[]> {
  const huge = fc.constantFrom(1e150, -1e150, 1e300, -1e300, 1e154, 1.5e154, 0, 1);
  return fc.array(fc.array(huge, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }).map((rows) => rows.map((r) => Float64Array.from(r)));
}

const FAMILY_ARB: Record<Family, (n: number, d: number) => fc.Arbitrary<Float64Array[]>> = {
  gaussian: gaussianArb,
  'integer-grid': integerGridArb,
  duplicates: duplicatesArb,
  'near-duplicates': nearDuplicatesArb,
  clusters: clustersArb,
  huge: hugeArb,
};

/** n vectors of dimension d from `family`. */
export function cloudArb(family: Family, n: number, d: number): fc.Arbitrary<Float64Array[]> {
  return FAMILY_ARB[family](n, d);
}

/** f arbitrary vectors: each coordinate any double (NaN, ±Infinity and huge values drawn often). */
export function arbitraryByzantineArb(f: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc.array(fc.array(anyDoubleArb, { minLength: d, maxLength: d }), { minLength: f, maxLength: f }).map((rows) => rows.map((r) => Float64Array.from(r)));
}

/** f vectors each with at least one non-finite coordinate (the others finite or not). */
export function nonFiniteByzantineArb(f: number, d: number): fc.Arbitrary<Float64Array[]> {
  return fc
    .array(fc.record({ at: fc.nat({ max: d - 1 }), bad: nonFiniteArb, rest: fc.array(anyDoubleArb, { minLength: d, maxLength: d }) }), { minLength: f, maxLength: f })
    .map((rows) => rows.map(({ at, bad, rest }) => {
      const v = Float64Array.from(rest);
      v[at] = bad;
      return v;
    }));
}

// ---------------------------------------------------------------- scenarios

export interface ScenarioOptions {
  /** The rule's admissibility bound. */
  minN: MinN;
  minF?: number;
  maxF?: number;
  maxExtra?: number;
  /** Families of the vectors (all of them when omitted). */
  families?: readonly Family[];
  /**
   * What the f Byzantine vectors are: `family` (drawn like the others),
   * `arbitrary` (any doubles), `non-finite` (each has a NaN or ±Infinity
   * coordinate) or `mixed` (any of the three). Default `mixed`.
   */
  byzantine?: 'family' | 'arbitrary' | 'non-finite' | 'mixed';
  /** Restrict the dimension. */
  dimension?: fc.Arbitrary<number>;
}

/** A scenario: an admissible (n, f), a dimension, a family, and n vectors with the last f Byzantine. */
export function scenarioArb(options: ScenarioOptions): fc.Arbitrary<Scenario> {
  const families = options.families ?? FAMILIES;
  const byzKind = options.byzantine ?? 'mixed';
  return fc
    .record({
      setting: settingArb(options.minN, { minF: options.minF, maxF: options.maxF, maxExtra: options.maxExtra }),
      d: options.dimension ?? dimensionArb,
      family: fc.constantFrom(...families),
      kind: byzKind === 'mixed' ? fc.constantFrom('family' as const, 'arbitrary' as const, 'non-finite' as const) : fc.constant(byzKind),
    })
    .chain(({ setting: { n, f }, d, family, kind }) => {
      const correct = cloudArb(family, kind === 'family' ? n : n - f, d);
      const byz =
        kind === 'family' ? fc.constant([] as Float64Array[]) : kind === 'arbitrary' ? arbitraryByzantineArb(f, d) : nonFiniteByzantineArb(f, d);
      return fc.tuple(correct, byz).map(([c, b]) => ({
        family,
        n,
        f,
        d,
        vectors: [...c, ...b],
        byzantine: Array.from({ length: f }, (_, i) => n - f + i),
      }));
    });
}

/** A permutation of [0, n) as fast-check draws it (shrinks towards the identity). */
export function permutationArb(n: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat(), { minLength: n, maxLength: n }).map((keys) =>
    keys.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.i),
  );
}

// ---------------------------------------------------------------- comparisons

/** Largest |x| over finite coordinates of the vectors (0 if none). */
export function magnitude(vectors: readonly Float64Array[]): number {
  let m = 0;
  for (const v of vectors) for (const x of v) if (Number.isFinite(x) && Math.abs(x) > m) m = Math.abs(x);
  return m;
}

/**
 * True when a and b agree coordinate-wise within `rtol · scale` (and exactly
 * for non-finite coordinates: same NaN-ness, same infinity).
 */
export function closeVectors(a: Float64Array, b: Float64Array, rtol: number, scale: number): boolean {
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) {
    const x = a[c], y = b[c];
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (!(Number.isNaN(x) && Number.isNaN(y))) return false;
    } else if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (x !== y) return false;
    } else if (Math.abs(x - y) > rtol * scale) return false;
  }
  return true;
}

/** Bit-for-bit equality (NaN equals NaN, +0 equals −0 as Float64Array comparison by value). */
export function sameVectors(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) if (!Object.is(a[c], b[c]) && !(a[c] === b[c])) return false;
  return true;
}

/** A readable rendering of vectors for assertion messages. */
export function show(vectors: readonly Float64Array[] | Float64Array): string {
  const rows = vectors instanceof Float64Array ? [vectors] : vectors;
  return '[' + rows.map((v) => '[' + Array.from(v).join(', ') + ']').join(', ') + ']';
}
