/**
 * The parameter-server SGD simulator (issue 5): determinism, the update rule
 * against closed forms, what each step records, how broken inputs are refused,
 * and that the convergence verdict separates converging from non-converging runs.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/sgd.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { drawByzantineSlots, makeAttack } from '../lib/attacks';
import type { NamedAttack } from '../lib/attacks/types';
import { AdmissibilityError } from '../lib/errors';
import { quadratic } from '../lib/problems/quadratic';
import { rippledBowl } from '../lib/problems/rippledBowl';
import { mnistLogistic } from '../lib/problems/mnist';
import { streamFor } from '../lib/random/stream';
import { makeGar } from '../lib/rules/catalogue';
import type { Gar } from '../lib/rules/types';
import { convergenceVerdict } from '../lib/sgd/convergence';
import { stepSize, type Schedule } from '../lib/sgd/schedule';
import { selectingRule } from '../lib/sgd/selectingRule';
import { simulate } from '../lib/sgd/simulate';
import { pairedSpeed } from '../lib/sgd/slowdown';
import { SIMULATION_CHECKS } from '../lib/claims/checks/simulation';

const SEED = 5050;
const decreasing: Schedule = { kind: 'decreasing', gamma0: 1, t0: 10, p: 0.75 };
const bowl = rippledBowl({ d: 5, n: 11, f: 2 });

/** A rule name and an attack name the simulator accepts at n = 11, f = 2. */
const ruleArb = fc.constantFrom('average', 'multi-krum', 'aggregathor', 'median', 'bulyan', 'krum');
const attackArb = fc.constantFrom('none', 'gaussian', 'sign-flip', 'alie', 'ipm', 'mimic', 'non-finite');
const attack = (name: string): NamedAttack | undefined => (name === 'none' ? undefined : makeAttack(name));

test('same seed, same trajectory; the order in which runs are made does not matter', () => {
  fc.assert(
    fc.property(ruleArb, attackArb, fc.integer({ min: 0, max: 1e6 }), (rule, a, seed) => {
      const run = () => simulate({ problem: bowl, rule, n: 11, f: 2, byzantine: a === 'none' ? 0 : 2, attack: attack(a), schedule: decreasing, steps: 30, seed });
      const first = run();
      simulate({ problem: bowl, rule: 'median', n: 11, f: 2, byzantine: 0, schedule: decreasing, steps: 7, seed: seed + 1 }); // an unrelated run in between
      assert.deepEqual(run(), first);
      return true;
    }),
    { seed: SEED, numRuns: 25 },
  );
  const a = simulate({ problem: bowl, rule: 'multi-krum', n: 11, f: 2, byzantine: 0, schedule: decreasing, steps: 20, seed: 1 });
  const b = simulate({ problem: bowl, rule: 'multi-krum', n: 11, f: 2, byzantine: 0, schedule: decreasing, steps: 20, seed: 2 });
  assert.notDeepEqual(a.final, b.final, 'different seeds give different trajectories');
});

test('with σ = 0, averaging is gradient descent: x_T − x* = Π_t (1 − γ_t λ_j) (x_0 − x*) per coordinate', () => {
  const q = quadratic({ d: 4, lambdaMin: 0.5, lambdaMax: 2, sigma: 0, startOffset: 3 });
  const T = 50;
  const tr = simulate({ problem: q, rule: 'average', n: 5, f: 0, schedule: decreasing, steps: T, seed: 1 });
  for (let j = 0; j < 4; j++) {
    let e = -3;
    for (let t = 0; t < T; t++) e *= 1 - stepSize(decreasing, t) * q.lambda[j];
    assert.ok(Math.abs(tr.final[j] - (q.optimum[j] + e)) < 1e-12, `coordinate ${j}`);
  }
});

test('one step by hand: x_1 = x_0 − γ_0 · GAR(worker gradients from streamFor(seed, "worker", i, "step", 0), Byzantine last)', () => {
  const n = 11, f = 2, seed = 77;
  const gar = makeGar('multi-krum');
  const flip = makeAttack('sign-flip', { scale: 3 });
  const x0 = bowl.initial(streamFor(seed, 'initial'));
  const correct = Array.from({ length: n - f }, (_, i) => bowl.sampleGradient(x0, streamFor(seed, 'worker', i, 'step', 0), new Float64Array(bowl.d)));
  const byz = flip.run({ correct, n, f, gar, stream: streamFor(seed, 'attack', 'step', 0) });
  const agg = gar.aggregate([...correct, ...byz], f);
  const tr = simulate({ problem: bowl, rule: gar, n, f, attack: flip, schedule: decreasing, steps: 1, seed });
  const gamma = stepSize(decreasing, 0);
  assert.deepEqual(tr.final, Array.from(x0, (v, j) => v - gamma * agg[j]));
});

test('two rules run with the same seed see the same correct gradients (paired comparisons), and the attack sees them', () => {
  const seen: Float64Array[][] = [];
  const spy = (name: string): Gar => ({ name, requirement: 'n >= 1', admissible: () => true, aggregate: (v) => { seen.push(v.map((x) => Float64Array.from(x))); return makeGar('average').aggregate(v, 0); } });
  let attackSaw: Float64Array[] = [];
  const echo: NamedAttack = { name: 'echo', cite: '', run: (ctx) => { attackSaw = ctx.correct.map((x) => Float64Array.from(x)); return [Float64Array.from(ctx.correct[0])]; } };
  simulate({ problem: bowl, rule: spy('a'), n: 6, f: 1, attack: echo, schedule: decreasing, steps: 1, seed: 9 });
  simulate({ problem: bowl, rule: spy('b'), n: 6, f: 1, attack: echo, schedule: decreasing, steps: 1, seed: 9 });
  assert.deepEqual(seen[0], seen[1], 'same seed: same inputs in the same slots');
  // The Byzantine slot is drawn from the step's own placement stream (placement.ts), not fixed last.
  const [slot] = drawByzantineSlots(6, 1, streamFor(9, 'placement', 'step', 0));
  assert.deepEqual(attackSaw, seen[1].filter((_, i) => i !== slot), 'the correct vectors, in order, in the other slots');
  assert.deepEqual(seen[1][slot], attackSaw[0], 'the Byzantine vector (a copy of the first correct one) at its slot');
});

test('selection is recorded: MULTI-KRUM never uses twin sign-flip vectors with k = n − f − 2, always with k = 1 < f', () => {
  const flip = makeAttack('sign-flip', { scale: 10 });
  const inRange = simulate({ problem: bowl, rule: 'multi-krum', n: 11, f: 2, attack: flip, schedule: decreasing, steps: 40, seed: 3 });
  assert.ok(inRange.byzantineSelected.every((v) => v === 0));
  const k1 = simulate({ problem: bowl, rule: selectingRule('multi-krum', { k: 1 }), n: 11, f: 2, attack: flip, schedule: decreasing, steps: 5, seed: 3 });
  assert.ok(k1.byzantineSelected.every((v) => v === 1));
  const med = simulate({ problem: bowl, rule: 'median', n: 11, f: 2, attack: flip, schedule: decreasing, steps: 5, seed: 3 });
  assert.ok(med.byzantineSelected.every((v) => v === -1), 'the coordinate-wise median selects no whole input');
});

test('selectingRule aggregates exactly as the catalogue rule', () => {
  fc.assert(
    fc.property(ruleArb, fc.integer({ min: 0, max: 1e6 }), (rule, seed) => {
      const v = Array.from({ length: 11 }, (_, i) => Float64Array.from({ length: 4 }, () => streamFor(seed, i).normal()));
      assert.deepEqual(selectingRule(rule).aggregate(v, 2).aggregate, makeGar(rule).aggregate(v, 2));
      return true;
    }),
    { seed: SEED, numRuns: 30 },
  );
});

test('records: t, Q, ‖∇Q‖², ‖x‖², u_t = φ(‖x‖²) and Σγρ are consistent with the iterate', () => {
  const tr = simulate({ problem: bowl, rule: 'multi-krum', n: 11, f: 2, byzantine: 0, schedule: decreasing, steps: 100, seed: 4, recordEvery: 10 });
  assert.deepEqual(tr.t, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  assert.equal(tr.byzantineSelected.length, 100);
  const D = bowl.constants.D;
  tr.xNormSq.forEach((a, i) => assert.equal(tr.u[i], a < D ? 0 : (a - D) ** 2));
  assert.ok(tr.u[0] > 0, 'x_0 starts beyond the horizon');
  const x = Float64Array.from(tr.final);
  assert.equal(tr.loss[tr.loss.length - 1], bowl.loss(x));
  for (let i = 1; i < tr.sumGammaRho.length; i++) assert.ok(tr.sumGammaRho[i] >= tr.sumGammaRho[i - 1]);
});

test('inputs outside the rule or simulator ranges throw an AdmissibilityError', () => {
  const base = { problem: bowl, n: 11, f: 2, schedule: decreasing, steps: 5, seed: 1 };
  assert.throws(() => simulate({ ...base, rule: 'multi-krum', f: 5 }), /MULTI-KRUM needs n >= 2f \+ 3/);
  assert.throws(() => simulate({ ...base, rule: 'aggregathor', f: 3 }), /n >= 4f \+ 3/);
  assert.throws(() => simulate({ ...base, rule: 'average' }), /an attack when byzantine > 0/);
  assert.throws(() => simulate({ ...base, rule: 'average', byzantine: 0, steps: 0 }), AdmissibilityError);
  assert.throws(() => simulate({ ...base, rule: 'average', byzantine: 0, schedule: { kind: 'decreasing', gamma0: 1, t0: 1, p: 1.5 } }), /0 < p <= 1/);
  assert.throws(() => simulate({ ...base, rule: 'average', byzantine: 0, schedule: { kind: 'constant', gamma: NaN } }), AdmissibilityError);
  assert.throws(() => simulate({ ...base, rule: 'no-such-rule', byzantine: 0 }), AdmissibilityError);
});

test('non-finite Byzantine input is not an error: averaging diverges and says when, MULTI-KRUM converges', () => {
  const nf = makeAttack('non-finite');
  const avg = simulate({ problem: bowl, rule: 'average', n: 11, f: 2, attack: nf, schedule: decreasing, steps: 50, seed: 5 });
  assert.equal(avg.divergedAt, 1);
  assert.equal(convergenceVerdict(avg).converged, false);
  const mk = simulate({ problem: bowl, rule: 'multi-krum', n: 11, f: 2, attack: nf, schedule: decreasing, steps: 300, seed: 5 });
  assert.equal(mk.divergedAt, null);
  const v = convergenceVerdict(mk);
  assert.ok(v.converged && v.confined, JSON.stringify(v));
});

test('the convergence verdict fails a run whose gradient stays large (Gaussian attack on averaging)', () => {
  const tr = simulate({ problem: bowl, rule: 'average', n: 11, f: 2, attack: makeAttack('gaussian'), schedule: decreasing, steps: 300, seed: 6 });
  const v = convergenceVerdict(tr);
  assert.equal(v.converged, false);
  assert.ok(v.tailMax > 1e6 * v.threshold);
});

test('paired speed: √(mean a / mean b) with a bootstrap interval that contains it', () => {
  const a = [4, 4.2, 3.8, 4.1], b = [1, 1.1, 0.9, 1];
  const r = pairedSpeed(a, b, 500, streamFor(1, 'boot'));
  assert.ok(Math.abs(r.speed - 2) < 0.02);
  assert.ok(r.lo <= r.speed && r.speed <= r.hi);
});

test('MNIST: 150 steps of averaging over 19 workers already classify held-out digits far above chance', () => {
  const p = mnistLogistic();
  const tr = simulate({ problem: p, rule: 'average', n: 19, f: 4, byzantine: 0, schedule: { kind: 'decreasing', gamma0: 4, t0: 10, p: 0.6 }, steps: 150, seed: 1, recordEvery: 150 });
  const acc = tr.metrics.testAccuracy;
  assert.ok(acc[0] < 0.2, `untrained: ${acc[0]}`);
  assert.ok(acc[acc.length - 1] > 0.8, `after 150 steps: ${acc[acc.length - 1]}`);
});

test('the simulation checks cover D1, T1 (i), L2, L2.3–L2.5, T1.ii, T2 (ii) and A1, and a check is deterministic for its seed', async () => {
  const ids = new Set(SIMULATION_CHECKS.map((c) => c.claimId));
  for (const id of ['D1', 'T1', 'L2', 'L2.3', 'L2.4', 'L2.5', 'T1.ii', 'T2', 'A1']) assert.ok(ids.has(id), id);
  const names = SIMULATION_CHECKS.map((c) => `${c.claimId}/${c.name}`);
  assert.equal(new Set(names).size, names.length, 'check names are unique within a claim');
  const check = SIMULATION_CHECKS.find((c) => c.claimId === 'L2' && c.name === 'k-out-of-range')!;
  const a = JSON.stringify(await check.run({ mode: 'quick', seed: 3 }));
  const b = JSON.stringify(await check.run({ mode: 'quick', seed: 3 }));
  assert.equal(a, b);
  assert.equal(JSON.parse(a).verdict, 'fails', 'with k < f, f identical Byzantine vectors break MULTI-KRUM');
});
