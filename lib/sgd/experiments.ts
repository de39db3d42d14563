import { ATTACK_NAMES, makeAttack } from '../attacks';
import type { NamedAttack } from '../attacks/types';
import type { CheckContext } from '../claims/types';
import { mnistLogistic } from '../problems/mnist';
import { rippledBowl } from '../problems/rippledBowl';
import type { RuleParameters } from '../rules/catalogue';
import { convergenceVerdict, type RunVerdict } from './convergence';
import type { Schedule } from './schedule';
import { simulate, type Trajectory } from './simulate';
import { finalErrors, pairedSpeed, SLOWDOWN_DEFAULTS, type SlowdownMeasurement } from './slowdown';
import { streamFor } from '../random/stream';
import { defineUnit, type UnitCall } from '../parallel/units';

/**
 * The simulation experiments behind the convergence and slowdown checks,
 * with their settings in one place and memoised per (mode, seed, trials), so
 * that the L2, L2.3, L2.4, D1 and T1 (i) checks share one set of runs.
 *
 * Settings (quick / full):
 * - Lemma 2 grid: the rippled bowl (d = 10, n = 11, f = 2, η the larger of as-printed and as-derived,
 *   sin α = ½, β = π/4), γ_t = 1/(t + 10)^{3/4}, T = 300 / 2,000 steps,
 *   2 / 5 seeds (or ctx.trials), every rule × (no attack + every attack of
 *   lib/attacks with its default parameters).
 * - Slowdown grid: see lib/sgd/slowdown.ts; n ∈ {7, 11, 19} / {7, 11, 15, 19, 27},
 *   f = ⌊(n − 3)/4⌋ declared, no Byzantine worker, 12 / 40 seeds.
 * - MNIST: n = 19, f = 4, logistic regression, batch 16 per worker,
 *   γ_t = 4/(t + 10)^0.6, T = 200 / 1,000 steps, 1 / 3 seeds.
 */
export const LEMMA2_SETTING = { d: 10, n: 11, f: 2, schedule: { kind: 'decreasing', gamma0: 1, t0: 10, p: 0.75 } as Schedule };
export const MNIST_SETTING = { n: 19, f: 4, batch: 16, schedule: { kind: 'decreasing', gamma0: 4, t0: 10, p: 0.6 } as Schedule };

export interface RunSummary {
  rule: string;
  attack: string;
  seed: number;
  verdict: RunVerdict;
  /** Recorded t and ρ_t (for figures). */
  t: number[];
  rho: number[];
  u: number[];
}

const cache = new Map<string, unknown>();
function memo<T>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** Forgets the memoised grids (not the units of work they were assembled from): results are deterministic, so this only frees memory or lets a test watch which units a grid asks for. */
export function clearSimulationGrids(): void {
  cache.clear();
}

/** Seeds of a run set: ctx.seed, ctx.seed + 1, … */
export function seedsOf(ctx: CheckContext, quick: number, full: number): number[] {
  const S = ctx.trials ?? (ctx.mode === 'quick' ? quick : full);
  return Array.from({ length: S }, (_, s) => ctx.seed + s);
}

export function attackByName(name: string, params?: Record<string, number | string>): NamedAttack | undefined {
  return name === 'none' ? undefined : makeAttack(name, params);
}

/** One run of the Lemma 2 problem, as plain JSON. */
export interface Lemma2RunOptions {
  rule: string; attack: string; attackParams?: Record<string, number | string>; seed: number; steps: number;
  n?: number; f?: number; byzantine?: number; m?: number; ruleParams?: RuleParameters; schedule?: Schedule; recordEvery?: number;
}

/** Runs one Lemma 2 problem trajectory and summarises it. */
export function lemma2Run(o: Lemma2RunOptions): RunSummary & { trajectory: Trajectory } {
  const n = o.n ?? LEMMA2_SETTING.n, f = o.f ?? LEMMA2_SETTING.f;
  // η(n, f) in (iv) is evaluated at the m the rule uses, within the lemma's range (m ≤ n − f − 2).
  const etaM = Math.min(o.m ?? n - f - 2, n - f - 2);
  const problem = rippledBowl({ d: LEMMA2_SETTING.d, n, f, m: etaM });
  const attack = attackByName(o.attack, o.attackParams);
  const trajectory = simulate({
    problem, rule: o.rule, ruleParams: { ...o.ruleParams, ...(o.m !== undefined ? { m: o.m } : {}) }, n, f,
    byzantine: attack ? o.byzantine ?? f : 0, attack, schedule: o.schedule ?? LEMMA2_SETTING.schedule, steps: o.steps, seed: o.seed,
    recordEvery: o.recordEvery ?? Math.max(1, Math.floor(o.steps / 200)),
  });
  return { rule: o.rule, attack: o.attack, seed: o.seed, verdict: convergenceVerdict(trajectory), t: trajectory.t, rho: trajectory.gradNormSq, u: trajectory.u, trajectory };
}

/**
 * Seconds per SGD step at d = 10, roughly (measured on this machine's kind):
 * the searching attacks aggregate dozens of times per step.
 */
function syntheticStepCost(rule: string, attack: string, n: number): number {
  const ruleFactor = rule === 'bulyan' ? 4 : rule === 'aggregathor' ? 2 : rule === 'geometric-median' ? 3 : 1;
  const attackFactor = attack === 'adaptive' ? 40 : attack === 'leeway' ? 15 : 1;
  return 0.35 * (2e-6 * n * n * ruleFactor * attackFactor + 2e-5); // 0.35: the measured total of the full-mode grid over the unscaled model
}

/** A Lemma 2 run's summary as a unit of work (shared by the checks, computed on any thread). */
export const lemma2RunUnit = defineUnit<Lemma2RunOptions, RunSummary>(
  'lemma2-run',
  (o) => {
    const { trajectory: _t, ...summary } = lemma2Run(o);
    return summary;
  },
  (o) => o.steps * syntheticStepCost(o.rule, o.attack, o.n ?? LEMMA2_SETTING.n),
);

export const LEMMA2_RULES_QUICK = ['average', 'multi-krum', 'aggregathor', 'median'];
export const LEMMA2_RULES_FULL = ['average', 'krum', 'multi-krum', 'bulyan', 'aggregathor', 'median'];

/** The L2 grid: every rule × every attack × seeds on the Lemma 2 problem. */
function lemma2Plan(ctx: CheckContext) {
  const steps = ctx.mode === 'quick' ? 300 : 2000;
  const seeds = seedsOf(ctx, 2, 5);
  const rules = ctx.mode === 'quick' ? LEMMA2_RULES_QUICK : LEMMA2_RULES_FULL;
  const attacks = ['none', ...ATTACK_NAMES];
  const runs: Lemma2RunOptions[] = [];
  for (const rule of rules) for (const attack of attacks) for (const seed of seeds) runs.push({ rule, attack, seed, steps });
  return { steps, seeds, rules, attacks, runs };
}

/** The units of work of {@link lemma2Grid}. */
export function lemma2GridUnits(ctx: CheckContext): UnitCall[] {
  return lemma2Plan(ctx).runs.map((o) => lemma2RunUnit.call(o));
}

export function lemma2Grid(ctx: CheckContext): { steps: number; seeds: number[]; rules: string[]; attacks: string[]; runs: RunSummary[] } {
  return memo(`lemma2|${ctx.mode}|${ctx.seed}|${ctx.trials}`, () => {
    const plan = lemma2Plan(ctx);
    return { ...plan, runs: plan.runs.map((o) => lemma2RunUnit.get(o)) };
  });
}

/** The slowdown grid (T1 (ii), T2 (ii), A1): speed of MULTI-KRUM and AGGREGATHOR relative to averaging. */
/** The final errors of one (rule, n, f, m) over paired seeds, as plain JSON. */
interface SlowdownErrorsSpec { rule: string; n: number; f: number; m?: number; seeds: number; seed: number; steps: number; d: number; schedule: Schedule }

const slowdownErrorsUnit = defineUnit<SlowdownErrorsSpec, number[]>(
  'slowdown-errors',
  (o) => finalErrors(o.rule, o.n, o.f, o.seeds, o.seed, o.steps, o.d, o.schedule, o.m !== undefined ? { m: o.m } : undefined),
  (o) => 0.3 * o.seeds * o.steps * (o.rule === 'average' ? 2e-6 * o.n : 3e-8 * o.n * o.n * o.d * (o.rule === 'aggregathor' ? 2 : 1) + 5e-6), // 0.3: measured total over the model
);

function slowdownPlan(ctx: CheckContext) {
  const ns = ctx.mode === 'quick' ? [7, 11, 19] : [7, 11, 15, 19, 27];
  const seeds = ctx.trials ?? (ctx.mode === 'quick' ? 32 : 40);
  const { steps, d, schedule } = SLOWDOWN_DEFAULTS;
  const cells = ns.map((n) => {
    const f = Math.floor((n - 3) / 4);
    const average: SlowdownErrorsSpec = { rule: 'average', n, f, seeds, seed: ctx.seed, steps, d, schedule };
    const rules = ['multi-krum', 'aggregathor'].map((rule) => {
      const mTilde = rule === 'multi-krum' ? n - f - 2 : n - 2 * f - 2;
      const groups: [string, number][] = [['m = 1', 1], ['m = ⌈m̃/4⌉', Math.ceil(mTilde / 4)], ['m = ⌈m̃/2⌉', Math.ceil(mTilde / 2)], ['m = m̃', mTilde]];
      return { rule, mTilde, groups: groups.map(([group, m]) => ({ group, m, spec: { ...average, rule, m } as SlowdownErrorsSpec })) };
    });
    return { n, f, average, rules };
  });
  return { ns, seeds, steps, cells };
}

/** The units of work of {@link slowdownGrid}. */
export function slowdownGridUnits(ctx: CheckContext): UnitCall[] {
  return slowdownPlan(ctx).cells.flatMap((c) => [slowdownErrorsUnit.call(c.average), ...c.rules.flatMap((r) => r.groups.map((g) => slowdownErrorsUnit.call(g.spec)))]);
}

export function slowdownGrid(ctx: CheckContext): { ns: number[]; seeds: number; steps: number; rows: (SlowdownMeasurement & { mTilde: number; group: string })[] } {
  return memo(`slowdown|${ctx.mode}|${ctx.seed}|${ctx.trials}`, () => {
    const { ns, seeds, steps, cells } = slowdownPlan(ctx);
    const rows: (SlowdownMeasurement & { mTilde: number; group: string })[] = [];
    for (const { n, f, average, rules } of cells) {
      const avg = slowdownErrorsUnit.get(average);
      for (const { rule, mTilde, groups } of rules) {
        for (const { group, m, spec } of groups) {
          const errs = slowdownErrorsUnit.get(spec);
          const { speed, lo, hi } = pairedSpeed(avg, errs, 1000, streamFor(ctx.seed, 'slowdown-bootstrap', rule, n, group));
          const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
          rows.push({ rule, n, f, m, mTilde, group, seeds, steps, errorRule: mean(errs), errorAverage: mean(avg), speed, lo, hi });
        }
      }
    }
    return { ns, seeds, steps, rows };
  });
}

export const MNIST_RULES = ['average', 'multi-krum', 'bulyan', 'aggregathor', 'median'];

export interface MnistRun {
  rule: string;
  attack: string;
  seed: number;
  t: number[];
  accuracy: number[];
  finalAccuracy: number;
  divergedAt: number | null;
  byzantineSelectedRate: number;
}

interface MnistRunSpec { rule: string; attack: string; seed: number; steps: number }

/** One MNIST run (d = 7,850) as a unit of work. */
const mnistRunUnit = defineUnit<MnistRunSpec, MnistRun>(
  'mnist-run',
  ({ rule, attack, seed, steps }) => {
    const problem = mnistLogistic({ batch: MNIST_SETTING.batch });
    const { n, f, schedule } = MNIST_SETTING;
    const a = attackByName(attack);
    const tr = simulate({ problem, rule, n, f, byzantine: a ? f : 0, attack: a, schedule, steps, seed, recordEvery: 50, metricsEvery: 50 });
    const acc = tr.metrics.testAccuracy ?? [];
    const sel = tr.byzantineSelected.filter((v) => v >= 0);
    return {
      rule, attack, seed, t: tr.metricsT, accuracy: acc,
      // The simulator records the metrics of the iterate it stopped at when a run diverges, so this is
      // the accuracy of the model the run ended with (NaN weights predict class 0 for every digit).
      finalAccuracy: acc[acc.length - 1],
      divergedAt: tr.divergedAt,
      byzantineSelectedRate: sel.length ? sel.filter((v) => v === 1).length / sel.length : -1,
    };
  },
  (o) => o.steps * (o.rule === 'bulyan' ? 9e-3 : o.rule === 'average' ? 3e-3 : 6e-3),
);

function mnistPlan(ctx: CheckContext) {
  const quick = ctx.mode === 'quick';
  const steps = quick ? 200 : 1000;
  const seeds = seedsOf(ctx, 1, 3);
  // The adaptive and leeway attacks search against the rule at every step (10× the cost of a step at d = 7850);
  // they are exercised on the synthetic problems, and left out here so that full mode fits in 30 minutes.
  const attacks = quick ? ['none', 'gaussian', 'alie'] : ['none', ...ATTACK_NAMES.filter((a) => a !== 'adaptive' && a !== 'leeway')];
  const runs: MnistRunSpec[] = [];
  for (const rule of MNIST_RULES) for (const attack of attacks) for (const seed of seeds) runs.push({ rule, attack, seed, steps });
  return { steps, seeds, attacks, runs };
}

/** The units of work of {@link mnistGrid}. */
export function mnistGridUnits(ctx: CheckContext): UnitCall[] {
  return mnistPlan(ctx).runs.map((o) => mnistRunUnit.call(o));
}

/** MNIST logistic regression: every rule × attacks × seeds; test accuracy every 50 steps. */
export function mnistGrid(ctx: CheckContext): { steps: number; seeds: number[]; attacks: string[]; runs: MnistRun[] } {
  return memo(`mnist|${ctx.mode}|${ctx.seed}|${ctx.trials}`, () => {
    const plan = mnistPlan(ctx);
    return { ...plan, runs: plan.runs.map((o) => mnistRunUnit.get(o)) };
  });
}
