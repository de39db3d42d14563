import { aggregathor } from '../rules/aggregathor';
import { bulyan } from '../rules/bulyan';
import { makeGar, type RuleName, type RuleParameters } from '../rules/catalogue';
import { multiKrum } from '../rules/krum';
import type { Gar } from '../rules/types';

/**
 * A rule as the simulator uses it: the uniform {@link Gar} plus, where the
 * rule selects whole inputs, which ones entered the aggregate (so each step can
 * record whether a Byzantine input was used).
 *
 * - MULTI-KRUM / KRUM: the m selected indices.
 * - BULYAN: the θ vectors selected by repeated Krum.
 * - AGGREGATHOR: the union of the vectors averaged in any MULTI-KRUM round.
 * - AVERAGE: every input. Coordinate-wise rules (median, trimmed mean) and the
 *   geometric median select no whole input: `selected` is null.
 *
 * @example selectingRule('multi-krum').aggregate(vectors, 2).selected
 */
export interface SelectingRule {
  readonly gar: Gar;
  readonly name: string;
  aggregate(vectors: readonly Float64Array[], f: number): { aggregate: Float64Array; selected: number[] | null };
}

const at = (p: RuleParameters['m'], n: number, f: number) => (typeof p === 'function' ? p(n, f) : p);

export function selectingRule(name: RuleName | string, params: RuleParameters = {}): SelectingRule {
  const gar = makeGar(name, params);
  switch (name) {
    case 'krum':
    case 'multi-krum':
      return {
        gar, name: gar.name,
        aggregate(v, f) {
          const r = multiKrum(v, { f, m: name === 'krum' ? 1 : at(params.m, v.length, f), k: at(params.k, v.length, f), distance: params.distance });
          return { aggregate: r.aggregate, selected: r.diagnostics.selected };
        },
      };
    case 'bulyan':
      return {
        gar, name: gar.name,
        aggregate(v, f) {
          const r = bulyan(v, { f, distance: params.distance });
          return { aggregate: r.aggregate, selected: r.diagnostics.selected };
        },
      };
    case 'aggregathor':
      return {
        gar, name: gar.name,
        aggregate(v, f) {
          const r = aggregathor(v, { f, m: at(params.m, v.length, f), scoreUpdate: params.scoreUpdate, distance: params.distance });
          const used = new Set<number>();
          for (const round of r.diagnostics.rounds) for (const i of round.averaged) used.add(i);
          return { aggregate: r.aggregate, selected: [...used].sort((a, b) => a - b) };
        },
      };
    case 'average':
      return { gar, name: gar.name, aggregate: (v, f) => ({ aggregate: gar.aggregate(v, f), selected: v.map((_, i) => i) }) };
    default:
      return fromGar(gar);
  }
}

/** Any {@link Gar} (e.g. a researcher's own) as a simulator rule, without selection diagnostics. */
export function fromGar(gar: Gar): SelectingRule {
  return { gar, name: gar.name, aggregate: (v, f) => ({ aggregate: gar.aggregate(v, f), selected: null }) };
}
