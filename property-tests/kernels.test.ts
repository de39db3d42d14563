/**
 * Oracle tests of the performance kernels (issue 8): every optimised kernel
 * against lib/rules/reference.ts or a plain sort, in both implementations
 * (WebAssembly SIMD and the JavaScript fallback).
 *
 * - Sorting networks sort: exhaustively on 0-1 inputs (the 0-1 principle:
 *   a comparator network that sorts every 0-1 sequence sorts everything),
 *   and on random doubles with ±Infinity, −0 and duplicates.
 * - Pairwise squared distances match the per-pair reference: the difference
 *   form (`wasm-simd-difference`, `js`) within the rounding of a d-term sum
 *   of non-negative terms (relative 2·d·2⁻⁵³ of the distance itself); the
 *   guarded Gram form (`wasm-simd`) within its stated bound ε(ℓ, d) + d·2⁻⁵³,
 *   also relative to the distance — not to the norms, which is what the
 *   unguarded Gram-matrix identity could not promise for near-duplicate
 *   Byzantine copies (near-duplicates: within 2·d·2⁻⁵³, the guard recomputes
 *   them); all exact on integer grids, 0 for identical vectors, +Infinity
 *   for non-finite input. MULTI-KRUM with Byzantine copies selects the
 *   reference's set wherever that tolerance cannot flip it; `auto` switches
 *   forms at GRAM_MIN_D.
 * - MULTI-KRUM's SIMD mean (meanOfRows) equals meanOf bit for bit.
 * - The coordinate-wise stages (median, trimmed mean, BULYAN's and
 *   AGGREGATHOR's around-median averages) equal the reference bit for bit;
 *   PHOCAS's and MEAMED's closest-to-a-center average, computed a block at a
 *   time, equals its one-coordinate computation bit for bit for any center.
 * - Reused workspace buffers never leak one call's state into the next.
 * - The committed WebAssembly bytes are what wabt assembles from simd.wat.
 *
 * Every property has a fixed seed and a stated number of runs; fast-check
 * prints the shrunk counterexample and its path on failure.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/kernels.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortColumns, sortingNetwork } from '../lib/rules/kernels/sortingNetwork';
import { aroundMedianColumns, columnArena, COLUMN_BLOCK, medianColumns, trimmedMeanColumns } from '../lib/rules/kernels/columnBlocks';
import { GRAM_MIN_D, GRAM_TAU, gramBlockLength, lastGramCall, resolveDistanceKernel, type DistanceKernel } from '../lib/rules/kernels/squaredDistances';
import { SIMD_WASM_BASE64 } from '../lib/rules/kernels/simdWasm';
import { pairwiseDistances } from '../lib/rules/pairwise';
import { roundMeansAroundMedian, aggregathor } from '../lib/rules/aggregathor';
import { bulyan } from '../lib/rules/bulyan';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { multiKrum } from '../lib/rules/krum';
import { meanOfRows } from '../lib/rules/kernels/meanRows';
import { meanOf } from '../lib/vectors';
import { closestOfCoordinate, closestToCenterAverage } from '../lib/rules/closestAverage';
import { Workspace } from '../lib/rules/workspace';
import { aggregathorRef, aroundMedianRef, bulyanRef, distanceRef, krumScoresRef, meanRef, medianRef, multiKrumRef, trimmedMeanRef } from '../lib/rules/reference';
import { MIN_N, nextUp, sameVectors, scenarioArb, show } from './support/arbitraries';

const KERNELS = ['auto', 'js'] as const;
const simdAvailable = resolveDistanceKernel() === 'wasm-simd';

// ------------------------------------------------------------ arbitraries

/** Coordinates as Byzantine workers send them: ordinary doubles, zeros of both signs, infinities, exact repeats. */
const coordinateArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Infinity, -Infinity, 1e300, -1e300) },
);

/** A column block: len rows × width columns, as a list of rows. */
const blockArb = fc.record({ len: fc.integer({ min: 1, max: 70 }), width: fc.integer({ min: 1, max: 9 }) }).chain(({ len, width }) =>
  fc.array(fc.array(coordinateArb, { minLength: width, maxLength: width }), { minLength: len, maxLength: len }),
);

/** n rows of dimension d for the coordinate-wise stages, NaN included (read as +Infinity). */
const rowsArb = fc.record({ len: fc.integer({ min: 1, max: 40 }), d: fc.integer({ min: 1, max: 2 * COLUMN_BLOCK + 3 }) }).chain(({ len, d }) =>
  fc.array(fc.float64Array({ minLength: d, maxLength: d, min: -4, max: 4, noNaN: false }), { minLength: len, maxLength: len }),
);

/** Rows of small integers: many exact ties in value and in distance to the median. */
const tiedRowsArb = fc.record({ len: fc.integer({ min: 1, max: 40 }), d: fc.integer({ min: 1, max: 300 }) }).chain(({ len, d }) =>
  fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a)), { minLength: len, maxLength: len }),
);

/** Rows as Byzantine workers send them (huge, infinite, repeated, NaN), dimension across block boundaries. */
const wildRowsArb = fc.record({ len: fc.integer({ min: 1, max: 30 }), d: fc.integer({ min: 1, max: COLUMN_BLOCK + 9 }) }).chain(({ len, d }) =>
  fc.array(fc.array(fc.oneof({ weight: 8, arbitrary: coordinateArb }, { weight: 1, arbitrary: fc.constant(NaN) }), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a)), { minLength: len, maxLength: len }),
);

const key = (x: number) => (x !== x ? Infinity : x);
const sortedCopy = (xs: readonly number[]) => [...xs].map(key).sort((a, b) => a - b);

// ------------------------------------------------------------ sorting networks

test('sorting networks sort every 0-1 input of length 1..14 (0-1 principle: they sort everything)', () => {
  for (let len = 1; len <= 14; len++) {
    const net = sortingNetwork(len);
    for (let mask = 0; mask < 1 << len; mask++) {
      const x = Array.from({ length: len }, (_, i) => (mask >> i) & 1);
      for (let q = 0; q < net.length; q += 2) {
        const a = net[q], b = net[q + 1];
        if (x[a] > x[b]) [x[a], x[b]] = [x[b], x[a]];
      }
      for (let i = 1; i < len; i++) assert.ok(x[i - 1] <= x[i], `len ${len}, input ${mask.toString(2)}`);
    }
  }
});

test('a sorting network has the comparator count of Batcher\'s construction (63 for 16, 191 for 32)', () => {
  assert.equal(sortingNetwork(16).length / 2, 63);
  assert.equal(sortingNetwork(32).length / 2, 191);
  for (const len of [1, 2, 3, 15, 27, 51]) for (const i of sortingNetwork(len)) assert.ok(i >= 0 && i < len);
});

for (const kernel of KERNELS) {
  test(`sortColumns (${kernel === 'auto' ? (simdAvailable ? 'WebAssembly SIMD' : 'auto = JavaScript') : 'JavaScript'}) sorts each column like Array.prototype.sort, keeping the multiset (−0 and +0 included)`, () => {
    fc.assert(
      fc.property(blockArb, (rows) => {
        const len = rows.length, width = rows[0].length;
        const arena = columnArena(len, new Workspace(), kernel);
        for (let p = 0; p < len; p++) for (let c = 0; c < width; c++) arena.S[p * COLUMN_BLOCK + c] = rows[p][c];
        arena.sortS(width);
        for (let c = 0; c < width; c++) {
          const got = Array.from({ length: len }, (_, p) => arena.S[p * COLUMN_BLOCK + c]);
          const want = sortedCopy(rows.map((r) => r[c]));
          for (let i = 0; i < len; i++) assert.ok(got[i] === want[i], `column ${c}: ${got} vs ${want}`);
          const negZeros = (xs: number[]) => xs.filter((x) => Object.is(x, -0)).length;
          assert.equal(negZeros(got), negZeros(rows.map((r) => r[c])), 'a comparator must permute, not duplicate, −0 and +0');
        }
      }),
      { numRuns: 300, seed: 8001 },
    );
  });
}

test('the plain sortColumns of the fallback agrees with the network applied by hand', () => {
  const block = Float64Array.from([3, -1, 2, 0, 1, 5]); // 3 rows × stride 2
  sortColumns(block, 3, 2, 2);
  assert.deepEqual(Array.from(block), [1, -1, 2, 0, 3, 5]);
});

// ------------------------------------------------------------ distances

/** max_ij |ours − ref| / ref over pairs with a positive finite reference distance; non-finite pairs must be +Infinity in both. */
function distanceError(vectors: Float64Array[], kernel: DistanceKernel): number {
  const n = vectors.length;
  const dist = pairwiseDistances(vectors, 'squared', undefined, kernel);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    assert.equal(dist[i * n + i], 0);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const ref = distanceRef(vectors[i], vectors[j]);
      const got = dist[i * n + j];
      assert.equal(got, dist[j * n + i], 'symmetric');
      if (ref === Infinity) assert.equal(got, Infinity, `pair (${i}, ${j}) must be +Infinity apart`);
      else if (ref === 0) assert.equal(got, 0, `pair (${i}, ${j}) identical`);
      else worst = Math.max(worst, Math.abs(got - ref) / ref);
    }
  }
  return worst;
}

/**
 * The tolerance of a kernel against the per-pair reference (itself within
 * d·2⁻⁵³ of the exact distance): the difference form is within another
 * d·2⁻⁵³; the Gram form within ε(ℓ, d) = (64·(2ℓ + 4)·(1 + 2⁻⁸) + ⌈d/ℓ⌉ + 2)·2⁻⁵³,
 * ℓ = min(d, block length) (the bound stated at GRAM_TAU, recomputed here
 * from its formula, not imported).
 */
function tolerance(kernel: DistanceKernel, n: number, d: number): number {
  if (kernel !== 'wasm-simd') return 2 * d * 2 ** -53;
  assert.equal(GRAM_TAU, 2 ** -6, 'the bound below is for τ = 2⁻⁶');
  const l = Math.min(d, gramBlockLength(n));
  return (64 * (2 * l + 4) * (1 + 2 ** -8) + Math.ceil(d / l) + 2) * 2 ** -53 + d * 2 ** -53;
}

const distanceKernels = simdAvailable ? (['wasm-simd', 'wasm-simd-difference', 'js'] as const) : (['js'] as const);

for (const kernel of distanceKernels) {
  const bound = kernel === 'wasm-simd' ? 'ε(ℓ, d) + d·2⁻⁵³' : '2·d·2⁻⁵³';
  test(`${kernel} distances equal the per-pair reference within ${bound} of the distance (all families, non-finite Byzantine inputs)`, () => {
    fc.assert(
      fc.property(scenarioArb({ minN: MIN_N.krum, maxF: 3, maxExtra: 9 }), (s) => {
        const err = distanceError(s.vectors, kernel);
        assert.ok(err <= tolerance(kernel, s.n, s.d), `relative error ${err} for ${s.family}, n = ${s.n}, d = ${s.d}: ${show(s.vectors)}`);
      }),
      { numRuns: 300, seed: 8002 },
    );
  });

  test(`${kernel} distances over several cache blocks and an odd tail: same bound (n up to 13, d up to 9001)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 13 }), fc.integer({ min: 4000, max: 9001 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, d, seed) => {
        let s = seed;
        const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
        const vectors = Array.from({ length: n }, () => Float64Array.from({ length: d }, rnd));
        const err = distanceError(vectors, kernel);
        assert.ok(err <= tolerance(kernel, n, d), `relative error ${err}, n = ${n}, d = ${d}`);
      }),
      { numRuns: 12, seed: 8003 },
    );
  });

  test(`${kernel} distances of near-duplicates (1 ulp apart, norms ~1e8) are accurate relative to the distance, not the norms (within 2·d·2⁻⁵³${kernel === 'wasm-simd' ? ': the guard recomputes every such pair in the difference form' : ''})`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 600 }), fc.double({ min: 1e7, max: 1e9, noNaN: true }), (n, d, scale) => {
        const base = Float64Array.from({ length: d }, (_, c) => scale * (1 + c / d));
        // copies of one vector, each a few ulps away in a few coordinates: the Byzantine-copies case
        const vectors = Array.from({ length: n }, (_, i) => base.map((x, c) => ((c + i) % 3 === 0 ? nextUp(i % 2 ? nextUp(x) : x) : x)));
        const err = distanceError(vectors, kernel);
        assert.ok(err <= 2 * d * 2 ** -53, `relative error ${err}: an unguarded Gram-matrix distance would be off by ~‖x‖²·2⁻⁵³`);
      }),
      { numRuns: 100, seed: 8004 },
    );
  });

  test(`${kernel} distances on integer grids are exact`, () => {
    fc.assert(
      fc.property(scenarioArb({ minN: MIN_N.krum, families: ['integer-grid'], byzantine: 'family' }), (s) => {
        assert.equal(distanceError(s.vectors, kernel), 0);
      }),
      { numRuns: 200, seed: 8005 },
    );
  });
}

if (simdAvailable) {
  /** A Gaussian cloud (centre 0, 5 or −1e4, σ = 1 or 1e-3) with Byzantine copies: exact copies of one vector, ulp-moved copies, or copies of a correct vector. */
  const copiesArb = fc
    .record({
      n: fc.integer({ min: 5, max: 15 }),
      d: fc.integer({ min: GRAM_MIN_D, max: 3000 }), // multiKrum's `auto` takes the Gram form from GRAM_MIN_D on
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      centre: fc.constantFrom(0, 0, 5, -1e4),
      sigma: fc.constantFrom(1, 1, 1e-3),
      copies: fc.constantFrom('exact', 'ulps', 'of-correct'),
    })
    .map(({ n, d, seed, centre, sigma, copies }) => {
      const f = (n - 3) >> 1;
      let s = seed;
      const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
      const vectors = Array.from({ length: n - f }, () => Float64Array.from({ length: d }, () => centre + sigma * 3.4 * rnd()));
      const byz = copies === 'of-correct' ? vectors[0] : Float64Array.from({ length: d }, () => centre + sigma * (0.3 + 0.1 * rnd()));
      for (let b = 0; b < f; b++) vectors.push(copies === 'ulps' ? byz.map((x, c) => ((b + c) % 2 ? nextUp(x) : x)) : Float64Array.from(byz));
      return { n, d, f, vectors, copies };
    });

  test('wasm-simd (Gram form): identical vectors are exactly 0 apart and Byzantine copies are recomputed, within the bound of the other pairs', () => {
    fc.assert(
      fc.property(copiesArb, ({ n, d, vectors }) => {
        const err = distanceError(vectors, 'wasm-simd');
        assert.ok(err <= tolerance('wasm-simd', n, d), `relative error ${err}, n = ${n}, d = ${d}`);
      }),
      { numRuns: 150, seed: 8011 },
    );
  });

  test('wasm-simd (Gram form): MULTI-KRUM selects the reference\'s set wherever the reference\'s score gap at the m-th place exceeds what the distance tolerance can flip (and in most runs it does)', () => {
    let decisive = 0, runs = 0;
    fc.assert(
      fc.property(copiesArb, ({ n, d, f, vectors }) => {
        runs++;
        const m = n - f - 2;
        const got = [...multiKrum(vectors, { f }).diagnostics.selected].sort((a, b) => a - b);
        const want = multiKrumRef(vectors, f);
        const scores = krumScoresRef(vectors, vectors.map((_, i) => i), n - f - 2);
        const ordered = want.selected.map((i) => scores.get(i)!.score);
        const rest = vectors.map((_, i) => i).filter((i) => !want.selected.includes(i)).map((i) => scores.get(i)!.score);
        if (rest.length === 0) return;
        const sm = ordered[m - 1], next = Math.min(...rest);
        // a score is a sum of distances, each within `e` relative (ours and the reference's rounding together)
        const e = tolerance('wasm-simd', n, d);
        if (next <= sm * (1 + e) / (1 - e)) return; // within tolerance: either order is right
        decisive++;
        assert.deepEqual(got, [...want.selected].sort((a, b) => a - b), `n = ${n}, d = ${d}, scores ${sm} < ${next}`);
      }),
      { numRuns: 200, seed: 8012 },
    );
    assert.ok(decisive >= runs / 2, `only ${decisive} of ${runs} runs had a gap beyond the tolerance`);
  });

  test(`auto takes the difference form below d = ${GRAM_MIN_D} and the Gram form from there on (bit for bit)`, () => {
    for (const d of [1, 2, 9, GRAM_MIN_D - 1, GRAM_MIN_D, 3001]) {
      const vectors = Array.from({ length: 7 }, (_, i) => Float64Array.from({ length: d }, (_, c) => Math.sin(1.7 * i + 0.3 * c) + 0.1 * i));
      const auto = pairwiseDistances(vectors, 'squared', undefined, 'auto');
      const want = pairwiseDistances(vectors, 'squared', undefined, d < GRAM_MIN_D ? 'wasm-simd-difference' : 'wasm-simd');
      assert.ok(sameVectors(auto, want), `d = ${d}`);
    }
  });

  test('wasm-simd takes the Gram form on well-separated vectors and gives it up (difference form, same results) on a cloud far from the origin', () => {
    const cloud = (centre: number) => Array.from({ length: 9 }, (_, i) => Float64Array.from({ length: 5000 }, (_, c) => centre + Math.sin(i * 7.1 + c * 0.37) + 0.5 * Math.cos(c * i)));
    const near = cloud(0);
    distanceError(near, 'wasm-simd');
    assert.ok(lastGramCall.gramBlocks > 0 && lastGramCall.recomputed === 0 && lastGramCall.differenceBlocks === 0, JSON.stringify(lastGramCall));
    const far = cloud(1e4);
    const err = distanceError(far, 'wasm-simd');
    assert.ok(lastGramCall.differenceBlocks > 0, JSON.stringify(lastGramCall));
    assert.ok(err <= tolerance('wasm-simd', 9, 5000), `relative error ${err}`);
  });

  test('wasm-simd: a non-finite coordinate puts its vector at +Infinity; coordinates whose squares overflow (finite distances) are recomputed exactly as the difference form', () => {
    const d = 3001;
    const base = Array.from({ length: 8 }, (_, i) => Float64Array.from({ length: d }, (_, c) => Math.sin(i + c)));
    base[1][2999] = NaN;
    base[2][17] = Infinity;
    base[3] = base[3].map((x) => x * 1e160); // ‖x‖² overflows, distances to its ulp-moved copy do not
    base[4] = Float64Array.from(base[3]);
    base[4][5] = nextUp(base[4][5]);
    base[5] = Float64Array.from(base[3]);
    const dist = pairwiseDistances(base, 'squared', undefined, 'wasm-simd');
    const want = pairwiseDistances(base, 'squared', undefined, 'wasm-simd-difference');
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
      const ref = distanceRef(base[i], base[j]);
      if (i === j) continue;
      if ([1, 2].includes(i) || [1, 2].includes(j)) assert.equal(dist[i * 8 + j], Infinity);
      if (i >= 3 && i <= 5 && j >= 3 && j <= 5) assert.equal(dist[i * 8 + j], want[i * 8 + j], `(${i}, ${j})`);
      if (ref < Infinity && ref > 0) assert.ok(Math.abs(dist[i * 8 + j] - ref) <= tolerance('wasm-simd', 8, d) * ref, `(${i}, ${j})`);
    }
    assert.equal(dist[3 * 8 + 5], 0);
  });
}

// ------------------------------------------------------------ MULTI-KRUM's mean

for (const kernel of KERNELS) {
  test(`meanOfRows (${kernel === 'auto' ? (simdAvailable ? 'WebAssembly SIMD' : 'auto = JavaScript') : 'JavaScript'}) equals meanOf bit for bit (same summation order; NaN, ±Infinity, −0, blocks and odd tails)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 128, max: 300 }), fc.integer({ min: 2040, max: 4200 })), fc.array(fc.nat(), { minLength: 1, maxLength: 14 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, d, picks, seed) => {
        let s = seed;
        const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
        const special = [NaN, Infinity, -Infinity, -0, 1e300, -1e300];
        const vectors = Array.from({ length: n }, () => Float64Array.from({ length: d }, () => (rnd() < 0.02 ? special[Math.floor(rnd() * special.length)] : (rnd() - 0.5) * 10 ** Math.floor(rnd() * 12 - 6))));
        const idx = picks.map((p) => p % n).sort((a, b) => a - b);
        const got = meanOfRows(vectors, idx, undefined, kernel), want = meanOf(vectors, idx);
        for (let c = 0; c < d; c++) assert.ok(Object.is(got[c], want[c]), `coordinate ${c}: ${got[c]} vs ${want[c]}; n = ${n}, d = ${d}, indices ${idx}`);
      }),
      { numRuns: 150, seed: 8013 },
    );
  });
}

// ------------------------------------------------------------ coordinate-wise stages

for (const kernel of KERNELS) {
  const name = kernel === 'auto' ? 'auto' : 'js';
  test(`median and trimmed-mean columns (${name}) equal the reference bit for bit, NaN and ±Infinity included`, () => {
    fc.assert(
      fc.property(rowsArb, fc.nat(), (rows, fSeed) => {
        const n = rows.length, d = rows[0].length;
        const f = fSeed % (((n - 1) >> 1) + 1);
        const ws = new Workspace();
        assert.ok(sameVectors(medianColumns(rows, new Float64Array(d), ws, kernel), medianRef(rows)), 'median');
        assert.ok(sameVectors(trimmedMeanColumns(rows, f, new Float64Array(d), ws, kernel), trimmedMeanRef(rows, f)), `trimmed mean, f = ${f}`);
      }),
      { numRuns: 150, seed: 8006 },
    );
  });

  test(`BULYAN's around-median stage (${name}) equals the reference bit for bit, ties in distance included`, () => {
    fc.assert(
      fc.property(fc.oneof(rowsArb, tiedRowsArb), fc.nat(), fc.nat(), (rows, betaSeed, order) => {
        const len = rows.length, d = rows[0].length;
        const beta = 1 + (betaSeed % len);
        const which = rows.map((_, i) => i).sort((a, b) => ((a * 7919 + order) % len) - ((b * 7919 + order) % len) || a - b);
        const got = aroundMedianColumns(rows, which, beta, new Float64Array(d), new Workspace(), kernel);
        assert.ok(sameVectors(got, aroundMedianRef(which.map((i) => rows[i]), beta)), `β = ${beta}, order ${which}`);
      }),
      { numRuns: 150, seed: 8007 },
    );
  });

  test(`PHOCAS's and MEAMED's closest-to-center average (${name}), a block at a time, equals the one-coordinate computation bit for bit for any center`, () => {
    // Centers that make ties in distance (a row's own value, the midpoint of two rows), non-finite and huge ones.
    const centerOf = (rows: Float64Array[], c: number, pick: number) => {
      const a = rows[pick % rows.length][c], b = rows[(pick >>> 3) % rows.length][c];
      switch (pick % 6) {
        case 0: return a;
        case 1: return a / 2 + b / 2;
        case 2: return [NaN, Infinity, -Infinity, 1.7e308, -1.7e308][(pick >>> 2) % 5];
        case 3: return a + 0.5;
        default: return (pick % 97) / 8 - 6;
      }
    };
    fc.assert(
      fc.property(fc.oneof(rowsArb, tiedRowsArb, wildRowsArb), fc.nat(), fc.nat(), (rows, betaSeed, centerSeed) => {
        const n = rows.length, d = rows[0].length;
        const beta = 1 + (betaSeed % n);
        const center = Float64Array.from({ length: d }, (_, c) => centerOf(rows, c, (centerSeed + c * 7919) >>> 0));
        const out = new Float64Array(d);
        const { nan } = closestToCenterAverage(rows, center, beta, out, kernel);
        const want = Float64Array.from({ length: d }, (_, c) => closestOfCoordinate(rows, c, center[c], beta));
        for (let c = 0; c < d; c++) assert.ok(Object.is(out[c], want[c]), `β = ${beta}, coordinate ${c}: ${out[c]} against ${want[c]} (center ${center[c]})`);
        assert.equal(nan, want.filter((y) => y !== y).length);
      }),
      { numRuns: 200, seed: 8010 },
    );
  });

  test(`AGGREGATHOR's round means and around-median stage (${name}) equal the reference bit for bit`, () => {
    fc.assert(
      fc.property(fc.oneof(rowsArb, tiedRowsArb), fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 12 }), fc.nat(), (rows, rawSets, betaSeed) => {
        const n = rows.length, d = rows[0].length;
        const sets = rawSets.map((s) => [...new Set(s.map((i) => i % n))].sort((a, b) => a - b));
        const beta = 1 + (betaSeed % sets.length);
        const got = roundMeansAroundMedian(rows, sets, beta, new Float64Array(d), new Workspace(), kernel);
        const want = aroundMedianRef(sets.map((s) => meanRef(rows, s)), beta);
        assert.ok(sameVectors(got, want), `sets ${JSON.stringify(sets)}, β = ${beta}`);
      }),
      { numRuns: 150, seed: 8008 },
    );
  });
}

// ------------------------------------------------------------ rules end to end

test('on integer grids (exact distances; Byzantine inputs on the grid or non-finite) MEDIAN, TRIMMED-MEAN, BULYAN and AGGREGATHOR equal the reference bit for bit, MULTI-KRUM selects the same set', () => {
  fc.assert(
    fc.property(fc.oneof(scenarioArb({ minN: MIN_N.bulyan, families: ['integer-grid'], byzantine: 'family', maxF: 2 }), scenarioArb({ minN: MIN_N.bulyan, families: ['integer-grid'], byzantine: 'non-finite', maxF: 2 })), (s) => {
      const { vectors: v, f } = s;
      assert.ok(sameVectors(coordinateMedian(v, f).aggregate, medianRef(v)), 'median');
      assert.ok(sameVectors(trimmedMean(v, f).aggregate, trimmedMeanRef(v, f)), 'trimmed mean');
      assert.ok(sameVectors(bulyan(v, { f }).aggregate, bulyanRef(v, f).aggregate), 'bulyan');
      assert.ok(sameVectors(aggregathor(v, { f }).aggregate, aggregathorRef(v, f).aggregate), 'aggregathor (incremental)');
      assert.ok(sameVectors(aggregathor(v, { f, scoreUpdate: 'recompute' }).aggregate, aggregathorRef(v, f, undefined, 'recompute').aggregate), 'aggregathor (recompute)');
      const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
      assert.deepEqual(sorted(multiKrum(v, { f }).diagnostics.selected), sorted(multiKrumRef(v, f).selected), 'multi-krum selection');
    }),
    { numRuns: 150, seed: 8009 },
  );
});

test('reused workspace buffers do not leak state: a rule gives the same output before and after calls of other sizes', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.bulyan, maxF: 2 }), scenarioArb({ minN: MIN_N.bulyan, maxF: 2 }), (a, b) => {
      const rules = [
        (v: Float64Array[], f: number) => coordinateMedian(v, f).aggregate,
        (v: Float64Array[], f: number) => trimmedMean(v, f).aggregate,
        (v: Float64Array[], f: number) => multiKrum(v, { f }).aggregate,
        (v: Float64Array[], f: number) => bulyan(v, { f }).aggregate,
        (v: Float64Array[], f: number) => aggregathor(v, { f }).aggregate,
      ];
      for (const rule of rules) {
        const first = Float64Array.from(rule(a.vectors, a.f));
        rule(b.vectors, b.f);
        assert.ok(sameVectors(rule(a.vectors, a.f), first));
      }
    }),
    { numRuns: 100, seed: 8010 },
  );
});

test('a Workspace hands out the same memory for the same purpose and grows only when asked for more', () => {
  const ws = new Workspace();
  const a = ws.floats('x', 10);
  assert.equal(a.length, 10);
  assert.equal(ws.floats('x', 4).buffer, a.buffer);
  const b = ws.floats('x', 11);
  assert.notEqual(b.buffer, a.buffer);
  assert.ok(ws.size >= 15, 'grows by at least 1.5×');
  ws.release();
  assert.equal(ws.size, 0);
});

// ------------------------------------------------------------ the committed WebAssembly

test('the committed WebAssembly bytes are exactly what wabt assembles from lib/rules/kernels/simd.wat', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { assembleSimdKernels } = require('../scripts/build-wasm') as typeof import('../scripts/build-wasm');
  const bytes = await assembleSimdKernels();
  assert.equal(Buffer.from(bytes).toString('base64'), SIMD_WASM_BASE64, 'regenerate: npx tsc -p . && node dist/scripts/build-wasm.js');
});
