/**
 * Proof map of Section 3 (issue #13): the setting, Theorem 2 and its proof
 * (lines 1061–1086 of reference/aggregathor-supplementary-proofs.txt).
 */
import type { ProofStep } from '../types';
import { step } from '../checks/frontKit';
import * as F from '../checks/frontChecks';

const loc = (section: string, lines: [number, number], where: string) => ({ section, lines, where });
const NORMALISATIONS = [
  { id: 'per-coordinate-sigma-fixed', description: 'the paper’s E‖G − g‖² = dσ², σ fixed per coordinate as d grows' },
  { id: 'total-noise-fixed', description: 'the total noise E‖G − g‖² fixed as d grows (Bulyan’s normalisation): per-coordinate σ ∝ 1/√d' },
];

export const THEOREM2_STEPS: ProofStep[] = [
  step({
    id: 'T2.range', parent: 'T2', kind: 'range', location: loc('Section 3, setting', [1064, 1067], 'first sentence'),
    printed: 'Let n be any integer greater than 2, f any integer s.t. f ≤ (n − 3)/4 and m an integer s.t. m ≤ n − 2f − 2. Let m̃ = n − 2f − 2.',
    checks: [F.Section3Range], registryChecks: ['T2/admissible: section-3 => section-2', 'T2/admissible: section-3 => lemma-1', 'T2/admissible: section-3 <=> bulyan-rule', 'T2/admissible: section-3 => m~3 >= 2f + 1'],
  }),
  step({
    id: 'T2', kind: 'implication', location: loc('Theorem 2, statement', [1069, 1077], '(i) and (ii)'),
    printed: '(i) AGGREGATHOR provides strong Byzantine resilience against f failures. (ii) In the absence of Byzantine workers, AGGREGATHOR has a slowdown (expressed in ratio with averaging) of Ω(√(m̃/n)).',
    readings: NORMALISATIONS,
    premises: ['T2.range', 'T1', 'D2'],
    checks: [F.Leeway('T2', 'aggregathor', 'total', 'holds'), F.Leeway('T2', 'aggregathor', 'per-coordinate', 'fails')],
    registryChecks: ['T2/monte-carlo-strong', 'T2/slowdown-ii'],
  }),
  step({
    id: 'T2.2', parent: 'T2.1', kind: 'count', location: loc('Theorem 2, proof', [1078, 1078], 'clause "If the number of iterations over MULTI-KRUM is n − 2f"'),
    printed: 'the number of iterations over MULTI-KRUM is n − 2f',
    readings: [{ id: 'as-printed', description: 'each iteration runs MULTI-KRUM on the remaining vectors and removes one; MULTI-KRUM needs at least 2f + 3 inputs' }],
    premises: ['T2.range'], checks: [F.BulyanIterations],
  }),
  step({
    id: 'T2.1', parent: 'T2', kind: 'rate', location: loc('Theorem 2, proof', [1078, 1083], 'sentence "the leeway … is upper bounded by O(1/√d)"'),
    printed: 'the leeway, defined by the coordinate-wise distance between the output of BULYAN and a correct gradient, is upper bounded by O(1/√d)',
    readings: NORMALISATIONS,
    premises: ['T2.2', 'D2'],
    checks: [F.Leeway('T2.1', 'aggregathor', 'total', 'holds'), F.Leeway('T2.1', 'aggregathor', 'per-coordinate', 'fails')], registryChecks: ['T2.1/monte-carlo-bulyan'],
  }),
  step({
    id: 'T2.3', parent: 'T2.1', kind: 'rate', location: loc('Theorem 2, proof', [1083, 1085], 'sentence "BULYAN relies on a component-wise median, that, as proven in [3] guarantees this bound"'),
    printed: 'BULYAN relies on a component-wise median, that, as proven in [3], guarantees this bound',
    readings: NORMALISATIONS,
    checks: [F.Leeway('T2.3', 'bulyan', 'total', 'holds'), F.Leeway('T2.3', 'bulyan', 'per-coordinate', 'fails')],
  }),
  step({
    id: 'T2.4', parent: 'T2', kind: 'implication', location: loc('Theorem 2, proof', [1085, 1086], 'sentence "The proof is then a direct consequence of Theorem 1 and the properties of Bulyan"'),
    printed: 'The proof is then a direct consequence of Theorem 1 and the properties of Bulyan [3] (in particular (ii), the slowdown Ω(√(m̃/n)))',
    readings: [{ id: 'omega-constant-free', description: '(ii) with a constant independent of n' }, { id: 'mse-at-most-minibatch', description: '(ii) with constant 1' }],
    premises: ['T1', 'T1.ii', 'T2.1'],
    checks: [F.SlowdownOmega('T2.4', 'aggregathor'), F.SlowdownMse('T2.4', 'aggregathor', true)], registryChecks: ['T2/slowdown-ii'],
  }),
];
