/**
 * Property tests of the aggregation rules (issue 2), with fast-check. Every
 * property states its number of runs and a fixed seed, so a failure is
 * reproducible; fast-check prints the shrunk counterexample and its path.
 *
 * Inputs come from property-tests/support/arbitraries.ts: Gaussian clouds,
 * exact duplicates, integer grids (exact ties), near-duplicates 1 ulp apart,
 * clusters, huge values (1e150, 1e154, 1e300), and Byzantine vectors made of
 * any doubles, NaN and ±Infinity included.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/rules-properties.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { average } from '../lib/rules/average';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { geometricMedian } from '../lib/rules/geometricMedian';
import { krum, multiKrum, type MultiKrumOptions } from '../lib/rules/krum';
import { bulyan } from '../lib/rules/bulyan';
import { aggregathor, directScore } from '../lib/rules/aggregathor';
import { pairwiseDistances } from '../lib/rules/pairwise';
import { isFiniteVector, type Vectors } from '../lib/vectors';
import { multiKrumRef, krumScoresRef, meanRef } from '../lib/rules/reference';
import {
  MIN_N,
  scenarioArb,
  permutationArb,
  closeVectors,
  sameVectors,
  magnitude,
  show,
  type MinN,
  type Family,
} from './support/arbitraries';

/** A rule under test: its admissibility bound and the tolerance of its equivariance properties. */
interface RuleUnderTest {
  name: string;
  minN: MinN;
  run: (v: Vectors, f: number) => Float64Array;
  /**
   * Relative tolerance (times the input magnitude) of permutation/translation
   * equivariance: rounding of sums for the averaging rules (1e-12); the
   * geometric median stops when a Weiszfeld step is below 1e-10 × the mean
   * distance to the inputs, so two runs agree only to about that, amplified by
   * the convergence rate (1e-6).
   */
  rtol: number;
  /**
   * True when the rule's selection meets a tie in score (exact, or within
   * rounding), where the tie-break by index or the rounding decides (so a permutation may legitimately change the
   * output). Absent for rules that select nothing.
   */
  tied?: (v: Vectors, f: number) => boolean;
  /** Smallest f of the permutation test (BULYAN ties structurally whenever f <= 2, see below). */
  minF?: number;
}

/** Equal, or within 1e-12 relative (a sum in another order, or a running sum minus a term, may round either way). */
const nearlyEqual = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

/** A tie (exact or within rounding) in `scores` across the cut after the first `cut` of `order`. */
function tieAtCut(order: readonly number[], scores: ArrayLike<number>, cut: number): boolean {
  return cut < order.length && nearlyEqual(scores[order[cut - 1]], scores[order[cut]]);
}

/** MULTI-KRUM: a tie between the m-th selected score and the next one. */
function multiKrumTied(v: Vectors, options: MultiKrumOptions): boolean {
  const { diagnostics: d } = multiKrum(v, options);
  const order = Array.from({ length: d.n }, (_, i) => i).sort((a, b) => d.scores[a] - d.scores[b] || a - b);
  return tieAtCut(order, d.scores, d.m);
}

/** BULYAN: some repeated-Krum round whose best score is shared (rescored here with the reference scores). */
function bulyanTied(v: Vectors, f: number): boolean {
  const { diagnostics: d } = bulyan(v, { f });
  let remaining = v.map((_, i) => i);
  return d.selected.some((chosen, r) => {
    const scores = krumScoresRef(v, remaining, d.roundK[r]);
    const best = Math.min(...remaining.map((i) => scores.get(i)!.score));
    const tie = remaining.filter((i) => nearlyEqual(scores.get(i)!.score, best)).length > 1;
    remaining = remaining.filter((i) => i !== chosen);
    return tie;
  });
}

/** BULYAN: some repeated-Krum round whose best score is shared by two vectors that are not copies of each other. */
function bulyanTiesDistinctVectors(v: Vectors, f: number): boolean {
  const { diagnostics: d } = bulyan(v, { f });
  let remaining = v.map((_, i) => i);
  return d.selected.some((chosen, r) => {
    const scores = krumScoresRef(v, remaining, d.roundK[r]);
    const best = Math.min(...remaining.map((i) => scores.get(i)!.score));
    const tied = remaining.filter((i) => scores.get(i)!.score === best);
    remaining = remaining.filter((i) => i !== chosen);
    return tied.some((i) => !sameVectors(v[i], v[tied[0]]));
  });
}

/**
 * AGGREGATHOR: some round where the removed vector's or the last averaged
 * vector's score is shared, or where, in some coordinate, the β-th and
 * (β+1)-th round outputs closest to their median are equally far (within
 * rounding: the round outputs are averages, rounded).
 *
 * Ties are not rare here: under the incremental update, two vectors whose
 * only remaining original neighbours are each other both score d(i, j) —
 * an exact tie in exact arithmetic, which the subtractions turn into a near tie
 * decided by rounding.
 */
function aggregathorTied(v: Vectors, f: number, scoreUpdate: 'incremental' | 'recompute'): boolean {
  const { diagnostics: d } = aggregathor(v, { f, scoreUpdate });
  const scoreTie = d.scoresByRound.some((scores, r) => {
    const order = Array.from({ length: d.n }, (_, i) => i).filter((i) => !Number.isNaN(scores[i])).sort((a, b) => scores[a] - scores[b] || a - b);
    return tieAtCut(order, scores, 1) || tieAtCut(order, scores, Math.max(1, d.m - r));
  });
  if (scoreTie) return true;
  const outputs = d.rounds.map((r) => meanRef(v, r.averaged));
  for (let c = 0; c < v[0].length; c++) {
    const col = outputs.map((y) => y[c]).sort((a, b) => a - b);
    const t = col.length, med = t % 2 ? col[(t - 1) / 2] : col[t / 2 - 1] / 2 + col[t / 2] / 2;
    const dist = col.map((y) => Math.abs(y - med)).sort((a, b) => a - b);
    const scale = Math.max(...col.map(Math.abs), 1e-300);
    if (d.beta < t && Math.abs(dist[d.beta - 1] - dist[d.beta]) <= 1e-9 * scale) return true;
  }
  return false;
}

const RULES: RuleUnderTest[] = [
  { name: 'AVERAGE', minN: MIN_N.average, run: (v) => average(v).aggregate, rtol: 1e-12 },
  { name: 'MEDIAN', minN: MIN_N.median, run: (v, f) => coordinateMedian(v, f).aggregate, rtol: 0 },
  { name: 'TRIMMED-MEAN', minN: MIN_N.median, run: (v, f) => trimmedMean(v, f).aggregate, rtol: 1e-12 },
  { name: 'GEOMETRIC-MEDIAN', minN: MIN_N.median, run: (v, f) => geometricMedian(v, { f }).aggregate, rtol: 1e-6 },
  { name: 'KRUM', minN: MIN_N.krum, run: (v, f) => krum(v, { f }).aggregate, rtol: 0, tied: (v, f) => multiKrumTied(v, { f, m: 1 }) },
  { name: 'MULTI-KRUM', minN: MIN_N.krum, run: (v, f) => multiKrum(v, { f }).aggregate, rtol: 1e-12, tied: (v, f) => multiKrumTied(v, { f }) },
  {
    name: 'MULTI-KRUM k=m=1+f, plain distances', minN: MIN_N.krum, rtol: 1e-12,
    run: (v, f) => multiKrum(v, { f, k: f + 1, m: f + 1, distance: 'euclidean' }).aggregate,
    tied: (v, f) => multiKrumTied(v, { f, k: f + 1, m: f + 1, distance: 'euclidean' }),
  },
  { name: 'BULYAN', minN: MIN_N.bulyan, run: (v, f) => bulyan(v, { f }).aggregate, rtol: 1e-12, tied: bulyanTied, minF: 3 },
  {
    name: 'AGGREGATHOR incremental', minN: MIN_N.bulyan, rtol: 1e-12,
    run: (v, f) => aggregathor(v, { f, scoreUpdate: 'incremental' }).aggregate,
    tied: (v, f) => aggregathorTied(v, f, 'incremental'),
  },
  {
    name: 'AGGREGATHOR recompute', minN: MIN_N.bulyan, rtol: 1e-12,
    run: (v, f) => aggregathor(v, { f, scoreUpdate: 'recompute' }).aggregate,
    tied: (v, f) => aggregathorTied(v, f, 'recompute'),
  },
];

const ROBUST = RULES.filter((r) => r.name !== 'AVERAGE');
const SEED = 20260127;
const RUNS = 60;

/** Largest |x| over the finite coordinates of the inputs and of `also`. */
const scaleOf = (v: Vectors, ...also: Float64Array[]) => Math.max(1, magnitude([...v, ...also]));

// ================================================================== permutation invariance

for (const rule of RULES) {
  test(`${rule.name}: invariant under permutation of its inputs (Gaussian clouds, no exact score tie; within ${rule.rtol} × magnitude)`, () => {
    // In a Gaussian cloud distances are distinct, so the selection is the same set
    // of vectors and only the summation order of the averages changes — except
    // where a score tie is structural: with one neighbour per score (Krum with
    // n = f + 3, BULYAN's and AGGREGATHOR's late rounds) the two vectors of the
    // closest pair always tie, and the index decides. Those cases are skipped
    // here (fc.pre) and shown in the test after this loop.
    fc.assert(
      fc.property(
        scenarioArb({ minN: rule.minN, families: ['gaussian'], byzantine: 'family', minF: rule.minF, maxF: Math.max(3, rule.minF ?? 0) }).chain((s) => fc.tuple(fc.constant(s), permutationArb(s.n))),
        ([s, perm]) => {
          fc.pre(!rule.tied?.(s.vectors, s.f));
          const a = rule.run(s.vectors, s.f);
          const b = rule.run(perm.map((i) => s.vectors[i]), s.f);
          assert.ok(closeVectors(a, b, rule.rtol, scaleOf(s.vectors)), `${show(a)} vs permuted ${show(b)}`);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
}

/** The selected vectors of a Krum-type rule, as a sorted list of their values (a multiset). */
const selectedValues = (v: Vectors, selected: readonly number[]) => selected.map((i) => Array.from(v[i]).join(',')).sort();

test('MULTI-KRUM with exact duplicates and non-finite Byzantine inputs: the selected vectors are permutation invariant as a multiset', () => {
  // Up to ties: copies of a vector tie in score and are told apart by index, but a
  // multiset of values does not see which copy was taken. k >= 2 (n >= f + 4): with one
  // neighbour per score the closest pair of distinct vectors ties too.
  fc.assert(
    fc.property(
      scenarioArb({ minN: MIN_N.krum, families: ['duplicates'], byzantine: 'non-finite' })
        .filter((s) => s.n >= s.f + 4)
        .chain((s) => fc.tuple(fc.constant(s), permutationArb(s.n))),
      ([s, perm]) => {
        // skip a tie at the cut between two *different* vectors (A, A, B, B: all four score d(A, B))
        const { diagnostics: d } = multiKrum(s.vectors, { f: s.f });
        const order = Array.from({ length: s.n }, (_, i) => i).sort((a, b) => d.scores[a] - d.scores[b] || Number(isFiniteVector(s.vectors[b])) - Number(isFiniteVector(s.vectors[a])) || a - b);
        // (A, A, B, B, C with k = 3: A and B both score 2·d(A, B), and which copies fill the cut depends on indices)
        const atCut = d.scores[order[d.m - 1]];
        const group = order.filter((i) => d.scores[i] === atCut);
        const straddles = group.some((i) => order.indexOf(i) >= d.m);
        fc.pre(!straddles || group.every((i) => sameVectors(s.vectors[i], s.vectors[group[0]])));
        const p = perm.map((i) => s.vectors[i]);
        const mk = multiKrum(s.vectors, { f: s.f }), mkp = multiKrum(p, { f: s.f });
        assert.deepEqual(selectedValues(p, mkp.diagnostics.selected), selectedValues(s.vectors, mk.diagnostics.selected));
      },
    ),
    { numRuns: 100, seed: SEED },
  );
});

test('BULYAN with exact duplicates and non-finite Byzantine inputs, f >= 3: the selected vectors are permutation invariant as a multiset', () => {
  // f >= 3 keeps k = |R| − f − 2 >= 2 in every repeated-Krum round (see the structural
  // tie of the k = 1 rounds at the end of this file).
  fc.assert(
    fc.property(
      scenarioArb({ minN: MIN_N.bulyan, families: ['duplicates'], byzantine: 'non-finite', minF: 3, maxF: 3 }).chain((s) => fc.tuple(fc.constant(s), permutationArb(s.n))),
      ([s, perm]) => {
        fc.pre(!bulyanTiesDistinctVectors(s.vectors, s.f));
        const p = perm.map((i) => s.vectors[i]);
        const bu = bulyan(s.vectors, { f: s.f }), bup = bulyan(p, { f: s.f });
        assert.deepEqual(selectedValues(p, bup.diagnostics.selected), selectedValues(s.vectors, bu.diagnostics.selected));
      },
    ),
    { numRuns: 50, seed: SEED },
  );
});

// ================================================================== translation and scaling

/** A translation vector of dimension d: integers in [−100, 100] (exact on integer grids) or any value in [−1e3, 1e3]. */
const translationArb = (d: number, integer: boolean) =>
  fc.array(integer ? fc.integer({ min: -100, max: 100 }) : fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: d, maxLength: d }).map((t) => Float64Array.from(t));

for (const rule of RULES) {
  for (const family of ['gaussian', 'integer-grid'] as Family[]) {
    test(`${rule.name}: translation equivariant, R(x + t) = R(x) + t (${family}; within ${Math.max(rule.rtol, 1e-12)} × (|x| + |t|))`, () => {
      fc.assert(
        fc.property(
          scenarioArb({ minN: rule.minN, families: [family], byzantine: 'family' }).chain((s) => fc.tuple(fc.constant(s), translationArb(s.d, family === 'integer-grid'))),
          ([s, t]) => {
            if (rule.name.startsWith('AGGREGATHOR')) fc.pre(!rule.tied!(s.vectors, s.f));
            const moved = s.vectors.map((v) => v.map((x, c) => x + t[c]));
            const expected = rule.run(s.vectors, s.f).map((x, c) => x + t[c]);
            const got = rule.run(moved, s.f);
            assert.ok(closeVectors(got, expected, Math.max(rule.rtol, 1e-12), scaleOf(s.vectors, t)), `R(x + t) = ${show(got)}, R(x) + t = ${show(expected)}`);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
}

/** Positive scale factors: powers of two 2^−20 … 2^20 (exact in floating point) or any value in [1e-3, 1e3]. */
const powerOfTwoArb = fc.integer({ min: -20, max: 20 }).map((j) => 2 ** j);

for (const rule of RULES) {
  const exact = rule.name !== 'GEOMETRIC-MEDIAN';
  test(`${rule.name}: positive-scaling equivariant, R(s·x) = s·R(x)${exact ? ' bit for bit for s = 2^j' : ' within 1e-6 (iterative: two runs stop at different iterates)'}, all finite families, non-finite Byzantine inputs`, () => {
    // Multiplying by 2^j is exact (no overflow or underflow at these magnitudes),
    // so distances, scores, ties and sums scale exactly and nothing may change.
    fc.assert(
      fc.property(
        scenarioArb({ minN: rule.minN, families: ['gaussian', 'integer-grid', 'duplicates', 'near-duplicates', 'clusters'], byzantine: 'mixed' })
          .filter((s) => s.vectors.every((v) => v.every((x) => !Number.isFinite(x) || x === 0 || (Math.abs(x) < 1e100 && Math.abs(x) > 1e-200))))
          .chain((s) => fc.tuple(fc.constant(s), powerOfTwoArb)),
        ([s, k]) => {
          const got = rule.run(s.vectors.map((v) => v.map((x) => k * x)), s.f);
          const expected = rule.run(s.vectors, s.f).map((x) => k * x);
          if (exact) assert.ok(sameVectors(got, expected), `R(s·x) = ${show(got)}, s·R(x) = ${show(expected)}, s = ${k}`);
          else assert.ok(closeVectors(got, expected, 1e-6, k * scaleOf(s.vectors)), `R(s·x) = ${show(got)}, s·R(x) = ${show(expected)}, s = ${k}`);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test(`${rule.name}: positive-scaling equivariant for any s in [1e-3, 1e3] (Gaussian clouds; within ${Math.max(rule.rtol, 1e-12)} × s·|x|)`, () => {
    fc.assert(
      fc.property(
        scenarioArb({ minN: rule.minN, families: ['gaussian'], byzantine: 'family' }).chain((s) => fc.tuple(fc.constant(s), fc.double({ min: 1e-3, max: 1e3, noNaN: true }))),
        ([s, k]) => {
          if (rule.name.startsWith('AGGREGATHOR')) fc.pre(!rule.tied!(s.vectors, s.f));
          const got = rule.run(s.vectors.map((v) => v.map((x) => k * x)), s.f);
          const expected = rule.run(s.vectors, s.f).map((x) => k * x);
          assert.ok(closeVectors(got, expected, Math.max(rule.rtol, 1e-12), k * scaleOf(s.vectors)), `R(s·x) = ${show(got)}, s·R(x) = ${show(expected)}, s = ${k}`);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
}

// ================================================================== Krum

test('KRUM outputs one of its inputs, bit for bit: the lowest-scoring one (all families, any Byzantine input)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum }), fc.option(fc.integer({ min: 1, max: 20 })), (s, kRaw) => {
      const k = kRaw === null ? undefined : 1 + (kRaw % (s.n - 1));
      const { aggregate, diagnostics } = krum(s.vectors, { f: s.f, k });
      const [i] = diagnostics.selected;
      assert.ok(sameVectors(aggregate, s.vectors[i]), `output ${show(aggregate)} is not input ${i} ${show(s.vectors[i])}`);
      // i has the least score; among equal scores, finite vectors first, then the lowest index
      for (let j = 0; j < s.n; j++) {
        const sj = diagnostics.scores[j], si = diagnostics.scores[i];
        assert.ok(si < sj || (si === sj && (isFiniteVector(s.vectors[i]) > isFiniteVector(s.vectors[j]) || (isFiniteVector(s.vectors[i]) === isFiniteVector(s.vectors[j]) && i <= j))), `score ${i} = ${si} vs ${j} = ${sj}`);
      }
    }),
    { numRuns: 200, seed: SEED },
  );
});

test('MULTI-KRUM with m = 1 equals KRUM, and both equal the reference MULTI-KRUM with m = 1 (any k, squared and plain distances)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum }), fc.nat(), fc.constantFrom('squared' as const, 'euclidean' as const), (s, kRaw, distance) => {
      const k = 1 + (kRaw % (s.n - 1));
      const mk = multiKrum(s.vectors, { f: s.f, m: 1, k, distance });
      const kr = krum(s.vectors, { f: s.f, k, distance });
      const ref = multiKrumRef(s.vectors, s.f, 1, k, distance === 'squared');
      assert.deepEqual(mk.diagnostics.selected, kr.diagnostics.selected);
      assert.ok(sameVectors(mk.aggregate, kr.aggregate));
      if (mk.diagnostics.selected[0] !== ref.selected[0]) {
        // only a near tie may go the other way (the kernels sum coordinates in another order)
        // (exact in at most one of the two arithmetics, else both break it by index alike)
        const i = mk.diagnostics.selected[0], j = ref.selected[0];
        const a = mk.diagnostics.scores[i], b = mk.diagnostics.scores[j];
        const refScores = krumScoresRef(s.vectors, s.vectors.map((_, t) => t), k, distance === 'squared');
        const ra = refScores.get(i)!.score, rb = refScores.get(j)!.score;
        assert.ok(nearlyEqual(a, b) && nearlyEqual(ra, rb) && !(a === b && ra === rb), `KRUM selected ${i} (score ${a}), reference ${j} (score ${b})`);
      } else assert.ok(sameVectors(mk.aggregate, ref.aggregate));
    }),
    { numRuns: 200, seed: SEED },
  );
});

// ================================================================== robustness guarantees

test('MEDIAN and TRIMMED-MEAN stay within the range of the correct values, per coordinate, when n >= 2f + 1 (Yin et al., ICML 2018)', () => {
  // Statement: for every coordinate c, min_{correct i} x_ic <= R(x)_c <= max_{correct i} x_ic,
  // whatever the f Byzantine vectors are (NaN and ±Infinity included). Both rules output
  // order statistics of rank f … n − 1 − f (or their average), which have at most f values on
  // either side. For the trimmed mean, the average of the kept values is rounded: allowed
  // slack 2n·ε·max(|min|, |max|).
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.median, byzantine: 'arbitrary', maxF: 4 }), (s) => {
      const correct = s.vectors.slice(0, s.n - s.f);
      const med = coordinateMedian(s.vectors, s.f).aggregate;
      const tm = trimmedMean(s.vectors, s.f).aggregate;
      for (let c = 0; c < s.d; c++) {
        const lo = Math.min(...correct.map((v) => v[c])), hi = Math.max(...correct.map((v) => v[c]));
        const slack = 2 * s.n * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi));
        assert.ok(lo <= med[c] && med[c] <= hi, `median ${med[c]} outside [${lo}, ${hi}] at coordinate ${c}`);
        assert.ok(lo - slack <= tm[c] && tm[c] <= hi + slack, `trimmed mean ${tm[c]} outside [${lo}, ${hi}] at coordinate ${c}`);
      }
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('KRUM and MULTI-KRUM never select a non-finite vector while m finite ones exist (any k, m)', () => {
  // A vector with a non-finite coordinate is +Infinity from every other, so its score is
  // +Infinity; a finite vector's score is finite or, when it too is +Infinity, it is
  // ranked first on the tie. So the first m selected are finite when m finite vectors exist.
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum, byzantine: 'mixed' }), fc.nat(), fc.nat(), (s, kRaw, mRaw) => {
      const k = 1 + (kRaw % (s.n - 1)), m = 1 + (mRaw % s.n);
      const finiteCount = s.vectors.filter(isFiniteVector).length;
      const { diagnostics } = multiKrum(s.vectors, { f: s.f, k, m });
      if (finiteCount >= m) for (const i of diagnostics.selected) assert.ok(isFiniteVector(s.vectors[i]), `selected non-finite ${i}: ${show(s.vectors[i])}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('BULYAN: the naive bound (within the correct range) fails, the proven one holds: within [2·lo − hi, 2·hi − lo] per coordinate', () => {
  // The example B in rules-examples shows an output below the correct minimum. What does
  // hold, deterministically, for n >= 4f + 3 and at most f Byzantine inputs:
  //  - the θ = n − 2f selected vectors contain at most f Byzantine ones, so their
  //    coordinate-wise median has at least f values on each side: it lies in [lo, hi],
  //    the range of the correct values of that coordinate;
  //  - the β = θ − 2f values closest to the median leave out 2f values, at least f of
  //    them correct; for f >= 1 every kept value is at most as far from the median as
  //    those correct left-out values, hence within hi − lo of the median (for f = 0 all
  //    selected values are correct and in [lo, hi]);
  //  - so the output lies in [lo − (hi − lo), hi + (hi − lo)] (up to rounding of the average).
  // Finite correct families; Byzantine inputs anything (non-finite ones are never selected).
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.bulyan, byzantine: 'mixed', maxF: 3 }), (s) => {
      const correct = s.vectors.slice(0, s.n - s.f);
      const out = bulyan(s.vectors, { f: s.f }).aggregate;
      for (let c = 0; c < s.d; c++) {
        const lo = Math.min(...correct.map((v) => v[c])), hi = Math.max(...correct.map((v) => v[c]));
        const w = hi - lo;
        const slack = 4 * s.n * Number.EPSILON * (Math.max(Math.abs(lo), Math.abs(hi)) + w);
        assert.ok(lo - w - slack <= out[c] && out[c] <= hi + w + slack, `BULYAN ${out[c]} outside [${lo - w}, ${hi + w}] at coordinate ${c}`);
      }
    }),
    { numRuns: 300, seed: SEED },
  );
});

// ================================================================== the non-finite rule

for (const rule of ROBUST) {
  test(`${rule.name}: with at most f non-finite inputs the output is finite (all families)`, () => {
    fc.assert(
      fc.property(scenarioArb({ minN: rule.minN, byzantine: 'non-finite' }), (s) => {
        const out = rule.run(s.vectors, s.f);
        assert.ok(isFiniteVector(out), `non-finite output ${show(out)} for ${show(s.vectors)} (f = ${s.f})`);
      }),
      { numRuns: 150, seed: SEED },
    );
  });
}

test('AVERAGE is not robust to non-finite input, by design: a coordinate with a NaN or ±Infinity input is NaN in the output (never ±Infinity)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.average, byzantine: 'non-finite' }), (s) => {
      const out = average(s.vectors).aggregate;
      for (let c = 0; c < s.d; c++) {
        const bad = s.vectors.some((v) => !Number.isFinite(v[c]));
        if (bad) assert.ok(Number.isNaN(out[c]), `coordinate ${c}: ${out[c]}`);
      }
    }),
    { numRuns: 150, seed: SEED },
  );
});

// ================================================================== AGGREGATHOR's incremental scores

test("AGGREGATHOR's incremental score update equals a direct evaluation of its definition in every round", () => {
  // Definition: in round r, score(i) = Σ over i's ORIGINAL neighbours j still present of
  // dist(i, j) (directScore). The implementation instead subtracts the removed vector's
  // distance from the running score. Exact on integer grids; elsewhere the subtraction
  // rounds, so the two agree within 1e-12 × the initial score (both +Infinity, or equal).
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.bulyan, byzantine: 'mixed', maxF: 3 }), (s) => {
      const { diagnostics } = aggregathor(s.vectors, { f: s.f, scoreUpdate: 'incremental' });
      // when distances overflowed, the scores are on the inputs scaled by 2^(scoreScaleLog2/2) (exact)
      const scale = 2 ** ((diagnostics.scoreScaleLog2 ?? 0) / 2);
      const dist = pairwiseDistances(s.vectors.map((v) => v.map((x) => x * scale)));
      let remaining = Array.from({ length: s.n }, (_, i) => i);
      diagnostics.scoresByRound.forEach((scores, r) => {
        for (const i of remaining) {
          const direct = directScore(i, remaining, diagnostics.neighbours, dist, s.n);
          const initial = diagnostics.scoresByRound[0][i];
          const integers = s.vectors.every((v) => v.every((x) => Number.isInteger(x) && Math.abs(x) <= 1e6)); // then every sum is exact
          const tol = integers ? 0 : 1e-12 * (Number.isFinite(initial) ? initial : direct);
          const ok = scores[i] === direct || Math.abs(scores[i] - direct) <= tol;
          assert.ok(ok, `round ${r}, vector ${i}: incremental ${scores[i]} vs direct ${direct}`);
        }
        remaining = remaining.filter((i) => i !== diagnostics.rounds[r].removed);
      });
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('BULYAN is not permutation invariant: in its late rounds (one neighbour per score) the closest pair always ties, and the index decides', () => {
  // Example B of rules-examples, x = [−70, 9, 10, 100, 110, 1000, 2000], f = 1, output −17.
  // Reversed, rounds 1–3 still select 10, 9, 100 (unique minima 24501, 24723, 29000), but
  // round 4 (R = {−70, 110, 1000, 2000}, k = 1) ties −70 and 110 at 180² = 32400 and now 110
  // has the lower index; round 5 (R = {−70, 1000, 2000}, k = 1) ties 1000 and 2000 at
  // 1000² and takes 2000 (index 0). Selected {10, 9, 100, 110, 2000}: median 100, the
  // β = 3 closest are 100, 110, 10 → (100 + 110 + 10)/3 = 220/3.
  const x = [-70, 9, 10, 100, 110, 1000, 2000].map((t) => Float64Array.of(t));
  const forward = bulyan(x, { f: 1 }).aggregate[0];
  const reversed = bulyan([...x].reverse(), { f: 1 }).aggregate[0];
  assert.equal(forward, (10 + 9 - 70) / 3);
  assert.ok(Math.abs(reversed - 220 / 3) < 1e-12, `reversed: ${reversed}`);
  assert.ok(bulyanTied(x, 1));
});
