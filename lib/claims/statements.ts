import { LEMMA_1, SECTION_2, SECTION_3 } from '../constants/admissible';
import { etaSquared, type EtaReading } from '../constants/eta';
import type { Claim, ClaimParameters, Reading } from './types';

/**
 * Every claim of `reference/claims.md`, one entry per id, in its order: the
 * statement as printed (Markdown with LaTeX; where the PDF text is mangled the
 * transcription of claims.md is followed, nothing corrected), its hypotheses in
 * words and as a predicate over the parameters, the readings under which it is
 * checked, its kind and group, where it is in the paper, and what it cites.
 *
 * Verdicts are not stored here: they are what the checks registered under the
 * id (lib/claims/checks/*) find when run.
 *
 * A hypothesis predicate returns true when the parameters it is given satisfy
 * the claim's hypotheses; parameters left out are not constrained (so
 * `holds({ n: 7, f: 2 })` asks only about n and f). m defaults to the paper's
 * m̃ = n − f − 2 where the claim is about MULTI-KRUM.
 */

// ------------------------------------------------------------------ readings

const R = (id: string, description: string): Reading => ({ id, description });

const AS_PRINTED = R('as-printed', 'The statement exactly as printed.');
const REPAIRED = R('repaired', 'The repaired statement: the condition under which it does hold, checked by its own property.');
const NEIGHBOUR_READINGS: Reading[] = [
  R('k=m', 'Each score sums over the m nearest neighbours (the proof: “among the m neighbors of i”).'),
  R('k=n-f-2', 'Each score sums over the n − f − 2 nearest neighbours (Krum, the AggregaThor code, and lib/rules/krum.ts by default).'),
  R('k=n-f-1', 'Each score sums over the n − f − 1 nearest neighbours (a variant found in implementations).'),
  R('k=n-f', 'Each score sums over the n − f nearest neighbours (a variant found in implementations).'),
];
const ETA_READINGS: Reading[] = [
  R('as-printed', 'η² = 2(n − f + (f·m + f²(m + 1))/m), the lemma’s statement.'),
  R('as-derived', 'η² = 2(n − f + (f·m + f²(m + 1))/(n − 2f − 2)), the end of the proof (L1.8).'),
  R('krum', 'η² = 2(n − f + (f(n − f − 2) + f²(n − f − 1))/(n − 2f − 2)), the Krum paper’s.'),
];

// ------------------------------------------------------------------ hypotheses

const int = (x: number | string | undefined): x is number => typeof x === 'number' && Number.isInteger(x);
const given = (x: number | string | undefined) => x !== undefined;

/** n, f (and m, default m̃ = n − f − 2) in Lemma 1's range: 2f + 2 < n, 1 <= m <= n − f − 2. */
function lemma1Range(p: ClaimParameters): boolean {
  if (!given(p.n) || !given(p.f)) return true;
  if (!int(p.n) || !int(p.f)) return false;
  if (given(p.m) && !int(p.m)) return false;
  return LEMMA_1.holds(p.n, p.f, p.m ?? p.n - p.f - 2);
}

/** Lemma 1's second hypothesis η(n, f)√d σ < ‖g‖, under the reading in `p.reading` (default: as printed). */
function etaHypothesis(p: ClaimParameters): boolean {
  if (![p.n, p.f, p.d, p.sigma, p.gNorm].every(given) || !lemma1Range(p)) return true;
  const reading = (typeof p.reading === 'string' ? p.reading : 'as-printed') as EtaReading;
  const n = p.n!, f = p.f!;
  return Math.sqrt(etaSquared(n, f, p.m ?? n - f - 2, reading) * (p.d as number)) * (p.sigma as number) < (p.gNorm as number);
}

const section2 = (p: ClaimParameters) => !given(p.n) || !given(p.f) || (int(p.n) && int(p.f) && SECTION_2.holds(p.n, p.f, given(p.m) ? (p.m as number) : undefined));
const section3 = (p: ClaimParameters) => !given(p.n) || !given(p.f) || (int(p.n) && int(p.f) && SECTION_3.holds(p.n, p.f, given(p.m) ? (p.m as number) : undefined));
const basic = (p: ClaimParameters) => (!given(p.f) || (int(p.f) && p.f >= 0)) && (!given(p.n) || (int(p.n) && p.n >= 1 && (!given(p.f) || p.f! <= p.n)));
const withAlpha = (p: ClaimParameters) => basic(p) && (!given(p.alpha) || (typeof p.alpha === 'number' && p.alpha >= 0 && p.alpha < Math.PI / 2));

const LEMMA1_TEXT = 'V_1..V_{n−f} i.i.d. ~ G with E G = g, E‖G − g‖² = dσ²; B_1..B_f arbitrary (possibly dependent on the V_i); 2f + 2 < n; 1 <= m <= n − f − 2';
const LEMMA2_TEXT = 'Q >= 0 three times continuously differentiable; Σγ_t = ∞, Σγ_t² < ∞; E G(x, ξ) = ∇Q(x), E‖G‖^r <= A_r + B_r‖x‖^r (r = 2..4); η(n, f)√d σ(x) <= ‖∇Q(x)‖ sin α; beyond ‖x‖² >= D, ‖∇Q(x)‖ >= ε > 0 and ⟨x, ∇Q(x)⟩/(‖x‖‖∇Q(x)‖) >= cos β with β < π/2 − α; and Lemma 1’s range of n, f, m';

// ------------------------------------------------------------------ claims

const FIXING = 'allouah2023fixing', MULTIKRUM26 = 'bareilles2026multikrum';
const KRUM = 'blanchard2017krum', AGGREGATHOR = 'damaskinos2019aggregathor', BULYAN = 'elmhamdi2018bulyan', BOTTOU = 'bottou1998online', FISK = 'fisk1965quasimartingales';

/** Every claim of claims.md, one entry per id, in the order of claims.md. */
export const CLAIMS: Claim[] = [
  // ---------------------------------------------------------------- section 1
  {
    id: 'D1', group: 'definitions', kind: 'definition', title: 'Weak f-Byzantine resilience',
    statement: 'A GAR ensures **weak $f$-Byzantine resilience** if the sequence $x_t$ converges almost surely to some $x^*$ with $\\nabla Q(x^*) = 0$, despite the presence of $f$ Byzantine workers.',
    hypotheses: { text: 'f Byzantine workers among n (0 <= f <= n); SGD x_{t+1} = x_t − γ_t GAR_t', holds: basic },
    readings: [AS_PRINTED], source: 'Section 1, Definition 1', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'D2', group: 'definitions', kind: 'definition', title: 'Strong f-Byzantine resilience',
    statement: 'A GAR ensures **strong $f$-Byzantine resilience** if for every $i \\in [1, d]$ there exists a correct gradient $G$ such that $\\mathbb{E}\\,|\\mathrm{GAR}_i - G_i| = O(1/\\sqrt{d})$.',
    hypotheses: { text: 'f Byzantine workers among n; d the dimension (d >= 1)', holds: (p) => basic(p) && (!given(p.d) || (int(p.d) && p.d >= 1)) },
    readings: [AS_PRINTED], source: 'Section 1, Definition 2', cites: [AGGREGATHOR, BULYAN],
  },
  {
    id: 'D3', group: 'definitions', kind: 'definition', title: '(α, f)-Byzantine resilience',
    statement: 'Let $0 \\le \\alpha < \\pi/2$, $0 \\le f \\le n$, $V_1..V_n$ i.i.d. $\\sim G$ with $\\mathbb{E} G = g$, $B_1..B_f$ arbitrary (possibly dependent on the $V_i$). A GAR is $(\\alpha, f)$-Byzantine resilient if, for any positions $1 \\le j_1 < \\dots < j_f \\le n$ of the $B$s, (i) $\\langle \\mathbb{E}\\,\\mathrm{GAR}, g\\rangle \\ge (1 - \\sin\\alpha)\\,\\|g\\|^2 > 0$ and (ii) for $r = 2, 3, 4$, $\\mathbb{E}\\|\\mathrm{GAR}\\|^r$ is bounded above by a linear combination of terms $\\mathbb{E}\\|G\\|^{r_1} \\cdots \\mathbb{E}\\|G\\|^{r_{n-1}}$ with $r_1 + \\dots + r_{n-1} = r$.',
    hypotheses: { text: '0 <= α < π/2; 0 <= f <= n; V_i i.i.d. with mean g; B_j arbitrary', holds: withAlpha },
    readings: [AS_PRINTED], source: 'Section 1, Definition 3', cites: [KRUM, AGGREGATHOR, BOTTOU],
  },
  {
    id: 'F1', group: 'leeway', kind: 'asymptotic', title: 'Figure 1: the √d leeway',
    statement: 'In three dimensions a Byzantine vector has a budget of about $\\sqrt{3}$ times the disagreement of the correct workers, along a third axis, while still being selected by a weakly resilient GAR; in $d$ dimensions the situation is amplified by $\\sqrt{d}$.',
    hypotheses: { text: 'a weakly Byzantine-resilient GAR (e.g. MULTI-KRUM) in d dimensions, d >= 2', holds: (p) => basic(p) && (!given(p.d) || (int(p.d) && p.d >= 2)) },
    readings: [AS_PRINTED], source: 'Section 1, Figure 1 and its caption', cites: [BULYAN, AGGREGATHOR, 'baruch2019alie', 'xie2019fall'],
  },
  // ---------------------------------------------------------------- section 2
  {
    id: 'T1', group: 'convergence', kind: 'convergence', title: 'Theorem 1 (i): weak Byzantine resilience of MULTI-KRUM',
    statement: 'Let $n > 2$, $f \\le \\frac{n-2}{2}$, $m \\le n - f - 2$, $\\tilde m = n - f - 2$. (i) MULTI-KRUM has weak Byzantine resilience against $f$ failures. (ii) In the absence of Byzantine workers, MULTI-KRUM has a slowdown (expressed in ratio with averaging) of $\\Omega\\big(\\sqrt{\\tilde m / n}\\big)$.',
    hypotheses: { text: 'Section 2: n > 2, f <= (n − 2)/2, 1 <= m <= n − f − 2 (its proof applies Lemma 1, which needs 2f + 2 < n, and Lemma 2)', holds: section2 },
    readings: [AS_PRINTED, REPAIRED], source: 'Section 2, Theorem 1 and its proof of (i)', cites: [AGGREGATHOR, KRUM, BOTTOU],
  },
  {
    id: 'L1', group: 'eta', kind: 'expectation', title: 'Lemma 1: (α, f)-Byzantine resilience of MULTI-KRUM',
    statement: 'Let $V_1..V_n$ be i.i.d. $d$-dimensional, $V_i \\sim G$, $\\mathbb{E} G = g$, $\\mathbb{E}\\|G - g\\|^2 = d\\sigma^2$, and $B_1..B_f$ any random vectors, possibly dependent on the $V_i$. If $2f + 2 < n$ and $\\eta(n, f)\\sqrt{d}\\,\\sigma < \\|g\\|$, where $\\eta(n, f) \\overset{\\text{def}}{=} \\sqrt{2\\left(n - f + \\frac{f m + f^2 (m+1)}{m}\\right)}$, then MULTI-KRUM is $(\\alpha, f)$-Byzantine resilient with $\\sin\\alpha = \\frac{\\eta(n, f)\\sqrt{d}\\,\\sigma}{\\|g\\|}$.',
    hypotheses: { text: `${LEMMA1_TEXT}; η(n, f)√d σ < ‖g‖ (η under the reading given as p.reading, default as printed)`, holds: (p) => lemma1Range(p) && etaHypothesis(p) },
    readings: [...ETA_READINGS, REPAIRED], source: 'Section 2, Lemma 1', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.1', group: 'eta', kind: 'deterministic', title: 'Neighbour counts δc, δb',
    statement: '$\\delta_c(i) + \\delta_b(i) = m$, $\\quad n - 2f - 2 \\le \\delta_c(i) \\le m$, $\\quad \\delta_b(i) \\le f$, for each index $i$ (correct or Byzantine), where $\\delta_c(i)$ ($\\delta_b(i)$) counts the correct (Byzantine) $j$ with $i \\to j$, “among the $m$ neighbors of $i$”.',
    hypotheses: { text: LEMMA1_TEXT, holds: lemma1Range },
    readings: [...NEIGHBOUR_READINGS, REPAIRED], source: 'Section 2, proof of Lemma 1 (first display)', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.2', group: 'eta', kind: 'expectation', title: 'Decomposition of ‖E MK − g‖² over i*',
    statement: '$\\|\\mathbb{E}\\,\\mathrm{MK} - g\\|^2 \\le \\big\\|\\mathbb{E}\\,\\mathrm{MK} - \\frac{1}{\\delta_c(i^*)}\\sum_{i^* \\to \\text{correct } j} V_j\\big\\|^2 \\le \\mathbb{E}\\big\\|\\mathrm{MK} - \\frac{1}{\\delta_c(i^*)}\\sum_{i^* \\to \\text{correct } j} V_j\\big\\|^2$ (Jensen) $\\le \\sum_{\\text{correct } i} \\mathbb{E}\\big\\|V_i - \\frac{1}{\\delta_c(i)}\\sum_{i \\to \\text{correct } j} V_j\\big\\|^2 \\mathbb{I}(i^* = i) + \\sum_{\\text{byz } k} \\mathbb{E}\\big\\|B_k - \\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j} V_j\\big\\|^2 \\mathbb{I}(i^* = k)$.',
    hypotheses: { text: LEMMA1_TEXT, holds: lemma1Range },
    readings: [...NEIGHBOUR_READINGS], source: 'Section 2, proof of Lemma 1 (second display)', cites: [AGGREGATHOR],
  },
  {
    id: 'L1.3', group: 'eta', kind: 'deterministic', title: 'Case i* = i correct: Jensen',
    statement: '$\\big\\|V_i - \\frac{1}{\\delta_c(i)}\\sum_{i \\to \\text{correct } j} V_j\\big\\|^2 = \\big\\|\\frac{1}{\\delta_c(i)}\\sum_{i \\to \\text{correct } j} (V_i - V_j)\\big\\|^2 \\le \\frac{1}{\\delta_c(i)}\\sum_{i \\to \\text{correct } j} \\|V_i - V_j\\|^2$ (Jensen), and $\\mathbb{E}\\big\\|V_i - \\frac{1}{\\delta_c(i)}\\sum V_j\\big\\|^2 \\le \\frac{1}{\\delta_c(i)}\\sum \\mathbb{E}\\|V_i - V_j\\|^2 \\le 2 d\\sigma^2$.',
    hypotheses: { text: `${LEMMA1_TEXT}; i correct with δc(i) >= 1`, holds: lemma1Range },
    readings: [AS_PRINTED, ...NEIGHBOUR_READINGS, REPAIRED], source: 'Section 2, proof of Lemma 1 (case i* = i correct)', cites: [AGGREGATHOR],
  },
  {
    id: 'L1.4', group: 'eta', kind: 'deterministic', title: 'A Byzantine i* has a score below every correct score',
    statement: 'The fact that $k$ minimizes the score implies that for all correct indices $i$: $\\sum_{k \\to \\text{correct } j}\\|B_k - V_j\\|^2 + \\sum_{k \\to \\text{byz } l}\\|B_k - B_l\\|^2 \\le \\sum_{i \\to \\text{correct } j}\\|V_i - V_j\\|^2 + \\sum_{i \\to \\text{byz } l}\\|V_i - B_l\\|^2$ (case $i^* = k$ Byzantine).',
    hypotheses: { text: `${LEMMA1_TEXT}; i* = k is Byzantine`, holds: lemma1Range },
    readings: [AS_PRINTED, REPAIRED], source: 'Section 2, proof of Lemma 1 (case i* = k Byzantine)', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.5', group: 'eta', kind: 'deterministic', title: 'Bound on a selected Byzantine vector, D²(i)',
    statement: 'For all correct $i$: $\\big\\|B_k - \\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j} V_j\\big\\|^2 \\le \\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j}\\|B_k - V_j\\|^2 \\le \\frac{1}{\\delta_c(k)}\\sum_{i \\to \\text{correct } j}\\|V_i - V_j\\|^2 + \\underbrace{\\frac{1}{\\delta_c(k)}\\sum_{i \\to \\text{byz } l}\\|V_i - B_l\\|^2}_{D^2(i)}$.',
    hypotheses: { text: `${LEMMA1_TEXT}; i* = k Byzantine, δc(k) >= 1`, holds: lemma1Range },
    readings: [AS_PRINTED, REPAIRED], source: 'Section 2, proof of Lemma 1', cites: [AGGREGATHOR],
  },
  {
    id: 'L1.6', group: 'eta', kind: 'deterministic', title: 'The farther correct worker ζ(i)',
    statement: 'Each correct process $i$ has $m$ neighbors, and $f + 1$ non-neighbors. Thus there exists a correct worker $\\zeta(i)$ which is farther from $i$ than any of the neighbors of $i$. In particular, for each Byzantine index $l$ such that $i \\to l$, $\\|V_i - B_l\\|^2 \\le \\|V_i - V_{\\zeta(i)}\\|^2$.',
    hypotheses: { text: `${LEMMA1_TEXT}; i correct`, holds: lemma1Range },
    readings: [...NEIGHBOUR_READINGS, REPAIRED], source: 'Section 2, proof of Lemma 1 (the term D²(i))', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.7', group: 'eta', kind: 'expectation', title: 'Expected squared distance of a selected Byzantine vector',
    statement: '$\\mathbb{E}\\big\\|B_k - \\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j} V_j\\big\\|^2 \\le \\frac{\\delta_c(i)}{\\delta_c(k)} 2 d\\sigma^2 + \\frac{\\delta_b(i)}{\\delta_c(k)}\\sum_{\\text{correct } j \\ne i}\\mathbb{E}\\|V_i - V_j\\|^2\\,\\mathbb{I}(\\zeta(i) = j) \\le \\Big(\\frac{\\delta_c(i)}{\\delta_c(k)} + \\frac{\\delta_b(i)}{\\delta_c(k)}(m + 1)\\Big) 2 d\\sigma^2 \\le \\Big(\\frac{m}{n - 2f - 2} + \\frac{f}{n - 2f - 2}(m + 1)\\Big) 2 d\\sigma^2$.',
    hypotheses: { text: `${LEMMA1_TEXT}; i* = k Byzantine; i correct`, holds: lemma1Range },
    readings: [...NEIGHBOUR_READINGS, REPAIRED], source: 'Section 2, proof of Lemma 1', cites: [AGGREGATHOR],
  },
  {
    id: 'L1.8', group: 'eta', kind: 'expectation', title: 'Putting everything together: η² as derived',
    statement: '$\\|\\mathbb{E}\\,\\mathrm{MK} - g\\|^2 \\le (n - f)\\,2 d\\sigma^2 + f\\Big(\\frac{m}{n - 2f - 2} + \\frac{f}{n - 2f - 2}(m + 1)\\Big) 2 d\\sigma^2 \\le \\underbrace{2\\Big(n - f + \\frac{f m + f^2 (m + 1)}{n - 2f - 2}\\Big)}_{\\eta^2(n, f)} d\\sigma^2$ — the denominator is $n - 2f - 2$ here, $m$ in the statement of Lemma 1.',
    hypotheses: { text: LEMMA1_TEXT, holds: lemma1Range },
    readings: [R('as-printed', 'The braced quantity is η² of the statement (denominator m).'), R('as-derived', 'The braced quantity as derived (denominator n − 2f − 2).'), REPAIRED], source: 'Section 2, proof of Lemma 1 (end of condition (i))', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.9', group: 'cone', kind: 'deterministic', title: 'Ball implies cone',
    statement: 'By assumption $\\eta(n, f)\\sqrt{d}\\,\\sigma < \\|g\\|$, i.e. $\\mathbb{E}\\,\\mathrm{MK}$ belongs to a ball centered at $g$ with radius $\\eta(n, f)\\sqrt{d}\\,\\sigma$. This implies $\\langle \\mathbb{E}\\,\\mathrm{MK}, g\\rangle \\ge \\big(\\|g\\| - \\eta(n, f)\\sqrt{d}\\,\\sigma\\big)\\|g\\| = (1 - \\sin\\alpha)\\|g\\|^2$.',
    hypotheses: { text: 'x in the closed ball of centre g and radius r = η√d σ < ‖g‖', holds: (p) => lemma1Range(p) && etaHypothesis(p) },
    readings: [AS_PRINTED], source: 'Section 2, proof of Lemma 1 (condition (i)), Figure 2', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.10', group: 'moments', kind: 'expectation', title: 'Condition (ii): moments of MULTI-KRUM',
    statement: '$\\mathbb{E}\\|\\mathrm{MK}\\|^r = \\sum_{\\text{correct } i}\\mathbb{E}\\|V_i\\|^r\\,\\mathbb{I}(i^* = i) + \\sum_{\\text{byz } k}\\mathbb{E}\\|B_k\\|^r\\,\\mathbb{I}(i^* = k) \\le (n - f)\\,\\mathbb{E}\\|G\\|^r + \\sum_{\\text{byz } k}\\mathbb{E}\\|B_k\\|^r\\,\\mathbb{I}(i^* = k)$.',
    hypotheses: { text: `${LEMMA1_TEXT}; r in {2, 3, 4}`, holds: (p) => lemma1Range(p) && (!given(p.r) || [2, 3, 4].includes(p.r as number)) },
    readings: [AS_PRINTED, REPAIRED], source: 'Section 2, proof of Lemma 1 (condition (ii))', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.11', group: 'moments', kind: 'deterministic', title: 'Norm chain with a generic constant C',
    statement: 'Denoting by $C$ a generic constant, when $i^* = k$, for all correct $i$: $\\big\\|B_k - \\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j} V_j\\big\\| \\le \\sqrt{\\frac{1}{\\delta_c(k)}\\sum_{i \\to \\text{correct } j}\\|V_i - V_j\\|^2 + \\frac{\\delta_b(i)}{\\delta_c(k)}\\|V_i - V_{\\zeta(i)}\\|^2} \\le C\\Big(\\sqrt{\\tfrac{1}{\\delta_c(k)}}\\sum_{i \\to \\text{correct } j}\\|V_i - V_j\\| + \\sqrt{\\tfrac{\\delta_b(i)}{\\delta_c(k)}}\\|V_i - V_{\\zeta(i)}\\|\\Big) \\le C\\sum_{\\text{correct } j}\\|V_j\\|$ (the second inequality from “the equivalence of norms in finite dimension”, the third the triangle inequality).',
    hypotheses: { text: `${LEMMA1_TEXT}; i* = k Byzantine`, holds: lemma1Range },
    readings: [AS_PRINTED, REPAIRED], source: 'Section 2, proof of Lemma 1 (condition (ii))', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L1.12', group: 'moments', kind: 'deterministic', title: 'Norm of a selected Byzantine vector, and the moment bound',
    statement: '$\\|B_k\\| \\le \\big\\|B_k - \\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j} V_j\\big\\| + \\big\\|\\frac{1}{\\delta_c(k)}\\sum_{k \\to \\text{correct } j} V_j\\big\\| \\le C\\sum_{\\text{correct } j}\\|V_j\\|$, so $\\|B_k\\|^r \\le C\\sum_{r_1 + \\dots + r_{n-f} = r}\\|V_1\\|^{r_1}\\cdots\\|V_{n-f}\\|^{r_{n-f}}$, and $\\mathbb{E}\\|\\mathrm{MK}\\|^r$ is bounded above by a linear combination of terms $\\mathbb{E}\\|G\\|^{r_1}\\cdots\\mathbb{E}\\|G\\|^{r_{n-f}}$ with $r_1 + \\dots + r_{n-f} = r$.',
    hypotheses: { text: `${LEMMA1_TEXT}; i* = k Byzantine; r in {2, 3, 4}`, holds: lemma1Range },
    readings: [...NEIGHBOUR_READINGS, REPAIRED], source: 'Section 2, proof of Lemma 1 (end of condition (ii))', cites: [AGGREGATHOR, KRUM],
  },
  {
    id: 'L2', group: 'convergence', kind: 'convergence', title: 'Lemma 2: almost-sure convergence of SGD with MULTI-KRUM',
    statement: 'Assume (i) $Q$ is three times differentiable with continuous derivatives and $Q(x) \\ge 0$; (ii) $\\sum_t \\gamma_t = \\infty$, $\\sum_t \\gamma_t^2 < \\infty$; (iii) $\\mathbb{E}\\,G(x, \\xi) = \\nabla Q(x)$ and $\\forall r \\in \\{2..4\\}$, $\\mathbb{E}\\|G(x, \\xi)\\|^r \\le A_r + B_r\\|x\\|^r$; (iv) there is $0 \\le \\alpha < \\pi/2$ with $\\eta(n, f)\\sqrt{d}\\,\\sigma(x) \\le \\|\\nabla Q(x)\\|\\sin\\alpha$ for all $x$; (v) beyond $\\|x\\|^2 \\ge D$ there are $\\varepsilon > 0$ and $0 \\le \\beta < \\pi/2 - \\alpha$ with $\\|\\nabla Q(x)\\| \\ge \\varepsilon > 0$ and $\\frac{\\langle x, \\nabla Q(x)\\rangle}{\\|x\\|\\,\\|\\nabla Q(x)\\|} \\ge \\cos\\beta$. Then $\\nabla Q(x_t) \\to 0$ almost surely, for $x_{t+1} = x_t - \\gamma_t\\,\\mathrm{MK}_t$.',
    hypotheses: { text: LEMMA2_TEXT, holds: (p) => lemma1Range(p) && withAlpha(p) },
    readings: [AS_PRINTED], source: 'Section 2, Lemma 2', cites: [AGGREGATHOR, KRUM, BOTTOU],
  },
  {
    id: 'L2.1', group: 'convergence', kind: 'deterministic', title: 'The φ inequality',
    statement: '$\\varphi(a) = 0$ if $a < D$, $(a - D)^2$ otherwise. Note that $\\varphi(b) - \\varphi(a) \\le (b - a)\\varphi\'(a) + (b - a)^2$ (1). This becomes an equality when $a, b \\ge D$.',
    hypotheses: { text: 'a, b >= 0 (squared norms), D >= 0', holds: (p) => (!given(p.D) || (p.D as number) >= 0) },
    readings: [AS_PRINTED], source: 'Section 2, proof of Lemma 2 (global confinement), inequality (1)', cites: [KRUM, BOTTOU],
  },
  {
    id: 'L2.2', group: 'convergence', kind: 'deterministic', title: 'Expansion of u_{t+1} − u_t',
    statement: 'With $u_t = \\varphi(\\|x_t\\|^2)$: $u_{t+1} - u_t \\le \\big(-2\\gamma_t\\langle x_t, \\mathrm{MK}_t\\rangle + \\gamma_t^2\\|\\mathrm{MK}_t\\|^2\\big)\\varphi\'(\\|x_t\\|^2) + 4\\gamma_t^2\\langle x_t, \\mathrm{MK}_t\\rangle^2 - 4\\gamma_t^3\\langle x_t, \\mathrm{MK}_t\\rangle\\|\\mathrm{MK}_t\\|^2 + \\gamma_t^4\\|\\mathrm{MK}_t\\|^4 \\le -2\\gamma_t\\langle x_t, \\mathrm{MK}_t\\rangle\\varphi\'(\\|x_t\\|^2) + \\gamma_t^2\\|\\mathrm{MK}_t\\|^2\\varphi\'(\\|x_t\\|^2) + 4\\gamma_t^2\\|x_t\\|^2\\|\\mathrm{MK}_t\\|^2 + 4\\gamma_t^3\\|x_t\\|\\|\\mathrm{MK}_t\\|^3 + \\gamma_t^4\\|\\mathrm{MK}_t\\|^4$.',
    hypotheses: { text: 'x_{t+1} = x_t − γ_t MK_t with γ_t > 0; D >= 0', holds: (p) => !given(p.gamma) || (p.gamma as number) > 0 },
    readings: [AS_PRINTED], source: 'Section 2, proof of Lemma 2 (global confinement)', cites: [KRUM, BOTTOU],
  },
  {
    id: 'L2.3', group: 'convergence', kind: 'convergence', title: 'Global confinement',
    statement: 'The sequence $u_t$ converges almost surely (quasi-martingale convergence theorem), and to $0$; hence $\\|x_t\\|^2$ is bounded: the sequence $x_t$ is almost surely globally confined within the region $\\|x\\|^2 \\le D$.',
    hypotheses: { text: LEMMA2_TEXT, holds: lemma1Range },
    readings: [AS_PRINTED], source: 'Section 2, proof of Lemma 2 (global confinement)', cites: [KRUM, BOTTOU, FISK],
  },
  {
    id: 'L2.4', group: 'convergence', kind: 'convergence', title: 'Convergence of Q(x_t) and of the gradient',
    statement: '$Q(x_t)$ converges almost surely; $\\rho_t = \\|\\nabla Q(x_t)\\|^2$ converges almost surely; $\\sum_t \\gamma_t\\rho_t < \\infty$; since $\\sum_t \\gamma_t = \\infty$, $\\|\\nabla Q(x_t)\\| \\to 0$ almost surely.',
    hypotheses: { text: LEMMA2_TEXT, holds: lemma1Range },
    readings: [AS_PRINTED], source: 'Section 2, proof of Lemma 2 (convergence)', cites: [KRUM, BOTTOU, FISK],
  },
  {
    id: 'L2.5', group: 'convergence', kind: 'deterministic', title: 'Figure 2: the angle condition',
    statement: 'In the region $\\|x_t\\|^2 > D$: $\\langle x_t, \\mathbb{E}\\,\\mathrm{MK}_t\\rangle \\ge \\|x_t\\|\\,\\|\\mathbb{E}\\,\\mathrm{MK}_t\\|\\cos(\\alpha + \\beta) > 0$, and $\\langle x_t, \\mathbb{E}\\,\\mathrm{MK}_t\\rangle \\ge \\sqrt{D}\\,\\|\\mathbb{E}\\,\\mathrm{MK}_t\\|\\cos(\\alpha + \\beta) \\ge \\sqrt{D}\\big(\\|\\nabla Q(x_t)\\| - \\eta(n, f)\\sqrt{d}\\,\\sigma(x_t)\\big)\\cos(\\alpha + \\beta) \\ge \\sqrt{D}\\,\\varepsilon\\,(1 - \\sin\\alpha)\\cos(\\alpha + \\beta) > 0$.',
    hypotheses: { text: 'angle(x, ∇Q(x)) <= β, ‖E MK − ∇Q‖ <= η√d σ <= ‖∇Q‖ sin α, 0 <= α, 0 <= β, α + β < π/2, ‖x‖² > D', holds: (p) => withAlpha(p) && (!given(p.alpha) || !given(p.beta) || (p.alpha as number) + (p.beta as number) < Math.PI / 2) },
    readings: [AS_PRINTED], source: 'Section 2, proof of Lemma 2, Figure 2', cites: [KRUM],
  },
  {
    id: 'T1.ii', group: 'slowdown', kind: 'asymptotic', title: 'Theorem 1 (ii): slowdown of MULTI-KRUM',
    statement: '(ii) is a consequence of the fact that $m$-Krum is the average of $m$ estimators of the gradient. In the absence of Byzantine workers, all those estimators come from correct workers. As SGD converges in $O(1/\\sqrt{m})$, where $m$ is the number of used estimators of the gradient, the slowdown result $\\Omega(\\sqrt{\\tilde m/n})$ follows.',
    hypotheses: { text: 'Section 2’s range; no Byzantine worker present (f tolerated, 0 actual)', holds: section2 },
    readings: [AS_PRINTED], source: 'Section 2, proof of Theorem 1 (ii)', cites: [AGGREGATHOR, BOTTOU],
  },
  // ---------------------------------------------------------------- section 3
  {
    id: 'T2', group: 'leeway', kind: 'asymptotic', title: 'Theorem 2: strong resilience and slowdown of AGGREGATHOR',
    statement: 'Let $n > 2$, $f \\le \\frac{n-3}{4}$, $m \\le n - 2f - 2$, $\\tilde m = n - 2f - 2$. (i) AGGREGATHOR provides strong Byzantine resilience against $f$ failures. (ii) In the absence of Byzantine workers, AGGREGATHOR has a slowdown (expressed in ratio with averaging) of $\\Omega\\big(\\sqrt{\\tilde m / n}\\big)$.',
    hypotheses: { text: 'Section 3: n > 2, f <= (n − 3)/4, 1 <= m <= n − 2f − 2', holds: section3 },
    readings: [AS_PRINTED], source: 'Section 3, Theorem 2', cites: [AGGREGATHOR, BULYAN],
  },
  {
    id: 'T2.1', group: 'leeway', kind: 'asymptotic', title: 'Proof of Theorem 2: BULYAN’s coordinate-wise leeway',
    statement: 'If the number of iterations over MULTI-KRUM is $n - 2f$, then the leeway, defined by the coordinate-wise distance between the output of BULYAN and a correct gradient, is upper bounded by $O(1/\\sqrt{d})$. This is due to the fact that BULYAN relies on a component-wise median, that, as proven in [3], guarantees this bound.',
    hypotheses: { text: 'Section 3’s range (n >= 4f + 3); θ = n − 2f MULTI-KRUM selection rounds', holds: section3 },
    readings: [AS_PRINTED], source: 'Section 3, proof of Theorem 2', cites: [AGGREGATHOR, BULYAN, 'yin2018median'],
  },
  {
    id: 'A1', group: 'slowdown', kind: 'asymptotic', title: 'Abstract: √(m/n) as fast as averaging',
    statement: 'AGGREGATHOR ensures strong Byzantine resilience and is $\\sqrt{m/n}$ times as fast as the optimal algorithm (averaging) in the absence of Byzantine workers.',
    hypotheses: { text: 'Section 3’s range; no Byzantine worker present', holds: section3 },
    readings: [AS_PRINTED], source: 'Abstract', cites: [AGGREGATHOR, BULYAN],
  },
  // ---------------------------------------------------------------- robustness coefficients (reference/robustness-claims.md, issue 15)
  {
    id: 'R1', group: 'robustness', kind: 'deterministic', title: 'Universal lower bound κ ≥ f/(n − 2f)',
    statement: 'No rule can do better than $\\kappa = \\frac{f}{n - 2f}$: every $(f, \\kappa)$-robust aggregation rule has $\\kappa \\ge \\frac{f}{n - 2f}$. *(As issue 15 states it, attributed to Allouah et al. 2023; the printed statement could not be read from a stored source — reference/robustness-claims.md. A two-line proof is in lib/robustness/ratio.ts.)*',
    hypotheses: { text: 'any aggregation rule F of n inputs in R^d, f of them Byzantine, n > 2f', holds: (p) => !given(p.n) || !given(p.f) || (int(p.n) && int(p.f) && p.f >= 1 && p.n > 2 * p.f) },
    readings: [R('as-stated', 'κ ≥ f/(n − 2f) for every rule, as issue 15 states it: each rule\'s certified κ̂ must reach it.'), R('attained', 'The bound is attained: the coordinate-wise median at n = 2f + 1, d = 1 has coefficient exactly f = f/(n − 2f) (derived in property-tests/robustness.test.ts).')],
    source: 'Allouah et al., AISTATS 2023 (as cited by issue 15; theorem number not read)', cites: [FIXING],
  },
  {
    id: 'R2', group: 'robustness', kind: 'definition', title: '(f, κ)-robustness',
    statement: 'A rule $F$ is $(f, \\kappa)$-robust if for all inputs $x_1, \\dots, x_n$ and every subset $S$ of $n - f$ indices, $\\|F(x) - \\bar x_S\\|^2 \\le \\kappa \\cdot \\frac{1}{|S|} \\sum_{i \\in S} \\|x_i - \\bar x_S\\|^2$. The smallest such $\\kappa$ is the rule\'s robustness coefficient. *(As issue 15 states it; the printed definition of Allouah et al. 2023 and the κ* of Bareilles et al. 2026 could not be read from a stored source.)*',
    hypotheses: { text: 'n inputs in R^d, |S| = n − f, n > 2f', holds: (p) => !given(p.n) || !given(p.f) || (int(p.n) && int(p.f) && p.f >= 0 && p.n > 2 * p.f) },
    readings: [R('as-stated', 'The definition as issue 15 states it.')],
    source: 'Allouah et al., AISTATS 2023 (definition as stated in issue 15)', cites: [FIXING],
  },
  {
    id: 'R3', group: 'robustness', kind: 'deterministic', title: 'MultiKrum is a robust aggregation rule',
    statement: '“In this work, we provide the first proof that MultiKrum is a robust aggregation rule, and bound its robustness coefficient.”',
    hypotheses: { text: 'MULTI-KRUM with n >= 2f + 3 (the workbook\'s m = k = n − f − 2); the paper\'s own range and parameters could not be read', holds: (p) => !given(p.n) || !given(p.f) || (int(p.n) && int(p.f) && p.n >= 2 * p.f + 3) },
    readings: [R('as-printed', 'As printed in the abstract: MULTI-KRUM has a finite robustness coefficient.')],
    source: 'Bareilles, Bouaziz, Fageot, El Mhamdi, arXiv:2602.03899 (2026), abstract', cites: [MULTIKRUM26],
  },
  {
    id: 'R4', group: 'robustness', kind: 'deterministic', title: 'Krum is robust',
    statement: '“The Krum aggregation rule has been extensively studied, and endowed with formal robustness and convergence guarantees.” … “As a by-product, we also improve on the best-known bounds on Krum’s robustness coefficient.”',
    hypotheses: { text: 'KRUM with n >= 2f + 3 (k = n − f − 2); the paper\'s own range could not be read', holds: (p) => !given(p.n) || !given(p.f) || (int(p.n) && int(p.f) && p.n >= 2 * p.f + 3) },
    readings: [R('as-printed', 'As printed in the abstract: KRUM has a finite robustness coefficient.')],
    source: 'Bareilles, Bouaziz, Fageot, El Mhamdi, arXiv:2602.03899 (2026), abstract', cites: [MULTIKRUM26],
  },
];

/** Every BibTeX key the registry cites. */
export const CITED_KEYS: readonly string[] = [...new Set(CLAIMS.flatMap((c) => c.cites))].sort();
