/**
 * Proof map of the front matter (issue #13): the abstract (lines 6–52), the
 * introduction of Section 1 with Definitions 1–3 and the assertions around
 * them (lines 54–194), and the captions of Figure 1 (lines 64–81) and
 * Figure 2 (lines 1026–1027), in the paper's order.
 */
import type { ProofStep } from '../types';
import { step } from '../checks/frontKit';
import * as F from '../checks/frontChecks';

const loc = (section: string, lines: [number, number], where: string) => ({ section, lines, where });

export const FRONT_STEPS: ProofStep[] = [
  // ---------------------------------------------------------------- Abstract
  step({
    id: 'A2', kind: 'count', location: loc('Abstract', [8, 10], 'sentence "Krum only uses one worker per step"'),
    printed: 'Krum only uses one worker per step',
    checks: [F.KrumOneWorker],
  }),
  step({
    id: 'A3', kind: 'count', location: loc('Abstract', [11, 12], 'sentence "MULTI-KRUM, of using m > 1 different workers per step"'),
    printed: 'MULTI-KRUM uses m > 1 different workers per step',
    checks: [F.MultiKrumMWorkers],
  }),
  step({
    id: 'A4', kind: 'rate', location: loc('Abstract', [13, 20], 'sentence "provides proofs of (weak) Byzantine resilience, convergence, and √(m/n) slowdown of MULTI-KRUM"'),
    printed: 'proofs of (weak) Byzantine resilience, convergence, and √(m/n) slowdown of MULTI-KRUM compared to the optimal averaging in the absence of Byzantine workers',
    readings: [{ id: 'omega-constant-free', description: 'the slowdown as in Theorem 1 (ii): Ω(√(m̃/n)) relative to averaging' }],
    premises: ['T1', 'T1.ii'],
    checks: [F.SlowdownOmega('A4', 'multi-krum')], registryChecks: ['T1/weak-resilience', 'T1.ii/slowdown'],
  }),
  step({
    id: 'A5', kind: 'rate', location: loc('Abstract', [21, 28], 'sentence "we prove the similar √(m/n) slowdown of AGGREGATHOR and its (strong) Byzantine resilience"'),
    printed: 'the similar √(m/n) slowdown of AGGREGATHOR and its (strong) Byzantine resilience',
    readings: [
      { id: 'omega-constant-free', description: 'slowdown as in Theorem 2 (ii); strong resilience read with the total noise fixed as d grows' },
      { id: 'total-noise-fixed', description: 'strong resilience (the leeway O(1/√d)) with the total noise E‖G − g‖² fixed as d grows' },
    ],
    premises: ['T2'],
    checks: [F.SlowdownOmega('A5', 'aggregathor'), F.Leeway('A5', 'aggregathor', 'total', 'holds')], registryChecks: ['T2/slowdown-ii', 'T2/monte-carlo-strong'],
  }),
  step({
    id: 'A1', kind: 'rate', location: loc('Abstract', [29, 37], 'sentence "AGGREGATHOR … is √(m/n) times as fast as the optimal algorithm (averaging)"'),
    printed: 'AGGREGATHOR ensures strong Byzantine resilience and is √(m/n) times as fast as the optimal algorithm (averaging) in the absence of Byzantine workers',
    readings: [
      { id: 'mse-at-most-minibatch', description: '“√(m/n) times as fast” read as an exact factor: AGGREGATHOR’s squared error at most dσ²/m (that of an average of m independent gradients)' },
      { id: 'omega-constant-free', description: 'read as Theorem 2 (ii): up to a constant' },
    ],
    premises: ['T2'],
    checks: [F.SlowdownMse('A1', 'aggregathor', false), F.SlowdownOmega('A1', 'aggregathor')], registryChecks: ['A1/slowdown'],
  }),
  step({
    id: 'A6', kind: 'implication', location: loc('Abstract', [39, 42], 'sentence "AGGREGATHOR is the composition of MULTI-KRUM and BULYAN, … generalization … of Bulyan"'),
    printed: 'AGGREGATHOR is the composition of MULTI-KRUM and BULYAN, which can be viewed as generalization (also using m different workers per step) of Bulyan',
    readings: [
      { id: 'code-theta', description: 'AGGREGATHOR as the original code runs it (θ = n − 2f − 2 rounds, lib/rules/aggregathor): with m = 1 it should be BULYAN (θ = n − 2f)' },
      { id: 'paper-theta', description: 'AGGREGATHOR with θ = n − 2f rounds as in Theorem 2’s proof: then it is BULYAN by definition, but its last rounds leave MULTI-KRUM’s domain (T2.2)' },
    ],
    checks: [F.AggregathorGeneralisesBulyan],
  }),
  step({
    id: 'A7', kind: 'rate', location: loc('Abstract', [46, 52], 'sentence "the √d leeway it provides to strong attackers"'),
    printed: 'the high dimensionality of machine learning … together with the √d leeway it provides to strong attackers',
    readings: [{ id: 'per-coordinate-sigma', description: 'the Byzantine budget of Figure 1 grows like √d σ' }],
    premises: ['F1.b'],
    checks: [F.FigureBudgetRate('A7')],
  }),

  // ---------------------------------------------------------------- Section 1
  step({
    id: 'D1', kind: 'definition', location: loc('Section 1, Definition 1', [58, 60], 'definition'),
    printed: 'A GAR ensures weak f-Byzantine resilience if the sequence x(k) converges almost surely to some x* where ∇Q(x*) = 0, despite the presence of f Byzantine workers.',
    uncheckedBecause: 'definition (exercised by the registry check D1/weak-resilience-exercised)', registryChecks: ['D1/weak-resilience-exercised'],
  }),
  step({
    id: 'F1', kind: 'rate', location: loc('Figure 1 caption', [64, 81], 'whole caption'),
    printed: 'the Byzantine one has a budget of about √3 times the disagreement of the correct workers, to put as a deviation towards A, on the line (L3), while still being selected by a weak Byzantine resilient GAR … In very high dimensions, the situation is amplified by √d.',
    checks: [], registryChecks: ['F1/monte-carlo-budget'],
  }),
  step({
    id: 'F1.a', parent: 'F1', kind: 'rate', location: loc('Figure 1 caption', [69, 75], 'sentence "the Byzantine one has a budget of about √3 times the disagreement of the correct workers"'),
    printed: 'in 3 dimensions the Byzantine vector has a budget of about √3 times the disagreement of the correct workers while still selected',
    readings: [
      { id: 'per-coordinate-sigma', description: '“disagreement” = the per-coordinate standard deviation σ of the correct workers; GAR = Krum, finite n' },
      { id: 'pairwise-distance', description: '“disagreement” = a typical distance √(2d)σ between correct workers (then “√3 times” would be √(3/2)·… and fails further)' },
    ],
    checks: [F.FigureBudgetSqrt3],
  }),
  step({
    id: 'F1.b', parent: 'F1', kind: 'rate', location: loc('Figure 1 caption', [78, 81], 'sentence "In very high dimensions, the situation is amplified by √d"'),
    printed: 'In very high dimensions, the situation is amplified by √d',
    readings: [{ id: 'per-coordinate-sigma', description: 'the budget (largest selected deviation along one axis) grows like √d σ' }],
    premises: ['F1.a'], checks: [F.FigureBudgetRate('F1.b')],
  }),
  step({
    id: 'I1', kind: 'existence', location: loc('Section 1, "Specificity of non-convex optimization" (1)', [94, 111], 'paragraph "(1) A “mild” Byzantine worker can make the system converge faster"'),
    printed: 'A “mild” Byzantine worker can make the system converge faster … a Byzantine worker might end up providing a direction to get out of that local minima',
    readings: [{ id: 'existence', description: 'there is a non-convex Q and a Byzantine input with which SGD reaches a better optimum than without it' }],
    checks: [F.MildByzantine],
  }),
  step({
    id: 'I2', kind: 'rate', location: loc('Section 1, (2)', [112, 122], 'sentence "a requirement that would cut the √d leeway offered to an attacker in each dimension"'),
    printed: 'non-convexity explains the need for strong Byzantine resilience … a requirement that would cut the √d leeway offered to an attacker in each dimension',
    readings: [{ id: 'total-noise-fixed', description: 'a weakly resilient GAR (MULTI-KRUM) leaves the attacker its leeway: its coordinate-wise deviation is not O(1/√d) when the total noise is fixed' }],
    premises: ['F1.b', 'D2'],
    checks: [F.Leeway('I2', 'multi-krum', 'total', 'holds', 'remains')],
  }),
  step({
    id: 'D2', kind: 'definition', location: loc('Section 1, Definition 2', [125, 133], 'definition'),
    printed: 'A GAR ensures strong f-Byzantine resilience if for every i ∈ [1, d], there exists a correct gradient G s.t. E|GAR_i − G_i| = O(1/√d).',
    readings: [
      { id: 'total-noise-fixed', description: 'O(1/√d) with the total noise E‖G − g‖² fixed as d grows (Bulyan’s normalisation)' },
      { id: 'per-coordinate-sigma-fixed', description: 'with this paper’s E‖G − g‖² = dσ² (σ fixed per coordinate): no rule can reach O(1/√d), since correct gradients themselves differ by Θ(σ) per coordinate' },
      { id: 'G-per-coordinate', description: '“there exists a correct G” may depend on i and on the outcome (then min_j |GAR_i − V_{j,i}|), or be one correct worker fixed before the attack' },
    ],
    uncheckedBecause: 'definition (exercised by the registry check D2/monte-carlo-leeway)', registryChecks: ['D2/monte-carlo-leeway'],
  }),
  step({
    id: 'D3.b', parent: 'D3', kind: 'implication', location: loc('Section 1', [135, 145], 'sentence "This definition is a sufficient condition (as proved in [1] based on [2]) for weak Byzantine resilience"'),
    printed: '(α, f)-Byzantine resilience is a sufficient condition for weak Byzantine resilience (as proved in [1] based on [2]); BULYAN inherits it [3]',
    premises: ['D3', 'L2'],
    checks: [], registryChecks: ['L2/trajectories', 'T1/weak-resilience'],
  }),
  step({
    id: 'D3.g', parent: 'D3', kind: 'existence', location: loc('Section 1', [138, 141], 'sentence "a sufficient, but not a necessary condition"'),
    printed: '(α, f)-Byzantine resilience is a sufficient, but not a necessary condition for (weak) Byzantine resilience',
    readings: [{ id: 'literal-any-distribution', description: 'D3 quantifies over every distribution G, including E G = 0' }],
    checks: [F.D3NotNecessary],
  }),
  step({
    id: 'D3.c', parent: 'D3', kind: 'implication', location: loc('Section 1', [146, 148], 'sentence "Definition 3 states that the GAR produces an output vector that lives, on average, in the cone of angle α around the true gradient"'),
    printed: 'Intuitively, Definition 3 states that GAR produces an output vector that lives, on average, in the cone of angle α around the true gradient (the “correct cone”)',
    readings: [{ id: 'angle-cone', description: 'condition (i) ⟨E GAR, g⟩ >= (1 − sin α)‖g‖² places E GAR in {x : angle(x, g) <= α}' }],
    premises: ['D3'], checks: [F.D3Cone('D3.c')],
  }),
  step({
    id: 'D3', kind: 'definition', location: loc('Section 1, Definition 3', [150, 166], 'definition'),
    printed: '0 ≤ α < π/2, 0 ≤ f ≤ n; V_i i.i.d. ~ G, E G = g; B_1..B_f arbitrary. GAR is (α, f)-Byzantine resilient if, for any 1 ≤ j_1 < … < j_f ≤ n, (i) ⟨E GAR, g⟩ ≥ (1 − sin α)‖g‖² > 0 and (ii) for r = 2, 3, 4, E‖GAR‖^r is bounded above by a linear combination of terms E‖G‖^{r_1}…E‖G‖^{r_{n−1}} with r_1 + … + r_{n−1} = r.',
    uncheckedBecause: 'definition (exercised by the registry checks D3/monte-carlo-cone and D3/monte-carlo-moments)', registryChecks: ['D3/monte-carlo-cone', 'D3/monte-carlo-moments'],
  }),
  step({
    id: 'D3.a', parent: 'D3', kind: 'implication', location: loc('Section 1, Definition 3', [164, 164], '"(1 − sin α)·‖g‖² > 0" in condition (i)'),
    printed: '(1 − sin α)·‖g‖² > 0 (for 0 ≤ α < π/2)',
    readings: [{ id: 'any-g', description: 'for g = E G of every distribution the definition quantifies over' }],
    premises: ['D3'], checks: [F.D3Positive],
  }),
  step({
    id: 'D3.d', parent: 'D3', kind: 'implication', location: loc('Section 1, footnote 1', [172, 174], 'footnote "Having a scalar product that is lower bounded by this value guarantees that the GAR … lives in the aforementioned cone"'),
    printed: 'Having a scalar product that is lower bounded by this value guarantees that the GAR of MULTI-KRUM lives in the aforementioned cone',
    readings: [{ id: 'angle-cone', description: 'as D3.c' }],
    premises: ['D3.c'], checks: [F.D3Cone('D3.d')],
  }),
  step({
    id: 'S1.np', kind: 'implication', location: loc('Section 1', [86, 89], 'sentence "Non-convex optimization is one of the earliest established NP-hard problems [4]"'),
    printed: 'Non-convex optimization is one of the earliest established NP-hard problems [4]; many hard questions in machine learning boil down to "the cost function is not convex"',
    uncheckedBecause: 'a cited result of complexity theory ([4]) and an opinion on machine learning: no computation can confirm or refute them; the workbook checks what the paper builds on them, the two behaviours (1) and (2) below',
  }),
  step({
    id: 'S1.two', kind: 'count', location: loc('Section 1', [91, 92], 'sentence "the non-convexity of the cost function creates two non-intuitive behaviours"'),
    printed: 'In distributed machine learning, the non-convexity of the cost function creates two non-intuitive behaviours that are important to highlight',
    uncheckedBecause: 'an announcement of the two numbered behaviours that follow, each mapped and checked as its own step',
  }),
  step({
    id: 'S1.e', kind: 'definition', location: loc('Section 1', [175, 179], 'paragraph "In all what follows, expectations are taken over random samples …"'),
    printed: 'expectations are taken over the random samples of the correct workers; the Byzantine workers follow arbitrarily bad policies (worst case)',
    uncheckedBecause: 'fixes what E means and the adversary model (the checks draw Byzantine vectors as functions of the correct ones, the worst case searched over strategies)',
  }),
  step({
    id: 'S2.a', kind: 'implication', location: loc('Section 1', [181, 184], 'sentence "given m ≤ n − f − 2 … m-Krum averages m gradients that are all in the “correct cone”"'),
    printed: 'given m ≤ n − f − 2, and in particular m = n − f − 2, m-Krum averages m gradients that are all in the “correct cone”',
    readings: [{ id: 'in-expectation', description: 'E MK lies in the cone (Lemma 1); individual selected vectors need not (a correct vector is g plus noise)' }],
    premises: ['L1'], checks: [], registryChecks: ['L1/monte-carlo-cone'],
  }),
  step({
    id: 'S2.b', kind: 'implication', location: loc('Section 1', [183, 185], 'sentence "a cone is a convex set, thus stable by averaging"'),
    printed: 'a cone is a convex set, thus stable by averaging. The resulting vectors therefore also live in that cone.',
    premises: ['S2.a'], checks: [F.ConeConvex],
  }),
  step({
    id: 'S2.c', kind: 'identity', location: loc('Section 1', [184, 186], 'sentence "the value of η(n.f) itself depends on m"'),
    printed: 'The angle of the cone will depend on a variable η(n, f) as in [1], the value of η(n, f) itself depends on m.',
    readings: [{ id: 'both-etas', description: 'η as printed (denominator m) and as derived (denominator n − 2f − 2)' }],
    checks: [F.EtaDependsOnM],
  }),
  step({
    id: 'S2.d', kind: 'implication', location: loc('Section 2, footnote 2', [242, 243], 'footnote "The slowdown question is an incentive to take the highest value of m … in this case m̃"'),
    printed: 'The slowdown question is an incentive to take the highest value of m among those that satisfy Byzantine resilience, in this case m̃.',
    premises: ['T1.ii'], checks: [F.FootnoteLargestM],
  }),

  // ---------------------------------------------------------------- Figure 2 caption
  step({
    id: 'F2', kind: 'inequality', location: loc('Figure 2 caption', [1026, 1027], 'caption'),
    printed: 'Condition on the angles between x_t, ∇Q(x_t) and the GAR of MULTI-KRUM vector E MULTI-KRUM_t, in the region ‖x_t‖² > D.',
    readings: [{ id: 'as-printed', description: 'the picture’s content: angle(x_t, ∇Q) <= β and angle(E MK_t, ∇Q) <= α give angle(x_t, E MK_t) <= α + β < π/2 (Lemma 2’s L2.5)' }],
    premises: ['L2.5'], checks: [F.AngleSum], registryChecks: ['L2.5/angle-geometry'],
  }),
];
