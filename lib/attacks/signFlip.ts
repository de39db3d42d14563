import { copies, correctMean } from './statistics';
import type { NamedAttack } from './types';

/**
 * Sign flip: every Byzantine vector is the reversed, scaled mean of the
 * correct vectors, B_k = −scale · μ (Allen-Zhu et al. 2021; Karimireddy et
 * al. 2021 call it "bit flip" at scale 1).
 *
 * @example signFlipAttack(1).run(ctx) // f copies of −mean(correct)
 */
export function signFlipAttack(scale = 1): NamedAttack {
  return {
    name: 'sign-flip',
    cite: 'allenzhu2021byzantine',
    run: ({ correct, f }) => copies(correctMean(correct).map((x) => -scale * x), f),
  };
}
