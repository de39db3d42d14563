import type { Gar } from '../rules/types';
import type { Stream } from '../random/stream';
import { placeInputs } from './placement';

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
  /**
   * The input slots the Byzantine vectors will occupy (sorted; see
   * placement.ts). Omniscient attacks that evaluate the rule use it, so
   * they search against the arrangement the rule will actually see.
   * Undefined: Byzantine last.
   */
  byzantineSlots?: readonly number[];
}

/** The rule's input list for Byzantine vectors `byzantine` in this context's slots. */
export function inputsWith(ctx: AttackContext, byzantine: readonly Float64Array[]): Float64Array[] {
  return placeInputs(ctx.correct, byzantine, ctx.byzantineSlots);
}

/**
 * An attack returns the f Byzantine vectors. The harness places them at
 * `ctx.byzantineSlots` (seeded random slots; Byzantine last when undefined,
 * as in the proof of Lemma 1).
 */
export type Attack = (ctx: AttackContext) => Float64Array[];

/** A named attack with its parameters bound, and a citation key. */
export interface NamedAttack {
  name: string;
  cite: string;
  run: Attack;
}
