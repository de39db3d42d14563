import { requireInteger, requireThat } from '../errors';
import { dot } from '../vectors';
import { lineSearchMagnitude } from './lineSearch';
import { orthogonalToSpread } from './leeway';
import { along, copies, coordinateStd, correctMean, spreadScale, unit } from './statistics';
import { inputsWith, type AttackContext, type NamedAttack } from './types';

/**
 * What the adaptive attacker maximises, on the rule's actual output a:
 * - `distance`: ‖a − g‖ (Lemma 1's bias);
 * - `inner`: −⟨a, g⟩ (condition (i) of (α, f)-resilience);
 * - `coordinate`: |a_c − g_c| on one coordinate c (strong resilience, D2).
 * g is the true gradient when the context gives it, the correct mean otherwise.
 * A NaN output scores +Infinity.
 */
export type AdaptiveObjective = 'distance' | 'inner' | 'coordinate';

export function objectiveValue(objective: AdaptiveObjective, a: Float64Array, g: Float64Array, coordinate = 0): number {
  let v: number;
  if (objective === 'distance') { let s = 0; for (let c = 0; c < g.length; c++) s += (a[c] - g[c]) ** 2; v = Math.sqrt(s); }
  else if (objective === 'inner') v = -dot(a, g);
  else v = Math.abs(a[coordinate] - g[coordinate]);
  return Number.isNaN(v) ? Infinity : v;
}

/**
 * The candidate directions the adaptive attacker searches along, from the
 * correct mean μ: −μ (reversal), −s (ALIE's direction, s the per-coordinate
 * spread), the two axes of largest correct spread (signed against μ), a random
 * direction orthogonal to the correct spread, and e_c for the `coordinate`
 * objective.
 */
export function candidateDirections(ctx: AttackContext, mu: Float64Array, objective: AdaptiveObjective, coordinate: number): Float64Array[] {
  const d = mu.length;
  const s = coordinateStd(ctx.correct, mu);
  const out: Float64Array[] = [unit(mu.map((x) => -x)), unit(s.map((x) => -x))];
  const order = Array.from({ length: d }, (_, c) => c).sort((a, b) => s[b] - s[a] || a - b);
  for (const c of order.slice(0, Math.min(2, d))) {
    const e = new Float64Array(d);
    e[c] = mu[c] > 0 ? -1 : 1;
    out.push(e);
  }
  out.push(orthogonalToSpread(ctx.correct, mu, ctx.stream));
  if (objective === 'coordinate') {
    const e = new Float64Array(d);
    e[coordinate] = 1;
    out.push(e);
  }
  return out.filter((u) => dot(u, u) > 0);
}

/**
 * The omniscient adaptive attacker: it knows the rule and the correct
 * vectors, and searches — a line search over the magnitude t along each
 * candidate direction u, f identical vectors at μ + t·u — for the Byzantine
 * vectors that maximise the objective on the rule's actual output.
 *
 *     B* = argmax_{u ∈ U, t >= 0} objective(GAR(V_1..V_{n−f}, μ + t·u, …, μ + t·u))
 *
 * @example adaptiveAttack('distance').run({ ...ctx, trueGradient: g })
 */
export function adaptiveAttack(objective: AdaptiveObjective = 'distance', coordinate = 0): NamedAttack {
  requireThat(['distance', 'inner', 'coordinate'].includes(objective), 'adaptive attack', "objective 'distance', 'inner' or 'coordinate'", { objective });
  return {
    name: 'adaptive',
    cite: 'elmhamdi2018bulyan',
    run: (ctx) => {
      const { correct, f, gar } = ctx;
      const d = correct[0].length;
      requireInteger('adaptive attack', 'coordinate', coordinate, 0, d - 1);
      const mu = correctMean(correct);
      const g = ctx.trueGradient ?? mu;
      const scale = spreadScale(correct, mu);
      let best = { value: -Infinity, vectors: copies(mu, f) };
      for (const u of candidateDirections(ctx, mu, objective, coordinate)) {
        const score = (t: number) => objectiveValue(objective, gar.aggregate(inputsWith(ctx, copies(along(mu, u, t), f)), f), g, coordinate);
        const r = lineSearchMagnitude(score, { scale: Math.max(scale, Math.sqrt(dot(mu, mu)) / 16) });
        if (r.value > best.value) best = { value: r.value, vectors: copies(along(mu, u, r.t), f) };
      }
      return best.vectors;
    },
  };
}
