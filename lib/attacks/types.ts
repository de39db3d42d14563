import type { Gar } from '../rules/types';
import type { Stream } from '../random/stream';

/** What an attack sees: an omniscient adversary knows the correct vectors and the rule. */
export interface AttackContext {
  /** The n − f correct vectors of this step/trial. */
  correct: readonly Float64Array[];
  n: number;
  f: number;
  /** The rule under attack. */
  gar: Gar;
  /** The attack's own seeded stream for this step/trial. */
  stream: Stream;
  /** The true gradient g when known (Monte Carlo); undefined in SGD where the attacker estimates it from `correct`. */
  trueGradient?: Float64Array;
}

/**
 * An attack returns the f Byzantine vectors. Convention: the aggregation input
 * is `[...correct, ...byzantine]` (Byzantine last, as in the proof of Lemma 1),
 * unless a caller states otherwise.
 */
export type Attack = (ctx: AttackContext) => Float64Array[];

/** A named attack with its parameters bound, and a citation key. */
export interface NamedAttack {
  name: string;
  cite: string;
  run: Attack;
}
