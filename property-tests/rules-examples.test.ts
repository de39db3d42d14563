/**
 * Hand-worked examples for every aggregation rule. Each expected value is
 * derived in the comments by hand (distance tables, score tables, sorted
 * columns) and written as the arithmetic that produces it — never pasted from
 * the implementation's output.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/rules-examples.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { average } from '../lib/rules/average';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { geometricMedian } from '../lib/rules/geometricMedian';
import { krum, multiKrum } from '../lib/rules/krum';
import { bulyan } from '../lib/rules/bulyan';
import { aggregathor, directScore } from '../lib/rules/aggregathor';
import { pairwiseDistances } from '../lib/rules/pairwise';

const vecs = (...rows: number[][]) => rows.map((r) => Float64Array.from(r));
const arr = (v: Float64Array) => Array.from(v);

/**
 * Aggregates are means, computed as a sum times 1/m: compare them with the
 * hand-derived value within 1e-12 relative (integers, scores and selections are
 * compared exactly).
 */
function assertNear(actual: Float64Array, expected: number[], rtol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, c) => assert.ok(Math.abs(actual[c] - e) <= rtol * Math.max(1, Math.abs(e)), `coordinate ${c}: got ${actual[c]}, expected ${e}`));
}

// ------------------------------------------------------------------ average

test('AVERAGE of [0,2], [2,4], [4,0] is [(0+2+4)/3, (2+4+0)/3] = [2, 2]', () => {
  assert.deepEqual(arr(average(vecs([0, 2], [2, 4], [4, 0])).aggregate), [2, 2]);
});

test('AVERAGE: a coordinate with a non-finite input is NaN (never ±Infinity, lib/rules/nonfinite.ts), and the diagnostics say so', () => {
  // coordinate 0: NaN + 1; coordinate 1: Inf + 1 (NaN, not +Infinity); coordinate 2: Inf + (−Inf); coordinate 3: (3 + 5)/2 = 4
  const { aggregate: out, diagnostics } = average(vecs([NaN, Infinity, Infinity, 3], [1, 1, -Infinity, 5]));
  assert.ok(Number.isNaN(out[0]));
  assert.ok(Number.isNaN(out[1]));
  assert.ok(Number.isNaN(out[2]));
  assert.equal(out[3], 4);
  assert.deepEqual(diagnostics.outsideGuarantee, { nanCoordinates: 3, firstNaN: 0, reason: 'AVERAGE: outside its guarantee (more non-finite values than f = 0 reached the output): 3 output coordinate(s) NaN (first: 0)' });
});

// ------------------------------------------------------------------ median

test('MEDIAN, odd n: columns {1, 2, 100} and {9, 8, −50} have middle values 2 and 8', () => {
  const { aggregate } = coordinateMedian(vecs([1, 9], [2, 8], [100, -50]), 1);
  assertNear(aggregate, [2, 8]);
});

test('MEDIAN, even n with non-finite values: NaN sorts as +Infinity, −Infinity first', () => {
  // column 0: {0, 2, 10, NaN→+Inf} sorted 0, 2, 10, +Inf → (2 + 10)/2 = 6
  // column 1: {4, 2, 0, −Inf}      sorted −Inf, 0, 2, 4 → (0 + 2)/2 = 1
  const { aggregate } = coordinateMedian(vecs([0, 4], [2, 2], [10, 0], [NaN, -Infinity]), 1);
  assertNear(aggregate, [(2 + 10) / 2, (0 + 2) / 2]);
});

test('MEDIAN of two huge values does not overflow: median{1e308, 1.7e308} = 1e308/2 + 1.7e308/2', () => {
  // (a + b)/2 would overflow to Infinity; the midpoint a/2 + b/2 does not.
  const { aggregate } = coordinateMedian(vecs([1e308], [1.7e308]), 0);
  assert.equal(aggregate[0], 1e308 / 2 + 1.7e308 / 2);
  assert.ok(Number.isFinite(aggregate[0]));
});

// ------------------------------------------------------------------ trimmed mean

test('TRIMMED-MEAN (f = 1) drops the smallest and largest value of each column', () => {
  // column 0: {3, −1, 7, 1e300, 2}  sorted −1, 2, 3, 7, 1e300 → drop −1 and 1e300 → (2 + 3 + 7)/3 = 4
  // column 1: {0, 0, NaN, 6, −Inf}  sorted −Inf, 0, 0, 6, NaN(+Inf) → (0 + 0 + 6)/3 = 2
  const { aggregate, diagnostics } = trimmedMean(vecs([3, 0], [-1, 0], [7, NaN], [1e300, 6], [2, -Infinity]), 1);
  assertNear(aggregate, [(2 + 3 + 7) / 3, (0 + 0 + 6) / 3]);
  assert.equal(diagnostics.kept, 5 - 2 * 1);
});

test('TRIMMED-MEAN with f = 0 is the average', () => {
  assert.deepEqual(arr(trimmedMean(vecs([1, 2], [3, 4], [5, 9]), 0).aggregate), [(1 + 3 + 5) / 3, (2 + 4 + 9) / 3]);
});

// ------------------------------------------------------------------ geometric median

test('GEOMETRIC-MEDIAN of four points in convex position is the intersection of the diagonals', () => {
  // a = (0,0), b = (4,0), c = (4,2), e = (0,6), in this order around a convex quadrilateral.
  // For any p: |p−a| + |p−c| >= |a−c| and |p−b| + |p−e| >= |b−e|, with equality on both
  // diagonals at once only at their intersection:
  //   ac: y = x/2,  be: y = 6 − 1.5x  →  x/2 = 6 − 1.5x  →  x = 3, y = 1.5.
  // The minimum objective is |ac| + |be| = √(16+4) + √(16+36) = √20 + √52.
  // Weiszfeld starts at the coordinate median (2, 1), so it has to iterate.
  const { aggregate, diagnostics } = geometricMedian(vecs([0, 0], [4, 0], [4, 2], [0, 6]), { f: 1 });
  assert.ok(diagnostics.converged);
  assert.ok(diagnostics.iterations > 1);
  assert.ok(Math.abs(aggregate[0] - 3) < 1e-6 && Math.abs(aggregate[1] - 1.5) < 1e-6, `got ${arr(aggregate)}`);
  assert.ok(Math.abs(diagnostics.objective - (Math.sqrt(20) + Math.sqrt(52))) < 1e-9);
  assert.deepEqual(diagnostics.ignored, []);
});

test('GEOMETRIC-MEDIAN gives a non-finite input weight 0 and reports it', () => {
  // Same quadrilateral plus (NaN, 0) at index 4: the answer is still (3, 1.5).
  const { aggregate, diagnostics } = geometricMedian(vecs([0, 0], [4, 0], [4, 2], [0, 6], [NaN, 0]), { f: 1 });
  assert.ok(Math.abs(aggregate[0] - 3) < 1e-6 && Math.abs(aggregate[1] - 1.5) < 1e-6, `got ${arr(aggregate)}`);
  assert.deepEqual(diagnostics.ignored, [4]);
});

test('GEOMETRIC-MEDIAN of collinear points is the median along the line: (t, 2t), t in {0, 1, 3, 7, 50} → (3, 6)', () => {
  const { aggregate } = geometricMedian(vecs([0, 0], [1, 2], [3, 6], [7, 14], [50, 100]), { f: 2 });
  assert.ok(Math.abs(aggregate[0] - 3) < 1e-6 && Math.abs(aggregate[1] - 6) < 1e-6, `got ${arr(aggregate)}`);
});

// ------------------------------------------------------------------ Krum and MULTI-KRUM

/*
 * Example K: x = [0, 1, 3, 4, 20] (d = 1), n = 5, f = 1, so k = m = n − f − 2 = 2 by default.
 *
 * Squared distances:        0    1    3    4    20
 *                   0       –    1    9   16   400
 *                   1       1    –    4    9   361
 *                   3       9    4    –    1   289
 *                   4      16    9    1    –   256
 *                  20     400  361  289  256     –
 *
 * k = 2 nearest:  index 0 (x=0):  {1: 1, 2: 9}     score 10
 *                 index 1 (x=1):  {0: 1, 2: 4}     score  5
 *                 index 2 (x=3):  {3: 1, 1: 4}     score  5
 *                 index 3 (x=4):  {2: 1, 1: 9}     score 10   (16 to x=0 is third)
 *                 index 4 (x=20): {3: 256, 2: 289} score 545
 * Score order, ties by index: 1 (5), 2 (5), 0 (10), 3 (10), 4 (545).
 */
const exampleK = vecs([0], [1], [3], [4], [20]);

test('MULTI-KRUM example K, defaults k = m = 2: scores, neighbours, selection, i*, output', () => {
  const { aggregate, diagnostics } = multiKrum(exampleK, { f: 1 });
  assert.equal(diagnostics.k, 5 - 1 - 2);
  assert.equal(diagnostics.m, 5 - 1 - 2);
  assert.deepEqual(arr(diagnostics.scores), [1 + 9, 1 + 4, 1 + 4, 1 + 9, 256 + 289]);
  assert.deepEqual(diagnostics.neighbours, [[1, 2], [0, 2], [1, 3], [1, 2], [2, 3]]);
  assert.deepEqual(diagnostics.selected, [1, 2]); // tie 5 = 5 broken by index
  assert.equal(diagnostics.worstSelected, 2);
  assertNear(aggregate, [(1 + 3) / 2]);
});

test('MULTI-KRUM example K, m = 3: the tie 10 = 10 between indices 0 and 3 goes to index 0, i* = 0', () => {
  const { aggregate, diagnostics } = multiKrum(exampleK, { f: 1, m: 3 });
  assert.deepEqual(diagnostics.selected, [1, 2, 0]);
  assert.equal(diagnostics.worstSelected, 0);
  assertNear(aggregate, [(0 + 1 + 3) / 3]);
});

test('MULTI-KRUM example K, k = 3 and k = 1 (neighbour count separate from m)', () => {
  // k = 3: 0: 1+9+16 = 26; 1: 1+4+9 = 14; 2: 4+1+9 = 14; 3: 1+9+16 = 26; 4: 256+289+361 = 906
  const k3 = multiKrum(exampleK, { f: 1, k: 3, m: 2 });
  assert.deepEqual(arr(k3.diagnostics.scores), [1 + 9 + 16, 1 + 4 + 9, 4 + 1 + 9, 1 + 9 + 16, 256 + 289 + 361]);
  assert.deepEqual(k3.diagnostics.neighbours, [[1, 2, 3], [0, 2, 3], [0, 1, 3], [0, 1, 2], [1, 2, 3]]);
  assert.deepEqual(k3.diagnostics.selected, [1, 2]);
  // k = 1: each vector's single nearest: 0→1 (1), 1→0 (1), 2→3 (1), 3→2 (1), 4→3 (256)
  const k1 = multiKrum(exampleK, { f: 1, k: 1, m: 4 });
  assert.deepEqual(arr(k1.diagnostics.scores), [1, 1, 1, 1, 256]);
  assert.deepEqual(k1.diagnostics.neighbours, [[1], [0], [3], [2], [3]]);
  assert.deepEqual(k1.diagnostics.selected, [0, 1, 2, 3]);
  assert.equal(k1.diagnostics.worstSelected, 3);
  assertNear(k1.aggregate, [(0 + 1 + 3 + 4) / 4]);
});

test('KRUM on example K outputs x_1 = 1, the lowest-scoring input (tie with index 2 broken by index)', () => {
  const { aggregate, diagnostics } = krum(exampleK, { f: 1 });
  assert.deepEqual(diagnostics.selected, [1]);
  assert.deepEqual(arr(aggregate), [1]); // Krum outputs an input: exact
});

test("MULTI-KRUM example K with Byzantine {4}: δc, δb and ζ of Lemma 1's proof", () => {
  // Neighbours: 0:[1,2] 1:[0,2] 2:[1,3] 3:[1,2] 4:[2,3]; none is 4, so δb = 0 and δc = k = 2 everywhere.
  // ζ(i): nearest correct non-neighbour of i.
  //   i=0: correct non-neighbours {3} → 3;  i=1: {3} → 3;  i=2: {0} → 0;  i=3: {0} → 0;  i=4 Byzantine → null.
  const { proof } = multiKrum(exampleK, { f: 1, byzantine: [4] }).diagnostics;
  assert.ok(proof);
  assert.deepEqual(proof.byzantine, [4]);
  assert.deepEqual(proof.deltaB, [0, 0, 0, 0, 0]);
  assert.deepEqual(proof.deltaC, [2, 2, 2, 2, 2]);
  assert.deepEqual(proof.zeta, [3, 3, 0, 0, null]);
});

test("MULTI-KRUM example K with Byzantine {3}: a Byzantine neighbour counts in δb", () => {
  // 3 is a neighbour of 2 ([1,3]) and of 4 ([2,3]): δb = [0,0,1,0,1], δc = 2 − δb = [2,2,1,2,1].
  // ζ: i=0: correct non-neighbours {4} → 4;  i=1: {4} → 4;
  //    i=2: {0 (9), 4 (289)} → 0;  i=3 Byzantine → null;  i=4: {0 (400), 1 (361)} → 1.
  const { proof } = multiKrum(exampleK, { f: 1, byzantine: [3] }).diagnostics;
  assert.ok(proof);
  assert.deepEqual(proof.deltaB, [0, 0, 1, 0, 1]);
  assert.deepEqual(proof.deltaC, [2, 2, 1, 2, 1]);
  assert.deepEqual(proof.zeta, [4, 4, 0, null, 1]);
});

/*
 * Example E: x = [−10, 0, 29, 49, 69, 1000] (d = 1), n = 6, f = 1, k = 2: squared and
 * plain distances select different vectors.
 *
 *   index (x)   2 nearest (distance)   plain score   squared score
 *   0 (−10)     0: 10, 29: 39              49        100 + 1521 = 1621
 *   1 (0)       −10: 10, 29: 29            39        100 +  841 =  941
 *   2 (29)      49: 20, 0: 29              49        400 +  841 = 1241
 *   3 (49)      29: 20, 69: 20             40        400 +  400 =  800
 *   4 (69)      49: 20, 29: 40             60        400 + 1600 = 2000
 *   5 (1000)    69: 931, 49: 951         1882        931² + 951² = 866761 + 904401 = 1771162
 *
 * Squared: Krum picks index 3 (800 < 941). Plain: Krum picks index 1 (39 < 40).
 */
const exampleE = vecs([-10], [0], [29], [49], [69], [1000]);

test('KRUM example E: squared distances pick x = 49, plain distances pick x = 0', () => {
  const sq = krum(exampleE, { f: 1, k: 2 });
  assert.deepEqual(arr(sq.diagnostics.scores), [100 + 1521, 100 + 841, 400 + 841, 400 + 400, 400 + 1600, 866761 + 904401]);
  assert.deepEqual(sq.diagnostics.selected, [3]);
  assert.deepEqual(arr(sq.aggregate), [49]);
  const plain = krum(exampleE, { f: 1, k: 2, distance: 'euclidean' });
  assert.deepEqual(arr(plain.diagnostics.scores), [10 + 39, 10 + 29, 20 + 29, 20 + 20, 20 + 40, 931 + 951]);
  assert.deepEqual(plain.diagnostics.selected, [1]);
  assert.deepEqual(arr(plain.aggregate), [0]);
});

test('MULTI-KRUM example E, m = 3: squared {3, 1, 2} (800, 941, 1241) vs plain {1, 3, 0} (39, 40, 49; tie 49 = 49 → index 0)', () => {
  const sq = multiKrum(exampleE, { f: 1, k: 2, m: 3 });
  assert.deepEqual(sq.diagnostics.selected, [3, 1, 2]);
  assertNear(sq.aggregate, [(0 + 29 + 49) / 3]);
  const plain = multiKrum(exampleE, { f: 1, k: 2, m: 3, distance: 'euclidean' });
  assert.deepEqual(plain.diagnostics.selected, [1, 3, 0]);
  assert.equal(plain.diagnostics.worstSelected, 0);
  assertNear(plain.aggregate, [(-10 + 0 + 49) / 3]);
});

test('MULTI-KRUM in 2-d: a non-finite vector scores +Infinity and ranks last', () => {
  // x0 = (0,0), x1 = (1,0), x2 = (0,1), x3 = (1,1), x4 = (NaN, 0); n = 5, f = 1, k = m = 2.
  // Squared distances among the square's corners: sides 1, diagonals 2; x4 is +Infinity from all.
  // Each corner's 2 nearest are its two sides: score 1 + 1 = 2; x4: +Inf.
  const { aggregate, diagnostics } = multiKrum(vecs([0, 0], [1, 0], [0, 1], [1, 1], [NaN, 0]), { f: 1 });
  assert.deepEqual(arr(diagnostics.scores), [2, 2, 2, 2, Infinity]);
  assert.deepEqual(diagnostics.selected, [0, 1]);
  assertNear(aggregate, [(0 + 1) / 2, (0 + 0) / 2]);
});

// ------------------------------------------------------------------ BULYAN

/*
 * Example B: x = [−70, 9, 10, 100, 110, 1000, 2000] (d = 1), n = 7, f = 1: θ = n − 2f = 5,
 * β = θ − 2f = 3. Index 0 (−70) is the Byzantine input.
 *
 * Squared distances:
 *   0–1 6241  0–2 6400  0–3 28900  0–4 32400  0–5 1144900  0–6 4284900
 *   1–2 1     1–3 8281  1–4 10201  1–5 982081 1–6 3964081
 *   2–3 8100  2–4 10000 2–5 980100 2–6 3960100
 *   3–4 100   3–5 810000 3–6 3610000
 *   4–5 792100 4–6 3572100   5–6 1000000
 *
 * Round 1, R = {0..6}, k = 7 − 1 − 2 = 4:
 *   0: 6241+6400+28900+32400 = 73941    1: 1+6241+8281+10201 = 24724
 *   2: 1+6400+8100+10000 = 24501        3: 100+8100+8281+28900 = 45381
 *   4: 100+10000+10201+32400 = 52701    5, 6: > 3e6            → select 2
 * Round 2, R = {0,1,3,4,5,6}, k = 3:
 *   0: 6241+28900+32400 = 67541   1: 6241+8281+10201 = 24723
 *   3: 100+8281+28900 = 37281     4: 100+10201+32400 = 42701  → select 1
 * Round 3, R = {0,3,4,5,6}, k = 2:
 *   0: 28900+32400 = 61300   3: 100+28900 = 29000   4: 100+32400 = 32500  → select 3
 * Round 4, R = {0,4,5,6}, k = max(1, 4 − 3) = 1:
 *   0: 32400 (to 4)   4: 32400 (to 0)   5: 792100   6: 1000000  → tie, select 0
 * Round 5, R = {4,5,6}, k = 1:
 *   4: 792100   5: 792100   6: 1000000                          → tie, select 4
 * Selected (in order) 2, 1, 3, 0, 4 = values 10, 9, 100, −70, 110.
 * Median of {−70, 9, 10, 100, 110} = 10; distances to it: −70: 80, 9: 1, 10: 0, 100: 90, 110: 100.
 * The β = 3 closest: 10, 9, −70 → (10 + 9 − 70)/3 = −17.
 *
 * The correct values are {9, 10, 100, 110, 1000, 2000}: the output −17 is BELOW their
 * minimum 9. "Each coordinate of BULYAN's output lies within the range of the correct
 * values" is false as a deterministic statement; see the property test for the bound
 * that does hold (within the correct range widened by its width on each side).
 */
test('BULYAN example B: repeated Krum, then the β values closest to the median (output outside the correct range)', () => {
  const x = vecs([-70], [9], [10], [100], [110], [1000], [2000]);
  const { aggregate, diagnostics } = bulyan(x, { f: 1 });
  assert.equal(diagnostics.theta, 7 - 2);
  assert.equal(diagnostics.beta, 7 - 2 - 2);
  assert.deepEqual(diagnostics.roundK, [4, 3, 2, 1, 1]);
  assert.deepEqual(diagnostics.selected, [2, 1, 3, 0, 4]);
  assertNear(aggregate, [(10 + 9 - 70) / 3]);
  const correctMin = Math.min(9, 10, 100, 110, 1000, 2000);
  assert.ok(aggregate[0] < correctMin, 'the counterexample to the naive range statement');
  // The bound that holds: med ± (max correct − min correct) … here the tighter med ± max|c − med| over selected correct c:
  const med = 10, radius = Math.max(...[9, 10, 100, 110].map((c) => Math.abs(c - med)));
  assert.ok(aggregate[0] >= med - radius && aggregate[0] <= med + radius);
});

test('BULYAN with f = 0 on 3 vectors: θ = 3, β = 3, so it averages all three per coordinate', () => {
  // n = 3 >= 4·0 + 3; repeated Krum selects all of them; β = θ = 3 closest-to-median values = all.
  const { aggregate, diagnostics } = bulyan(vecs([0, 6], [3, 0], [9, 3]), { f: 0 });
  assert.deepEqual([...diagnostics.selected].sort(), [0, 1, 2]);
  assertNear(aggregate, [(0 + 3 + 9) / 3, (6 + 0 + 3) / 3]);
});

// ------------------------------------------------------------------ AGGREGATHOR

/*
 * Example A: x = [11, 13, 3, 9, 24, 1, 19] (d = 1), n = 7, f = 1: k = n − f − 2 = 4,
 * m = 4 (default), θ = n − 2f − 2 = 3 rounds averaging m − r = 4, 3, 2 vectors,
 * β = θ − 2f = 1 (the median of the three round outputs).
 *
 * Squared distances:
 *   0–1 4   0–2 64   0–3 4    0–4 169  0–5 100  0–6 64
 *   1–2 100 1–3 16   1–4 121  1–5 144  1–6 36
 *   2–3 36  2–4 441  2–5 4    2–6 256
 *   3–4 225 3–5 64   3–6 100
 *   4–5 529 4–6 25   5–6 324
 *
 * Initial scores over the 4 nearest (neighbour sets in brackets):
 *   0: 4+4+64+64 = 136 [1,2,3,6]      1: 4+16+36+100 = 156 [0,2,3,6]
 *   2: 4+36+64+100 = 204 [0,1,3,5]    3: 4+16+36+64 = 120 [0,1,2,5]
 *   4: 25+121+169+225 = 540 [0,1,3,6] 5: 4+64+100+144 = 312 [0,1,2,3]
 *   6: 25+36+64+100 = 225 [0,1,3,4]
 * Round 0: order 3 (120), 0 (136), 1 (156), 2 (204), 6, 5, 4 → average {3,0,1,2} = (9+11+13+3)/4 = 9; remove 3.
 *
 * incremental — subtract the distance to 3 from every vector that had 3 as a neighbour:
 *   0: 136−4 = 132, 1: 156−16 = 140, 2: 204−36 = 168, 4: 540−225 = 315, 5: 312−64 = 248, 6: 225−100 = 125
 * Round 1: order 6 (125), 0 (132), 1 (140), … → average {6,0,1} = (19+11+13)/3 = 43/3; remove 6.
 *   subtract the distance to 6: 0: 132−64 = 68, 1: 140−36 = 104, 4: 315−25 = 290 (2: 168 and 5: 248 unchanged)
 * Round 2: order 0 (68), 1 (104), 2 (168), … → average {0,1} = (11+13)/2 = 12.
 * Outputs {9, 43/3, 12}: median 12.
 *
 * recompute — score the remaining set from scratch over max(1, |R| − f − 2) neighbours:
 * Round 1, R = {0,1,2,4,5,6}, k = 3:
 *   0: 4+64+64 = 132, 1: 4+36+100 = 140, 2: 4+64+100 = 168, 4: 25+121+169 = 315, 5: 4+100+144 = 248, 6: 25+36+64 = 125
 *   (the same numbers as incremental) → average {6,0,1} = 43/3; remove 6.
 * Round 2, R = {0,1,2,4,5}, k = 2:
 *   0: 4+64 = 68, 1: 4+100 = 104, 2: 4+64 = 68, 4: 121+169 = 290, 5: 4+100 = 104
 *   order 0 (68), 2 (68, tie → index), … → average {0,2} = (11+3)/2 = 7.
 * Outputs {9, 43/3, 7}: median 9.
 *
 * The readings differ because index 2 keeps its stale neighbour set {0,1,5} (score
 * 64+100+4 = 168) under the incremental update, but rescored over its 2 nearest in R it is 68.
 */
const exampleA = vecs([11], [13], [3], [9], [24], [1], [19]);

test('AGGREGATHOR example A, incremental score update (the original code): output 12', () => {
  const { aggregate, diagnostics } = aggregathor(exampleA, { f: 1, scoreUpdate: 'incremental' });
  assert.equal(diagnostics.k, 4);
  assert.equal(diagnostics.theta, 3);
  assert.equal(diagnostics.beta, 1);
  assert.deepEqual(diagnostics.neighbours, [[1, 2, 3, 6], [0, 2, 3, 6], [0, 1, 3, 5], [0, 1, 2, 5], [0, 1, 3, 6], [0, 1, 2, 3], [0, 1, 3, 4]]);
  const nan = NaN;
  assert.deepEqual(arr(diagnostics.scoresByRound[0]), [136, 156, 204, 120, 540, 312, 225]);
  assert.deepEqual(arr(diagnostics.scoresByRound[1]), [136 - 4, 156 - 16, 204 - 36, nan, 540 - 225, 312 - 64, 225 - 100]);
  assert.deepEqual(arr(diagnostics.scoresByRound[2]), [132 - 64, 140 - 36, 168, nan, 315 - 25, 248, nan]);
  assert.deepEqual(diagnostics.rounds, [
    { averaged: [3, 0, 1, 2], removed: 3 },
    { averaged: [6, 0, 1], removed: 6 },
    { averaged: [0, 1], removed: 0 },
  ]);
  // median of {9, 43/3, 12}
  assertNear(aggregate, [(11 + 13) / 2]);
});

test('AGGREGATHOR example A, recompute score update: output 9 — an input where the two readings differ', () => {
  const { aggregate, diagnostics } = aggregathor(exampleA, { f: 1, scoreUpdate: 'recompute' });
  assert.deepEqual(arr(diagnostics.scoresByRound[1]), [132, 140, 168, NaN, 315, 248, 125]);
  assert.deepEqual(arr(diagnostics.scoresByRound[2]), [4 + 64, 4 + 100, 4 + 64, NaN, 121 + 169, 4 + 100, NaN]);
  assert.deepEqual(diagnostics.rounds[2], { averaged: [0, 2], removed: 0 });
  // median of {9, 43/3, 7}
  assertNear(aggregate, [(9 + 11 + 13 + 3) / 4]);
  const incremental = aggregathor(exampleA, { f: 1, scoreUpdate: 'incremental' }).aggregate;
  assert.notDeepEqual(arr(aggregate), arr(incremental));
});

test('AGGREGATHOR example A, frozen scores (ByzantineMomentum\'s bulyan): output 9, by other rounds than both readings', () => {
  // The scores stay 136, 156, 204, 120, 540, 312, 225 (3 and the round's removed vectors only leave the candidates):
  // round 0 averages {3,0,1,2} = 9 and removes 3; round 1 averages {0,1,2} = 27/3 = 9 and removes 0; round 2
  // averages {1,2} = (13 + 3)/2 = 8 and removes 1. Outputs {9, 9, 8}: median 9, and β = 1 keeps 9.
  const { aggregate, diagnostics } = aggregathor(exampleA, { f: 1, scoreUpdate: 'frozen' });
  assert.deepEqual(arr(diagnostics.scoresByRound[1]), [136, 156, 204, NaN, 540, 312, 225]);
  assert.deepEqual(arr(diagnostics.scoresByRound[2]), [NaN, 156, 204, NaN, 540, 312, 225]);
  assert.deepEqual(diagnostics.rounds, [
    { averaged: [3, 0, 1, 2], removed: 3 },
    { averaged: [0, 1, 2], removed: 0 },
    { averaged: [1, 2], removed: 1 },
  ]);
  assertNear(aggregate, [9]);
  // ByzantineMomentum scores by Euclidean distances: 0: 2+2+8+8 = 20, 1: 2+4+6+10 = 22, 2: 2+6+8+10 = 26,
  // 3: 2+4+6+8 = 20, 4: 5+11+13+15 = 44, 5: 2+8+10+12 = 32, 6: 5+6+8+10 = 29. Rounds: {0,3,1,2} = 9 (0 before 3
  // by index), remove 0; {3,1,2} = 25/3, remove 3; {1,2} = 8. Median of {9, 25/3, 8}: 25/3 — what its torch
  // code (bench/torch_baseline.py) prints for this input.
  const euclidean = aggregathor(exampleA, { f: 1, scoreUpdate: 'frozen', distance: 'euclidean' });
  assert.deepEqual(arr(euclidean.diagnostics.scoresByRound[0]), [20, 22, 26, 20, 44, 32, 29]);
  assert.deepEqual(euclidean.diagnostics.rounds.map((r) => r.removed), [0, 3, 1]);
  assertNear(euclidean.aggregate, [25 / 3]);
});

test('AGGREGATHOR example A: directScore evaluates the incremental definition (index 2 after removing 3 and 6)', () => {
  // 2's original neighbours {0,1,3,5}; still present after rounds 0 and 1: {0,1,5} → 64 + 100 + 4 = 168.
  const dist = pairwiseDistances(exampleA);
  assert.equal(directScore(2, [0, 1, 2, 4, 5], aggregathor(exampleA, { f: 1 }).diagnostics.neighbours, dist, 7), 64 + 100 + 4);
});

test('AGGREGATHOR with m = 2 on example A: rounds average max(1, m − r) = 2, 1, 1 vectors', () => {
  // incremental orders as above: round 0 {3,0} → (9+11)/2 = 10; round 1 {6} → 19; round 2 {0} → 11. Median 11.
  const { aggregate, diagnostics } = aggregathor(exampleA, { f: 1, m: 2 });
  assert.deepEqual(diagnostics.rounds.map((r) => r.averaged), [[3, 0], [6], [0]]);
  assertNear(aggregate, [11]);
});
