import { requireInteger } from '../errors';
import { copies } from './statistics';
import type { NamedAttack } from './types';

/**
 * Mimic (Karimireddy, He, Jaggi, ICLR 2022): every Byzantine vector copies one
 * correct vector, B_k = V_target. Harmless to the mean in one step, it
 * over-weights one worker's noise and cannot be told apart by distances.
 *
 * @example mimicAttack(0).run(ctx) // f copies of correct[0]
 */
export function mimicAttack(target = 0): NamedAttack {
  return {
    name: 'mimic',
    cite: 'karimireddy2022mimic',
    run: ({ correct, f }) => {
      requireInteger('mimic attack', 'target', target, 0, correct.length - 1);
      return copies(correct[target], f);
    },
  };
}
