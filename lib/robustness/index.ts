/**
 * Robustness coefficients (issue 15): the (f, κ)-robustness ratio, a
 * worst-input search per rule that reports a certified lower bound κ̂ with
 * its witness, and the exact replay of witnesses.
 *
 * @example searchWorstInput('krum', { n: 7, f: 1, d: 2 }, { seed: 1, budget: 1000 }).kappaHat
 */
export { robustnessRatio, honestMoments, universalLowerBound, lowerBoundInputs } from './ratio';
export { exactRatio, exactVectors, exactLowerBound, fractionToNumber, type ExactValue } from './exactRatio';
export { exactRuleOutput, hasExactOutput } from './exactRules';
export { replayWitness, floatRatio, floatOutput, checkWitness, type Witness, type Replay } from './witness';
export { nelderMead } from './nelderMead';
export { structuredStarts, randomStart } from './starts';
export { searchWorstInput, isEquivariant, normalise, type SearchOptions, type SearchResult } from './search';
