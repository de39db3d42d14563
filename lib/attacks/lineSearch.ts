/**
 * Line search over an attack's magnitude t ≥ 0, against the actual rule.
 *
 * Distance-based rules reward a Byzantine push linearly while it is still
 * selected and drop it once it is not, so the objective is a saw-tooth in t.
 * The search evaluates t = 0 and a geometric grid t = scale·2^j
 * (j = from..to), then binary-searches the interval after the best grid point
 * for the largest t that still does at least as well — the selection boundary.
 *
 *     t* = max { t : objective(t) >= objective(t_best) },  t ∈ [t_best, 2·t_best]
 *
 * A NaN objective counts as +Infinity: a rule that outputs NaN has lost.
 *
 * @example lineSearchMagnitude((t) => (t <= 3 ? t : 0), { scale: 1 }).t // ≈ 3
 */
export interface LineSearchOptions {
  /** Length scale of the grid (e.g. the correct vectors' spread). */
  scale: number;
  /** Grid exponents: t = scale · 2^j for j in [from, to]. Defaults −4, 16. */
  from?: number;
  to?: number;
  /** Bisection steps after the grid. Default 10. */
  refine?: number;
}

export interface LineSearchResult {
  t: number;
  value: number;
  /** Objective evaluations spent (each one aggregation). */
  evaluations: number;
}

export function lineSearchMagnitude(objective: (t: number) => number, options: LineSearchOptions): LineSearchResult {
  const { scale, from = -4, to = 16, refine = 10 } = options;
  let evaluations = 0;
  const value = (t: number) => {
    evaluations++;
    const v = objective(t);
    return Number.isNaN(v) ? Infinity : v;
  };
  const s = scale > 0 && Number.isFinite(scale) ? scale : 1;
  let bestT = 0;
  let best = value(0);
  let bestJ = from - 1;
  for (let j = from; j <= to; j++) {
    const t = s * 2 ** j;
    const v = value(t);
    if (v > best) { best = v; bestT = t; bestJ = j; }
  }
  if (best === Infinity || bestJ === to) return { t: bestT, value: best, evaluations };
  let lo = bestT;
  let hi = s * 2 ** (bestJ + 1);
  for (let r = 0; r < refine; r++) {
    const mid = (lo + hi) / 2;
    const v = value(mid);
    if (v >= best) { best = v; lo = mid; bestT = mid; } else hi = mid;
  }
  return { t: bestT, value: best, evaluations };
}
