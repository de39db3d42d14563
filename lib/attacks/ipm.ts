import { copies, correctMean } from './statistics';
import type { NamedAttack } from './types';

/**
 * Inner-product manipulation, "Fall of Empires" (Xie, Koyejo, Gupta, UAI
 * 2019): B_k = −ε · μ with μ the mean of the correct vectors. A small ε
 * (0.1) hides inside the correct spread yet makes ⟨GAR, g⟩ smaller; a large ε
 * (100) is a blunt reversal. Default ε = 0.1.
 *
 * @example ipmAttack(0.1).run(ctx) // f copies of −0.1·mean(correct)
 */
export function ipmAttack(epsilon = 0.1): NamedAttack {
  return {
    name: 'ipm',
    cite: 'xie2019ipm',
    run: ({ correct, f }) => copies(correctMean(correct).map((x) => -epsilon * x), f),
  };
}
