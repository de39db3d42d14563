/**
 * Oracle tests: every optimised rule agrees with the straightforward reference
 * implementations of lib/rules/reference.ts, on random and adversarial inputs
 * (all families of property-tests/support/arbitraries.ts, Byzantine vectors
 * with NaN, ±Infinity and huge values). They are the safety net of the kernel
 * optimisations.
 *
 * What "agrees" means:
 * - selections (Krum, MULTI-KRUM, BULYAN, AGGREGATHOR's removed vectors) are
 *   identical, ties broken by index in both. The one allowed exception is a
 *   *near* tie: two scores that differ, but by less than 1e-12 relative, so
 *   that summing the same distances in another order (the kernels unroll and
 *   block the coordinate loop) may order them the other way. Such a divergence
 *   is accepted only after checking that the scores involved are within that
 *   tolerance; exact ties must be broken identically.
 * - aggregates: median bit for bit (same order statistics, same midpoint);
 *   the averaging rules within 1e-12 × the magnitude of the inputs (a sum times
 *   1/m against a sum divided by m, and sums in another order); non-finite
 *   coordinates identical.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/rules-oracle.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { average } from '../lib/rules/average';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { geometricMedian } from '../lib/rules/geometricMedian';
import { multiKrum, multiKrumAggregate, krumScores } from '../lib/rules/krum';
import { bulyan } from '../lib/rules/bulyan';
import { aggregathor } from '../lib/rules/aggregathor';
import { pairwiseDistances } from '../lib/rules/pairwise';
import { type Vectors } from '../lib/vectors';
import { distanceRef, meanRef, medianRef, trimmedMeanRef, krumScoresRef, multiKrumRef, bulyanRef, aggregathorRef, nanRef } from '../lib/rules/reference';
import { MIN_N, scenarioArb, closeVectors, sameVectors, magnitude, show } from './support/arbitraries';

const SEED = 20260128;
const RTOL = 1e-12;

/** Equal, or within 1e-12 relative. */
const nearlyEqual = (a: number, b: number) => a === b || Math.abs(a - b) <= RTOL * Math.max(Math.abs(a), Math.abs(b));

/**
 * Two candidates whose order may legitimately differ between the kernels and
 * the reference: their scores are within rounding of each other in both
 * arithmetics, and not an exact tie in both (an exact tie in both must be
 * broken by index alike).
 */
const roundingTie = (implA: number, implB: number, refA: number, refB: number, slack = 0) =>
  (nearlyEqual(implA, implB) || Math.abs(implA - implB) <= slack) && (nearlyEqual(refA, refB) || Math.abs(refA - refB) <= slack) && !(implA === implB && refA === refB);

// ------------------------------------------------------------------ distances and scores

test('pairwiseDistances equals the reference distance of every pair (squared and plain)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum }), fc.boolean(), (s, squared) => {
      const dist = pairwiseDistances(s.vectors, squared ? 'squared' : 'euclidean');
      for (let i = 0; i < s.n; i++) {
        assert.equal(dist[i * s.n + i], 0);
        for (let j = 0; j < s.n; j++) {
          if (i === j) continue;
          const got = dist[i * s.n + j], want = distanceRef(s.vectors[i], s.vectors[j], squared);
          assert.equal(got, dist[j * s.n + i], 'symmetric');
          const exact = s.family === 'integer-grid';
          assert.ok(got === want || (!exact && Math.abs(got - want) <= RTOL * want), `d(${i}, ${j}) = ${got}, reference ${want}`);
        }
      }
    }),
    { numRuns: 200, seed: SEED },
  );
});

test('krumScores equals the reference scores and neighbour sets (up to near ties in distance)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum }), fc.nat(), (s, kRaw) => {
      const k = 1 + (kRaw % (s.n - 1));
      const { scores, neighbours } = krumScores(pairwiseDistances(s.vectors), s.n, k);
      const ref = krumScoresRef(s.vectors, s.vectors.map((_, i) => i), k);
      for (let i = 0; i < s.n; i++) {
        const r = ref.get(i)!;
        assert.ok(scores[i] === r.score || Math.abs(scores[i] - r.score) <= RTOL * r.score, `score ${i}: ${scores[i]} vs ${r.score}`);
        if (neighbours[i].join() !== r.neighbours.join()) {
          // allowed only for a rounding tie between the neighbours the two sets disagree on
          const a = neighbours[i].find((j) => !r.neighbours.includes(j))!, b = r.neighbours.find((j) => !neighbours[i].includes(j))!;
          const dist = pairwiseDistances(s.vectors);
          const tie = roundingTie(dist[i * s.n + a], dist[i * s.n + b], distanceRef(s.vectors[i], s.vectors[a]), distanceRef(s.vectors[i], s.vectors[b]));
          assert.ok(tie, `neighbours of ${i}: ${neighbours[i]} vs ${r.neighbours}`);
        }
      }
    }),
    { numRuns: 200, seed: SEED },
  );
});

// ------------------------------------------------------------------ coordinate-wise rules

test('MEDIAN equals the reference bit for bit', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.median, maxF: 5 }), (s) => {
      const got = coordinateMedian(s.vectors, s.f).aggregate, want = medianRef(s.vectors);
      assert.ok(sameVectors(got, want), `${show(got)} vs ${show(want)}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('TRIMMED-MEAN equals the reference within 1e-12 × magnitude (bit for bit on integer grids)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.median, maxF: 5, byzantine: 'mixed' }), (s) => {
      const got = trimmedMean(s.vectors, s.f).aggregate, want = trimmedMeanRef(s.vectors, s.f);
      const ok = s.family === 'integer-grid' && s.f === 0 ? sameVectors(got, want) : closeVectors(got, want, RTOL, Math.max(1, magnitude(s.vectors)));
      assert.ok(ok, `${show(got)} vs ${show(want)}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

// ------------------------------------------------------------------ Krum, MULTI-KRUM

test('MULTI-KRUM equals the reference: same selection, aggregate within 1e-12 (any k, m, both distances)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum }), fc.nat(), fc.nat(), fc.boolean(), (s, kRaw, mRaw, squared) => {
      const k = 1 + (kRaw % (s.n - 1)), m = 1 + (mRaw % s.n);
      const got = multiKrum(s.vectors, { f: s.f, k, m, distance: squared ? 'squared' : 'euclidean' });
      const want = multiKrumRef(s.vectors, s.f, m, k, squared);
      const sel = got.diagnostics.selected;
      if (sel.join() !== want.selected.join()) {
        const ref = krumScoresRef(s.vectors, s.vectors.map((_, i) => i), k, squared);
        const p = sel.findIndex((x, i) => x !== want.selected[i]);
        const [a, b] = [sel[p], want.selected[p]];
        const sc = got.diagnostics.scores;
        assert.ok(roundingTie(sc[a], sc[b], ref.get(a)!.score, ref.get(b)!.score), `selected ${sel} vs reference ${want.selected}`);
        return;
      }
      const scale = Math.max(1, magnitude(sel.map((i) => s.vectors[i])));
      assert.ok(closeVectors(got.aggregate, want.aggregate, RTOL, scale), `${show(got.aggregate)} vs ${show(want.aggregate)}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('multiKrumAggregate (the lean path the catalogue and the attacks use) equals multiKrum(...).aggregate bit for bit (any k, m, both distances, every family, non-finite Byzantine inputs)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum }), fc.nat(), fc.nat(), fc.boolean(), (s, kRaw, mRaw, squared) => {
      const k = 1 + (kRaw % (s.n - 1)), m = 1 + (mRaw % s.n);
      const o = { f: s.f, k, m, distance: squared ? ('squared' as const) : ('euclidean' as const) };
      const full = multiKrum(s.vectors, o).aggregate;
      const lean = multiKrumAggregate(s.vectors, o);
      assert.ok(sameVectors(lean, full), `${show(lean)} vs ${show(full)}`);
    }),
    { numRuns: 400, seed: SEED },
  );
});

test('MULTI-KRUM on integer grids (exact distances, ties everywhere): selection identical, never a divergence', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.krum, families: ['integer-grid', 'duplicates'], byzantine: 'mixed' }), fc.nat(), fc.nat(), (s, kRaw, mRaw) => {
      const k = 1 + (kRaw % (s.n - 1)), m = 1 + (mRaw % s.n);
      const got = multiKrum(s.vectors, { f: s.f, k, m });
      const want = multiKrumRef(s.vectors, s.f, m, k);
      assert.deepEqual(got.diagnostics.selected, want.selected);
    }),
    { numRuns: 300, seed: SEED },
  );
});

// ------------------------------------------------------------------ BULYAN

/** At the first round where the selections differ, the two candidates are a rounding tie. */
function bulyanDivergenceIsRoundingTie(v: Vectors, f: number, got: readonly number[], want: readonly number[]): boolean {
  const n = v.length;
  const r = got.findIndex((x, i) => x !== want[i]);
  const remaining = v.map((_, i) => i).filter((i) => !got.slice(0, r).includes(i));
  const k = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
  const impl = krumScores(pairwiseDistances(v), n, k, remaining).scores;
  const ref = krumScoresRef(v, remaining, k);
  const [a, b] = [got[r], want[r]];
  return roundingTie(impl[a], impl[b], ref.get(a)!.score, ref.get(b)!.score);
}

test('BULYAN equals the reference: same selection in the same order, aggregate within 1e-12', () => {
  let nearTies = 0;
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.bulyan, maxF: 3 }), (s) => {
      const got = bulyan(s.vectors, { f: s.f });
      const want = bulyanRef(s.vectors, s.f);
      if (got.diagnostics.selected.join() !== want.selected.join()) {
        assert.ok(bulyanDivergenceIsRoundingTie(s.vectors, s.f, got.diagnostics.selected, want.selected), `selected ${got.diagnostics.selected} vs reference ${want.selected}`);
        nearTies++;
        return;
      }
      const scale = Math.max(1, magnitude(want.selected.map((i) => s.vectors[i])));
      assert.ok(closeVectors(got.aggregate, want.aggregate, RTOL, scale), `${show(got.aggregate)} vs ${show(want.aggregate)}`);
    }),
    { numRuns: 300, seed: SEED },
  );
  assert.ok(nearTies <= 30, `${nearTies} of 300 runs diverged on near ties: too many to be rounding`);
});

// ------------------------------------------------------------------ AGGREGATHOR

/**
 * In some coordinate, the β-th and (β+1)-th round outputs closest to their
 * median are equally far within rounding (the kernels may sum a round's
 * average in another order, so which of the two is kept may differ).
 */
function secondStageTie(v: Vectors, averaged: readonly number[][], beta: number): boolean {
  const outputs = averaged.map((set) => meanRef(v, set));
  for (let c = 0; c < v[0].length; c++) {
    const col = outputs.map((y) => (y[c] !== y[c] ? Infinity : y[c])).sort((a, b) => a - b);
    const t = col.length, med = t % 2 ? col[(t - 1) / 2] : col[t / 2 - 1] / 2 + col[t / 2] / 2;
    const dist = col.map((y) => Math.abs(y - med)).sort((a, b) => a - b);
    const scale = Math.max(...col.filter(Number.isFinite).map(Math.abs), 1e-300);
    if (beta < t && Math.abs(dist[beta - 1] - dist[beta]) <= 1e-9 * scale) return true;
  }
  return false;
}

/** AGGREGATHOR's scores by the reference arithmetic, in the round after `removedSoFar` were removed. */
function referenceRoundScores(v: Vectors, f: number, removedSoFar: readonly number[], scoreUpdate: 'incremental' | 'recompute' | 'frozen'): (i: number) => number {
  const n = v.length, all = v.map((_, i) => i);
  const remaining = all.filter((i) => !removedSoFar.includes(i));
  if (scoreUpdate === 'frozen') {
    const original = krumScoresRef(v, all, n - f - 2);
    return (i) => original.get(i)!.score;
  }
  if (scoreUpdate === 'incremental' || removedSoFar.length === 0) {
    const original = krumScoresRef(v, all, n - f - 2);
    return (i) => original.get(i)!.neighbours.filter((j) => remaining.includes(j)).reduce((acc, j) => acc + distanceRef(v[i], v[j]), 0);
  }
  const kr = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
  const sc = krumScoresRef(v, remaining, kr);
  return (i) => sc.get(i)!.score;
}

for (const scoreUpdate of ['incremental', 'recompute', 'frozen'] as const) {
  test(`AGGREGATHOR (${scoreUpdate}) equals the reference: same removed vectors, aggregate within 1e-12`, () => {
    let nearTies = 0;
    fc.assert(
      fc.property(scenarioArb({ minN: MIN_N.bulyan, maxF: 3 }), fc.option(fc.nat()), (s, mRaw) => {
        const m = mRaw === null ? undefined : 1 + (mRaw % (s.n - s.f - 2));
        const got = aggregathor(s.vectors, { f: s.f, m, scoreUpdate });
        const want = aggregathorRef(s.vectors, s.f, m, scoreUpdate);
        const removed = got.diagnostics.rounds.map((r) => r.removed);
        if (removed.join() !== want.removed.join()) {
          // the implementation's own scores at the first divergent round must be a near tie
          const r = removed.findIndex((x, i) => x !== want.removed[i]);
          const sc = got.diagnostics.scoresByRound[r];
          const ref = referenceRoundScores(s.vectors, s.f, removed.slice(0, r), scoreUpdate);
          const [a, b] = [removed[r], want.removed[r]];
          // The incremental running score (initial sum minus removed distances) carries an
          // absolute error of about ε × its initial value, which late in the rounds can be
          // large relative to what remains: e.g. two vectors left with only each other as
          // neighbours both score d(i, j) exactly, but their running scores differ by
          // ~1e-16 × 1e5; and near-duplicates 1 ulp apart (distance 1e-32) all drop to a
          // running score of exactly 0. The slack is 1e-12 × the larger initial score,
          // for both arithmetics.
          const first = got.diagnostics.scoresByRound[0];
          const slack = scoreUpdate === 'incremental' ? RTOL * Math.max(first[a], first[b]) : 0;
          // Under the incremental reading the original neighbour sets persist, so a rounding
          // tie in choosing them (checked against the reference by the krumScores test)
          // changes every later score: that is accepted too.
          const original = krumScoresRef(s.vectors, s.vectors.map((_, i) => i), s.n - s.f - 2);
          const neighboursByRounding = scoreUpdate === 'incremental' && got.diagnostics.neighbours.some((nb, i) => nb.join() !== original.get(i)!.neighbours.join());
          assert.ok(neighboursByRounding || roundingTie(sc[a], sc[b], ref(a), ref(b), slack), `round ${r}: removed ${removed} vs reference ${want.removed}`);
          nearTies++;
          return;
        }
        const scale = Math.max(1, magnitude(s.vectors.filter((v) => v.every(Number.isFinite))));
        if (!closeVectors(got.aggregate, want.aggregate, RTOL, scale)) {
          // the averaged sets are not in the reference's output; a difference there is
          // allowed only at a near tie across some round's cut after max(1, m − r) vectors
          const mm = got.diagnostics.m;
          const cutTie = got.diagnostics.scoresByRound.some((sc, r) => {
            const order = got.diagnostics.rounds[r].averaged;
            const rest = Array.from(sc.keys()).filter((i) => !Number.isNaN(sc[i]) && !order.includes(i));
            const last = sc[order[Math.max(1, mm - r) - 1]];
            return rest.some((i) => nearlyEqual(last, sc[i]) && last !== sc[i]);
          });
          assert.ok(cutTie || secondStageTie(s.vectors, got.diagnostics.rounds.map((r) => r.averaged), got.diagnostics.beta), `${show(got.aggregate)} vs ${show(want.aggregate)}`);
          nearTies++;
        }
      }),
      { numRuns: 200, seed: SEED },
    );
    assert.ok(nearTies <= 20, `${nearTies} of 200 runs diverged on near ties: too many to be rounding`);
  });
}

// ------------------------------------------------------------------ AVERAGE, GEOMETRIC-MEDIAN

test('AVERAGE equals the reference mean within 1e-12 × magnitude (non-finite coordinates identical)', () => {
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.average }), (s) => {
      const got = average(s.vectors).aggregate, want = nanRef(meanRef(s.vectors, s.vectors.map((_, i) => i)));
      assert.ok(closeVectors(got, want, RTOL, Math.max(1, magnitude(s.vectors))), `${show(got)} vs ${show(want)}`);
    }),
    { numRuns: 200, seed: SEED },
  );
});

/** ‖x‖ without overflow (x may hold differences of 1e300). */
function safeNorm(x: Float64Array): number {
  let big = 0;
  for (const t of x) big = Math.max(big, Math.abs(t));
  if (big === 0 || big === Infinity) return big;
  let s = 0;
  for (const t of x) s += (t / big) ** 2;
  return big * Math.sqrt(s);
}

test('GEOMETRIC-MEDIAN, when it reports convergence, is a geometric median: the optimality condition of Σ‖z − x_i‖ holds (Kuhn 1973)', () => {
  // There is no reference implementation; the oracle is the first-order condition of the
  // convex objective: with A the finite inputs at z (within 1e-6 × their mean distance) and
  // u_i = (z − x_i)/‖z − x_i‖ for the others, z is optimal iff ‖Σ u_i‖ <= |A|.
  // Allowed slack: 1e-3 · (number of inputs), for the iterate's distance to the optimum.
  // Weiszfeld crawls when the optimum lies between inputs very close to each other (two
  // inputs 0.002 apart, the others 270 away: after the 500-iteration cap the iterate is
  // still 0.2 off); the rule then reports converged: false, which this test accepts — it
  // checks that the flag never claims convergence where the condition fails, and counts.
  let notConverged = 0;
  fc.assert(
    fc.property(scenarioArb({ minN: MIN_N.median, byzantine: 'non-finite', families: ['gaussian', 'integer-grid', 'duplicates', 'clusters', 'huge'] }), (s) => {
      const { aggregate: z, diagnostics } = geometricMedian(s.vectors, { f: s.f });
      const used = s.vectors.filter((v) => v.every(Number.isFinite));
      const diffs = used.map((x) => z.map((zc, c) => zc - x[c]));
      const norms = diffs.map(safeNorm);
      const spread = norms.reduce((a, b) => a + b, 0) / norms.length;
      if (spread === 0) return; // every input at z
      const atZ = norms.filter((r) => r <= 1e-6 * spread).length;
      const pull = new Float64Array(s.d);
      diffs.forEach((dv, i) => {
        if (norms[i] > 1e-6 * spread) for (let c = 0; c < s.d; c++) pull[c] += dv[c] / norms[i];
      });
      const force = safeNorm(pull);
      if (!diagnostics.converged) { notConverged++; return; }
      assert.ok(force <= atZ + 1e-3 * used.length, `‖Σ u_i‖ = ${force} > ${atZ} at z = ${show(z)} (converged: ${diagnostics.converged}, ${diagnostics.iterations} iterations)`);
    }),
    { numRuns: 300, seed: SEED },
  );
  assert.ok(notConverged <= 30, `${notConverged} of 300 runs did not converge within 500 iterations`);
});
