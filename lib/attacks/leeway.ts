import { requireInteger, requireThat } from '../errors';
import type { Stream } from '../random/stream';
import { dot } from '../vectors';
import { lineSearchMagnitude, type LineSearchResult } from './lineSearch';
import { along, copies, coordinateStd, correctMean, spreadScale, unit } from './statistics';
import { inputsWith, type AttackContext, type NamedAttack } from './types';

export type LeewayDirection = 'coordinate' | 'orthogonal';

/**
 * A unit direction orthogonal to the correct spread: a random Gaussian vector
 * with its components along every V_j − μ removed (Gram–Schmidt). When the
 * correct vectors span the whole space (d <= n − f − 1) no such direction
 * exists; the axis of least correct spread is returned instead.
 */
export function orthogonalToSpread(correct: readonly Float64Array[], mu: Float64Array, stream: Stream): Float64Array {
  const d = mu.length;
  const basis: Float64Array[] = [];
  for (const v of correct) {
    const w = v.map((x, c) => x - mu[c]);
    for (const b of basis) { const p = dot(w, b); for (let c = 0; c < d; c++) w[c] -= p * b[c]; }
    const nw = Math.sqrt(dot(w, w));
    if (nw > 1e-9 * (1 + Math.sqrt(dot(v, v)))) basis.push(w.map((x) => x / nw));
  }
  const r = new Float64Array(d);
  for (let c = 0; c < d; c++) r[c] = stream.normal();
  const r0 = Math.sqrt(dot(r, r));
  for (const b of basis) { const p = dot(r, b); for (let c = 0; c < d; c++) r[c] -= p * b[c]; }
  if (Math.sqrt(dot(r, r)) > 1e-6 * r0) return unit(r);
  const s = coordinateStd(correct, mu);
  let least = 0;
  for (let c = 1; c < d; c++) if (s[c] < s[least]) least = c;
  const e = new Float64Array(d);
  e[least] = 1;
  return e;
}

/**
 * How far f identical Byzantine vectors at μ + t·u can go along the unit
 * direction u while the rule still moves its output along u: the budget of
 * figure 1. The objective is the push ⟨GAR(t) − μ, u⟩, maximised by
 * {@link lineSearchMagnitude} (grid, then binary search of the selection
 * boundary).
 */
export function leewayBudget(ctx: AttackContext, u: Float64Array, mu = correctMean(ctx.correct)): LineSearchResult {
  const { correct, f, gar } = ctx;
  const push = (t: number) => {
    const a = gar.aggregate(inputsWith(ctx, copies(along(mu, u, t), f)), f);
    let s = 0;
    for (let c = 0; c < mu.length; c++) s += (a[c] - mu[c]) * u[c];
    return s;
  };
  return lineSearchMagnitude(push, { scale: spreadScale(correct, mu) });
}

/**
 * The √d leeway attack of figure 1 (El Mhamdi, Guerraoui, Rouault, ICML 2018):
 * the f Byzantine vectors sit at μ + t*·u, with u one coordinate axis
 * (`coordinate`, default 0) or a direction orthogonal to the correct spread
 * (`orthogonal`), and t* the largest push the rule still lets through. Against
 * a rule that selects by Euclidean distance, t* ≈ √d σ: the Byzantine vector
 * is as close to the correct ones as they are to each other, yet all of its
 * deviation is on one axis.
 *
 * @example leewayAttack('coordinate', 0).run(ctx) // f copies of μ + t*·e_0
 */
export function leewayAttack(direction: LeewayDirection = 'coordinate', coordinate = 0): NamedAttack {
  requireThat(direction === 'coordinate' || direction === 'orthogonal', 'leeway attack', "direction 'coordinate' or 'orthogonal'", { direction });
  return {
    name: 'leeway',
    cite: 'elmhamdi2018bulyan',
    run: (ctx) => {
      const d = ctx.correct[0].length;
      const mu = correctMean(ctx.correct);
      let u: Float64Array;
      if (direction === 'coordinate') {
        requireInteger('leeway attack', 'coordinate', coordinate, 0, d - 1);
        u = new Float64Array(d);
        u[coordinate] = 1;
      } else u = orthogonalToSpread(ctx.correct, mu, ctx.stream);
      const { t } = leewayBudget(ctx, u, mu);
      return copies(along(mu, u, t), ctx.f);
    },
  };
}
