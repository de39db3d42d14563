import { requireThat } from '../errors';

/**
 * Learning-rate schedules of the simulator.
 *
 * - `constant`: γ_t = γ. Violates Lemma 2 (ii) (Σ γ_t² = ∞); used to show what
 *   that hypothesis buys.
 * - `decreasing`: γ_t = γ0 / (t + t0)^p with ½ < p ≤ 1, so Σ γ_t = ∞ and
 *   Σ γ_t² < ∞ (Lemma 2 (ii)).
 *
 * @example stepSize({ kind: 'decreasing', gamma0: 1, t0: 10, p: 1 }, 0) // 0.1
 */
export type Schedule =
  | { kind: 'constant'; gamma: number }
  | { kind: 'decreasing'; gamma0: number; t0: number; p: number };

/** γ_t of the schedule at step t = 0, 1, … */
export function stepSize(s: Schedule, t: number): number {
  return s.kind === 'constant' ? s.gamma : s.gamma0 / Math.pow(t + s.t0, s.p);
}

/** Validates a schedule; throws an AdmissibilityError naming the violated range. */
export function checkSchedule(s: Schedule): Schedule {
  if (s.kind === 'constant') requireThat(s.gamma > 0 && Number.isFinite(s.gamma), 'schedule', 'a finite γ > 0', { gamma: s.gamma });
  else {
    requireThat(s.gamma0 > 0 && Number.isFinite(s.gamma0), 'schedule', 'a finite γ0 > 0', { gamma0: s.gamma0 });
    requireThat(s.t0 >= 1, 'schedule', 't0 >= 1', { t0: s.t0 });
    requireThat(s.p > 0 && s.p <= 1, 'schedule', '0 < p <= 1', { p: s.p });
  }
  return s;
}

/** Lemma 2 (ii): Σ γ_t = ∞ and Σ γ_t² < ∞, i.e. a decreasing schedule with ½ < p ≤ 1. */
export function satisfiesLemma2Schedule(s: Schedule): boolean {
  return s.kind === 'decreasing' && s.p > 0.5 && s.p <= 1;
}

/** A one-line description, e.g. `γ_t = 0.5/(t + 20)^1`. */
export function describeSchedule(s: Schedule): string {
  return s.kind === 'constant' ? `γ_t = ${s.gamma} (constant)` : `γ_t = ${s.gamma0}/(t + ${s.t0})^${s.p}`;
}
