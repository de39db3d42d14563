import { quadratic } from '../problems/quadratic';
import type { RuleParameters } from '../rules/catalogue';
import { streamFor } from '../random/stream';
import { simulate } from './simulate';
import type { Schedule } from './schedule';

/**
 * The measured slowdown of a rule relative to averaging, with no Byzantine
 * worker (T1 (ii), T2 (ii), A1):
 *
 *     speed(rule) = √( E‖x_T − x*‖²_average / E‖x_T − x*‖²_rule )
 *
 * on the same quadratic, under the same schedule, from the same x_0, for the
 * same T, with the same correct-gradient noise (common random numbers: seed s
 * gives both rules the same worker draws). speed = 1 means "as fast as
 * averaging"; the paper predicts speed ≈ √(m/n) (A1, and T1's proof: an
 * average of m estimators) or Ω(√(m̃/n)) (T1 (ii), T2 (ii)).
 *
 * E is estimated by the mean over `seeds` runs; the interval is a paired
 * percentile bootstrap over seeds (seeded, `bootstrap` resamples).
 *
 * Why √E‖x_T − x*‖²: SGD's error in distance decays like 1/√(bT) with b
 * averaged unbiased gradients ("SGD converges in O(1/√m)", T1's proof); the
 * ratio of these distances at equal T is the paper's notion. (Steps needed to
 * reach a fixed error scale like the square of this ratio.)
 *
 * @example measureSlowdown({ rule: 'multi-krum', n: 11, f: 2, m: 7, seeds: 20 }).speed // ≈ √(7/11) ≈ 0.8
 */
export interface SlowdownOptions {
  rule: string;
  n: number;
  f: number;
  m: number;
  seeds: number;
  seed?: number;
  steps?: number;
  d?: number;
  schedule?: Schedule;
  bootstrap?: number;
  ruleParams?: RuleParameters;
}

export interface SlowdownMeasurement {
  rule: string;
  n: number;
  f: number;
  m: number;
  seeds: number;
  steps: number;
  /** Mean ‖x_T − x*‖² for the rule and for averaging. */
  errorRule: number;
  errorAverage: number;
  speed: number;
  lo: number;
  hi: number;
}

/** Default slowdown setting: quadratic d = 20, λ ∈ [1, 4], σ = 1, x_0 = x* − 0.2·1, γ_t = 1/(t + 5), T = 400. */
export const SLOWDOWN_DEFAULTS = { d: 20, steps: 400, schedule: { kind: 'decreasing', gamma0: 1, t0: 5, p: 1 } as Schedule };

/** Mean ‖x_T − x*‖² of averaging per seed (cached by setting, since it is shared by every m). */
export function finalErrors(rule: string, n: number, f: number, seeds: number, seed: number, steps: number, d: number, schedule: Schedule, ruleParams?: RuleParameters): number[] {
  const problem = quadratic({ d, lambdaMin: 1, lambdaMax: 4, sigma: 1, startOffset: 0.2 });
  const out: number[] = [];
  for (let s = 0; s < seeds; s++) {
    const tr = simulate({ problem, rule, ruleParams, n, f, byzantine: 0, schedule, steps, seed: seed + s, recordEvery: steps });
    let e = 0;
    for (let j = 0; j < d; j++) e += (tr.final[j] - problem.optimum[j]) ** 2;
    out.push(e);
  }
  return out;
}

/** speed = √(mean a / mean b) with a paired bootstrap interval over seeds (95%). */
export function pairedSpeed(errAverage: number[], errRule: number[], resamples: number, stream: { int(n: number): number }): { speed: number; lo: number; hi: number } {
  const S = errAverage.length;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const speed = Math.sqrt(mean(errAverage) / mean(errRule));
  const boot: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let a = 0, b = 0;
    for (let s = 0; s < S; s++) { const k = stream.int(S); a += errAverage[k]; b += errRule[k]; }
    boot.push(Math.sqrt(a / b));
  }
  boot.sort((x, y) => x - y);
  return { speed, lo: boot[Math.floor(0.025 * resamples)], hi: boot[Math.min(resamples - 1, Math.ceil(0.975 * resamples) - 1)] };
}

/** One slowdown measurement (rule vs averaging, paired seeds). */
export function measureSlowdown(o: SlowdownOptions, averageErrors?: number[]): SlowdownMeasurement {
  const seed = o.seed ?? 1;
  const steps = o.steps ?? SLOWDOWN_DEFAULTS.steps;
  const d = o.d ?? SLOWDOWN_DEFAULTS.d;
  const schedule = o.schedule ?? SLOWDOWN_DEFAULTS.schedule;
  const avg = averageErrors ?? finalErrors('average', o.n, o.f, o.seeds, seed, steps, d, schedule);
  const rule = finalErrors(o.rule, o.n, o.f, o.seeds, seed, steps, d, schedule, { ...o.ruleParams, m: o.m });
  const { speed, lo, hi } = pairedSpeed(avg, rule, o.bootstrap ?? 1000, streamFor(seed, 'slowdown-bootstrap', o.rule, o.n, o.m));
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  return { rule: o.rule, n: o.n, f: o.f, m: o.m, seeds: o.seeds, steps, errorRule: mean(rule), errorAverage: mean(avg), speed, lo, hi };
}
