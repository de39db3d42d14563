import { byzantineMask, drawByzantineSlots, placeInputs } from '../attacks/placement';
import type { NamedAttack } from '../attacks/types';
import { requireInteger, requireThat } from '../errors';
import type { Problem } from '../problems/types';
import { streamFor } from '../random/stream';
import type { RuleName, RuleParameters } from '../rules/catalogue';
import type { Gar } from '../rules/types';
import { confinementPhi } from './confinement';
import { checkSchedule, describeSchedule, stepSize, type Schedule } from './schedule';
import { fromGar, selectingRule, type SelectingRule } from './selectingRule';

/**
 * A synchronous parameter-server SGD run with Byzantine workers:
 *
 *     V_i^t = G(x_t, ξ_i^t)              i = 1..n − b   (correct workers)
 *     B^t   = attack(V^t, n, b, rule)                    (b Byzantine workers, see V^t)
 *     x_{t+1} = x_t − γ_t · GAR(V_1^t, …, V_{n−b}^t, B_1^t, …, B_b^t; f)
 *
 * Randomness: worker i's ξ at step t comes from `streamFor(seed, 'worker', i,
 * 'step', t)`, the attack's from `streamFor(seed, 'attack', 'step', t)` and x_0
 * from `streamFor(seed, 'initial')`, so a trajectory depends only on the seed,
 * and two rules run with the same seed see the same correct-gradient noise
 * (common random numbers: rule comparisons are paired).
 *
 * The rule is told f (the declared number of Byzantine workers); the attack
 * controls b = `byzantine` workers (default f): b > f runs the rule outside its
 * hypotheses on purpose.
 *
 * Recorded at t = 0, recordEvery, …, steps: Q(x_t), ‖∇Q(x_t)‖², ‖x_t‖²,
 * u_t = φ(‖x_t‖²), γ_t; problem metrics every `metricsEvery` steps; at every step,
 * whether the rule used any Byzantine input (1), none (0), or does not
 * select whole inputs (−1). A run whose iterate becomes non-finite or exceeds
 * `divergenceNorm` stops and reports `divergedAt`.
 *
 * @example
 *   simulate({ problem: quadratic({ d: 10 }), rule: 'multi-krum', n: 11, f: 2, byzantine: 0,
 *              schedule: { kind: 'decreasing', gamma0: 1, t0: 10, p: 1 }, steps: 1000, seed: 1 })
 */
export interface SimulationOptions {
  problem: Problem;
  /** A rule name of the catalogue (with `ruleParams`), a {@link Gar}, or a {@link SelectingRule}. */
  rule: RuleName | string | Gar | SelectingRule;
  ruleParams?: RuleParameters;
  n: number;
  /** Declared f, passed to the rule. */
  f: number;
  /** Actual number of Byzantine workers (default f; 0 means no attack is run). */
  byzantine?: number;
  /** Required when byzantine > 0. */
  attack?: NamedAttack;
  schedule: Schedule;
  steps: number;
  seed: number;
  recordEvery?: number;
  metricsEvery?: number;
  /** Horizon D of u_t = φ(‖x_t‖²); default the problem's `constants.D` if it has one, else +∞ (u ≡ 0). */
  D?: number;
  /** ‖x‖ beyond which a run counts as diverged (default 1e12). */
  divergenceNorm?: number;
  /** Starting point (default problem.initial(streamFor(seed, 'initial'))). */
  x0?: Float64Array;
  /** Called with x_t before step t (read-only view of the live buffer: copy what you keep). */
  onIterate?: (t: number, x: Float64Array) => void;
}

export interface Trajectory {
  problem: string;
  rule: string;
  attack: string;
  n: number;
  f: number;
  byzantine: number;
  seed: number;
  steps: number;
  schedule: string;
  D: number;
  /** Recorded step indices. */
  t: number[];
  gamma: number[];
  loss: number[];
  gradNormSq: number[];
  xNormSq: number[];
  u: number[];
  /** Σ_{s < t} γ_s ‖∇Q(x_s)‖², over every step (L2.4), at the recorded t. */
  sumGammaRho: number[];
  /** Per step: 1 a Byzantine input was used, 0 none, −1 the rule selects no whole inputs. */
  byzantineSelected: number[];
  metricsT: number[];
  metrics: Record<string, number[]>;
  /** First step at which x_t was non-finite or beyond divergenceNorm; null if never. */
  divergedAt: number | null;
  /** The last iterate (plain array). */
  final: number[];
}

function resolveRule(rule: SimulationOptions['rule'], params?: RuleParameters): SelectingRule {
  if (typeof rule === 'string') return selectingRule(rule, params);
  if ('gar' in rule) return rule;
  return fromGar(rule);
}

export function simulate(options: SimulationOptions): Trajectory {
  const { problem, n, f, steps, seed } = options;
  const where = 'simulate';
  requireInteger(where, 'n', n, 1);
  requireInteger(where, 'f', f, 0, n - 1);
  const b = options.byzantine ?? f;
  requireInteger(where, 'byzantine', b, 0, n - 1);
  requireInteger(where, 'steps', steps, 1);
  const rule = resolveRule(options.rule, options.ruleParams);
  requireThat(rule.gar.admissible(n, f), rule.name, rule.gar.requirement, { n, f });
  requireThat(b === 0 || options.attack !== undefined, where, 'an attack when byzantine > 0', { byzantine: b });
  const schedule = checkSchedule(options.schedule);
  const recordEvery = options.recordEvery ?? 1;
  const metricsEvery = options.metricsEvery ?? recordEvery;
  requireInteger(where, 'recordEvery', recordEvery, 1);
  requireInteger(where, 'metricsEvery', metricsEvery, 1);
  const D = options.D ?? (problem as { constants?: { D?: number } }).constants?.D ?? Infinity;
  const divergenceNorm = options.divergenceNorm ?? 1e12;
  const d = problem.d;

  const x = options.x0 ? Float64Array.from(options.x0) : problem.initial(streamFor(seed, 'initial'));
  requireThat(x.length === d, where, 'x0 of the problem dimension', { length: x.length, d });
  // Preallocated buffers: the correct gradients and the exact gradient.
  const correct = Array.from({ length: n - b }, () => new Float64Array(d));
  const grad = new Float64Array(d);
  let inputs: Float64Array[] = [...correct];
  let byzantineSlot = byzantineMask(n, []);

  const traj: Trajectory = {
    problem: problem.name, rule: rule.name, attack: b > 0 ? options.attack!.name : 'none', n, f, byzantine: b, seed, steps,
    schedule: describeSchedule(schedule), D,
    t: [], gamma: [], loss: [], gradNormSq: [], xNormSq: [], u: [], sumGammaRho: [],
    byzantineSelected: [], metricsT: [], metrics: {}, divergedAt: null, final: [],
  };
  let sumGammaRho = 0;
  const record = (t: number, rho: number) => {
    let xx = 0;
    for (let j = 0; j < d; j++) xx += x[j] * x[j];
    traj.t.push(t);
    traj.gamma.push(stepSize(schedule, t));
    traj.loss.push(problem.loss(x));
    traj.gradNormSq.push(rho);
    traj.xNormSq.push(xx);
    traj.u.push(confinementPhi(xx, D));
    traj.sumGammaRho.push(sumGammaRho);
  };
  const recordMetrics = (t: number) => {
    if (!problem.metrics) return;
    traj.metricsT.push(t);
    for (const [k, v] of Object.entries(problem.metrics(x))) (traj.metrics[k] ??= []).push(v);
  };
  const gradNormSq = () => {
    problem.gradient(x, grad);
    let s = 0;
    for (let j = 0; j < d; j++) s += grad[j] * grad[j];
    return s;
  };
  // ρ_t is needed every step only for Σ γ_t ρ_t; it costs one exact gradient per step,
  // which is cheap for the synthetic problems. For expensive problems (d large) it is
  // evaluated at recorded steps only and Σ γ ρ is a Riemann sum over them.
  const everyStepRho = d <= 1000;

  for (let t = 0; t < steps; t++) {
    const gamma = stepSize(schedule, t);
    options.onIterate?.(t, x);
    const recording = t % recordEvery === 0;
    const rho = everyStepRho || recording ? gradNormSq() : NaN;
    if (recording) record(t, rho);
    if (t % metricsEvery === 0) recordMetrics(t);
    sumGammaRho += everyStepRho ? gamma * rho : recording ? gamma * rho * recordEvery : 0;

    for (let i = 0; i < n - b; i++) problem.sampleGradient(x, streamFor(seed, 'worker', i, 'step', t), correct[i]);
    if (b > 0) {
      // The Byzantine workers' slots are drawn afresh each step (see placement.ts).
      const slots = drawByzantineSlots(n, b, streamFor(seed, 'placement', 'step', t));
      const byz = options.attack!.run({ correct, n, f: b, gar: rule.gar, stream: streamFor(seed, 'attack', 'step', t), byzantineSlots: slots });
      requireThat(byz.length === b, options.attack!.name, `${b} Byzantine vectors`, { returned: byz.length });
      inputs = placeInputs(correct, byz, slots);
      byzantineSlot = byzantineMask(n, slots);
    }
    const { aggregate, selected } = rule.aggregate(inputs, f);
    traj.byzantineSelected.push(selected === null ? -1 : selected.some((i) => byzantineSlot[i]) ? 1 : 0);

    let xx = 0;
    for (let j = 0; j < d; j++) {
      x[j] -= gamma * aggregate[j];
      xx += x[j] * x[j];
    }
    if (!(Math.sqrt(xx) <= divergenceNorm)) {
      traj.divergedAt = t + 1;
      recordMetrics(t + 1); // what the diverged model is worth (e.g. its test accuracy)
      break;
    }
  }
  if (traj.divergedAt === null) {
    record(steps, gradNormSq());
    recordMetrics(steps);
  }
  traj.final = Array.from(x);
  return traj;
}
