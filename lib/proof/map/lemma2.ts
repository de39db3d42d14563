/**
 * The proof map of Lemma 2 (statement and proof, lines 726–1049 of
 * reference/aggregathor-supplementary-proofs.txt) and of how the proof of
 * Theorem 1 (i) concludes from Lemmas 1 and 2 (lines 199–215 and 1047–1048),
 * issue 13. Every assertion is one {@link ProofStep}, in the paper's order;
 * the existing ids (L2, L2.1–L2.5, T1) are kept and extended (L2.6 …, T1.i.1 …).
 *
 * Conventions of the map:
 * - the update rule x_{t+1} = x_t − γ_t MK_t is not printed; it is read off
 *   L2.2 (whose expansion is exactly that of ‖x_t − γ_t MK_t‖²), step L2.11;
 * - premises name the steps the proof has just established; L1.x, D1, D3 are
 *   mapped by the other half of the map (Lemma 1, definitions);
 * - a step's checks are in lib/proof/checks/lemma2Algebra.ts (identities and
 *   pointwise inequalities) and lib/proof/checks/lemma2Sim.ts (the rippled
 *   bowl, SGD runs, Theorem 1 (i)).
 */
import { ALGEBRA_CHECKS } from '../checks/lemma2Algebra';
import { SIM_CHECKS } from '../checks/lemma2Sim';
import type { StepCheck, ProofStep, StepKind, StepReading } from '../types';

const CHECKS = { ...ALGEBRA_CHECKS, ...SIM_CHECKS };
const L2S = 'Lemma 2, statement';
const L2P = 'Lemma 2, proof';
const T1S = 'Theorem 1 (i)';

/**
 * The checks of this file state what they evaluate in their `reading`; the
 * map's results carry a reading *id* of the step (the thread to its
 * standing). A check named after a reading takes it; the rest are listed
 * here; a single-reading step's checks take its reading; otherwise
 * `as-printed` (the proof's text as it stands).
 */
const READING_OF: Record<string, string> = {
  'L2.16/phi-prime-on-both': 'A', 'L2.16/as-typeset': 'B',
  'L2.21/non-positive': 'non-positive', 'L2.21/strictly-negative': 'strict',
  'L2.5/ball-premise': 'ball', 'L2.5/D3-premise': 'D3-only',
  'L2.45/implication': 'implication', 'L2.45/rippled-bowl': 'statement',
  'L2.47/finite-tree': 'own-chi and u-chi', 'L2.53/finite-tree': 'own-chi and u-chi',
  'T1.i.4/implication': 'D1-as-printed',
};

function withReadingId(stepId: string, readings: StepReading[], check: StepCheck): StepCheck {
  const ids = readings.map((r) => r.id);
  const id = ids.includes(check.name) ? check.name : READING_OF[`${stepId}/${check.name}`] ?? (ids.length === 1 ? ids[0] : ids.includes('as-printed') ? 'as-printed' : ids[0]);
  return {
    ...check,
    reading: id,
    run(opts) {
      const r = check.run(opts);
      return opts.mutant ? r : { ...r, reading: id, summary: r.summary.startsWith(check.reading) ? r.summary : `${check.reading} — ${r.summary}` };
    },
  };
}

function step(id: string, s: { parent?: string; section: string; lines: [number, number]; where: string; kind: StepKind; printed: string; premises: string[]; readings?: StepReading[]; registryChecks?: string[]; uncheckedBecause?: string }): ProofStep {
  const readings = s.readings ?? [{ id: 'as-printed', description: 'as printed (no ambiguity found)' }];
  const checks = (CHECKS[id] ?? []).map((c) => withReadingId(id, readings, c));
  const out: ProofStep = {
    id, parent: s.parent ?? (id.startsWith('L2.') ? 'L2' : id.startsWith('T1.') ? 'T1' : undefined),
    location: { section: s.section, lines: s.lines, where: s.where }, kind: s.kind, printed: s.printed, premises: s.premises, readings, checks,
  };
  if (s.registryChecks) out.registryChecks = s.registryChecks;
  if (s.uncheckedBecause) out.uncheckedBecause = s.uncheckedBecause;
  if (out.parent === undefined) delete out.parent;
  return out;
}

export const LEMMA2_STEPS: ProofStep[] = [
  // ------------------------------------------------------------ Theorem 1 (i): setting and statement
  step('T1.i.1', {
    section: 'Section 2, setting of Theorem 1', lines: [199, 202], where: 'sentence "Let n be any integer greater than 2, f … s.t. f ≤ (n−2)/2 and m … s.t. m ≤ n − f − 2. Let m̃ = n − f − 2."', kind: 'range',
    printed: 'n > 2, f \\le (n-2)/2, m \\le n - f - 2, \\tilde m = n - f - 2', premises: [],
    readings: [
      { id: 'as-printed', description: 'the range on which (i) is claimed must lie inside Lemma 1’s hypothesis 2f + 2 < n, since (i) is concluded from Lemma 1' },
      { id: 'repair', description: 'f < (n − 2)/2, i.e. n ≥ 2f + 3' },
    ],
  }),
  step('T1.i', {
    parent: undefined, section: 'Theorem 1, statement', lines: [204, 206], where: 'part (i) of the theorem', kind: 'trajectory',
    printed: 'Let m be any integer s.t. m \\le n - f - 2. (i) MULTI-KRUM has weak Byzantine resilience against f failures.', premises: ['T1.i.1'],
    readings: [
      { id: 'mk', description: 'MULTI-KRUM is m-Krum with m = m̃ = n − f − 2 (the proof’s reading, lines 215 and 1048); weak resilience per D1' },
      { id: 'any-m', description: 'm-Krum for every m ≤ n − f − 2 (the statement’s “Let m be any integer”): the proof does not argue m < m̃; checked by simulation with m = 1' },
    ],
    registryChecks: ['T1/weak-resilience'],
  }),
  step('T1.i.2', {
    section: 'Theorem 1, proof of (i)', lines: [214, 215], where: 'sentence "To prove (i), we will require Lemma 1 and Lemma 2"', kind: 'implication',
    printed: 'To prove (i), we will require Lemma 1 and Lemma 2', premises: ['L1', 'D3', 'L2.9'],
    readings: [{ id: 'as-printed', description: 'Lemma 1’s conclusion ((α(x), f)-resilience with sin α(x) = η√dσ(x)/‖∇Q(x)‖) supplies what Lemma 2 uses at every x_t: under (iv), Lemma 1’s hypothesis holds and α(x) ≤ α' }],
  }),

  // ------------------------------------------------------------ Lemma 2, statement
  step('L2.6', {
    section: L2S, lines: [726, 727], where: 'assumption (i)', kind: 'range',
    printed: '(i) the cost function Q is three times differentiable with continuous derivatives, and is non-negative, Q(x) \\ge 0', premises: [],
    readings: [{ id: 'satisfiable', description: 'a hypothesis: checked for consistency on the workbook’s Lemma 2 problem (the rippled bowl)' }],
  }),
  step('L2.7', {
    section: L2S, lines: [727, 734], where: 'assumption (ii)', kind: 'range',
    printed: '(ii) the learning rates satisfy \\sum_t \\gamma_t = \\infty and \\sum_t \\gamma_t^2 < \\infty', premises: [],
    readings: [{ id: 'satisfiable', description: 'γ_t = γ0/(t + t0)^p with ½ < p ≤ 1 (lib/sgd/schedule.ts) meets both; implies γ_t bounded (used at L2.18)' }],
  }),
  step('L2.8', {
    section: L2S, lines: [734, 735], where: 'assumption (iii)', kind: 'range',
    printed: '(iii) E G(x, \\xi) = \\nabla Q(x) and \\forall r \\in \\{2, \\dots, 4\\}, E\\|G(x, \\xi)\\|^r \\le A_r + B_r \\|x\\|^r for some constants A_r, B_r', premises: [],
    readings: [{ id: 'satisfiable', description: 'checked on the rippled bowl by Monte Carlo with its stated A_r, B_r' }],
  }),
  step('L2.9', {
    section: L2S, lines: [736, 740], where: 'assumption (iv), display', kind: 'range',
    printed: '(iv) there exists a constant 0 \\le \\alpha < \\pi/2 such that for all x: \\eta(n, f) \\cdot \\sqrt{d} \\cdot \\sigma(x) \\le \\|\\nabla Q(x)\\| \\cdot \\sin\\alpha', premises: [],
    readings: [
      { id: 'satisfiable', description: 'σ(x)² = E‖G − ∇Q‖²/d; on the rippled bowl σ(x) = κ‖∇Q(x)‖ with equality in (iv); η the larger of as-printed and as-derived (so (iv) holds under both readings of η, see L1)' },
    ],
  }),
  step('L2.10', {
    section: L2S, lines: [742, 750], where: 'assumption (v), two displays', kind: 'range',
    printed: '(v) beyond a certain horizon, \\|x\\|^2 \\ge D, there exist \\epsilon > 0 and 0 \\le \\beta < \\pi/2 - \\alpha such that \\|\\nabla Q(x)\\| \\ge \\epsilon > 0 and \\langle x, \\nabla Q(x)\\rangle / (\\|x\\| \\|\\nabla Q(x)\\|) \\ge \\cos\\beta', premises: [],
    readings: [{ id: 'satisfiable', description: 'on the rippled bowl with D = (c(1 + cos β)/(1 − cos β))², ε = √D − c; D > 0 is implicit (D = 0 contradicts continuity of ∇Q at 0)' }],
  }),
  step('L2', {
    parent: undefined, section: L2S, lines: [752, 752], where: 'conclusion "Then the sequence of gradients ∇Q(x_t) converges almost surely to zero."', kind: 'trajectory',
    printed: 'Then the sequence of gradients \\nabla Q(x_t) converges almost surely to zero.', premises: ['L2.6', 'L2.7', 'L2.8', 'L2.9', 'L2.10', 'D3'],
    readings: [{ id: 'as-printed', description: 'x_{t+1} = x_t − γ_t MK_t with MULTI-KRUM (α, f)-resilient (Lemma 1); a finite run shows ρ_t fall by 12 orders of magnitude and stay there' }],
    registryChecks: ['L2/trajectories'],
  }),

  // ------------------------------------------------------------ Lemma 2, proof: global confinement
  step('L2.11', {
    section: L2P, lines: [754, 756], where: 'sentence "we write MULTI-KRUM_t = MULTI-KRUM(V_1^t, …, V_n^t)"', kind: 'definition',
    printed: 'MULTI\\text{-}KRUM_t = MULTI\\text{-}KRUM(V_1^t, \\dots, V_n^t)', premises: [],
    readings: [{ id: 'update', description: 'notation; the update x_{t+1} = x_t − γ_t MK_t is implicit (read off L2.2)' }],
    uncheckedBecause: 'notation only; the implicit update rule x_{t+1} = x_t − γ_t MK_t is exercised by every check of L2.2, L2.15, L2.16, L2.44 and L2.51 and by the simulations',
  }),
  step('L2.12', {
    section: L2P, lines: [758, 759], where: 'sentence "we first show that the sequence x_t is almost surely globally confined within the region ‖x‖² ≤ D"', kind: 'trajectory',
    printed: 'the sequence x_t is almost surely globally confined within the region \\|x\\|^2 \\le D', premises: ['L2.10'],
    readings: [
      { id: 'eventually', description: 'the proof’s own reading: u_t = φ(‖x_t‖²) → 0, i.e. limsup ‖x_t‖² ≤ D' },
      { id: 'every-t', description: 'literal: ‖x_t‖² ≤ D at every t — false whenever x_0 starts outside (x_0 is arbitrary)' },
    ],
    registryChecks: ['L2.3/confinement'],
  }),
  step('L2.13', {
    section: L2P, lines: [761, 768], where: 'definition of u_t and φ (display)', kind: 'definition',
    printed: 'u_t = \\varphi(\\|x_t\\|^2), \\varphi(a) = 0 if a < D, (a - D)^2 otherwise', premises: ['L2.10'],
    readings: [{ id: 'as-printed', description: 'φ is C¹ with φ’(a) = 2(a − D)⁺ (the derivative the proof uses); φ ≥ 0' }],
  }),
  step('L2.1', {
    section: L2P, lines: [770, 771], where: 'inequality (1)', kind: 'inequality',
    printed: '\\varphi(b) - \\varphi(a) \\le (b - a)\\varphi\'(a) + (b - a)^2 \\quad (1)', premises: ['L2.13'],
    registryChecks: ['L2.1/phi-inequality'],
  }),
  step('L2.14', {
    section: L2P, lines: [773, 773], where: 'sentence "This becomes an equality when a, b ≥ D."', kind: 'identity',
    printed: 'This becomes an equality when a, b \\ge D', premises: ['L2.13', 'L2.1'],
  }),
  step('L2.2', {
    section: L2P, lines: [773, 782], where: 'display after "Applying this inequality to u_{t+1} − u_t yields", first inequality', kind: 'inequality',
    printed: 'u_{t+1} - u_t \\le (-2\\gamma_t\\langle x_t, MK_t\\rangle + \\gamma_t^2\\|MK_t\\|^2)\\varphi\'(\\|x_t\\|^2) + 4\\gamma_t^2\\langle x_t, MK_t\\rangle^2 - 4\\gamma_t^3\\langle x_t, MK_t\\rangle\\|MK_t\\|^2 + \\gamma_t^4\\|MK_t\\|^4', premises: ['L2.1', 'L2.11'],
    registryChecks: ['L2.2/u-expansion'],
  }),
  step('L2.15', {
    section: L2P, lines: [784, 786], where: 'same display, second inequality', kind: 'inequality',
    printed: '\\le -2\\gamma_t\\langle x_t, MK_t\\rangle\\varphi\'(\\|x_t\\|^2) + \\gamma_t^2\\|MK_t\\|^2\\varphi\'(\\|x_t\\|^2) + 4\\gamma_t^2\\|x_t\\|^2\\|MK_t\\|^2 + 4\\gamma_t^3\\|x_t\\|\\|MK_t\\|^3 + \\gamma_t^4\\|MK_t\\|^4', premises: ['L2.2'],
    registryChecks: ['L2.2/u-expansion'],
  }),
  step('L2.16', {
    section: L2P, lines: [788, 815], where: 'definition of P_t and the display after "Taking the conditional expectation with respect to P_t yields"', kind: 'inequality',
    printed: 'E(u_{t+1} - u_t | P_t) \\le -2\\gamma_t\\langle x_t, E MK_t\\rangle + \\gamma_t^2 E(\\|MK_t\\|^2)\\varphi\'(\\|x_t\\|^2) + 4\\gamma_t^2\\|x_t\\|^2 E(\\|MK_t\\|^2) + 4\\gamma_t^3\\|x_t\\| E(\\|MK_t\\|^3) + \\gamma_t^4 E(\\|MK_t\\|^4)', premises: ['L2.15'],
    readings: [
      { id: 'A', description: 'φ’(‖x_t‖²) multiplies both −2γ⟨x, E MK⟩ and γ²E‖MK‖² (the proof’s own: the next display has −2γ⟨x, E MK⟩φ’)' },
      { id: 'B', description: 'as typeset: −2γ⟨x, E MK⟩ without φ’ (a parenthesis lost in print)' },
    ],
  }),
  step('L2.17', {
    section: L2P, lines: [817, 818], where: 'sentence "Thanks to condition (ii) of (α, f)-Byzantine resilience, and the assumption on the first four moments of G"', kind: 'existence',
    printed: 'E\\|MK_t\\|^r \\le a_r + b_r\\|x_t\\|^r, r = 2, 3, 4 (implicit: from D3 (ii) and (iii))', premises: ['D3', 'L1.12', 'L2.8'],
    readings: [{ id: 'jensen', description: 'D3 (ii)’s products contain E‖G‖^1 (r_i = 1), outside (iii)’s r ∈ {2, 3, 4}: bounded by (E‖G‖²)^{1/2} (Jensen)' }],
  }),
  step('L2.18', {
    section: L2P, lines: [817, 825], where: 'display "E(u_{t+1} − u_t | P_t) ≤ −2γ_t⟨x_t, E MK_t⟩φ’(‖x_t‖²) + γ_t²(A0 + B0‖x_t‖⁴)"', kind: 'existence',
    printed: '\\exists A_0, B_0 > 0: E(u_{t+1} - u_t | P_t) \\le -2\\gamma_t\\langle x_t, E MK_t\\rangle\\varphi\'(\\|x_t\\|^2) + \\gamma_t^2(A_0 + B_0\\|x_t\\|^4)', premises: ['L2.16', 'L2.17', 'L2.7'],
    readings: [{ id: 'bounded-steps', description: 'the γ³ and γ⁴ terms are absorbed with γ_t ≤ γ_max (true under (ii)): A0 = 6a₂ + 4γ_max a₃ + γ_max²a₄, B0 = 6a₂ + 6b₂ + 4γ_max(a₃ + b₃) + γ_max²b₄' }],
  }),
  step('L2.19', {
    section: L2P, lines: [827, 829], where: 'display after "Thus, there exist positive constant A, B such that"', kind: 'existence',
    printed: 'E(u_{t+1} - u_t | P_t) \\le -2\\gamma_t\\langle x_t, E MK_t\\rangle\\varphi\'(\\|x_t\\|^2) + \\gamma_t^2(A + B\\cdot u_t)', premises: ['L2.18'],
    readings: [{ id: 'explicit', description: 'A = A0 + 2B0D², B = 2B0' }],
  }),
  step('L2.20', {
    section: L2P, lines: [835, 835], where: 'sentence "When ‖x_t‖² < D, the first term of the right hand side is null because φ’(‖x_t‖²) = 0."', kind: 'implication',
    printed: '\\|x_t\\|^2 < D \\Rightarrow \\varphi\'(\\|x_t\\|^2) = 0', premises: ['L2.13'],
  }),
  step('L2.21', {
    section: L2P, lines: [836, 836], where: 'sentence "When ‖x_t‖² ≥ D, this first term is negative because (see Figure 2)"', kind: 'implication',
    printed: '\\|x_t\\|^2 \\ge D \\Rightarrow -2\\gamma_t\\langle x_t, E MK_t\\rangle\\varphi\'(\\|x_t\\|^2) < 0', premises: ['L2.5', 'L2.13'],
    readings: [
      { id: 'non-positive', description: '≤ 0 (all the proof needs)' },
      { id: 'strict', description: 'as printed, strictly negative: fails at ‖x_t‖² = D where φ’ = 0' },
    ],
  }),
  step('L2.5', {
    section: L2P, lines: [838, 838], where: 'display after "(see Figure 2)"', kind: 'inequality',
    printed: '\\langle x_t, E MK_t\\rangle \\ge \\|x_t\\| \\cdot \\|E MK_t\\| \\cdot \\cos(\\alpha + \\beta) > 0', premises: ['L2.10', 'L1.8', 'L1.9', 'L2.9'],
    readings: [
      { id: 'ball', description: 'E MK_t in the ball of radius η√dσ(x_t) ≤ ‖∇Q‖ sin α around ∇Q(x_t) (Lemma 1’s proof, L1.8), hence within angle α of ∇Q' },
      { id: 'D3-only', description: 'only D3 (i) ⟨E MK, ∇Q⟩ ≥ (1 − sin α)‖∇Q‖² (what “(α, f)-Byzantine resilience” states, and what footnote 1 claims suffices)' },
    ],
    registryChecks: ['L2.5/angle-geometry', 'L2.5/trajectory-angle'],
  }),
  step('L2.22', {
    section: L2P, lines: [840, 841], where: 'display after "Hence"', kind: 'implication',
    printed: 'E(u_{t+1} - u_t | P_t) \\le \\gamma_t^2(A + B\\cdot u_t)', premises: ['L2.19', 'L2.20', 'L2.21'],
  }),
  step('L2.23', {
    section: L2P, lines: [843, 858], where: 'display "We define two auxiliary sequences"', kind: 'definition',
    printed: '\\mu_t = \\prod_{i=1}^t \\frac{1}{1 - \\gamma_i^2 B} \\xrightarrow[t\\to\\infty]{} \\mu_\\infty, \\quad u\'_t = \\mu_t u_t', premises: ['L2.22', 'L2.7'],
    readings: [
      { id: 'as-printed', description: 'minus sign: factors 1/(1 − γ_i²B), undefined or negative when γ_i²B ≥ 1' },
      { id: 'repair', description: 'Bottou’s plus sign, Π 1/(1 + γ_i²B), index shifted (see L2.25)' },
    ],
  }),
  step('L2.24', {
    section: L2P, lines: [860, 865], where: 'sentence "Note that the sequence µ_t converges because Σ_t γ_t² < ∞"', kind: 'implication',
    printed: '\\sum_t \\gamma_t^2 < \\infty \\Rightarrow \\mu_t \\text{ converges}', premises: ['L2.23', 'L2.7'],
    readings: [{ id: 'both-signs', description: 'either sign; the printed one where every factor is positive' }],
  }),
  step('L2.25', {
    section: L2P, lines: [865, 872], where: 'display after "Then"', kind: 'inequality',
    printed: 'E(u\'_{t+1} - u\'_t | P_t) \\le \\gamma_t^2\\mu_t A', premises: ['L2.22', 'L2.23'],
    readings: [
      { id: 'as-printed', description: 'µ_t as printed (L2.23), from the premise E(u_{t+1} − u_t | P_t) ≤ γ_t²(A + Bu_t) (worst case allowed)' },
      { id: 'repair', description: 'µ_t = Π_{i=1}^{t−1} 1/(1 + γ_i²B)' },
    ],
  }),
  step('L2.26', {
    section: L2P, lines: [874, 887], where: 'definition of χ_t (display)', kind: 'definition',
    printed: '\\chi_t = 1 if E(u\'_{t+1} - u\'_t | P_t) > 0, 0 otherwise', premises: ['L2.25'],
    readings: [{ id: 'as-printed', description: 'a P_t-measurable indicator; reused without redefinition for h_t (L2.47) and ρ_t (L2.53)' }],
    uncheckedBecause: 'an indicator of a P_t-measurable event: always well defined; its use is checked at L2.27, L2.47 and L2.53 under both readings (χ_t of u’_t, or of each sequence’s own variations)',
  }),
  step('L2.27', {
    section: L2P, lines: [889, 895], where: 'display after "Then", first inequality', kind: 'inequality',
    printed: 'E(\\chi_t (u\'_{t+1} - u\'_t)) \\le E(\\chi_t E(u\'_{t+1} - u\'_t | P_t))', premises: ['L2.26'],
    readings: [{ id: 'tower', description: 'an equality by the tower property (χ_t is P_t-measurable)' }],
  }),
  step('L2.28', {
    section: L2P, lines: [895, 904], where: 'same display, second inequality', kind: 'inequality',
    printed: 'E(\\chi_t E(u\'_{t+1} - u\'_t | P_t)) \\le \\gamma_t^2\\mu_t A', premises: ['L2.25', 'L2.26'],
  }),
  step('L2.29', {
    section: L2P, lines: [906, 906], where: 'sentence "The right-hand side of the previous inequality is the summand of a convergent series."', kind: 'implication',
    printed: '\\sum_t \\gamma_t^2\\mu_t A < \\infty', premises: ['L2.24', 'L2.7'],
  }),
  step('L2.30', {
    section: L2P, lines: [906, 908], where: 'sentence "By the quasi-martingale convergence theorem [5], this shows that the sequence u’_t converges almost surely"', kind: 'trajectory',
    printed: 'u\'_t \\text{ converges a.s. (quasi-martingale convergence theorem)}', premises: ['L2.27', 'L2.28', 'L2.29'],
    readings: [{ id: 'as-printed', description: 'Fisk’s theorem needs u’_t ≥ 0 and Σ E(χ_t(u’_{t+1} − u’_t)) < ∞; a finite run shows u’_t (repaired µ) constant on its tail' }],
  }),
  step('L2.31', {
    section: L2P, lines: [908, 909], where: 'sentence "which in turn shows that the sequence u_t converges almost surely, u_t → u_∞ ≥ 0"', kind: 'implication',
    printed: 'u_t \\to u_\\infty \\ge 0 \\text{ a.s.}', premises: ['L2.30', 'L2.24'],
    readings: [{ id: 'as-printed', description: 'u_t = u’_t/µ_t needs µ_∞ > 0' }],
  }),
  step('L2.32', {
    section: L2P, lines: [911, 912], where: 'sentence "Let us assume that u_∞ > 0. When t is large enough, this implies that ‖x_t‖² and ‖x_{t+1}‖² are greater than D."', kind: 'implication',
    printed: 'u_\\infty > 0 \\Rightarrow \\|x_t\\|^2, \\|x_{t+1}\\|^2 > D \\text{ for large } t', premises: ['L2.31', 'L2.13'],
  }),
  step('L2.33', {
    section: L2P, lines: [912, 918], where: 'sentence "Inequality 1 becomes an equality, which implies that the following infinite sum converges almost surely" and display', kind: 'implication',
    printed: '\\sum_{t=1}^\\infty \\gamma_t\\langle x_t, E MK_t\\rangle\\varphi\'(\\|x_t\\|^2) < \\infty', premises: ['L2.32', 'L2.14', 'L2.31', 'L2.7', 'L2.17'],
    readings: [{ id: 'expectations', description: 'summing the conditional expectations: with (1) an equality, 2Σγ_t E⟨x_t, E MK_t⟩φ’ = u_1 − E u_∞ + Σ (γ² terms, summable) < ∞; a.s. because the terms are eventually ≥ 0' }],
  }),
  step('L2.34', {
    section: L2P, lines: [920, 920], where: 'sentence "Note that the sequence φ’(‖x_t‖²) converges to a positive value."', kind: 'implication',
    printed: '\\varphi\'(\\|x_t\\|^2) \\to 2\\sqrt{u_\\infty} > 0', premises: ['L2.31', 'L2.32'],
  }),
  step('L2.35', {
    section: L2P, lines: [920, 925], where: 'display after "In the region ‖x_t‖² > D, we have", first inequality', kind: 'inequality',
    printed: '\\langle x_t, E MK_t\\rangle \\ge \\sqrt{D}\\cdot\\|E MK_t\\|\\cdot\\cos(\\alpha + \\beta)', premises: ['L2.5'],
  }),
  step('L2.36', {
    section: L2P, lines: [927, 937], where: 'same display, second inequality', kind: 'inequality',
    printed: '\\ge \\sqrt{D}\\cdot(\\|\\nabla Q(x_t)\\| - \\eta(n, f)\\sqrt{d}\\,\\sigma(x_t))\\cdot\\cos(\\alpha + \\beta)', premises: ['L2.35', 'L1.8'],
  }),
  step('L2.37', {
    section: L2P, lines: [939, 941], where: 'same display, third inequality', kind: 'inequality',
    printed: '\\ge \\sqrt{D}\\cdot\\epsilon\\cdot(1 - \\sin\\alpha)\\cdot\\cos(\\alpha + \\beta)', premises: ['L2.36', 'L2.9', 'L2.10'],
  }),
  step('L2.38', {
    section: L2P, lines: [941, 941], where: 'same display, "> 0"', kind: 'inequality',
    printed: '\\sqrt{D}\\cdot\\epsilon\\cdot(1 - \\sin\\alpha)\\cdot\\cos(\\alpha + \\beta) > 0', premises: ['L2.9', 'L2.10'],
  }),
  step('L2.39', {
    section: L2P, lines: [943, 945], where: 'sentence "This contradicts the fact that Σ γ_t = ∞."', kind: 'implication',
    printed: '\\text{contradiction with } \\sum_t \\gamma_t = \\infty', premises: ['L2.33', 'L2.34', 'L2.37', 'L2.38', 'L2.7'],
  }),
  step('L2.3', {
    section: L2P, lines: [945, 948], where: 'sentences "Therefore, the sequence u_t converges to zero. This convergence implies that the sequence ‖x_t‖² is bounded"', kind: 'trajectory',
    printed: 'u_t \\to 0 \\text{ a.s.}; \\|x_t\\|^2 \\text{ bounded}', premises: ['L2.31', 'L2.39'],
    registryChecks: ['L2.3/confinement'],
  }),
  step('L2.40', {
    section: L2P, lines: [947, 948], where: 'sentence "This convergence implies that the sequence ‖x_t‖² is bounded, i.e., the vector x_t is confined in a bounded region containing the origin"', kind: 'implication',
    printed: 'u_t \\to 0 \\Rightarrow \\sup_t \\|x_t\\|^2 < \\infty', premises: ['L2.3', 'L2.13'],
  }),
  step('L2.41', {
    section: L2P, lines: [948, 950], where: 'sentence "any continuous function of x_t is also bounded, such as, e.g., ‖x_t‖², E‖G(x_t, ξ)‖² and all the derivatives of the cost function Q(x_t)"', kind: 'implication',
    printed: '\\|x_t\\|^2, E\\|G(x_t, \\xi)\\|^2, \\partial^k Q(x_t) \\text{ bounded}', premises: ['L2.40', 'L2.6', 'L2.8'],
    readings: [{ id: 'compactness', description: 'continuous functions on the closed ball are bounded; checked with explicit bounds on the rippled bowl' }],
  }),
  step('L2.42', {
    section: L2P, lines: [950, 951], where: 'sentence "positive constants K1, K2, etc. are introduced whenever such a bound is used"', kind: 'definition',
    printed: 'K_1, K_2, \\dots \\text{ bounds introduced as used}', premises: ['L2.41'],
    uncheckedBecause: 'a naming convention; each K is checked where it is used (K1 at L2.44/L2.45, K2 at L2.46, K3 at L2.51, K4 at L2.52)',
  }),

  // ------------------------------------------------------------ Lemma 2, proof: convergence
  step('L2.43', {
    section: L2P, lines: [952, 955], where: 'definition "h_t = Q(x_t)"', kind: 'definition',
    printed: 'h_t = Q(x_t)', premises: ['L2.6'],
    uncheckedBecause: 'a definition; h_t ≥ 0 (needed by the quasi-martingale theorem at L2.48) is assumption (i), checked at L2.6',
  }),
  step('L2.44', {
    section: L2P, lines: [957, 960], where: 'display after "Using a first-order Taylor expansion and bounding the second derivative with K1"', kind: 'inequality',
    printed: '|h_{t+1} - h_t + 2\\gamma_t\\langle MK_t, \\nabla Q(x_t)\\rangle| \\le \\gamma_t^2\\|MK_t\\|^2 K_1 \\text{ a.s.}', premises: ['L2.41', 'L2.11', 'L2.43'],
    readings: [
      { id: 'as-printed', description: 'factor 2 on the first-order term, K1 = sup‖∇²Q‖ on the region' },
      { id: 'repair', description: 'factor 1 (the derivative of Q(x_t − γMK_t) in γ at 0 is −⟨MK_t, ∇Q(x_t)⟩), K1 ≥ sup‖∇²Q‖/2' },
    ],
  }),
  step('L2.45', {
    section: L2P, lines: [962, 971], where: 'display (2) after "Therefore"', kind: 'inequality',
    printed: 'E(h_{t+1} - h_t | P_t) \\le -2\\gamma_t\\langle E MK_t, \\nabla Q(x_t)\\rangle + \\gamma_t^2 E(\\|MK_t\\|^2 | P_t) K_1 \\quad (2)', premises: ['L2.44'],
    readings: [
      { id: 'implication', description: 'as an implication from L2.44 as printed (holds)' },
      { id: 'statement', description: 'as a statement about SGD (fails with L2.44’s factor 2; holds with factor 1)' },
    ],
  }),
  step('L2.46', {
    section: L2P, lines: [972, 974], where: 'display after "By the properties of (α, f)-Byzantine resiliency, this implies"', kind: 'implication',
    printed: 'E(h_{t+1} - h_t | P_t) \\le \\gamma_t^2 K_2 K_1', premises: ['L2.45', 'D3', 'L2.41'],
  }),
  step('L2.47', {
    section: L2P, lines: [976, 978], where: 'display after "which in turn implies that the positive variations of h_t are also bounded"', kind: 'inequality',
    printed: 'E(\\chi_t\\cdot(h_{t+1} - h_t)) \\le \\gamma_t^2 K_2 K_1', premises: ['L2.46', 'L2.26'],
    readings: [
      { id: 'own-chi', description: 'χ_t redefined as the indicator of E(h_{t+1} − h_t | P_t) > 0 (what the quasi-martingale theorem needs)' },
      { id: 'u-chi', description: 'χ_t as defined at L2.26 (for u’_t): the inequality holds for any P_t-measurable indicator' },
    ],
  }),
  step('L2.48', {
    section: L2P, lines: [980, 981], where: 'sentences "The right-hand side is the summand of a convergent infinite sum. By the quasi-martingale convergence theorem, the sequence h_t converges almost surely, Q(x_t) → Q_∞."', kind: 'trajectory',
    printed: 'Q(x_t) \\to Q_\\infty \\text{ a.s.}', premises: ['L2.47', 'L2.7', 'L2.43'],
    registryChecks: ['L2.4/loss-and-gradient'],
  }),
  step('L2.49', {
    section: L2P, lines: [983, 989], where: 'sentence "Taking the expectation of Inequality 2, and summing on t = 1, …, ∞, the convergence of Q(x_t) implies that" and display', kind: 'implication',
    printed: '\\sum_{t=1}^\\infty \\gamma_t\\langle E MK_t, \\nabla Q(x_t)\\rangle < \\infty \\text{ a.s.}', premises: ['L2.45', 'L2.46', 'L2.48', 'L2.7'],
    readings: [{ id: 'telescoping', description: 'what is used is h_t ≥ 0 (not the convergence of Q(x_t)): Σγ_tE⟨E MK_t, ∇Q⟩ ≤ (E h_1 + K2K1Σγ_t²)/2, finite in expectation, so a.s.; the factor 2 becomes 1 after the L2.44 repair' }],
  }),
  step('L2.50', {
    section: L2P, lines: [991, 992], where: 'definition "ρ_t = ‖∇Q(x_t)‖²"', kind: 'definition',
    printed: '\\rho_t = \\|\\nabla Q(x_t)\\|^2', premises: [],
    uncheckedBecause: 'a definition (ρ_t ≥ 0 by construction)',
  }),
  step('L2.51', {
    section: L2P, lines: [994, 1001], where: 'display after "Using a Taylor expansion, as demonstrated for the variations of h_t, we obtain"', kind: 'inequality',
    printed: '\\rho_{t+1} - \\rho_t \\le -2\\gamma_t\\langle MK_t, (\\nabla^2 Q(x_t))\\cdot\\nabla Q(x_t)\\rangle + \\gamma_t^2\\|MK_t\\|^2 K_3 \\text{ a.s.}', premises: ['L2.50', 'L2.41', 'L2.11', 'L2.6'],
    readings: [{ id: 'as-printed', description: 'K3 ≥ sup‖∇²ρ‖/2 along the step (Q is C³); the factor 2 is right here (∇ρ = 2∇²Q∇Q)' }],
  }),
  step('L2.52', {
    section: L2P, lines: [1003, 1005], where: 'display after "Taking the conditional expectation, and bounding the second derivatives by K4"', kind: 'inequality',
    printed: 'E(\\rho_{t+1} - \\rho_t | P_t) \\le 2\\gamma_t\\langle E MK_t, \\nabla Q(x_t)\\rangle K_4 + \\gamma_t^2 K_2 K_3', premises: ['L2.51', 'L2.41', 'L1.8', 'L2.9'],
    readings: [
      { id: 'as-printed', description: 'K4 = sup‖∇²Q‖ (operator norm) on the region' },
      { id: 'repair', description: 'K4 = sup‖∇²Q‖/cos α' },
    ],
  }),
  step('L2.53', {
    section: L2P, lines: [1007, 1009], where: 'display after "The positive expected variations of ρ_t are bounded"', kind: 'inequality',
    printed: 'E(\\chi_t\\cdot(\\rho_{t+1} - \\rho_t)) \\le 2\\gamma_t E\\langle E MK_t, \\nabla Q(x_t)\\rangle K_4 + \\gamma_t^2 K_2 K_3', premises: ['L2.52', 'L2.26', 'D3'],
    readings: [
      { id: 'own-chi', description: 'χ_t of ρ_t’s own positive expected variations' },
      { id: 'u-chi', description: 'χ_t as defined at L2.26' },
    ],
  }),
  step('L2.54', {
    section: L2P, lines: [1011, 1013], where: 'sentences "The two terms on the right-hand side are the summands of convergent infinite series. By the quasi-martingale convergence theorem, this shows that ρ_t converges almost surely."', kind: 'trajectory',
    printed: '\\rho_t \\text{ converges a.s.}', premises: ['L2.53', 'L2.49', 'L2.7'],
    registryChecks: ['L2.4/loss-and-gradient'],
  }),
  step('L2.55', {
    section: L2P, lines: [1015, 1025], where: 'display after "We have", first inequality', kind: 'inequality',
    printed: '\\langle E MK_t, \\nabla Q(x_t)\\rangle \\ge (\\|\\nabla Q(x_t)\\| - \\eta(n, f)\\sqrt{d}\\,\\sigma(x_t))\\cdot\\|\\nabla Q(x_t)\\|', premises: ['L1.8', 'L1.9'],
  }),
  step('L2.57', {
    section: 'Figure 2 caption (inside Lemma 2’s proof)', lines: [1026, 1027], where: 'caption "Condition on the angles between x_t, ∇Q(x_t) and the GAR of MULTI-KRUM vector E MULTI-KRUM_t, in the region ‖x_t‖² > D"', kind: 'definition',
    printed: 'Figure 2: Condition on the angles between x_t, \\nabla Q(x_t) and E MULTI\\text{-}KRUM_t, in the region \\|x_t\\|^2 > D', premises: ['L2.5'],
    uncheckedBecause: 'a caption describing the figure; the geometric content it depicts is step L2.5 (checked there, and by the registry)',
    registryChecks: ['L2.5/angle-geometry'],
  }),
  step('L2.56', {
    section: L2P, lines: [1029, 1032], where: 'same display, second inequality, with "(1 − sin α) > 0" under-braced', kind: 'inequality',
    printed: '\\ge \\underbrace{(1 - \\sin\\alpha)}_{>0}\\cdot\\rho_t', premises: ['L2.55', 'L2.9'],
  }),
  step('L2.58', {
    section: L2P, lines: [1034, 1039], where: 'sentence "This implies that the following infinite series converge almost surely" and display', kind: 'implication',
    printed: '\\sum_{t=1}^\\infty \\gamma_t\\cdot\\rho_t < \\infty \\text{ a.s.}', premises: ['L2.49', 'L2.56'],
    registryChecks: ['L2.4/loss-and-gradient'],
  }),
  step('L2.4', {
    section: L2P, lines: [1041, 1045], where: 'sentence "Since ρ_t converges almost surely, and the series Σ γ_t = ∞ diverges, we conclude that the sequence ‖∇Q(x_t)‖ converges almost surely to zero."', kind: 'implication',
    printed: '\\rho_t \\text{ converges}, \\sum_t\\gamma_t = \\infty, \\sum_t \\gamma_t\\rho_t < \\infty \\Rightarrow \\|\\nabla Q(x_t)\\| \\to 0 \\text{ a.s.}', premises: ['L2.54', 'L2.58', 'L2.7'],
    registryChecks: ['L2.4/loss-and-gradient', 'L2/trajectories'],
  }),

  // ------------------------------------------------------------ Theorem 1 (i): conclusion
  step('T1.i.3', {
    section: 'Theorem 1, proof of (i)', lines: [1047, 1048], where: 'sentence "We conclude the proof of (i) by recalling the definition of MULTI-KRUM, as the instance of m−Krum with m = n − f − 2" (announced at lines 214–215)', kind: 'identity',
    printed: 'MULTI\\text{-}KRUM = m\\text{-}Krum \\text{ with } m = n - f - 2', premises: ['T1.i.1', 'T1.i.2'],
    readings: [{ id: 'as-printed', description: 'm̃ = n − f − 2 is an admissible m (1 ≤ m̃ ≤ n − f − 2) wherever Lemma 1 applies' }],
  }),
  step('T1.i.4', {
    section: 'Theorem 1, proof of (i)', lines: [1047, 1048], where: 'the proof’s conclusion: Lemma 2’s ∇Q(x_t) → 0 a.s. gives weak Byzantine resilience (Definition 1, lines 58–60)', kind: 'implication',
    printed: '\\nabla Q(x_t) \\to 0 \\text{ a.s.} \\Rightarrow \\text{MULTI-KRUM has weak Byzantine resilience (D1: } x_t \\to x^* \\text{ a.s. with } \\nabla Q(x^*) = 0)', premises: ['L2', 'L2.4', 'T1.i.2', 'T1.i.3', 'D1'],
    readings: [
      { id: 'D1-as-printed', description: 'D1 as printed: x_t converges a.s. to some x* with ∇Q(x*) = 0' },
      { id: 'gradient', description: 'weak resilience read as ∇Q(x_t) → 0 a.s. (what Lemma 2 proves; [1]’s conclusion): then the step is immediate' },
    ],
    registryChecks: ['T1/weak-resilience', 'D1/weak-resilience-exercised'],
  }),
];
