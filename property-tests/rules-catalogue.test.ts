/**
 * The rule catalogue of the field (issue 15): CenteredClipping, MDA, MeaMed,
 * Phocas, MoNNA, CAF, SMEA, the pre-aggregators NNM, ARC, bucketing and static
 * clipping, their composition by name, and the peers' conventions (lower and
 * upper median, ByzFL's smoothed Weiszfeld, mean Krum scores).
 *
 * For each rule:
 * - a reference implementation written here, the slow and obvious way
 *   (full sorts, explicit d×d covariance matrices with mathjs's eigs, every
 *   subset enumerated, formulas as printed), independent of lib/rules;
 * - properties with fast-check: agreement with the reference, permutation
 *   invariance (or equivariance for pre-aggregators) where the rule has it,
 *   translation equivariance where it has it, and the documented bound;
 * - a worked example whose numbers are derived by hand in the comments;
 * - the non-finite convention (≤ f non-finite inputs: finite output, no notice;
 *   more: a notice) and Float32Array inputs (the same output as their float64
 *   copies, bit for bit: the rules read the same values).
 *
 * Inputs of the properties are Gaussian clouds (general position: ties have
 * probability 0, so selections and the comparisons below are well defined),
 * at a random scale and offset, with the last f vectors replaced by far or
 * arbitrary Byzantine vectors. Tolerances are relative to the inputs'
 * magnitude (1e-9; the reference sums in another order).
 *
 * Run: npm run build && node --test dist/property-tests/rules-catalogue.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AdmissibilityError } from '../lib/errors';
import { streamFor } from '../lib/random/stream';
import { average } from '../lib/rules/average';
import { bucketing, bucketPermutation } from '../lib/rules/bucketing';
import { caf } from '../lib/rules/caf';
import { makeGar } from '../lib/rules/catalogue';
import { centeredClipping } from '../lib/rules/centeredClipping';
import { arc, staticClipping } from '../lib/rules/clipping';
import { aggregateNamed, CATALOGUE_RULE_NAMES, CATALOGUE_RULES, catalogueGar, PREAGGREGATOR_NAMES } from '../lib/rules/index';
import { multiKrum } from '../lib/rules/krum';
import { multiKrumMeanScores } from '../lib/rules/krumMeanScores';
import { mda } from '../lib/rules/mda';
import { meamed } from '../lib/rules/meamed';
import { monna } from '../lib/rules/monna';
import { nnm } from '../lib/rules/nnm';
import type { OutsideGuarantee } from '../lib/rules/nonfinite';
import { coordinateMedianOf } from '../lib/rules/orderStatistic';
import { phocas } from '../lib/rules/phocas';
import { smea } from '../lib/rules/smea';
import { smoothedWeiszfeld } from '../lib/rules/smoothedWeiszfeld';
import { symmetricEigen } from '../lib/rules/symmetricEigen';
import { anyDoubleArb } from './support/arbitraries';
import type { FloatVector, InputVectors } from '../lib/rules/types';

// mathjs is an ES module with a CommonJS build: required, as property-tests/constants-exact.test.ts does
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { eigs } = require('mathjs') as { eigs(m: number[][]): { eigenvectors: unknown[] } };

const SEED = 20260415;
const RTOL = 1e-9;

// ------------------------------------------------------------------ helpers

const V = (...rows: number[][]) => rows.map((r) => Float64Array.from(r));
const line = (...xs: number[]) => xs.map((x) => Float64Array.of(x));
const arr = (v: ArrayLike<number>) => Array.from(v);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (rows: readonly FloatVector[]) => rows[0].length ? Array.from(rows[0], (_, c) => sum(rows.map((r) => r[c])) / rows.length) : [];
const dist = (x: ArrayLike<number>, y: ArrayLike<number>) => Math.sqrt(sum(Array.from(x, (a, c) => (a - y[c]) ** 2)));
const magnitudeOf = (vs: InputVectors) => Math.max(1e-300, ...vs.flatMap((v) => Array.from(v, Math.abs)).filter(Number.isFinite));

function close(a: ArrayLike<number>, b: ArrayLike<number>, scale: number, rtol = RTOL): boolean {
  if (a.length !== b.length) return false;
  for (let c = 0; c < a.length; c++) if (!(a[c] === b[c] || Math.abs(a[c] - b[c]) <= rtol * scale)) return false;
  return true;
}
const assertClose = (a: ArrayLike<number>, b: ArrayLike<number>, scale: number, what: string, rtol = RTOL) =>
  assert.ok(close(a, b, scale, rtol), `${what}: [${arr(a)}] vs [${arr(b)}] (scale ${scale})`);

/** All k-subsets of [0, n) in lexicographic order (the reference enumeration). */
function subsetsOf(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (from: number, acc: number[]) => {
    if (acc.length === k) { out.push([...acc]); return; }
    for (let i = from; i < n; i++) rec(i + 1, [...acc, i]);
  };
  rec(0, []);
  return out;
}

/** The median of numbers by a full sort, with the convention for even counts. */
function medianRef(xs: number[], even: 'midpoint' | 'lower' | 'upper' = 'midpoint'): number {
  const s = [...xs].sort((a, b) => a - b), n = s.length;
  if (n % 2) return s[(n - 1) / 2];
  return even === 'lower' ? s[n / 2 - 1] : even === 'upper' ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Per coordinate, the mean of the β values closest to center[c], ties by index (a stable sort). */
function closestRef(vs: InputVectors, center: number[], beta: number): number[] {
  return center.map((cen, c) => {
    const order = vs.map((v, i) => ({ x: v[c], i })).sort((a, b) => Math.abs(a.x - cen) - Math.abs(b.x - cen) || a.i - b.i);
    return sum(order.slice(0, beta).map((o) => o.x)) / beta;
  });
}

const meamedRef = (vs: InputVectors, f: number, even: 'midpoint' | 'lower' | 'upper' = 'midpoint') =>
  closestRef(vs, Array.from(vs[0], (_, c) => medianRef(vs.map((v) => v[c]), even)), vs.length - f);

function trimmedMeanRef(xs: number[], f: number): number {
  const s = [...xs].sort((a, b) => a - b).slice(f, xs.length - f);
  return sum(s) / s.length;
}
const phocasRef = (vs: InputVectors, f: number) => closestRef(vs, Array.from(vs[0], (_, c) => trimmedMeanRef(vs.map((v) => v[c]), f)), vs.length - f);

/** Centered clipping exactly as printed: v ← v + (1/n) Σ (x_i − v) min(1, τ/‖x_i − v‖). */
function centeredClippingRef(vs: InputVectors, tau: number, iterations: number, start: number[]): number[] {
  let v = [...start];
  for (let l = 0; l < iterations; l++) {
    const step = v.map(() => 0);
    for (const x of vs) {
      const r = dist(x, v);
      const lambda = Math.min(1, tau / r);
      for (let c = 0; c < v.length; c++) step[c] += ((x[c] - v[c]) * lambda) / vs.length;
    }
    v = v.map((a, c) => a + step[c]);
  }
  return v;
}

/** MDA by enumerating every subset: the lexicographically first of least diameter. */
function mdaRef(vs: InputVectors, f: number): { selected: number[]; diameter: number } {
  let best = Infinity, sel: number[] = [];
  for (const s of subsetsOf(vs.length, vs.length - f)) {
    let diam = 0;
    for (const i of s) for (const j of s) diam = Math.max(diam, dist(vs[i], vs[j]));
    if (diam < best) { best = diam; sel = s; }
  }
  return { selected: sel, diameter: best };
}

/** The d×d covariance Σ w_i (x_i − μ)(x_i − μ)ᵀ (Σ w = 1) and its top eigenpair by mathjs. */
function covarianceTop(rows: InputVectors, w: number[]): { value: number; vector: number[]; mu: number[] } {
  const d = rows[0].length;
  const mu = Array.from({ length: d }, (_, c) => sum(rows.map((r, i) => w[i] * r[c])));
  const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => sum(rows.map((r, i) => w[i] * (r[a] - mu[a]) * (r[b] - mu[b])))));
  if (d === 1) return { value: cov[0][0], vector: [1], mu };
  const e = eigs(cov);
  const pairs = (e.eigenvectors as unknown as { value: number | { re: number }; vector: number[] | { toArray(): number[] } }[]).map((p) => ({
    value: typeof p.value === 'number' ? p.value : p.value.re,
    vector: Array.isArray(p.vector) ? p.vector : p.vector.toArray(),
  }));
  const top = pairs.reduce((a, b) => (b.value > a.value ? b : a));
  return { value: top.value, vector: top.vector.map(Number), mu };
}

/** SMEA by enumerating every subset with an explicit covariance (mathjs eigenvalues): λ_max of each subset. */
function smeaLambdas(vs: InputVectors, f: number): { subset: number[]; lambda: number }[] {
  const m = vs.length - f;
  return subsetsOf(vs.length, m).map((s) => ({ subset: s, lambda: covarianceTop(s.map((i) => vs[i]), s.map(() => 1 / m)).value }));
}

/** CAF's loop with explicit covariances and mathjs's top eigenvector (τ_max over the weighted inputs). */
function cafRef(vs: InputVectors, f: number): number[] {
  const n = vs.length;
  const c = vs.map(() => 1);
  let best = Infinity, bestMu: number[] = [];
  for (let round = 0; sum(c) > n - 2 * f && round < 1000; round++) {
    const total = sum(c);
    const { value, vector, mu } = covarianceTop(vs, c.map((x) => x / total));
    if (value < best) { best = value; bestMu = mu; }
    const tau = vs.map((x) => sum(Array.from(x, (a, q) => (a - mu[q]) * vector[q])) ** 2);
    const tmax = Math.max(...tau.filter((_, i) => c[i] > 0)); // over the inputs still weighted (lib/rules/caf.ts; ByzFL: over all)
    if (!(tmax > 0)) break;
    for (let i = 0; i < n; i++) c[i] *= 1 - tau[i] / tmax;
  }
  // no round at all (f = 0: the loop needs Σc > n): the plain mean (ByzFL returns None there)
  return bestMu.length > 0 ? bestMu : mean(vs);
}

/** The n − f inputs nearest `x` (stable by index), ascending. */
const nearestRef = (vs: InputVectors, x: FloatVector, count: number) =>
  vs.map((v, i) => ({ r: dist(v, x), i })).sort((a, b) => a.r - b.r || a.i - b.i).slice(0, count).map((o) => o.i).sort((a, b) => a - b);

function smoothedWeiszfeldRef(vs: InputVectors, nu: number, iterations: number): number[] {
  let z = Array.from(vs[0], () => 0);
  for (let t = 0; t < iterations; t++) {
    const beta = vs.map((x) => Math.max(nu, dist(x, z)));
    const wsum = sum(beta.map((b) => 1 / b));
    z = z.map((_, c) => sum(vs.map((x, i) => x[c] / beta[i])) / wsum);
  }
  return z;
}

// ------------------------------------------------------------------ inputs

interface Case { n: number; f: number; d: number; vectors: Float64Array[]; scale: number }

/**
 * n vectors in dimension d: n − f correct ones N(centre, σ²I) and f Byzantine
 * ones far away (along a random direction, 10 to 1000 σ out) or, with
 * `arbitrary`, anywhere in a box of 1e3 σ.
 */
function caseArb(minN: (f: number) => number, { maxF = 2, maxExtra = 3, maxD = 4 } = {}): fc.Arbitrary<Case> {
  return fc.record({
    f: fc.integer({ min: 0, max: maxF }), extra: fc.integer({ min: 0, max: maxExtra }), d: fc.integer({ min: 1, max: maxD }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }), sigma: fc.constantFrom(1, 1e-3, 1e3), centre: fc.constantFrom(0, 5, -1e4), far: fc.constantFrom(10, 1000),
  }).map(({ f, extra, d, seed, sigma, centre, far }) => {
    const n = minN(f) + extra;
    const s = streamFor(seed, 'catalogue');
    const vectors = Array.from({ length: n }, (_, i) => Float64Array.from({ length: d }, () => centre + sigma * (i < n - f ? s.normal() : far * (1 + s.uniform()) * (s.uniform() < 0.5 ? -1 : 1))));
    return { n, f, d, vectors, scale: Math.abs(centre) + far * 2 * sigma + sigma };
  });
}

const twoFPlusOne = (f: number) => 2 * f + 1;
const permutationOf = (n: number, seed: number) => bucketPermutation(n, seed); // any permutation will do; this one is seeded

// ------------------------------------------------------------------ the worked examples (hand-derived numbers)

test('worked examples, derived by hand', () => {
  // MeaMed, f = 1: 0, 1, 2, 10; median (1 + 2)/2 = 1.5; distances 1.5, 0.5, 0.5, 8.5; the three closest 0, 1, 2 → 1.
  assert.deepEqual(arr(meamed(line(0, 1, 2, 10), { f: 1 }).aggregate), [1]);
  // MeaMed, f = 1, even 'upper': median 2; distances 2, 1, 0, 8 → 0, 1, 2 → 1. On 0, 3, 4, 10 with 'lower' (3):
  // distances 3, 0, 1, 7 → 0, 3, 4 → 7/3; with 'upper' (4): 4, 1, 0, 6 → 0, 3, 4 → 7/3; midpoint 3.5: 3.5, .5, .5, 6.5 → 7/3.
  assert.deepEqual(arr(meamed(line(0, 3, 4, 10), { f: 1, even: 'lower' }).aggregate), [7 / 3]);
  // ... and on 0, 3, 4, 6 where the convention matters: lower (3): distances 3, 0, 1, 3 → 3, 4 and the tie 0 (index 0) → 7/3;
  // upper (4): 4, 1, 0, 2 → 3, 4, 6 → 13/3.
  assert.deepEqual(arr(meamed(line(0, 3, 4, 6), { f: 1, even: 'lower' }).aggregate), [7 / 3]);
  assert.deepEqual(arr(meamed(line(0, 3, 4, 6), { f: 1, even: 'upper' }).aggregate), [13 / 3]);
  // Phocas, f = 1: 0, 1, 2, 10; trimmed mean (1 + 2)/2 = 1.5 → the same three → 1. On 0, 4, 5, 30:
  // trimmed mean 4.5; distances 4.5, .5, .5, 25.5 → 0, 4, 5 → 3.
  assert.deepEqual(arr(phocas(line(0, 1, 2, 10), { f: 1 }).aggregate), [1]);
  assert.deepEqual(arr(phocas(line(0, 4, 5, 30), { f: 1 }).aggregate), [3]);
  // Centered clipping, τ = 1, from 0: (3, 4) is 5 away → contributes (0.6, 0.8); (0.5, 0) inside → (0.5, 0); mean (0.55, 0.4).
  assertClose(centeredClipping(V([3, 4], [0.5, 0]), { tau: 1 }).aggregate, [0.55, 0.4], 1, 'CC', 1e-15);
  // Two iterations: v1 = (0.55, 0.4); (3, 4) − v1 = (2.45, 3.6), norm √(6.0025 + 12.96) = √18.9625; (0.5, 0) − v1 = (−0.05, −0.4), inside.
  const r = Math.sqrt(18.9625);
  assertClose(centeredClipping(V([3, 4], [0.5, 0]), { tau: 1, iterations: 2 }).aggregate, [0.55 + (2.45 / r - 0.05) / 2, 0.4 + (3.6 / r - 0.4) / 2], 1, 'CC L=2', 1e-15);
  // MDA, f = 1: 0, 1, 3, 10: diameters {0,1,3} 3, {0,1,10} 10, {0,3,10} 10, {1,3,10} 9 → {0, 1, 3} → 4/3.
  const m = mda(line(0, 1, 3, 10), { f: 1 });
  assert.deepEqual(m.diagnostics.selected, [0, 1, 2]);
  assert.equal(m.diagnostics.diameter, 3);
  assert.deepEqual(arr(m.aggregate), [4 / 3]);
  // SMEA, f = 1: 0, 1, 2, 10: variances {0,1,2} 2/3, {0,1,10} 182/9, {0,2,10} 56/3, {1,2,10} 146/9 → {0, 1, 2} → 1.
  const s = smea(line(0, 1, 2, 10), { f: 1 });
  assert.deepEqual(s.diagnostics.selected, [0, 1, 2]);
  assert.ok(Math.abs(s.diagnostics.lambdaMax - 2 / 3) < 1e-15);
  assert.deepEqual(arr(s.aggregate), [1]);
  // MoNNA, f = 1, index 0: distances from 0 to 0, 1, 3, 10 → nearest 0, 1, 3 → 4/3; index 3 (x = 10): 10, 9, 7, 0 → 1, 3, 10 → 14/3.
  assert.deepEqual(arr(monna(line(0, 1, 3, 10), { f: 1 }).aggregate), [4 / 3]);
  assert.deepEqual(arr(monna(line(0, 1, 3, 10), { f: 1, index: 3 }).aggregate), [14 / 3]);
  // CAF, f = 1: 0, 1, 2, 10. Round 1: μ = 3.25, λ = 62.75/4, τ = (x − 3.25)², max 45.5625 (x = 10) → weights
  // c = 1 − τ/45.5625 = 35/45.5625, 40.5/45.5625, 44/45.5625, 0 (sum 119.5/45.5625 ≈ 2.62 > 2) → round 2 on 0, 1, 2 with weights ∝ 35, 40.5, 44:
  // μ = (40.5 + 88)/119.5 = 128.5/119.5. λ₂ is the weighted variance ≈ 0.655 < λ₁, so CAF returns 128.5/119.5.
  const cf = caf(line(0, 1, 2, 10), { f: 1 });
  assert.equal(cf.diagnostics.chosenRound, 1);
  assertClose(cf.aggregate, [128.5 / 119.5], 1, 'CAF', 1e-14);
  const w2 = [35, 40.5, 44].map((x) => x / 119.5), mu2 = 128.5 / 119.5;
  assert.ok(Math.abs(cf.diagnostics.lambdaMax[1] - sum([0, 1, 2].map((x, i) => w2[i] * (x - mu2) ** 2))) < 1e-13);
  assert.ok(Math.abs(cf.diagnostics.lambdaMax[0] - 62.75 / 4) < 1e-13);
  // NNM, f = 1: 0, 1, 3, 10: N_0 = N_1 = N_3 = {0, 1, 3} → 4/3; N_10 = {1, 3, 10} (distances 9, 7, 0 against 10) → 14/3.
  assert.deepEqual(nnm(line(0, 1, 3, 10), { f: 1 }).vectors.map(arr), [[4 / 3], [4 / 3], [4 / 3], [14 / 3]]);
  // Static clipping, c = 2: (3, 4) has norm 5 → (1.2, 1.6); (1, 0) stays.
  assertClose(staticClipping(V([3, 4], [1, 0]), { c: 2 }).vectors.flatMap(arr), [1.2, 1.6, 1, 0], 1, 'clipping', 1e-15);
  // ARC, f = 1, n = 4: k = ⌊2·1·3/4⌋ = 1; norms 1, 2, 3, 10 → the largest is clipped to 3. n = 7, f = 2: k = ⌊2·2·5/7⌋ = 2.
  assert.deepEqual(arc(line(1, 2, 3, 10), { f: 1 }).vectors.map(arr), [[1], [2], [3], [3]]);
  assert.deepEqual(arc(line(1, -7, 2, 3, 10, -4, 5), { f: 2 }).vectors.map(arr), [[1], [-5], [2], [3], [5], [-4], [5]]);
  // ByzFL's smoothed Weiszfeld, ν = 0.1, T = 1, from 0: 1, 2, 4 → β = 1, 2, 4 → z = 3/(1 + 1/2 + 1/4) = 12/7.
  assertClose(smoothedWeiszfeld(line(1, 2, 4), { iterations: 1 }).aggregate, [12 / 7], 1, 'Weiszfeld', 1e-15);
  // Mean Krum scores, f = 1, k = 2, m = 2: 0, 1, 2, 100, 3: means 5/2, 1, 1, (97² + 98²)/2, 5/2 → {1, 2} → 1.5.
  const km = multiKrumMeanScores(line(0, 1, 2, 100, 3), { f: 1, k: 2, m: 2 });
  assert.deepEqual(arr(km.diagnostics.scores), [2.5, 1, 1, (97 ** 2 + 98 ** 2) / 2, 2.5]);
  assert.deepEqual(arr(km.aggregate), [1.5]);
  // Lower / upper median: 1, 2, 3, 10 → 2, 3, and the midpoint 2.5.
  assert.deepEqual(arr(coordinateMedianOf(line(1, 2, 3, 10), { f: 1, even: 'lower' }).aggregate), [2]);
  assert.deepEqual(arr(coordinateMedianOf(line(1, 2, 3, 10), { f: 1, even: 'upper' }).aggregate), [3]);
  assert.deepEqual(arr(coordinateMedianOf(line(1, 2, 3, 10), { f: 1 }).aggregate), [2.5]);
  // The Jacobi eigenvalues of [[2, 1], [1, 2]]: 1 and 3.
  assert.deepEqual(arr(symmetricEigen(Float64Array.of(2, 1, 1, 2), 2, false).values).map((x) => Math.round(x * 1e12) / 1e12).sort(), [1, 3]);
});

// ------------------------------------------------------------------ agreement with the references

test('MeaMed and Phocas equal their references (every median convention)', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne), fc.constantFrom('midpoint', 'lower', 'upper') as fc.Arbitrary<'midpoint' | 'lower' | 'upper'>, (k, even) => {
    assertClose(meamed(k.vectors, { f: k.f, even }).aggregate, meamedRef(k.vectors, k.f, even), k.scale, 'MeaMed');
    assertClose(phocas(k.vectors, { f: k.f }).aggregate, phocasRef(k.vectors, k.f), k.scale, 'Phocas');
    const med = coordinateMedianOf(k.vectors, { f: k.f, even }).aggregate;
    assert.deepEqual(arr(med), Array.from(k.vectors[0], (_, c) => medianRef(k.vectors.map((v) => v[c]), even)));
  }), { numRuns: 150, seed: SEED });
});

test('MeaMed, Phocas: exact ties on an integer grid are broken by index as in the reference', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 }), { minLength: 5, maxLength: 9 }), (f, rows) => {
    const vs = rows.map((r) => Float64Array.from(r));
    assert.deepEqual(arr(meamed(vs, { f }).aggregate), meamedRef(vs, f));
    assert.deepEqual(arr(phocas(vs, { f }).aggregate), phocasRef(vs, f));
  }), { numRuns: 150, seed: SEED });
});

test('CenteredClipping equals the formula as printed (start 0 and a given start, 1 to 3 iterations)', () => {
  fc.assert(fc.property(caseArb((f) => f + 1), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0.1, 1, 10), (k, iterations, tauRel) => {
    const tau = tauRel * (k.scale / 10);
    assertClose(centeredClipping(k.vectors, { tau, iterations }).aggregate, centeredClippingRef(k.vectors, tau, iterations, Array(k.d).fill(0)), k.scale, 'CC from 0');
    const start = Float64Array.from(k.vectors[0], (x) => x + 1);
    assertClose(centeredClipping(k.vectors, { tau, iterations, start }).aggregate, centeredClippingRef(k.vectors, tau, iterations, arr(start)), k.scale, 'CC from x_0 + 1');
  }), { numRuns: 150, seed: SEED });
});

test('MDA selects the subset the full enumeration selects (lexicographically first of least diameter)', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne, { maxF: 3 }), (k) => {
    const got = mda(k.vectors, { f: k.f });
    const want = mdaRef(k.vectors, k.f);
    assert.deepEqual(got.diagnostics.selected, want.selected);
    assertClose([got.diagnostics.diameter], [want.diameter], want.diameter, 'diameter');
    assertClose(got.aggregate, mean(want.selected.map((i) => k.vectors[i])), k.scale, 'MDA mean');
  }), { numRuns: 120, seed: SEED });
  // exact ties on a grid: the first subset in lexicographic order, as the reference (and both peers)
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 2, maxLength: 2 }), { minLength: 5, maxLength: 8 }), (f, rows) => {
    const vs = rows.map((r) => Float64Array.from(r));
    assert.deepEqual(mda(vs, { f }).diagnostics.selected, mdaRef(vs, f).selected);
  }), { numRuns: 150, seed: SEED });
});

test('SMEA selects a subset of least λ_max, λ_max computed on the explicit covariance by mathjs', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne, { maxF: 2, maxExtra: 2, maxD: 3 }), (k) => {
    const got = smea(k.vectors, { f: k.f });
    const all = smeaLambdas(k.vectors, k.f);
    const least = Math.min(...all.map((a) => a.lambda));
    const mine = all.find((a) => a.subset.join() === got.diagnostics.selected.join())!;
    const spread = Math.max(...all.map((a) => a.lambda));
    // the selected subset's λ is the least up to rounding (1e-9 of the largest λ), and its λ as computed agrees with mathjs's
    assert.ok(mine.lambda <= least + 1e-9 * spread, `λ(selected) = ${mine.lambda}, least ${least}`);
    assertClose([got.diagnostics.lambdaMax], [mine.lambda], spread, 'λ_max');
    assertClose(got.aggregate, mean(got.diagnostics.selected.map((i) => k.vectors[i])), k.scale, 'SMEA mean');
  }), { numRuns: 80, seed: SEED });
});

test('CAF equals the loop as printed with explicit covariances and mathjs eigenvectors', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne, { maxF: 2, maxExtra: 3, maxD: 3 }), (k) => {
    assertClose(caf(k.vectors, { f: k.f }).aggregate, cafRef(k.vectors, k.f), k.scale, 'CAF', 1e-7);
  }), { numRuns: 80, seed: SEED });
});

test('MoNNA, NNM equal their references (nearest by a stable sort)', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne), fc.nat(), (k, idxRaw) => {
    const index = idxRaw % k.n;
    const sel = nearestRef(k.vectors, k.vectors[index], k.n - k.f);
    const got = monna(k.vectors, { f: k.f, index });
    assert.deepEqual(got.diagnostics.selected, sel);
    assertClose(got.aggregate, mean(sel.map((i) => k.vectors[i])), k.scale, 'MoNNA');
    const mixed = nnm(k.vectors, { f: k.f });
    k.vectors.forEach((x, i) => assertClose(mixed.vectors[i], mean(nearestRef(k.vectors, x, k.n - k.f).map((j) => k.vectors[j])), k.scale, `NNM y_${i}`));
  }), { numRuns: 150, seed: SEED });
});

test('static clipping and ARC equal their formulas; ARC clips ⌊2f(n − f)/n⌋ inputs to the next norm', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne), fc.constantFrom(0.5, 2, 1e4), (k, c) => {
    const norms = k.vectors.map((x) => dist(x, Array(k.d).fill(0)));
    staticClipping(k.vectors, { c }).vectors.forEach((y, i) => assertClose(y, Array.from(k.vectors[i], (x) => x * Math.min(1, c / norms[i])), k.scale, 'clipping'));
    const kk = Math.floor((2 * k.f * (k.n - k.f)) / k.n);
    const order = norms.map((r, i) => ({ r, i })).sort((a, b) => a.r - b.r || a.i - b.i);
    const thr = order[k.n - kk - 1].r;
    const got = arc(k.vectors, { f: k.f });
    assert.equal(got.diagnostics.clipped.length, kk);
    got.vectors.forEach((y, i) => {
      const clippedHere = order.slice(k.n - kk).some((o) => o.i === i);
      assertClose(y, Array.from(k.vectors[i], (x) => x * (clippedHere ? Math.min(1, thr / norms[i]) : 1)), k.scale, 'ARC');
      assert.ok(dist(y, Array(k.d).fill(0)) <= thr * (1 + 1e-12) || !clippedHere);
    });
  }), { numRuns: 150, seed: SEED });
});

test('clipping+average and arc+average (one weighted sum of the inputs) equal AVERAGE of the clipped copies bit for bit, diagnostics included, on any doubles and float32', () => {
  const cell = fc.oneof({ weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) }, { weight: 1, arbitrary: anyDoubleArb });
  const inputsArb = fc
    .record({ n: fc.integer({ min: 3, max: 9 }), d: fc.constantFrom(1, 3, 255, 256, 300), float32: fc.boolean(), c: fc.constantFrom(0.5, 2, 1e4, 1e300) })
    .chain(({ n, d, float32, c }) => fc.tuple(fc.array(fc.array(cell, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }), fc.constant(float32), fc.constant(c)));
  fc.assert(fc.property(inputsArb, ([rows, float32, c]) => {
    const vectors: InputVectors = rows.map((r) => (float32 ? Float32Array.from(r) : Float64Array.from(r)));
    const f = Math.floor((vectors.length - 1) / 2);
    const unfused = {
      clipping: () => {
        const stage = staticClipping(vectors, { c });
        const out = average(stage.vectors);
        return { aggregate: out.aggregate, diagnostics: { preaggregation: [{ name: 'clipping', ...stage.diagnostics }], rule: out.diagnostics } };
      },
      arc: () => {
        const stage = arc(vectors, { f });
        const out = average(stage.vectors);
        return { aggregate: out.aggregate, diagnostics: { preaggregation: [{ name: 'arc', ...stage.diagnostics }], rule: out.diagnostics } };
      },
    };
    for (const pre of ['clipping', 'arc'] as const) {
      const got = aggregateNamed(`${pre}+average`, vectors, f, pre === 'clipping' ? { c } : {});
      const want = unfused[pre]();
      assert.deepEqual(Array.from(got.aggregate, (x) => Object.is(x, -0) ? '-0' : x), Array.from(want.aggregate, (x) => Object.is(x, -0) ? '-0' : x), `${pre}+average`);
      assert.deepEqual(got.diagnostics, want.diagnostics, `${pre}+average diagnostics`);
    }
  }), { numRuns: 300, seed: SEED });
});

test("ByzFL's smoothed Weiszfeld and mean Krum scores equal their references", () => {
  fc.assert(fc.property(caseArb((f) => 2 * f + 3), fc.integer({ min: 1, max: 5 }), (k, iterations) => {
    assertClose(smoothedWeiszfeld(k.vectors, { iterations }).aggregate, smoothedWeiszfeldRef(k.vectors, 0.1, iterations), k.scale, 'smoothed Weiszfeld');
    // dividing every score by k keeps the order: the selection of the workbook's MULTI-KRUM (general position)
    assert.deepEqual(multiKrumMeanScores(k.vectors, { f: k.f }).diagnostics.selected, multiKrum(k.vectors, { f: k.f }).diagnostics.selected);
  }), { numRuns: 100, seed: SEED });
});

test('bucketing: buckets of s from the seeded permutation, each output the mean of its bucket; same seed, same buckets', () => {
  fc.assert(fc.property(caseArb((f) => f + 1, { maxExtra: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), (k, sRaw, seed) => {
    const s = Math.min(sRaw, k.n);
    const got = bucketing(k.vectors, { s, seed });
    const perm = bucketPermutation(k.n, seed);
    assert.deepEqual([...perm].sort((a, b) => a - b), Array.from({ length: k.n }, (_, i) => i), 'a permutation');
    assert.equal(got.vectors.length, Math.ceil(k.n / s));
    got.diagnostics.buckets.forEach((b, j) => {
      assert.deepEqual(b, perm.slice(j * s, (j + 1) * s));
      assertClose(got.vectors[j], mean(b.map((i) => k.vectors[i])), k.scale, 'bucket mean');
    });
    assert.deepEqual(bucketing(k.vectors, { s, seed }).diagnostics.buckets, got.diagnostics.buckets, 'deterministic');
  }), { numRuns: 100, seed: SEED });
  // the seed matters: over 20 seeds, 8 inputs are not always bucketed alike
  const seen = new Set(Array.from({ length: 20 }, (_, seed) => bucketPermutation(8, seed).join()));
  assert.ok(seen.size > 1);
});

// ------------------------------------------------------------------ invariances and bounds

interface Spec {
  name: string;
  minN: (f: number) => number;
  run: (v: InputVectors, f: number) => Float64Array;
  /** Permutation-invariant rules; MoNNA is invariant under permutations fixing its index 0. */
  permutation: 'invariant' | 'fixing-0' | 'none';
  translation: boolean;
  rtol?: number;
}

const SPECS: Spec[] = [
  { name: 'MEAMED', minN: twoFPlusOne, run: (v, f) => meamed(v, { f }).aggregate, permutation: 'invariant', translation: true },
  { name: 'PHOCAS', minN: twoFPlusOne, run: (v, f) => phocas(v, { f }).aggregate, permutation: 'invariant', translation: true },
  { name: 'CENTERED-CLIPPING (start median)', minN: (f) => f + 1, run: (v, f) => centeredClipping(v, { f, tau: 1, iterations: 3, start: 'median' }).aggregate, permutation: 'invariant', translation: true },
  { name: 'MDA', minN: twoFPlusOne, run: (v, f) => mda(v, { f }).aggregate, permutation: 'invariant', translation: true },
  { name: 'SMEA', minN: twoFPlusOne, run: (v, f) => smea(v, { f }).aggregate, permutation: 'invariant', translation: true },
  { name: 'CAF', minN: twoFPlusOne, run: (v, f) => caf(v, { f }).aggregate, permutation: 'invariant', translation: true, rtol: 1e-7 },
  { name: 'MONNA', minN: twoFPlusOne, run: (v, f) => monna(v, { f }).aggregate, permutation: 'fixing-0', translation: true },
  { name: 'MULTI-KRUM ∘ NNM', minN: (f) => 2 * f + 3, run: (v, f) => aggregateNamed('nnm+multi-krum', v, f).aggregate, permutation: 'invariant', translation: true },
  { name: 'MEDIAN ∘ ARC', minN: twoFPlusOne, run: (v, f) => aggregateNamed('arc+median', v, f).aggregate, permutation: 'invariant', translation: false },
];

for (const spec of SPECS) {
  test(`${spec.name}: ${spec.permutation === 'none' ? '' : 'permutation '}${spec.translation ? 'and translation ' : ''}properties`, () => {
    fc.assert(fc.property(caseArb(spec.minN, { maxF: 2, maxExtra: 2, maxD: 3 }), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(1, -1e3, 1e6), (k, pseed, shift) => {
      const base = spec.run(k.vectors, k.f);
      const rtol = spec.rtol ?? RTOL;
      if (spec.permutation !== 'none') {
        let perm = permutationOf(k.n, pseed);
        if (spec.permutation === 'fixing-0') perm = [0, ...perm.filter((i) => i !== 0)];
        assertClose(spec.run(perm.map((i) => k.vectors[i]), k.f), base, k.scale, `${spec.name} permuted by ${perm}`, rtol);
      }
      if (spec.translation) {
        const t = Float64Array.from({ length: k.d }, (_, c) => shift * (c + 1) * (k.scale / 10));
        const moved = spec.run(k.vectors.map((v) => v.map((x, c) => x + t[c])), k.f);
        assertClose(moved, base.map((x, c) => x + t[c]), k.scale + Math.abs(shift) * k.d * k.scale, `${spec.name} translated by ${arr(t)}`, rtol);
      }
    }), { numRuns: 60, seed: SEED });
  });
}

test('bounds: MeaMed/Phocas within R of their centre, MDA within Δ of the correct inputs it kept, CAF/SMEA in the hull, CC within Lτ of its start', () => {
  fc.assert(fc.property(caseArb(twoFPlusOne, { maxF: 2, maxExtra: 3, maxD: 3 }), (k) => {
    const correct = k.vectors.slice(0, k.n - k.f);
    const slack = 1e-9 * k.scale;
    for (const [name, out, centre] of [
      ['MEAMED', meamed(k.vectors, { f: k.f }).aggregate, Array.from(k.vectors[0], (_, c) => medianRef(k.vectors.map((v) => v[c])))],
      ['PHOCAS', phocas(k.vectors, { f: k.f }).aggregate, Array.from(k.vectors[0], (_, c) => trimmedMeanRef(k.vectors.map((v) => v[c]), k.f))],
    ] as const) {
      for (let c = 0; c < k.d; c++) {
        const R = Math.max(...correct.map((v) => Math.abs(v[c] - centre[c])));
        assert.ok(Math.abs(out[c] - centre[c]) <= R + slack, `${name} coordinate ${c}: |${out[c]} − ${centre[c]}| > ${R}`);
      }
    }
    const delta = Math.max(...correct.flatMap((x) => correct.map((y) => dist(x, y))));
    const m = mda(k.vectors, { f: k.f });
    const keptCorrect = m.diagnostics.selected.filter((i) => i < k.n - k.f);
    assert.ok(keptCorrect.length >= k.n - 2 * k.f);
    for (const i of keptCorrect) assert.ok(dist(m.aggregate, k.vectors[i]) <= delta + slack, `MDA ${dist(m.aggregate, k.vectors[i])} > Δ = ${delta}`);
    for (const [name, out] of [['CAF', caf(k.vectors, { f: k.f }).aggregate], ['SMEA', smea(k.vectors, { f: k.f }).aggregate]] as const) {
      for (let c = 0; c < k.d; c++) {
        const xs = k.vectors.map((v) => v[c]);
        assert.ok(out[c] >= Math.min(...xs) - slack && out[c] <= Math.max(...xs) + slack, `${name} outside the hull in coordinate ${c}`);
      }
    }
    const tau = k.scale / 100;
    const cc = centeredClipping(k.vectors, { f: k.f, tau, iterations: 3 });
    assert.ok(dist(cc.aggregate, Array(k.d).fill(0)) <= 3 * tau * (1 + 1e-12));
  }), { numRuns: 80, seed: SEED });
});

// ------------------------------------------------------------------ non-finite inputs, admissibility, Float32Array

const NEW_RULES = ['centered-clipping', 'mda', 'meamed', 'phocas', 'monna', 'caf', 'smea', 'nnm+multi-krum', 'arc+median', 'bucketing+geometric-median', 'clipping+trimmed-mean', 'nnm+meamed'];
const minNOf = (name: string) => (f: number) => (name.endsWith('krum') ? 2 * f + 3 : name.startsWith('bucketing') ? 2 * (2 * f + 1) : 2 * f + 1);

test('non-finite Byzantine inputs: at most f of them give a finite output and no notice; f + 1 of them give a notice or NaN', () => {
  const nonFinite = fc.constantFrom(NaN, Infinity, -Infinity);
  for (const name of NEW_RULES) {
    fc.assert(fc.property(caseArb(minNOf(name), { maxF: 2, maxExtra: 2, maxD: 3 }).filter((k) => k.f >= 1), nonFinite, fc.constantFrom(1e308, -1.7e308, 1), (k, bad, huge) => {
      // the f Byzantine inputs: one coordinate non-finite, the others huge (never reached by the output)
      const vs = k.vectors.map((v, i) => (i < k.n - k.f ? v : v.map((_, c) => (c === 0 ? bad : huge))));
      // MoNNA's trusted index 0 is a correct input; bucketing with s = 2 on 2(2f + 1) inputs leaves at most f bad buckets
      const r = aggregateNamed(name, vs, k.f) as { aggregate: Float64Array; diagnostics: { outsideGuarantee?: OutsideGuarantee; rule?: { outsideGuarantee?: OutsideGuarantee } } };
      assert.ok(arr(r.aggregate).every(Number.isFinite), `${name}: [${arr(r.aggregate)}]`);
      assert.equal(r.diagnostics.outsideGuarantee ?? r.diagnostics.rule?.outsideGuarantee, undefined, name);
      if (name.includes('+')) return; // a pre-aggregator may mix one bad input into several vectors: beyond f, anything goes
      const worse = vs.map((v, i) => (i === 0 ? v.map(() => NaN) : v));
      const w = aggregateNamed(name, worse, k.f) as { aggregate: Float64Array; diagnostics: { outsideGuarantee?: OutsideGuarantee } };
      assert.ok(w.diagnostics.outsideGuarantee !== undefined || arr(w.aggregate).some((x) => x !== x), `${name}: f + 1 non-finite inputs and no notice`);
      assert.ok(arr(w.aggregate).every((x) => x === x ? Number.isFinite(x) : true), `${name}: an infinite output coordinate`);
    }), { numRuns: 40, seed: SEED });
  }
});

test('huge finite inputs (1e308) give finite outputs', () => {
  const vs = line(1.7e308, -1.7e308, 1e308, 0, -1e308);
  for (const name of NEW_RULES.filter((n) => !n.endsWith('krum'))) {
    assert.ok(arr(aggregateNamed(name, vs, 1, { tau: 1e308 }).aggregate).every(Number.isFinite), name);
  }
  assert.ok(arr(aggregateNamed('nnm+multi-krum', [...vs, ...line(5, 6)], 1).aggregate).every(Number.isFinite));
});

test('CENTERED-CLIPPING ignores exactly the inputs with a non-finite coordinate, not a finite one whose distance overflows (d = 2 and d = 300)', () => {
  for (const d of [2, 300]) {
    const filled = (x: number) => new Float64Array(d).fill(x);
    const nan = filled(0.5); nan[d - 1] = NaN;
    const huge = filled(1.7e308); // finite, but ‖huge − v‖² overflows: weight 0, yet not ignored
    const ok = [filled(1), filled(-1), filled(2)];
    const r = centeredClipping([nan, ...ok, huge], { f: 2, tau: 1 });
    assert.deepEqual(r.diagnostics.ignored, [0], `d = ${d}`);
    // Only the three finite, reachable inputs move v from 0: each clipped to radius 1, then averaged over n = 5.
    const expected = (1 + -1 + 1) / Math.sqrt(d) / 5;
    for (const x of r.aggregate) assert.ok(Math.abs(x - expected) <= 1e-15, `d = ${d}: ${x} against ${expected}`);
  }
});

test('admissibility: one line naming the rule and the range', () => {
  const oneLine = (fn: () => unknown, msg: string) => assert.throws(fn, (e: unknown) => e instanceof AdmissibilityError && e.message === msg && !e.message.includes('\n'));
  const four = line(0, 1, 2, 3);
  oneLine(() => meamed(four, { f: 2 }), 'MEAMED needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => phocas(four, { f: 2 }), 'PHOCAS needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => mda(four, { f: 2 }), 'MDA needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => smea(four, { f: 2 }), 'SMEA needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => caf(four, { f: 2 }), 'CAF needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => monna(four, { f: 1, index: 4 }), 'MONNA needs an integer index in [0, 3]; got index = 4');
  oneLine(() => nnm(four, { f: 2 }), 'NNM needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => arc(four, { f: 2 }), 'ARC needs n >= 2f + 1; got n = 4, f = 2');
  oneLine(() => bucketing(four, { s: 5 }), 'BUCKETING needs an integer s in [1, 4]; got s = 5');
  oneLine(() => staticClipping(four, { c: 0 }), 'CLIPPING needs a clipping threshold c > 0, finite; got c = 0');
  oneLine(() => centeredClipping(four, { tau: -1 }), 'CENTERED-CLIPPING needs a clipping radius tau > 0, finite; got tau = -1');
  oneLine(() => centeredClipping(four, { iterations: 0 }), 'CENTERED-CLIPPING needs an integer iterations in [1, 1000000]; got iterations = 0');
  oneLine(() => meamed(four, { f: 1, even: 'middle' as 'lower' }), 'MEAMED needs even among midpoint, lower, upper; got even = middle');
  oneLine(() => makeGar('nnm+krum', { tau: 'x' as unknown as number, start: 'one' as 'zero' }), 'KRUM ∘ NNM needs start among zero, median; got start = one');
  oneLine(() => makeGar('nmm+krum'), 'makeGar needs pre-aggregators among nnm, arc, bucketing, clipping before the rule (pre+rule); got name = nmm+krum');
  // the combinatorial rules refuse, with the estimate, what would not finish
  oneLine(() => mda(Array.from({ length: 51 }, (_, i) => Float64Array.of(i)), { f: 12 }), 'MDA needs at most 10 s of subset enumeration (maxSeconds); got n = 51, f = 12, subsets = C(51, 12) = 1.6e+11, estimate = 65 h');
  oneLine(() => smea(Array.from({ length: 31 }, (_, i) => Float64Array.of(i)), { f: 7 }), 'SMEA needs at most 10 s of subset enumeration (maxSeconds); got n = 31, f = 7, subsets = C(31, 7) = 2.6e+6, estimate = 1.0 h');
  oneLine(() => smea(Array.from({ length: 15 }, (_, i) => Float64Array.of(i)), { f: 3, maxSeconds: 0.01 }), 'SMEA needs at most 0.01 s of subset enumeration (maxSeconds); got n = 15, f = 3, subsets = C(15, 3) = 4.6e+2, estimate = 0.079 s');
});

test('Float32Array inputs: every catalogue rule gives, bit for bit, its output on the float64 copies', () => {
  fc.assert(fc.property(caseArb((f) => 4 * f + 3, { maxF: 1, maxExtra: 2, maxD: 5 }), (k) => {
    const f32 = k.vectors.map((v) => Float32Array.from(v));
    const f64 = f32.map((v) => Float64Array.from(v));
    for (const name of [...CATALOGUE_RULE_NAMES, 'nnm+krum', 'arc+meamed', 'bucketing+mda', 'clipping+average']) {
      if (!catalogueGar(name).admissible(k.n, k.f)) continue;
      const a = aggregateNamed(name, f32, k.f).aggregate, b = aggregateNamed(name, f64, k.f).aggregate;
      assert.ok(arr(a).every((x, c) => Object.is(x, b[c])), `${name}: [${arr(a)}] vs [${arr(b)}]`);
    }
  }), { numRuns: 30, seed: SEED });
});

test('composition by name: nnm+multi-krum is MULTI-KRUM on the NNM mixtures; admissibility counts the pre-aggregated vectors', () => {
  const vs = Array.from({ length: 9 }, (_, i) => Float64Array.of(i * i, -i));
  const mixed = nnm(vs, { f: 2 }).vectors;
  assert.deepEqual(arr(makeGar('nnm+multi-krum').aggregate(vs, 2)), arr(multiKrum(mixed, { f: 2 }).aggregate));
  const gar = makeGar('bucketing+krum', { s: 2 });
  assert.equal(gar.name, 'KRUM ∘ BUCKETING(s=2)');
  assert.equal(gar.admissible(10, 1), true); // 5 buckets >= 2·1 + 3
  assert.equal(gar.admissible(9, 1), true); // 5 buckets (the last of one)
  assert.equal(gar.admissible(8, 1), false); // 4 buckets
  assert.deepEqual(gar.rule, { name: 'bucketing+krum', params: { s: 2 } });
  // every catalogue name and pre-aggregator is reachable by name
  for (const name of CATALOGUE_RULE_NAMES) assert.equal(catalogueGar(name).name, CATALOGUE_RULES[name].display);
  for (const pre of PREAGGREGATOR_NAMES) assert.ok(catalogueGar(`${pre}+average`).aggregate(vs, 2).every(Number.isFinite));
  // the paper's eight rules through makeGar are unchanged (the same function, the same bits)
  assert.deepEqual(arr(makeGar('multi-krum').aggregate(vs, 2)), arr(multiKrum(vs, { f: 2 }).aggregate));
  assert.deepEqual(arr(makeGar('median', { even: 'lower' }).aggregate(line(1, 2, 3, 10), 1)), [2]);
  assert.deepEqual(arr(makeGar('krum', { scores: 'mean' }).aggregate(vs, 2)), arr(multiKrum(vs, { f: 2, m: 1 }).aggregate));
});
