import type { Interval, Verdict } from '../claims/types';

/**
 * The verdict rule of every Monte Carlo check. A check tests S settings
 * (parameter sets × attacks); each setting's interval is computed at the
 * Bonferroni level 1 − a/S, so that all S intervals hold together with
 * probability at least 1 − a (family-wise level, a = 0.05 by default).
 *
 * For a bound "measured / bound <= 1":
 * - fails when some setting's whole interval lies above 1 (lo > 1);
 * - holds when every setting's interval lies at or below 1 (hi <= 1);
 * - inconclusive otherwise (an interval straddles 1, or there is no row).
 * A NaN estimate (the rule output NaN) counts as a violation.
 *
 * @example bonferroniLevel(0.95, 10) // 0.995
 */
export function bonferroniLevel(familyLevel: number, settings: number): number {
  return 1 - (1 - familyLevel) / Math.max(1, settings);
}

export const FAMILY_LEVEL = 0.95;

const lo = (iv: Interval) => (Number.isNaN(iv.lo) ? Infinity : iv.lo);
const hi = (iv: Interval) => (Number.isNaN(iv.hi) ? Infinity : iv.hi);

/** Verdict for "every ratio <= limit" (limit 1 for measured / bound). */
export function upperBoundVerdict(ratios: readonly Interval[], limit = 1): Verdict {
  if (ratios.length === 0) return 'inconclusive'; // nothing measured: never a vacuous pass
  if (ratios.some((iv) => lo(iv) > limit)) return 'fails';
  if (ratios.every((iv) => hi(iv) <= limit)) return 'holds';
  return 'inconclusive';
}

/**
 * Verdict for "every quantity equals `value`": fails when some interval
 * excludes it; holds when all intervals contain it (no detectable
 * difference at the family-wise level — evidence of equality only as strong
 * as the intervals are narrow, so the width is reported beside it).
 */
export function equalityVerdict(values: readonly Interval[], value: number): Verdict {
  if (values.length === 0) return 'inconclusive';
  if (values.some((iv) => Number.isNaN(iv.estimate) || iv.lo > value || iv.hi < value)) return 'fails';
  return 'holds';
}
