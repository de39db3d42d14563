/**
 * Proof map of Section 2 except Lemma 2 (issue #13): the setting, Theorem 1's
 * statement, the proof of (i)'s scope, Lemma 1's statement and its proof step
 * by step (lines 217–724 of reference/aggregathor-supplementary-proofs.txt),
 * and the proof of Theorem 1 (ii) (lines 1050–1059).
 *
 * Sub-ids split a display into its links (L1.2.a, L1.2.b, …); new steps of
 * the proof that claims.md does not name are L1.13, L1.14, …
 */
import type { ProofStep } from '../types';
import { step } from '../checks/frontKit';
import * as C from '../checks/lemma1Checks';
import * as F from '../checks/frontChecks';

const K_READINGS = [
  { id: 'k=m', description: 'each score sums over m neighbours (the proof: “the m neighbors of i”)' },
  { id: 'k=n-f-2', description: 'each score sums over n − f − 2 neighbours (Krum, the AggregaThor code)' },
];
const BOTH = [...K_READINGS];
/** The four neighbour counts the registry names (lib/claims/statements.ts), the proof's first: for steps whose registry checks run under each. */
const ALL_K = [
  ...K_READINGS,
  { id: 'k=n-f-1', description: 'each score sums over n − f − 1 neighbours (a variant found in implementations)' },
  { id: 'k=n-f', description: 'each score sums over n − f neighbours (a variant found in implementations)' },
];
const L1 = 'Lemma 1, proof';
const loc = (section: string, lines: [number, number], where: string) => ({ section, lines, where });

export const LEMMA1_STEPS: ProofStep[] = [
  // ---------------------------------------------------------------- Section 2 setting and Theorem 1
  step({
    id: 'S2.range', parent: 'T1', kind: 'range', location: loc('Section 2, setting', [199, 202], 'first sentence'),
    printed: 'Let n be any integer greater than 2, f any integer s.t. f ≤ (n − 2)/2 and m an integer s.t. m ≤ n − f − 2. Let m̃ = n − f − 2.',
    readings: [{ id: 'as-printed', description: 'the setting is meant to put Lemma 1 (2f + 2 < n) and MULTI-KRUM (1 <= m) in force' }],
    checks: [F.Section2Range], registryChecks: ['T1/admissible: section-2 => lemma-1', 'T1/admissible: section-2 => m~ >= 1'],
  }),
  step({
    id: 'S1.proofs.a', kind: 'implication', location: loc('Section 1, overview of the proofs', [189, 192], 'sentence "The proof of Lemma 2 is the same as the one in [1] … key concepts are (1) a global confinement … and (2) a bound on the statistical moments"'),
    printed: 'The proof of Lemma 2 is the same as the one in [1], which draws on the classic analysis of SGD by Bottou [2]; its key concepts are (1) a global confinement of the sequence of parameter vectors and (2) a bound on the statistical moments of the estimators built by MULTI-KRUM',
    premises: ['L2.3', 'L1.10'],
    readings: [{ id: 'two-concepts', description: 'the two concepts the proof rests on hold for MULTI-KRUM: confinement (L2.3, by simulation) and the moment bound (L1.10); “the same as [1]” is a claim about the text, mapped step by step in Lemma 2’s proof' }],
    checks: [], registryChecks: ['L2.3/confinement', 'L1.10/monte-carlo-inequality'],
  }),
  step({
    id: 'S1.proofs.b', kind: 'implication', location: loc('Section 1, overview of the proofs', [193, 194], 'sentence "reasonable assumptions are made on the cost function Q, those assumption are not restrictive and are common in practical machine learning"'),
    printed: 'As in [1,2], reasonable assumptions are made on the cost function Q; those assumptions are not restrictive and are common in practical machine learning',
    premises: ['L2.6', 'L2.7', 'L2.8', 'L2.9', 'L2.10'],
    uncheckedBecause: '“not restrictive, common in practice” is a judgement about practice; its checkable content, that assumptions (i)–(v) of Lemma 2 can hold together, is checked as L2.6–L2.10 on the rippled bowl (and assumption (iv) is where the paper’s errors bite: see L2.9, L2.5)',
  }),
  step({
    id: 'T1', kind: 'implication', location: loc('Theorem 1, statement', [204, 212], '(i) and (ii)'),
    printed: 'Let m be any integer s.t. m ≤ n − f − 2. (i) MULTI-KRUM has weak Byzantine resilience against f failures. (ii) In the absence of Byzantine workers, MULTI-KRUM has a slowdown (expressed in ratio with averaging) of Ω(√(m̃/n)).',
    premises: ['S2.range', 'L1', 'L2'],
    checks: [], registryChecks: ['T1/weak-resilience', 'T1/mnist', 'T1/admissible: lemma-1 <=> multi-krum-rule'],
  }),
  step({
    id: 'T1.ii', parent: 'T1', kind: 'rate', location: loc('Theorem 1, statement', [206, 212], '(ii)'),
    printed: '(ii) In the absence of Byzantine workers, MULTI-KRUM has a slowdown (expressed in ratio with averaging) of Ω(√(m̃/n)).',
    readings: [
      { id: 'omega-constant-free', description: 'MK’s squared error is within a constant factor (independent of n) of dσ²/m̃, so its speed is at least c√(m̃/n) that of averaging' },
      { id: 'mse-at-most-minibatch', description: 'constant 1: MK is at least as accurate as an average of m̃ independent gradients' },
    ],
    premises: ['T1.ii.a', 'T1.ii.b'],
    checks: [F.SlowdownOmega('T1.ii', 'multi-krum'), F.SlowdownMse('T1.ii', 'multi-krum', true)], registryChecks: ['T1.ii/slowdown'],
  }),
  step({
    id: 'T1.i.a', parent: 'T1', kind: 'implication', location: loc('Theorem 1, proof of (i)', [214, 215], 'sentence "conclude by construction of MULTI-KRUM … with m = n − f − 2"'),
    printed: 'To prove (i), we will require Lemma 1 and Lemma 2, then conclude by construction of MULTI-KRUM as a multi-Krum algorithm with m = n − f − 2.',
    readings: [{ id: 'as-derived', description: 'the theorem is stated for every m <= m̃ but the proof concludes at m = m̃; it extends to m <= m̃ if hypothesis (iv) at m̃ implies it at m (η² as derived non-decreasing in m)' }],
    premises: ['L1', 'L2'],
    checks: [F.TheoremScope], registryChecks: ['L1/eta-monotone-in-m'],
  }),

  // ---------------------------------------------------------------- Lemma 1 statement
  step({
    id: 'L1', kind: 'implication', location: loc('Lemma 1, statement', [217, 254], 'whole statement'),
    printed: 'V_1..V_n i.i.d. ~ G, E G = g, E‖G − g‖² = dσ²; B_1..B_f arbitrary. If 2f + 2 < n and η(n, f)√d σ < ‖g‖, where η(n, f) = √(2(n − f + (f·m + f²·(m + 1))/m)), then MULTI-KRUM is (α, f)-Byzantine resilient, sin α = η(n, f)√d σ/‖g‖.',
    readings: [
      { id: 'as-printed', description: 'η with denominator m, as in the statement' },
      { id: 'as-derived', description: 'η with denominator n − 2f − 2, as the proof derives it (L1.8)' },
    ],
    premises: ['D3'],
    checks: [C.L1ConditionI],
    // monte-carlo-at-k=m<f: the corner k = m < f of the proof's reading, where the lemma fails (a separate check, expected to fail)
    registryChecks: ['L1/monte-carlo', 'L1/monte-carlo-cone', 'L1/printed-eta-covered-by-proof', 'L1/eta-derived-equals-krum', 'L1/monte-carlo-at-k=m<f'],
  }),
  step({
    id: 'L1.13', parent: 'L1', kind: 'implication', location: loc('Lemma 1, statement', [244, 254], '"0 ≤ α < π/2 is defined by sin α = η√dσ/‖g‖"'),
    printed: '0 ≤ α < π/2 is defined by sin α = η(n, f)·√d·σ/‖g‖ (well defined under η√dσ < ‖g‖)',
    premises: ['L1'],
    checks: [C.L113],
  }),

  // ---------------------------------------------------------------- proof: setup
  step({
    id: 'L1.14', parent: 'L1', kind: 'implication', location: loc(L1, [256, 259], 'sentence "Without loss of generality, … the last f positions"'),
    printed: 'Without loss of generality, the Byzantine vectors B_1..B_f occupy the last f positions: MULTI-KRUM = MULTI-KRUM(V_1, …, V_{n−f}, B_1, …, B_f).',
    readings: [{ id: 'k=m and k=n-f-2', description: 'MULTI-KRUM with ties broken by index (lib/rules/krum)' }],
    checks: [C.L114],
  }),
  step({
    id: 'L1.1', parent: 'L1', kind: 'count', location: loc(L1, [260, 268], 'display of three relations'),
    printed: 'δc(i) + δb(i) = m;  n − 2f − 2 ≤ δc(i) ≤ m;  δb(i) ≤ f',
    readings: BOTH, premises: ['L1.14'],
    checks: [], registryChecks: ['L1.1/neighbour-counts', 'L1.1/neighbour-counts-at-m-tilde'],
  }),
  step({ id: 'L1.1.a', parent: 'L1.1', kind: 'count', location: loc(L1, [265, 265], 'first relation'), printed: 'δc(i) + δb(i) = m', readings: BOTH, premises: ['L1.14'], checks: [C.L11a('k=m'), C.L11a('k=n-f-2')] }),
  step({ id: 'L1.1.b', parent: 'L1.1', kind: 'inequality', location: loc(L1, [267, 267], 'second relation, lower bound'), printed: 'n − 2f − 2 ≤ δc(i)', readings: BOTH, premises: ['L1.1.a', 'L1.1.d'], checks: [C.L11b('k=m'), C.L11b('k=n-f-2')] }),
  step({ id: 'L1.1.c', parent: 'L1.1', kind: 'inequality', location: loc(L1, [267, 267], 'second relation, upper bound'), printed: 'δc(i) ≤ m', readings: BOTH, premises: ['L1.1.a'], checks: [C.L11c('k=m'), C.L11c('k=n-f-2')] }),
  step({ id: 'L1.1.d', parent: 'L1.1', kind: 'inequality', location: loc(L1, [268, 268], 'third relation'), printed: 'δb(i) ≤ f', readings: BOTH, checks: [C.L11d] }),
  step({
    id: 'L1.15', parent: 'L1', kind: 'identity', location: loc(L1, [271, 272], 'sentence "Note that, for any correct j, E V_j = g"'),
    printed: 'for any correct j, E V_j = g', checks: [C.L115],
  }),
  step({
    id: 'L1.16', parent: 'L1', kind: 'definition', location: loc(L1, [272, 274], 'sentence defining i*'),
    printed: 'i* is the index of the worst scoring among the m vectors chosen by MULTI-KRUM, i.e. one that ranks with the m-th smallest score',
    uncheckedBecause: 'definition of i* (unique on tie-free inputs; lib/rules/krum reports it as worstSelected)',
  }),

  // ---------------------------------------------------------------- L1.2
  step({
    id: 'L1.2', parent: 'L1', kind: 'inequality', location: loc(L1, [276, 348], 'first display (three links)'),
    printed: '‖E MK − g‖² ≤ ‖E MK − (1/δc(i*)) Σ_{i*→c j} V_j‖² ≤ E‖MK − (1/δc(i*)) Σ V_j‖² (Jensen) ≤ Σ_correct E‖V_i − μ_i‖² I(i* = i) + Σ_byz E‖B_k − μ_k‖² I(i* = k)',
    premises: ['L1.15', 'L1.16'], checks: [], registryChecks: ['L1.2/monte-carlo-neighbour-bias'],
  }),
  step({
    id: 'L1.2.a', parent: 'L1.2', kind: 'inequality', location: loc(L1, [276, 288], 'first display, first link'),
    printed: '‖E MK − g‖² ≤ ‖E MK − (1/δc(i*)) Σ_{i*→correct j} V_j‖²',
    readings: [
      { id: 'E-outside', description: 'the expectation applies to the whole difference: ‖E[MK − μ_{i*}]‖²' },
      { id: 'random-right-side', description: 'E only on MK: the right side is random, and the inequality would have to hold almost surely (no better)' },
      ...ALL_K,
    ],
    // the link needs E μ_{i*} = g; the registry measures that premise under each neighbour count
    premises: ['L1.15'], checks: [C.L12a], registryChecks: ['L1.2/monte-carlo-neighbour-bias'],
  }),
  step({ id: 'L1.2.b', parent: 'L1.2', kind: 'inequality', location: loc(L1, [289, 305], 'first display, second link "(Jensen inequality)"'), printed: '‖E[MK − μ_{i*}]‖² ≤ E‖MK − (1/δc(i*)) Σ_{i*→correct j} V_j‖²', readings: [{ id: 'E-outside', description: 'as L1.2.a' }], premises: ['L1.2.a'], checks: [C.L12b] }),
  step({
    id: 'L1.2.c', parent: 'L1.2', kind: 'inequality', location: loc(L1, [307, 348], 'first display, third link'),
    printed: 'E‖MK − μ_{i*}‖² ≤ Σ_correct E‖V_i − (1/δc(i)) Σ_{i→c j} V_j‖² I(i* = i) + Σ_byz E‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖² I(i* = k)',
    readings: [{ id: 'E-outside', description: 'the right side is E‖x_{i*} − μ_{i*}‖²: it treats MK as x_{i*} (true for Krum, m = 1)' }, ...K_READINGS],
    premises: ['L1.16'], checks: [C.L12cExpectation, C.L12cPointwise, C.L12cRandom], registryChecks: ['L1.10/monte-carlo-equality-m>1'],
  }),

  // ---------------------------------------------------------------- L1.3
  step({ id: 'L1.3', parent: 'L1', kind: 'inequality', location: loc(L1, [348, 408], 'case i* = i correct: two displays'), printed: '‖V_i − μ_i‖² = ‖(1/δc(i)) Σ (V_i − V_j)‖² ≤ (1/δc(i)) Σ ‖V_i − V_j‖² (Jensen); E‖V_i − μ_i‖² ≤ (1/δc(i)) Σ E‖V_i − V_j‖² ≤ 2dσ²', checks: [], registryChecks: ['L1.3/jensen-exact', 'L1.3/well-defined', 'L1.3/monte-carlo-pair', 'L1.3/monte-carlo-neighbours'] }),
  step({ id: 'L1.3.a', parent: 'L1.3', kind: 'identity', location: loc(L1, [349, 372], 'second display, equality'), printed: '‖V_i − (1/δc(i)) Σ_{i→c j} V_j‖² = ‖(1/δc(i)) Σ_{i→c j} (V_i − V_j)‖²', readings: BOTH, premises: ['L1.1.b'], checks: [C.L13a] }),
  step({ id: 'L1.3.b', parent: 'L1.3', kind: 'inequality', location: loc(L1, [376, 383], 'second display, "(Jensen inequality)"'), printed: '‖(1/δc(i)) Σ (V_i − V_j)‖² ≤ (1/δc(i)) Σ_{i→c j} ‖V_i − V_j‖²', readings: BOTH, premises: ['L1.3.a'], checks: [C.L13b] }),
  step({
    id: 'L1.3.c', parent: 'L1.3', kind: 'expectation', location: loc(L1, [385, 408], 'third display'),
    printed: 'E‖V_i − (1/δc(i)) Σ_{i→c j} V_j‖² ≤ (1/δc(i)) Σ_{i→c j} E‖V_i − V_j‖² ≤ 2dσ²',
    readings: [{ id: 'E-of-random-average', description: 'the neighbour set and δc(i) are random: E[(1/δc(i)) Σ_{i→c j}‖V_i − V_j‖²] <= 2dσ² (the correct neighbours are the nearest correct vectors, so their average is at most the average over all)' }],
    premises: ['L1.3.b', 'L1.15'], checks: [C.L13c], registryChecks: ['L1.3/monte-carlo-neighbours'],
  }),

  // ---------------------------------------------------------------- L1.4, L1.5
  step({
    id: 'L1.4', parent: 'L1', kind: 'inequality', location: loc(L1, [410, 429], 'sentence "The fact that k minimizes the score implies …" and display'),
    printed: 'for all correct indices i: Σ_{k→c j}‖B_k − V_j‖² + Σ_{k→byz l}‖B_k − B_l‖² ≤ Σ_{i→c j}‖V_i − V_j‖² + Σ_{i→byz l}‖V_i − B_l‖²  (i* = k Byzantine “minimizes the score”)',
    readings: BOTH, premises: ['L1.16'],
    checks: [C.L14, C.L14Random], registryChecks: ['L1.4/score-comparison', 'L1.4/score-comparison-m1'],
  }),
  step({ id: 'L1.5', parent: 'L1', kind: 'inequality', location: loc(L1, [431, 470], 'display "Then, for all correct indices i"'), printed: '‖B_k − μ_k‖² ≤ (1/δc(k)) Σ_{k→c j}‖B_k − V_j‖² ≤ (1/δc(k)) Σ_{i→c j}‖V_i − V_j‖² + (1/δc(k)) Σ_{i→byz l}‖V_i − B_l‖² (= D²(i))', premises: ['L1.4'], checks: [], registryChecks: ['L1.5/jensen', 'L1.5/bound-by-correct-i'] }),
  step({ id: 'L1.5.a', parent: 'L1.5', kind: 'inequality', location: loc(L1, [431, 450], 'display, first link (Jensen)'), printed: '‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖² ≤ (1/δc(k)) Σ_{k→c j} ‖B_k − V_j‖²', readings: BOTH, checks: [C.L15a] }),
  step({
    id: 'L1.5.b', parent: 'L1.5', kind: 'implication', location: loc(L1, [452, 470], 'display, second link'),
    printed: '(1/δc(k)) Σ_{k→c j} ‖B_k − V_j‖² ≤ (1/δc(k)) Σ_{i→c j} ‖V_i − V_j‖² + (1/δc(k)) Σ_{i→byz l} ‖V_i − B_l‖²',
    readings: [{ id: 'implication', description: 'from L1.4 for the same (k, i), dividing by δc(k) >= 1 and dropping Σ‖B_k − B_l‖² >= 0; as a statement for every correct i it inherits L1.4’s failure (registry L1.5/bound-by-correct-i)' }],
    premises: ['L1.4', 'L1.1.b'], checks: [C.L15b],
  }),
  step({ id: 'L1.5.c', parent: 'L1.5', kind: 'definition', location: loc(L1, [467, 468], 'underbrace D²(i)'), printed: 'D²(i) = (1/δc(k)) Σ_{i→byz l} ‖V_i − B_l‖²', uncheckedBecause: 'names a term of the display' }),

  // ---------------------------------------------------------------- L1.6
  step({ id: 'L1.6', parent: 'L1', kind: 'existence', location: loc(L1, [472, 477], 'paragraph "We focus on the term D²(i)"'), printed: 'Each correct process i has m neighbors, and f + 1 non-neighbors. Thus there exists a correct worker ζ(i) which is farther from i than any of the neighbors of i. In particular, for each Byzantine l with i → l, ‖V_i − B_l‖² ≤ ‖V_i − V_ζ(i)‖².', checks: [], registryChecks: ['L1.6/zeta'] }),
  step({ id: 'L1.6.a', parent: 'L1.6', kind: 'count', location: loc(L1, [472, 473], 'sentence "Each correct process i has m neighbors, and f + 1 non-neighbors"'), printed: 'each correct i has m neighbours and f + 1 non-neighbours', readings: BOTH, checks: [C.L16aCounts('k=m'), C.L16aCounts('k=n-f-2')] }),
  step({
    id: 'L1.6.b', parent: 'L1.6', kind: 'existence', location: loc(L1, [473, 474], 'sentence "Thus there exists a correct worker ζ(i) …"'),
    printed: 'there exists a correct worker ζ(i) which is farther from i than any of the neighbors of i',
    readings: [{ id: 'weak', description: '“farther” as “at least as far” (ζ(i) the nearest correct non-neighbour)' }, { id: 'strict', description: 'strictly farther' }, ...K_READINGS],
    premises: ['L1.6.a', 'L1.1.d'], checks: [C.L16b(false), C.L16b(true)], registryChecks: ['L1.6/zeta'],
  }),
  step({ id: 'L1.6.c', parent: 'L1.6', kind: 'inequality', location: loc(L1, [474, 477], 'sentence "In particular, for each Byzantine index l such that i → l"'), printed: '‖V_i − B_l‖² ≤ ‖V_i − V_ζ(i)‖² for each Byzantine l with i → l', readings: BOTH, premises: ['L1.6.b'], checks: [C.L16c] }),

  // ---------------------------------------------------------------- L1.7
  step({ id: 'L1.7', parent: 'L1', kind: 'expectation', location: loc(L1, [477, 558], 'displays after "Whence"'), printed: '‖B_k − μ_k‖² ≤ (1/δc(k)) Σ‖V_i − V_j‖² + (δb(i)/δc(k))‖V_i − V_ζ(i)‖²; E‖B_k − μ_k‖² ≤ (δc(i)/δc(k))2dσ² + (δb(i)/δc(k)) Σ_{correct j≠i} E‖V_i − V_j‖² I(ζ(i) = j) ≤ (δc(i)/δc(k) + (δb(i)/δc(k))(m + 1))2dσ² ≤ (m/(n − 2f − 2) + (f/(n − 2f − 2))(m + 1))2dσ²', checks: [], registryChecks: ['L1.7/monte-carlo', 'L1.7/coefficient-algebra', 'L1.7/coefficient-algebra-at-m-tilde'] }),
  step({ id: 'L1.7.a', parent: 'L1.7', kind: 'inequality', location: loc(L1, [477, 501], 'display after "Whence"'), printed: '‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖² ≤ (1/δc(k)) Σ_{i→c j} ‖V_i − V_j‖² + (δb(i)/δc(k)) ‖V_i − V_ζ(i)‖²', readings: BOTH, premises: ['L1.5.a', 'L1.5.b', 'L1.6.c'], checks: [C.L17a] }),
  step({
    id: 'L1.7.b', parent: 'L1.7', kind: 'expectation', location: loc(L1, [503, 529], 'expectation display, first inequality'),
    printed: 'E‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖² ≤ (δc(i)/δc(k))·2dσ² + (δb(i)/δc(k)) Σ_{correct j≠i} E‖V_i − V_j‖² I(ζ(i) = j)',
    readings: [{ id: 'indicator-inside', description: 'the bound is used on the event i* = k and the counts are random: E[‖B_k − μ_k‖² I(i* = k)] <= E[((δc(i)/δc(k))2dσ² + (δb(i)/δc(k))‖V_i − V_ζ(i)‖²) I(i* = k)]' }],
    premises: ['L1.7.a', 'L1.3.c'], checks: [C.L17b],
  }),
  step({
    id: 'L1.7.c', parent: 'L1.7', kind: 'expectation', location: loc(L1, [526, 542], 'expectation display, second inequality: the factor (m + 1)'),
    printed: 'Σ_{correct j≠i} E‖V_i − V_j‖² I(ζ(i) = j) ≤ (m + 1)·2dσ²',
    readings: [{ id: 'unconditional', description: 'E‖V_i − V_ζ(i)‖² <= (m + 1)2dσ² (ζ(i) is at most the (m + 1)-th nearest correct vector when k = m)' }, ...K_READINGS],
    premises: ['L1.6.b', 'L1.1.c'], checks: [C.L17c],
  }),
  step({
    id: 'L1.7.d', parent: 'L1.7', kind: 'inequality', location: loc(L1, [544, 558], 'expectation display, last inequality'),
    printed: '(δc(i)/δc(k) + (δb(i)/δc(k))(m + 1)) 2dσ² ≤ (m/(n − 2f − 2) + (f/(n − 2f − 2))·(m + 1)) 2dσ²',
    readings: [{ id: 'implication-from-L1.1', description: 'from the counts of L1.1 as printed' }, { id: 'in-multi-krum', description: 'with MULTI-KRUM’s actual counts (L1.1 holds only at m = m̃ under k = m)' }, ...K_READINGS],
    premises: ['L1.1.b', 'L1.1.c', 'L1.1.d'], checks: [C.L17dImplication, C.L17dRandom], registryChecks: ['L1.7/coefficient-algebra'],
  }),

  // ---------------------------------------------------------------- L1.8, L1.9
  step({ id: 'L1.8', parent: 'L1', kind: 'inequality', location: loc(L1, [560, 592], 'display "Putting everything back together"'), printed: '‖E MK − g‖² ≤ (n − f)2dσ² + f·(m/(n − 2f − 2) + f(m + 1)/(n − 2f − 2))2dσ² ≤ 2(n − f + (f·m + f²(m + 1))/(n − 2f − 2)) dσ² = η²(n, f) dσ²', checks: [], registryChecks: ['L1.8/sum-equals-eta-derived', 'L1.8/sum-equals-eta-printed', 'L1.8/monte-carlo-inequality'] }),
  step({ id: 'L1.8.a', parent: 'L1.8', kind: 'inequality', location: loc(L1, [560, 576], 'first inequality'), printed: '‖E MK − g‖² ≤ (n − f)2dσ² + f·(m/(n − 2f − 2) + f(m + 1)/(n − 2f − 2))2dσ²', readings: [{ id: 'as-derived', description: 'the bound evaluated on MULTI-KRUM itself (exact expectations)' }], premises: ['L1.2.c', 'L1.3.c', 'L1.7.d'], checks: [C.L18aInMK] }),
  step({ id: 'L1.8.b', parent: 'L1.8', kind: 'identity', location: loc(L1, [578, 588], 'second relation (printed ≤, an identity)'), printed: '(n − f)2 + f(m/(n − 2f − 2) + f(m + 1)/(n − 2f − 2))2 = 2(n − f + (f·m + f²(m + 1))/(n − 2f − 2))', premises: ['L1.8.a'], checks: [C.L18b] }),
  step({ id: 'L1.8.c', parent: 'L1.8', kind: 'identity', location: loc(L1, [588, 592], 'underbrace "η²(n, f)"'), printed: '2(n − f + (f·m + f²(m + 1))/(n − 2f − 2)) = η²(n, f) (η of the statement: denominator m)', premises: ['L1.8.b', 'L1'], checks: [C.L18c], registryChecks: ['L1.8/sum-equals-eta-printed', 'L1/printed-eta-covered-by-proof'] }),
  step({ id: 'L1.9', parent: 'L1', kind: 'implication', location: loc(L1, [593, 609], 'paragraph "By assumption … This implies"'), printed: 'By assumption, η√dσ < ‖g‖, i.e., E MK belongs to a ball centered at g with radius η√dσ. This implies ⟨E MK, g⟩ ≥ (‖g‖ − η√dσ)‖g‖ = (1 − sin α)‖g‖².', checks: [], registryChecks: ['L1.9/ball-implies-cone', 'L1.9/monte-carlo-cone'] }),
  step({
    id: 'L1.9.a', parent: 'L1.9', kind: 'implication', location: loc(L1, [593, 597], 'sentence "By assumption, η√dσ < ‖g‖, i.e., E MK belongs to a ball …"'),
    printed: 'By assumption, η(n, f)√dσ < ‖g‖, i.e., E MULTI-KRUM belongs to a ball centered at g with radius η(n, f)·√d·σ',
    readings: [{ id: 'from-L1.8', description: 'the ball follows from L1.8 (with η as derived), not from the hypothesis' }, { id: 'from-hypothesis', description: 'the “i.e.” read literally: from the hypothesis η√dσ < ‖g‖ alone' }],
    premises: ['L1.8.b'], checks: [C.L19a, C.L19aHypothesisOnly],
  }),
  step({ id: 'L1.9.b', parent: 'L1.9', kind: 'implication', location: loc(L1, [599, 609], 'display, inequality'), printed: '⟨E MK, g⟩ ≥ (‖g‖ − η(n, f)√dσ)·‖g‖', premises: ['L1.9.a', 'L1'], checks: [C.L19b], registryChecks: ['L1.9/ball-implies-cone'] }),
  step({ id: 'L1.9.c', parent: 'L1.9', kind: 'identity', location: loc(L1, [609, 609], 'display, final equality'), printed: '(‖g‖ − η√dσ)‖g‖ = (1 − sin α)‖g‖²', premises: ['L1.13'], checks: [C.L19c] }),

  // ---------------------------------------------------------------- L1.10 – L1.12 (condition ii)
  step({ id: 'L1.10', parent: 'L1', kind: 'expectation', location: loc(L1, [614, 629], 'display for condition (ii)'), printed: 'E‖MK‖^r = Σ_correct E‖V_i‖^r I(i* = i) + Σ_byz E‖B_k‖^r I(i* = k) ≤ (n − f)E‖G‖^r + Σ_byz E‖B_k‖^r I(i* = k)', checks: [], registryChecks: ['L1.10/pointwise', 'L1.10/pointwise-m1', 'L1.10/monte-carlo-inequality'] }),
  step({ id: 'L1.10.a', parent: 'L1.10', kind: 'identity', location: loc(L1, [614, 623], 'display, equality'), printed: 'E‖MULTI-KRUM‖^r = Σ_correct E‖V_i‖^r I(i* = i) + Σ_byz E‖B_k‖^r I(i* = k)', readings: [{ id: 'as-printed', description: 'MK replaced by x_{i*} (true for Krum, m = 1)' }, ...K_READINGS], premises: ['L1.16'], checks: [C.L110aExpectation, C.L110aPointwise], registryChecks: ['L1.10/monte-carlo-equality-m>1'] }),
  step({ id: 'L1.10.b', parent: 'L1.10', kind: 'inequality', location: loc(L1, [625, 629], 'display, inequality'), printed: 'Σ_correct E‖V_i‖^r I(i* = i) ≤ (n − f) E‖G‖^r', premises: ['L1.10.a'], checks: [C.L110b] }),
  step({ id: 'L1.11', parent: 'L1', kind: 'inequality', location: loc(L1, [631, 682], 'display "when i* = k, we have for all correct indices i"'), printed: '‖B_k − μ_k‖ ≤ √((1/δc(k))Σ‖V_i − V_j‖² + (δb(i)/δc(k))‖V_i − V_ζ(i)‖²) ≤ C(√(1/δc(k)) Σ‖V_i − V_j‖ + √(δb(i)/δc(k))‖V_i − V_ζ(i)‖) ≤ C Σ_correct ‖V_j‖', checks: [], registryChecks: ['L1.11/norm-chain', 'L1.11/monte-carlo'] }),
  step({ id: 'L1.11.a', parent: 'L1.11', kind: 'inequality', location: loc(L1, [631, 653], 'display, first inequality'), printed: '‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖ ≤ √((1/δc(k)) Σ_{i→c j}‖V_i − V_j‖² + (δb(i)/δc(k))‖V_i − V_ζ(i)‖²)', readings: [{ id: 'implication', description: 'the square root of L1.7.a, for pairs (k, i) where L1.4 holds; for every correct i it inherits L1.4’s failure (registry L1.11/norm-chain)' }], premises: ['L1.7.a'], checks: [C.L111a] }),
  step({ id: 'L1.11.b', parent: 'L1.11', kind: 'inequality', location: loc(L1, [655, 682], 'display, second inequality and "equivalence of norms"'), printed: '√(…) ≤ C·(√(1/δc(k))·Σ_{i→c j}‖V_i − V_j‖ + √(δb(i)/δc(k))·‖V_i − V_ζ(i)‖)', readings: [{ id: 'C=1', description: '√(Σ a²) <= Σ a: C = 1 suffices' }], premises: ['L1.11.a'], checks: [C.L111b] }),
  step({ id: 'L1.11.c', parent: 'L1.11', kind: 'inequality', location: loc(L1, [675, 680], 'display, third inequality "(triangular inequality)"'), printed: '≤ C·Σ_correct j ‖V_j‖', readings: [{ id: 'C depends on n, f, m', description: 'C = k + √f works; no C independent of n does (registry L1.11/norm-chain notes)' }], premises: ['L1.11.b', 'L1.1.b'], checks: [C.L111c] }),
  step({ id: 'L1.12', parent: 'L1', kind: 'inequality', location: loc(L1, [684, 724], 'displays "Now ‖B_k‖ ≤ …" and conclusion'), printed: '‖B_k‖ ≤ ‖B_k − μ_k‖ + ‖μ_k‖ ≤ C Σ_correct ‖V_j‖; ‖B_k‖^r ≤ C Σ_{r_1+…+r_{n−f}=r} ‖V_1‖^{r_1}…‖V_{n−f}‖^{r_{n−f}}; E‖MK‖^r bounded by a linear combination of E‖G‖^{r_1}…E‖G‖^{r_{n−f}}', checks: [], registryChecks: ['L1.12/byzantine-norm', 'L1.12/monte-carlo'] }),
  step({ id: 'L1.12.a', parent: 'L1.12', kind: 'inequality', location: loc(L1, [684, 706], 'display, first inequality (triangle)'), printed: '‖B_k‖ ≤ ‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖ + ‖(1/δc(k)) Σ_{k→c j} V_j‖', readings: BOTH, checks: [C.L112a] }),
  step({ id: 'L1.12.b', parent: 'L1.12', kind: 'inequality', location: loc(L1, [707, 712], 'display, second inequality'), printed: '≤ C·Σ_correct j ‖V_j‖', readings: [{ id: 'given δc(k) >= 1', description: 'from L1.11.c and ‖μ_k‖ <= Σ‖V_j‖ when δc(k) >= 1; without it (k = m < f) no C exists (registry L1.12/byzantine-norm k=m)' }, ...ALL_K], premises: ['L1.12.a', 'L1.11.c', 'L1.1.b'], checks: [C.L112b], registryChecks: ['L1.12/byzantine-norm'] }),
  step({ id: 'L1.12.c', parent: 'L1.12', kind: 'inequality', location: loc(L1, [714, 719], 'display ‖B_k‖^r ≤ C Σ …'), printed: '‖B_k‖^r ≤ C·Σ_{r_1+…+r_{n−f}=r} ‖V_1‖^{r_1}…‖V_{n−f}‖^{r_{n−f}}', readings: [{ id: 'C-absorbs-r!', description: 'C is a new constant: C^r·r! (multinomial coefficients <= r!)' }], premises: ['L1.12.b'], checks: [C.L112c] }),
  step({ id: 'L1.12.d', parent: 'L1.12', kind: 'identity', location: loc(L1, [721, 723], 'sentence "Since the V_i’s are independent …"'), printed: 'E‖V_1‖^{r_1}…‖V_{n−f}‖^{r_{n−f}} = E‖G‖^{r_1}…E‖G‖^{r_{n−f}}', premises: ['L1.12.c', 'L1.10.b'], checks: [C.L112d] }),
  step({
    id: 'L1.12.e', parent: 'L1.12', kind: 'implication', location: loc(L1, [721, 724], '"This completes the proof of condition (ii)" against Definition 3 (ii)'),
    printed: 'the bound with r_1 + … + r_{n−f} = r (n − f factors) completes condition (ii) of Definition 3, stated with r_1 + … + r_{n−1} = r (n − 1 factors)',
    readings: [{ id: 'n-f-to-n-1-factors', description: 'n − f <= n − 1 when f >= 1 (pad with r_j = 0); for f = 0 the n-factor terms are merged with E X^a E X^b <= E X^{a+b}' }],
    premises: ['L1.12.d', 'D3'], checks: [C.L112e],
  }),

  // ---------------------------------------------------------------- proof of Theorem 1 (ii)
  step({
    id: 'T1.ii.a', parent: 'T1.ii', kind: 'implication', location: loc('Theorem 1, proof of (ii)', [1050, 1053], 'sentence "m-Krum is the average of m estimators of the gradient … from correct workers"'),
    printed: '(ii) is a consequence of the fact that m-Krum is the average of m estimators of the gradient. In the absence of Byzantine workers, all those estimators will … be from correct workers.',
    readings: [
      { id: 'count', description: 'MK averages m of the correct vectors (a count)' },
      { id: 'unbiased-estimators', description: 'MK behaves like an average of m unbiased estimators: E MK = g' },
    ],
    checks: [F.AverageOfM, F.UnbiasedWithoutByzantine],
  }),
  step({
    id: 'T1.ii.b', parent: 'T1.ii', kind: 'rate', location: loc('Theorem 1, proof of (ii)', [1053, 1057], 'sentence "As SGD converges in O(1/√m)"'),
    printed: 'SGD converges in O(1/√m), where m is the number of used estimators of the gradient',
    readings: [{ id: 'unbiased-minibatch', description: 'error after a fixed number of steps, with an average of m unbiased estimators, scales like 1/√m' }],
    checks: [F.SgdRate],
  }),
  step({
    id: 'T1.ii.c', parent: 'T1.ii', kind: 'implication', location: loc('Theorem 1, proof of (ii)', [1057, 1059], '"the slowdown result follows"'),
    printed: 'the slowdown result follows (Ω(√(m̃/n)) relative to averaging)',
    readings: [{ id: 'omega-constant-free', description: 'MK’s error within a constant factor of averaging’s times n/m̃' }, { id: 'mse-at-most-minibatch', description: 'constant 1' }],
    premises: ['T1.ii.a', 'T1.ii.b'], checks: [F.SlowdownOmega('T1.ii.c', 'multi-krum'), F.SlowdownMse('T1.ii.c', 'multi-krum', true)],
  }),
];
