import { requireThat } from '../errors';
import type { NamedAttack } from './types';

export type NonFiniteKind = 'mixed' | 'nan' | 'inf';

/**
 * Non-finite attack: Byzantine vectors made of NaN or ±Infinity. A rule that
 * does arithmetic on them before ranking them returns NaN; a robust rule ranks
 * them last. `mixed` cycles NaN, +Infinity, −Infinity over the f vectors.
 *
 * @example nonFiniteAttack('mixed').run(ctx) // [NaN…], [+∞…], [−∞…], …
 */
export function nonFiniteAttack(kind: NonFiniteKind = 'mixed'): NamedAttack {
  requireThat(kind === 'mixed' || kind === 'nan' || kind === 'inf', 'non-finite attack', "kind 'mixed', 'nan' or 'inf'", { kind });
  const cycle = kind === 'nan' ? [NaN] : kind === 'inf' ? [Infinity, -Infinity] : [NaN, Infinity, -Infinity];
  return {
    name: 'non-finite',
    cite: 'damaskinos2019aggregathor',
    run: ({ correct, f }) => Array.from({ length: f }, (_, k) => new Float64Array(correct[0].length).fill(cycle[k % cycle.length])),
  };
}
