import type { NamedAttack } from './types';

/**
 * Gaussian attack: each Byzantine vector is pure noise, B_k ~ N(0, std² I)
 * (the "Gaussian Byzantine" of Blanchard et al. 2017 and Xie et al. 2018;
 * std = 200 by default, as in their experiments).
 *
 * @example gaussianAttack(200).run({ correct, n: 7, f: 1, gar, stream }) // one vector of N(0, 200²) coordinates
 */
export function gaussianAttack(std = 200): NamedAttack {
  return {
    name: 'gaussian',
    cite: 'blanchard2017krum',
    run: ({ correct, f, stream }) => {
      const d = correct[0].length;
      return Array.from({ length: f }, () => {
        const b = new Float64Array(d);
        for (let c = 0; c < d; c++) b[c] = std * stream.normal();
        return b;
      });
    },
  };
}
