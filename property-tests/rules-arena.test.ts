/**
 * The in-place path of the means (lib/rules/kernels/arena.ts): inputs
 * allocated by allocateVectors live in WebAssembly memory and are summed
 * there by meanRows64 / meanRows32 (simd.wat). Every rule must give, bit for
 * bit, what it gives on the same values in ordinary typed arrays, and both
 * what the JavaScript loops give (ordinary arrays are staged into WebAssembly
 * memory a block at a time, stagedMean, from 256 coordinates on) — the
 * average, MULTI-KRUM's mean (meanOfRows), the catalogue's meanOfIndices, and
 * every catalogue rule through them — and the staged scaled copies and
 * weighted sums bit for bit, the staged distances within d·2⁻⁵³ (non-finite
 * entries exactly as distanceOf) — float64 and float32, odd and even d
 * (the kernel reads one coordinate past an odd row), across block boundaries,
 * with NaN, ±Infinity and ±1.7e308 inputs (the non-finite slow path of
 * lib/rules/nonfinite.ts then runs as for any input), and with vectors that
 * are not all in one arena (the JavaScript path).
 *
 * No timing here: speed is measured by `npm run bench`.
 *
 * Run: node node_modules/typescript/bin/tsc -p . && node --test dist/property-tests/rules-arena.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { average } from '../lib/rules/average';
import { aggregateNamed, CATALOGUE_RULE_NAMES } from '../lib/rules/index';
import { distanceOf, distancesTo, meanOfIndices } from '../lib/rules/inputs';
import { scaled, scaledAll } from '../lib/rules/preaggregator';
import { allocateVectors, arenaMean, inArena, STAGED_MIN_D, stagedMean, stagedScaled, stagedWeightedSum } from '../lib/rules/kernels/arena';
import { finishMean } from '../lib/rules/nonfinite';
import { meanOfRows } from '../lib/rules/kernels/meanRows';
import { resolveDistanceKernel } from '../lib/rules/kernels/squaredDistances';
import { multiKrum } from '../lib/rules/krum';
import { meanOf } from '../lib/vectors';

const SEED = 1515;
const simd = resolveDistanceKernel() === 'wasm-simd';
const SPECIALS = [NaN, Infinity, -Infinity, 1.7e308, -1.7e308, 0, -0, 5e-324];

type Dtype = 'float64' | 'float32';
const plainOf = (dtype: Dtype, rows: number[][]) => rows.map((r) => (dtype === 'float64' ? Float64Array.from(r) : Float32Array.from(r)));
function arenaOf(dtype: Dtype, rows: number[][]): Float64Array[] | Float32Array[] {
  const xs = allocateVectors(rows.length, rows[0].length, dtype);
  xs.forEach((v, i) => v.set(rows[i]));
  return xs;
}

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length, what);
  for (let c = 0; c < a.length; c++) if (!Object.is(a[c], b[c])) assert.fail(`${what}: coordinate ${c}: ${a[c]} vs ${b[c]}`);
}

/** n rows of dimension d, a few coordinates replaced by non-finite or huge values. */
const inputs = fc.record({
  n: fc.integer({ min: 1, max: 13 }),
  d: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(8191, 8192, 8193, 16385)),
  seed: fc.integer({ min: 0, max: 1e6 }),
  specials: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...SPECIALS)), { maxLength: 4 }),
  dtype: fc.constantFrom<Dtype>('float64', 'float32'),
}).map(({ n, d, seed, specials, dtype }) => {
  let s = seed + 1;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const rows = Array.from({ length: n }, () => Array.from({ length: d }, () => rnd() * 100));
  for (const [i, c, x] of specials) rows[i % n][c % d] = x;
  return { rows, dtype };
});

test('allocateVectors: views of length d, zero-filled, in one arena (when WebAssembly SIMD is there)', () => {
  for (const dtype of ['float64', 'float32'] as const) {
    const xs = allocateVectors(3, 5, dtype);
    assert.equal(xs.length, 3);
    for (const v of xs) {
      assert.equal(v.length, 5);
      assert.ok(dtype === 'float64' ? v instanceof Float64Array : v instanceof Float32Array);
      assert.deepEqual([...v], [0, 0, 0, 0, 0]);
    }
    assert.equal(inArena(xs), simd);
    assert.equal(inArena([...xs.slice(0, 2), dtype === 'float64' ? new Float64Array(5) : new Float32Array(5)]), false);
  }
  assert.throws(() => allocateVectors(0, 5, 'float64'), RangeError);
  assert.throws(() => allocateVectors(2, 5, 'int8' as 'float64'), RangeError);
});

test('average: in place (arena) and staged (ordinary arrays) equal the JavaScript path (meanOf, then finishMean) bit for bit, diagnostics included, float64 and float32, with NaN/±Infinity/1.7e308 inputs', () => {
  fc.assert(fc.property(inputs, ({ rows, dtype }) => {
    const plain = plainOf(dtype, rows), arena = arenaOf(dtype, rows);
    const a = average(arena), b = average(plain);
    const expected = meanOf(plain);
    const nan = finishMean(expected, plain, null);
    sameBits(a.aggregate, expected, `average in place (${dtype}) vs meanOf + finishMean`);
    sameBits(b.aggregate, expected, `average staged (${dtype}) vs meanOf + finishMean`);
    assert.deepEqual(a.diagnostics, b.diagnostics);
    assert.equal(a.diagnostics.outsideGuarantee?.nanCoordinates ?? 0, nan.nan);
    const staged = stagedMean(plain, null);
    if (simd && rows[0].length >= STAGED_MIN_D) assert.ok(staged, 'the staged path is taken');
    if (staged) sameBits(staged.out, meanOf(plain), 'stagedMean vs meanOf');
  }), { seed: SEED, numRuns: 150 });
});


test('meanOfRows, meanOfIndices and arenaMean over index subsets (repeats, any order) equal meanOf on ordinary arrays', () => {
  fc.assert(fc.property(inputs, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), ({ rows, dtype }, picks) => {
    const n = rows.length;
    const indices = picks.map((p) => p % n);
    const plain = plainOf(dtype, rows), arena = arenaOf(dtype, rows);
    const expected = meanOf(plain, indices);
    const inPlace = arenaMean(arena, indices);
    if (simd && indices.length <= n) {
      assert.ok(inPlace, 'the arena path is taken');
      sameBits(inPlace.out, expected, 'arenaMean');
      if ([...expected].some((x) => !Number.isFinite(x))) assert.equal(inPlace.finite, false, 'a non-finite output coordinate is reported');
    }
    sameBits(meanOfRows(arena, indices), meanOfRows(plain, indices), 'meanOfRows');
    sameBits(meanOfIndices(arena, indices), meanOfIndices(plain, indices), 'meanOfIndices');
    const divided = meanOf(plain, indices).fill(0);
    for (const i of indices) for (let c = 0; c < divided.length; c++) divided[c] += plain[i][c];
    for (let c = 0; c < divided.length; c++) divided[c] /= indices.length;
    finishMean(divided, plain, indices);
    sameBits(meanOfIndices(plain, indices), divided, 'meanOfIndices vs its JavaScript loop');
    const staged = stagedMean(plain, indices);
    if (staged) sameBits(staged.out, expected, 'stagedMean over indices');
  }), { seed: SEED + 1, numRuns: 150 });
});

test('vectors not all in one arena, or views at other offsets of its memory, give the same result', () => {
  const rows = [[1, 2, 3], [4, NaN, 6], [7, 8, 1e308], [1e308, 0, -0]];
  const arena = arenaOf('float64', rows);
  const mixed = [arena[0], Float64Array.from(rows[1]), arena[2], arena[3]];
  sameBits(average(mixed).aggregate, average(plainOf('float64', rows)).aggregate, 'mixed');
  const shifted = arena.map((v) => new Float64Array(v.buffer, v.byteOffset + 8, 2)); // inside the rows, one coordinate in
  sameBits(average(shifted).aggregate, average(shifted.map((v) => Float64Array.from(v))).aggregate, 'shifted views');
});

test('MULTI-KRUM and every catalogue rule give the same output on arena inputs as on ordinary arrays (float64 and float32; odd and even d, one block and two)', () => {
  for (const d of [301, 302, 6000]) catalogueOnArena(d);
});

function catalogueOnArena(d: number): void {
  const n = 11, f = 2;
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: d }, () => (i < n - f ? rnd() : 5 + 0.1 * rnd())));
  rows[n - 1][3] = NaN;
  for (const dtype of ['float64', 'float32'] as const) {
    const plain = plainOf(dtype, rows), arena = arenaOf(dtype, rows);
    sameBits(multiKrum(arena, { f }).aggregate, multiKrum(plain, { f }).aggregate, `multi-krum ${dtype}`);
    for (const name of [...CATALOGUE_RULE_NAMES, 'nnm+multi-krum', 'bucketing+median', 'arc+trimmed-mean', 'clipping+average']) {
      sameBits(aggregateNamed(name, arena, f).aggregate, aggregateNamed(name, plain, f).aggregate, `${name} ${dtype}, d = ${d}`);
    }
  }
}

test('staged scaled copies, weighted sums and distances against their JavaScript versions (float64, float32, non-finite inputs)', () => {
  fc.assert(fc.property(inputs, fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 13, maxLength: 13 }), ({ rows, dtype }, ws) => {
    const plain = plainOf(dtype, rows);
    const n = plain.length, d = plain[0].length;
    const factors = ws.slice(0, n);
    // scaled copies: bit for bit (the same products, NaN where not finite)
    const copies = stagedScaled(plain, factors);
    if (simd && d >= STAGED_MIN_D) assert.ok(copies, 'the staged path is taken');
    if (copies) copies.forEach((y, i) => sameBits(y, scaled(plain[i], factors[i]), `scaled row ${i}`));
    sameBits(Float64Array.from(scaledAll(plain, factors).flatMap((y) => [...y])), Float64Array.from(plain.flatMap((x, i) => [...scaled(x, factors[i])])), 'scaledAll');
    // weighted sums: bit for bit the sequential loop, then the same non-finite fix-up
    const expected = new Float64Array(d);
    for (let i = 0; i < n; i++) if (factors[i] !== 0) for (let c = 0; c < d; c++) expected[c] += factors[i] * plain[i][c];
    const got = new Float64Array(d);
    if (stagedWeightedSum(plain, n, factors, got)) sameBits(got, expected, 'stagedWeightedSum');
    // distances to a point: within d·2⁻⁵³ relative of distanceOf; non-finite entries exactly distanceOf's
    const point = Float64Array.from(plain[0]);
    for (let c = 0; c < d; c++) if (!Number.isFinite(point[c])) point[c] = 0;
    for (const y of [point, null]) {
      const fast = distancesTo(plain, y);
      plain.forEach((x, i) => {
        const want = distanceOf(x, y);
        if (!(want < Infinity) || !(fast[i] < Infinity)) assert.ok(Object.is(fast[i], want), `distance ${i}: ${fast[i]} vs ${want}`);
        else assert.ok(Math.abs(fast[i] - want) <= 2 * d * 2 ** -53 * want, `distance ${i}: ${fast[i]} vs ${want}`);
      });
    }
  }), { seed: SEED + 2, numRuns: 120 });
});
