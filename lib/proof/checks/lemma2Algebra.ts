/**
 * Step checks of Lemma 2's proof that are algebra: identities and pointwise
 * inequalities between the quantities of the proof, checked as implications
 * from the premises the proof states (issue 13). Exact bigint rationals where
 * the step is rational; floating point with a stated relative tolerance
 * (1e-9) where square roots or cosines enter. Every deterministic step has an
 * exhaustive search over a small grid, most also a fast-check property.
 */
import fc from 'fast-check';
import { rippledBowl } from '../../problems/rippledBowl';
import { stepSize, type Schedule } from '../../sgd/schedule';
import type { StepCheck, TestedRegion } from '../types';
import {
  dot, exhaustive, fmt, fromOutcome, norm, product, property, rat, Rat, ratGrid, sqrtTermAtLeast, stepCheck, withRepair, ZERO,
  type BodyResult, type Outcome,
} from './lemma2Kit';

const TOL = 1e-9;
const runsFor = (mode: 'quick' | 'full', quick: number, full: number) => (mode === 'quick' ? quick : full);
/** Combines an exhaustive and a property outcome: fails if either fails (the exhaustive counterexample first). */
function both(a: Outcome, b: Outcome): Outcome {
  if (!a.ok) return { ok: false, runs: a.runs, counterexample: a.counterexample };
  if (!b.ok) return { ok: false, runs: a.runs + b.runs, counterexample: b.counterexample };
  return { ok: true, runs: a.runs + b.runs };
}

// ------------------------------------------------------------------ φ

export const phiR = (a: Rat, D: Rat) => (a.lt(D) ? ZERO : a.sub(D).mul(a.sub(D)));
export const phiPR = (a: Rat, D: Rat) => (a.lt(D) ? ZERO : a.sub(D).mul(2));
const phiF = (a: number, D: number) => (a < D ? 0 : (a - D) * (a - D));
const phiPF = (a: number, D: number) => (a < D ? 0 : 2 * (a - D));

const GRID_ABD = ratGrid(0, 4, 2); // 0, 1/2, …, 4
const regionABD: TestedRegion = { text: 'a, b, D ∈ {0, 1/2, …, 4} (exact rationals, every triple)', bounds: { a: [0, 4], b: [0, 4], D: [0, 4] } };

const L2_13_phiC1 = stepCheck('L2.13', {
  name: 'phi-c1', reading: 'φ(a) = 0 for a < D, (a − D)² otherwise, with φ’(a) = 0 for a < D, 2(a − D) otherwise (the derivative the proof uses), φ ≥ 0', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'φ’(a) = (a − D) for a ≥ D (factor 2 dropped)',
  body(ctx) {
    const hs = [rat(1, 4), rat(1, 2), rat(1), rat(2)].flatMap((h) => [h, h.neg()]);
    const aGrid = ratGrid(0, 4, 4), dGrid = ratGrid(0, 4, 4);
    const dphi = (a: Rat, D: Rat) => (ctx.mutant ? (a.lt(D) ? ZERO : a.sub(D)) : phiPR(a, D));
    const o = exhaustive(product(aGrid, dGrid, hs), ([a, D, h]) => {
      const quotient = phiR(a.add(h), D).sub(phiR(a, D)).div(h);
      const err = quotient.sub(dphi(a, D));
      const absErr = err.sign() < 0 ? err.neg() : err;
      const absH = h.sign() < 0 ? h.neg() : h;
      return phiR(a, D).sign() >= 0 && absErr.le(absH);
    }, ([a, D, h]) => `a=${a} D=${D} h=${h}: difference quotient ${phiR(a.add(h), D).sub(phiR(a, D)).div(h)} vs φ’(a)=${dphi(a, D)}`, 'a, D ascending, h ∈ ±{1/4, 1/2, 1, 2}');
    return fromOutcome(o, 'φ ≥ 0 and |(φ(a+h) − φ(a))/h − φ’(a)| ≤ |h| (φ is C¹ with the φ’ used, exactly)', { text: 'a, D ∈ {0, 1/4, …, 4}, h ∈ ±{1/4, 1/2, 1, 2} (exact)' });
  },
});

const L2_1_ineq = stepCheck('L2.1', {
  name: 'exhaustive', reading: 'as printed: φ(b) − φ(a) ≤ (b − a)φ’(a) + (b − a)² for all a, b ≥ 0', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'coefficient of (b − a)² halved: φ(b) − φ(a) ≤ (b − a)φ’(a) + (b − a)²/2',
  body(ctx) {
    const c = ctx.mutant ? rat(1, 2) : rat(1);
    const o = exhaustive(product(GRID_ABD, GRID_ABD, GRID_ABD), ([a, b, D]) => phiR(b, D).sub(phiR(a, D)).le(b.sub(a).mul(phiPR(a, D)).add(b.sub(a).mul(b.sub(a)).mul(c))),
      ([a, b, D]) => `a=${a} b=${b} D=${D}: φ(b) − φ(a) = ${phiR(b, D).sub(phiR(a, D))} > ${b.sub(a).mul(phiPR(a, D)).add(b.sub(a).mul(b.sub(a)).mul(c))}`, 'a, b, D ascending');
    return fromOutcome(o, 'inequality (1) (exact)', regionABD);
  },
});

const L2_14_equality = stepCheck('L2.14', {
  name: 'exhaustive', reading: 'as printed: equality in (1) when a, b ≥ D', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'equality claimed when a ≥ D only (b unrestricted)',
  body(ctx) {
    const o = exhaustive(product(GRID_ABD, GRID_ABD, GRID_ABD), ([a, b, D]) => {
      const cond = ctx.mutant ? a.cmp(D) >= 0 : a.cmp(D) >= 0 && b.cmp(D) >= 0;
      return !cond || phiR(b, D).sub(phiR(a, D)).eq(b.sub(a).mul(phiPR(a, D)).add(b.sub(a).mul(b.sub(a))));
    }, ([a, b, D]) => `a=${a} b=${b} D=${D}: ${phiR(b, D).sub(phiR(a, D))} ≠ ${b.sub(a).mul(phiPR(a, D)).add(b.sub(a).mul(b.sub(a)))}`, 'a, b, D ascending');
    return fromOutcome(o, 'equality in (1) (exact)', regionABD);
  },
});

// ------------------------------------------------------------------ L2.2 and its second link

const bdot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
interface ExpCase { x: number[]; M: number[]; g: Rat; D: Rat }

/** Δu, the first bound E1 (L2.2) and the second bound as R + c√P (L2.15), exactly. */
function expansion(c: ExpCase, coef4 = 4) {
  const xM = rat(bdot(c.x, c.M)), a = rat(bdot(c.x, c.x)), M2 = rat(bdot(c.M, c.M)), g = c.g;
  const b = a.sub(g.mul(xM).mul(2)).add(g.mul(g).mul(M2));
  const du = phiR(b, c.D).sub(phiR(a, c.D));
  const g2 = g.mul(g), g3 = g2.mul(g), g4 = g3.mul(g);
  const lin = g.mul(xM).mul(-2).add(g2.mul(M2)).mul(phiPR(a, c.D));
  const E1 = lin.add(g2.mul(xM).mul(xM).mul(coef4)).sub(g3.mul(xM).mul(M2).mul(4)).add(g4.mul(M2).mul(M2));
  const R = lin.add(g2.mul(a).mul(M2).mul(4)).add(g4.mul(M2).mul(M2));
  return { du, E1, R, c: g3.mul(M2).mul(4), P: a.mul(M2), a, b };
}
const smallVec = (d: number, r: number) => fc.array(fc.integer({ min: -r, max: r }), { minLength: d, maxLength: d });
const expArb = () => fc.integer({ min: 1, max: 3 }).chain((d) => fc.record({
  x: smallVec(d, 3), M: smallVec(d, 3),
  g: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })).map(([p, q]) => rat(p, q)),
  D: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 3 })).map(([p, q]) => rat(p, q)),
}));
function* expGrid(): Generator<ExpCase> {
  for (const [x, M, g, D] of product([-2, -1, 0, 1, 2], [-2, -1, 0, 1, 2], [rat(1, 4), rat(1, 2), rat(1)], [rat(0), rat(1), rat(2), rat(4)])) yield { x: [x], M: [M], g, D };
}
const expDescribe = (c: ExpCase) => { const e = expansion(c); return `x=(${c.x}) MK=(${c.M}) γ=${c.g} D=${c.D}: Δu=${e.du}, first bound ${e.E1}, second bound ${e.R} + ${e.c}·√${e.P}`; };
const expRegion: TestedRegion = { text: 'exhaustive d = 1, x, MK ∈ {−2..2}, γ ∈ {1/4, 1/2, 1}, D ∈ {0, 1, 2, 4}; fast-check d ∈ {1, 2, 3}, x, MK ∈ {−3..3}^d, γ = p/q (p ≤ 4, q ≤ 8), D = p/q (p ≤ 12, q ≤ 3); x_{t+1} = x_t − γ MK (exact)' };

const L2_2_first = stepCheck('L2.2', {
  name: 'exact', reading: 'first link of the display, with x_{t+1} = x_t − γ_t MK_t, a = ‖x_t‖², b = ‖x_{t+1}‖² in (1)', expected: 'holds', method: 'exhaustive+property (exact)',
  mutantDescription: '4γ²⟨x, MK⟩² replaced by 2γ²⟨x, MK⟩²',
  body(ctx, seed) {
    const k = ctx.mutant ? 2 : 4;
    const pred = (c: ExpCase) => { const e = expansion(c, k); return e.du.le(e.E1); };
    const o = both(exhaustive(expGrid(), pred, expDescribe, 'x, MK, γ, D ascending'), property(expArb(), pred, runsFor(ctx.mode, 300, 3000), seed, expDescribe));
    return fromOutcome(o, 'u_{t+1} − u_t ≤ (−2γ⟨x,MK⟩ + γ²‖MK‖²)φ’(‖x‖²) + 4γ²⟨x,MK⟩² − 4γ³⟨x,MK⟩‖MK‖² + γ⁴‖MK‖⁴ (exact)', expRegion);
  },
});

const L2_15_second = stepCheck('L2.15', {
  name: 'exact', reading: 'second link: 4γ²⟨x,MK⟩² ≤ 4γ²‖x‖²‖MK‖² and −4γ³⟨x,MK⟩‖MK‖² ≤ 4γ³‖x‖‖MK‖³ (Cauchy–Schwarz)', expected: 'holds', method: 'exhaustive+property (exact)',
  mutantDescription: 'the term 4γ³‖x‖‖MK‖³ dropped from the second bound',
  body(ctx, seed) {
    const pred = (c: ExpCase) => { const e = expansion(c); const q = e.E1.sub(e.R); return ctx.mutant ? q.sign() <= 0 : sqrtTermAtLeast(e.c, e.P, q); };
    const o = both(exhaustive(expGrid(), pred, expDescribe, 'x, MK, γ, D ascending'), property(expArb(), pred, runsFor(ctx.mode, 300, 3000), seed, expDescribe));
    return fromOutcome(o, 'first bound ≤ second bound (exact; √ decided by squaring)', expRegion);
  },
});

// ------------------------------------------------------------------ conditional expectation (L2.16)

interface CondCase { x: number[]; Ms: number[][]; g: Rat; D: Rat }
/** E over the empirical distribution of MK (uniform on Ms): exact E Δu, the reading-A and reading-B right-hand sides (floats). */
function condSides(c: CondCase, coef4 = 4) {
  const K = c.Ms.length;
  const a = rat(bdot(c.x, c.x));
  let Edu = ZERO;
  for (const M of c.Ms) Edu = Edu.add(expansion({ x: c.x, M, g: c.g, D: c.D }).du);
  Edu = Edu.div(K);
  const g = c.g.toNumber(), an = a.toNumber(), xn = Math.sqrt(an), D = c.D.toNumber();
  const EM = c.x.map((_, j) => c.Ms.reduce((s, M) => s + M[j], 0) / K);
  const m = (r: number) => c.Ms.reduce((s, M) => s + norm(M) ** r, 0) / K;
  const rest = coef4 * g * g * an * m(2) + 4 * g ** 3 * xn * m(3) + g ** 4 * m(4);
  const A = (-2 * g * dot(c.x, EM) + g * g * m(2)) * phiPF(an, D) + rest;
  const B = -2 * g * dot(c.x, EM) + g * g * m(2) * phiPF(an, D) + rest;
  return { lhs: Edu.toNumber(), A, B };
}
const condArb = () => fc.integer({ min: 1, max: 3 }).chain((d) => fc.record({
  x: smallVec(d, 3), Ms: fc.array(smallVec(d, 3), { minLength: 1, maxLength: 3 }),
  g: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })).map(([p, q]) => rat(p, q)),
  D: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 3 })).map(([p, q]) => rat(p, q)),
}));
function* condGrid(): Generator<CondCase> {
  for (const [D, g, x, M] of product([rat(0), rat(1), rat(4), rat(9)], [rat(1), rat(1, 2), rat(1, 4), rat(1, 8)], [0, 1, 2, 3], [-2, -1, 0, 1, 2])) yield { x: [x], Ms: [[M]], g, D };
}
const condOk = (s: { lhs: number; A: number }, side: number) => s.lhs <= side + TOL * Math.max(1, Math.abs(s.lhs), Math.abs(side));
const condDescribe = (c: CondCase) => { const s = condSides(c); return `x=(${c.x}) MK uniform on {${c.Ms.map((M) => `(${M})`).join(', ')}} γ=${c.g} D=${c.D}: E(u_{t+1} − u_t | P_t) = ${fmt(s.lhs)}, bound (φ’ on both terms) ${fmt(s.A)}, bound as typeset ${fmt(s.B)}`; };
const condRegion: TestedRegion = { text: 'MK_t given P_t uniform on 1–3 integer vectors (an exact finite distribution); exhaustive d = 1, one-point MK ∈ {−2..2}, x ∈ {0..3}, γ ∈ {1, 1/2, 1/4, 1/8}, D ∈ {0, 1, 4, 9}; fast-check d ≤ 3, entries in {−3..3}; E Δu exact, right-hand side in floats (relative tolerance 1e-9)' };

const L2_16_A = stepCheck('L2.16', {
  name: 'phi-prime-on-both', reading: 'A (the proof’s own, as the next display uses it): (−2γ⟨x, E MK⟩ + γ² E‖MK‖²)·φ’(‖x‖²) + 4γ²‖x‖²E‖MK‖² + 4γ³‖x‖E‖MK‖³ + γ⁴E‖MK‖⁴', expected: 'holds', method: 'exhaustive+property',
  mutantDescription: '4γ²‖x‖²E‖MK‖² replaced by γ²‖x‖²E‖MK‖²',
  body(ctx, seed) {
    const k = ctx.mutant ? 1 : 4;
    const pred = (c: CondCase) => { const s = condSides(c, k); return condOk(s, s.A); };
    const o = both(exhaustive(condGrid(), pred, condDescribe, 'D, γ descending, x, MK ascending'), property(condArb(), pred, runsFor(ctx.mode, 300, 3000), seed, condDescribe));
    return fromOutcome(o, 'E(u_{t+1} − u_t | P_t) ≤ reading-A bound (x_t, φ’(‖x_t‖²) P_t-measurable)', condRegion);
  },
});

const L2_16_B = stepCheck('L2.16', {
  name: 'as-typeset', reading: 'B (as typeset, a parenthesis lost): −2γ⟨x, E MK⟩ + γ² E‖MK‖² φ’(‖x‖²) + … (the first term without φ’)', expected: 'fails', method: 'exhaustive',
  mutantDescription: 'the repair (reading A) with 4γ²‖x‖²E‖MK‖² replaced by γ²‖x‖²E‖MK‖²',
  body(ctx) {
    const printed = exhaustive(condGrid(), (c) => { const s = condSides(c); return condOk(s, s.B); }, condDescribe, 'D, γ descending, x, MK ascending');
    const repair = exhaustive(condGrid(), (c) => { const s = condSides(c); return condOk(s, s.A); }, condDescribe, 'same grid');
    return withRepair(printed, 'E(u_{t+1} − u_t | P_t) ≤ bound as typeset', condRegion,
      { statement: 'read φ’(‖x_t‖²) as multiplying both −2γ⟨x, E MK⟩ and γ²E‖MK‖² (reading A; the next display has −2γ⟨x, E MK⟩φ’)', outcome: repair, region: condRegion }, ctx.mutant,
      () => exhaustive(condGrid(), (c) => { const s = condSides(c, 1); return condOk(s, s.A); }, condDescribe, 'same grid'));
  },
});

// ------------------------------------------------------------------ moments of MK (L2.17) and A0, B0 (L2.18), A, B (L2.19)

interface MomCase { r: number; parts: number[]; A: number[]; B: number[]; s: number }
/** Π_i E‖G‖^{r_i} at the worst case allowed by (iii) (E‖G‖ by Jensen) and the bound C(1 + s^e), C = Π(α_i + β_i). */
function momentSides(c: MomCase, e: number) {
  const EG = (q: number) => (q === 0 ? 1 : q === 1 ? Math.sqrt(c.A[2] + c.B[2] * c.s * c.s) : c.A[q] + c.B[q] * c.s ** q);
  const ab = (q: number) => (q === 0 ? 1 : q === 1 ? Math.sqrt(c.A[2]) + Math.sqrt(c.B[2]) : c.A[q] + c.B[q]);
  const lhs = c.parts.reduce((p, q) => p * EG(q), 1);
  const C = c.parts.reduce((p, q) => p * ab(q), 1);
  return { lhs, rhs: C * (1 + c.s ** e) };
}
function compositions(r: number, k: number): number[][] {
  if (k === 1) return [[r]];
  const out: number[][] = [];
  for (let q = 0; q <= r; q++) for (const rest of compositions(r - q, k - 1)) out.push([q, ...rest]);
  return out;
}
const L2_17_moments = stepCheck('L2.17', {
  name: 'exhaustive', reading: 'D3 (ii) + (iii): each term E‖G‖^{r_1}…E‖G‖^{r_k}, r_1 + … + r_k = r, is ≤ C(1 + ‖x‖^r); E‖G‖^1 ≤ (E‖G‖²)^{1/2} by Jensen (r_i = 1 is outside (iii)’s r ∈ {2, 3, 4})', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'bound C(1 + ‖x‖^{r−1}) (exponent lowered)',
  body(ctx) {
    const consts = [[0, 0, 1, 1, 1], [0, 0, 3, 1, 2], [0, 0, 1, 4, 1]];
    const Bs = [[0, 0, 1, 1, 1], [0, 0, 2, 3, 5], [0, 0, 0.5, 0, 2]];
    const cases = function* () {
      for (const r of [2, 3, 4]) for (let k = 1; k <= 4; k++) for (const parts of compositions(r, k)) for (let i = 0; i < consts.length; i++) for (const s of [0, 0.5, 1, 2, 5, 20, 100]) yield { r, parts, A: consts[i], B: Bs[i], s };
    };
    const e = (c: MomCase) => (ctx.mutant ? c.r - 1 : c.r);
    const o = exhaustive(cases(), (c) => { const m = momentSides(c, e(c)); return m.lhs <= m.rhs * (1 + TOL); },
      (c) => { const m = momentSides(c, e(c)); return `r=${c.r} parts=(${c.parts}) A=(${c.A.slice(2)}) B=(${c.B.slice(2)}) ‖x‖=${c.s}: ${fmt(m.lhs)} > ${fmt(m.rhs)}`; }, 'r, k, composition, constants, ‖x‖ ascending');
    return fromOutcome(o, 'E‖MK‖^r ≤ a_r + b_r‖x‖^r from D3 (ii) and (iii)', { text: 'r ∈ {2, 3, 4}, k = n − f ∈ {1..4} factors, every composition, 3 sets of (A_r, B_r), ‖x‖ ∈ {0, 1/2, 1, 2, 5, 20, 100}, worst-case moments (equality in (iii))' });
  },
});

interface A0Case { a: Rat[]; b: Rat[]; gmax: Rat; g: Rat; s: Rat; D: Rat }
function a0Sides(c: A0Case, e: number) {
  const [a2, a3, a4] = c.a, [b2, b3, b4] = c.b, { g, s, D, gmax } = c;
  const s2 = s.mul(s), s3 = s2.mul(s), s4 = s2.mul(s2);
  const m2 = a2.add(b2.mul(s2)), m3 = a3.add(b3.mul(s3)), m4 = a4.add(b4.mul(s4));
  const g2 = g.mul(g);
  const T = g2.mul(m2).mul(phiPR(s2, D)).add(g2.mul(s2).mul(m2).mul(4)).add(g2.mul(g).mul(s).mul(m3).mul(4)).add(g2.mul(g2).mul(m4));
  const A0 = a2.mul(6).add(gmax.mul(a3).mul(4)).add(gmax.mul(gmax).mul(a4));
  const B0 = a2.mul(6).add(b2.mul(6)).add(gmax.mul(a3.add(b3)).mul(4)).add(gmax.mul(gmax).mul(b4));
  const se = e === 4 ? s4 : s2;
  return { T, rhs: g2.mul(A0.add(B0.mul(se))), A0, B0 };
}
const small = [rat(0), rat(1, 2), rat(1), rat(3)];
const L2_18_A0B0 = stepCheck('L2.18', {
  name: 'explicit-constants', reading: 'with E‖MK‖^r ≤ a_r + b_r‖x‖^r (L2.17) and γ_t ≤ γ_max (bounded steps, from Σγ_t² < ∞): A0 = 6a₂ + 4γ_max a₃ + γ_max² a₄, B0 = 6a₂ + 6b₂ + 4γ_max(a₃ + b₃) + γ_max² b₄', expected: 'holds', method: 'exhaustive+property (exact)',
  mutantDescription: '‖x_t‖⁴ replaced by ‖x_t‖² in γ²(A0 + B0‖x_t‖⁴)',
  body(ctx, seed) {
    const e = ctx.mutant ? 2 : 4;
    const pred = (c: A0Case) => { const r = a0Sides(c, e); return r.T.le(r.rhs); };
    const desc = (c: A0Case) => { const r = a0Sides(c, e); return `a=(${c.a}) b=(${c.b}) γ=${c.g} γ_max=${c.gmax} ‖x‖=${c.s} D=${c.D}: γ²E‖MK‖²φ’ + 4γ²‖x‖²E‖MK‖² + 4γ³‖x‖E‖MK‖³ + γ⁴E‖MK‖⁴ = ${r.T} > γ²(A0 + B0‖x‖^${e}) = ${r.rhs}`; };
    const grid = function* () {
      for (const [a2, b2, a3, b3, s, D] of product(small, small, [rat(0), rat(1)], [rat(0), rat(1)], ratGrid(0, 4, 2), [rat(0), rat(2)])) yield { a: [a2, a3, rat(1)], b: [b2, b3, rat(1)], gmax: rat(1), g: rat(1), s, D };
    };
    const r = () => fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 3 })).map(([p, q]) => rat(p, q));
    const arb = fc.record({ a: fc.tuple(r(), r(), r()), b: fc.tuple(r(), r(), r()), gmax: fc.integer({ min: 1, max: 8 }).map((q) => rat(q, 4)), frac: fc.integer({ min: 1, max: 8 }), s: r(), D: r() })
      .map((c) => ({ a: [...c.a], b: [...c.b], gmax: c.gmax, g: c.gmax.mul(rat(c.frac, 8)), s: c.s, D: c.D }));
    const o = both(exhaustive(grid(), pred, desc, 'constants, ‖x‖, D ascending'), property(arb, pred, runsFor(ctx.mode, 300, 3000), seed, desc));
    return fromOutcome(o, 'the γ², γ³, γ⁴ terms ≤ γ_t²(A0 + B0‖x_t‖⁴) with the explicit A0, B0 (exact)', { text: 'exhaustive a₂, b₂ ∈ {0, 1/2, 1, 3}, a₃, b₃ ∈ {0, 1}, ‖x‖ ∈ {0, 1/2, …, 4}, D ∈ {0, 2}, γ = γ_max = 1; fast-check rational constants p/q ≤ 6, γ_max ∈ (0, 2], 0 < γ ≤ γ_max; worst-case moments (equality)' });
  },
});

const L2_19_AB = stepCheck('L2.19', {
  name: 'explicit-constants', reading: 'A = A0 + 2B0D², B = 2B0: A0 + B0‖x‖⁴ ≤ A + B·φ(‖x‖²) (‖x‖⁴ ≤ 2(‖x‖² − D)² + 2D² beyond the horizon, ≤ D² inside)', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'A = A0 (the D² term dropped)',
  body(ctx) {
    const o = exhaustive(product([rat(1, 2), rat(1), rat(3)], [rat(1, 2), rat(1), rat(3)], ratGrid(0, 4, 2), ratGrid(0, 8, 4)), ([A0, B0, D, a]) => {
      const A = ctx.mutant ? A0 : A0.add(B0.mul(D).mul(D).mul(2));
      return A0.add(B0.mul(a).mul(a)).le(A.add(B0.mul(2).mul(phiR(a, D))));
    }, ([A0, B0, D, a]) => `A0=${A0} B0=${B0} D=${D} ‖x‖²=${a}: A0 + B0‖x‖⁴ = ${A0.add(B0.mul(a).mul(a))} > A + B·u_t`, 'A0, B0, D, ‖x‖² ascending');
    return fromOutcome(o, 'A0 + B0‖x‖⁴ ≤ A + B u_t (exact)', { text: 'A0, B0 ∈ {1/2, 1, 3}, D ∈ {0, 1/2, …, 4}, ‖x‖² ∈ {0, 1/4, …, 8} (exact)' });
  },
});

const L2_20_null = stepCheck('L2.20', {
  name: 'exhaustive', reading: 'φ’(a) = 0 for every a < D', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'φ’(a) = 0 claimed for every a ≤ D + 1/2',
  body(ctx) {
    const o = exhaustive(product(ratGrid(0, 4, 4), ratGrid(0, 4, 4)), ([a, D]) => !(ctx.mutant ? a.le(D.add(rat(1, 2))) : a.lt(D)) || phiPR(a, D).eq(0),
      ([a, D]) => `a=${a} D=${D}: φ’(a) = ${phiPR(a, D)} ≠ 0`, 'a, D ascending');
    return fromOutcome(o, 'φ’(‖x_t‖²) = 0 inside the horizon (exact)', { text: 'a, D ∈ {0, 1/4, …, 4} (exact)' });
  },
});

// ------------------------------------------------------------------ angle configurations (L2.5, L2.21, L2.22, L2.35–L2.38, L2.55, L2.56)

const ANG = 24; // α = ka·(π/2)/24, β = kb·(π/2)/24, ka + kb ≤ 23
interface AngCase { d: number; ka: number; kb: number; gDir: number[]; uDir: number[]; wDir: number[]; theta: number; radius: number; noise: number; xNorm: number; gScale: number; dFrac: number; epsFrac: number; gamma: number; A: number; B: number }
interface AngConf { alpha: number; beta: number; sinA: number; g: number[]; x: number[]; v: number[]; ns: number; D: number; eps: number; gamma: number; A: number; B: number; xn: number; gn: number; vn: number }
const unit = (v: number[]) => { const s = norm(v); return v.map((t) => t / s); };
/** g = ∇Q(x), x at angle θβ from g, η√dσ = noise·‖g‖ sin α ((iv)), E MK = g + radius·η√dσ·w ((L1.8) ball), D = dFrac·‖x‖², ε = epsFrac·‖g‖ ((v)). */
function conf(c: AngCase, thetaOverride?: number): AngConf | null {
  const alpha = (c.ka * Math.PI) / 2 / ANG, beta = (c.kb * Math.PI) / 2 / ANG, sinA = Math.sin(alpha);
  if (c.gDir.every((t) => t === 0)) return null;
  const gh = unit(c.gDir);
  const p = dot(c.uDir, gh);
  const w0 = c.uDir.map((t, i) => t - p * gh[i]);
  if (norm(w0) < 1e-6) return null;
  const u = unit(w0);
  const th = thetaOverride ?? c.theta * beta;
  const x = gh.map((gi, i) => c.xNorm * (Math.cos(th) * gi + Math.sin(th) * u[i]));
  const g = gh.map((t) => t * c.gScale);
  const ns = c.noise * c.gScale * sinA;
  const w = c.wDir.some((t) => t !== 0) ? unit(c.wDir) : u.map((t) => -t);
  const v = g.map((gi, i) => gi + c.radius * ns * w[i]);
  return { alpha, beta, sinA, g, x, v, ns, D: c.dFrac * c.xNorm * c.xNorm, eps: c.epsFrac * c.gScale, gamma: c.gamma, A: c.A, B: c.B, xn: norm(x), gn: norm(g), vn: norm(v) };
}
const frac01 = () => fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));
const angArb = (dFracMax = 1) => fc.integer({ min: 2, max: 3 }).chain((d) => fc.integer({ min: 0, max: ANG - 1 }).chain((ka) => fc.record({
  d: fc.constant(d), ka: fc.constant(ka), kb: fc.integer({ min: 0, max: ANG - 1 - ka }),
  gDir: smallVec(d, 5), uDir: smallVec(d, 5), wDir: smallVec(d, 5),
  theta: frac01(), radius: frac01(), noise: frac01(),
  xNorm: fc.double({ min: 1e-2, max: 1e2, noNaN: true }), gScale: fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
  dFrac: fc.oneof(fc.constant(dFracMax), fc.double({ min: 1e-3, max: dFracMax, noNaN: true })), epsFrac: frac01().map((t) => Math.max(t, 1e-3)),
  gamma: fc.double({ min: 1e-3, max: 1, noNaN: true }), A: fc.double({ min: 0, max: 10, noNaN: true }), B: fc.double({ min: 0, max: 10, noNaN: true }),
})));
const geq = (l: number, r: number, scale: number) => l >= r - TOL * Math.max(1, scale);
const angRegion = (extra = ''): TestedRegion => ({ text: `d ∈ {2, 3}, α = k·π/48, β = k’·π/48 with k + k’ ≤ 23 (α + β < π/2), ∇Q = ‖∇Q‖·ĝ with ĝ from integer directions in {−5..5}^d, ‖∇Q‖, ‖x‖ ∈ [0.01, 100], angle(x, ∇Q) ∈ [0, β] (β itself often), η√dσ ∈ [0, ‖∇Q‖ sin α] ((iv), boundary often), E MK in the ball of radius η√dσ around ∇Q (boundary often)${extra}; floats, relative tolerance 1e-9` });
const angDesc = (c: AngCase) => { const k = conf(c); return k ? `α=${c.ka}π/48 β=${c.kb}π/48 ∇Q=(${k.g.map((t) => fmt(t))}) x=(${k.x.map((t) => fmt(t))}) E MK=(${k.v.map((t) => fmt(t))}) D=${fmt(k.D)} ε=${fmt(k.eps)}: ⟨x, E MK⟩=${fmt(dot(k.x, k.v))}, ‖x‖‖E MK‖cos(α+β)=${fmt(k.xn * k.vn * Math.cos(k.alpha + k.beta))}` : 'degenerate'; };

/** A small deterministic grid of angle configurations (d = 2), boundaries included. */
function* angGrid(dFracMax: number): Generator<AngCase> {
  const dirs = [[1, 0], [2, 1], [-1, 3]];
  for (const [ka, kb] of [[0, 0], [0, 12], [12, 0], [8, 8], [6, 17], [17, 6], [12, 11]]) for (const [gDir, uDir, wDir] of product(dirs, dirs, [[0, 0], [1, -2]])) for (const [theta, radius, noise] of product([0, 0.5, 1], [0, 1], [0.5, 1])) for (const [xNorm, gScale, dFrac, epsFrac] of product([0.1, 10], [1], [0.5 * dFracMax, dFracMax], [0.5, 1]))
    yield { d: 2, ka, kb, gDir, uDir, wDir, theta, radius, noise, xNorm, gScale, dFrac, epsFrac, gamma: 0.5, A: 1, B: 1 };
}
function angleStep(id: string, name: string, reading: string, mutantDescription: string, pred: (k: AngConf, mutant: boolean) => boolean, what: string, dFracMax = 1, extra = ''): StepCheck {
  return stepCheck(id, {
    name, reading, expected: 'holds', method: 'exhaustive+property', mutantDescription,
    body(ctx, seed) {
      const ex = exhaustive(angGrid(dFracMax), (c) => { const k = conf(c); return !k || pred(k, ctx.mutant); }, angDesc, 'grid order');
      const o = property(angArb(dFracMax), (c) => { const k = conf(c); return !k || pred(k, ctx.mutant); }, runsFor(ctx.mode, 500, 5000), seed, angDesc);
      const r = fromOutcome(both(ex, o), what, angRegion(extra));
      r.region.text = `exhaustive grid d = 2 (7 (α, β) pairs up to α + β = 23π/48, 3 directions each for ∇Q and x, θ ∈ {0, ½, 1}β, ball radius ∈ {0, 1}, (iv) ratio ∈ {½, 1}, ‖x‖ ∈ {0.1, 10}, ‖∇Q‖ = 1, D at ½ and 1 of its range, ε ∈ {½, 1}‖∇Q‖); and fast-check: ${r.region.text}`;
      return r;
    },
  });
}

// L2.5 on an exhaustive integer grid, under two premises.
interface IntCase { ka: number; kb: number; g: number[]; v: number[]; x: number[] }
function* intGrid(): Generator<IntCase> {
  const vals = [-2, -1, 0, 1, 2];
  for (let ka = 0; ka <= 5; ka++) for (let kb = 0; kb + ka <= 5; kb++) for (const [g0, g1, v0, v1, x0, x1] of product(vals, vals, vals, vals, vals, vals)) yield { ka, kb, g: [g0, g1], v: [v0, v1], x: [x0, x1] };
}
function intPremise(c: IntCase, premise: 'ball' | 'D3'): boolean {
  const a = (c.ka * Math.PI) / 12, b = (c.kb * Math.PI) / 12;
  const gn = norm(c.g), xn = norm(c.x);
  if (gn === 0 || xn === 0) return false;
  if (!(dot(c.x, c.g) >= xn * gn * Math.cos(b) - 1e-12)) return false;
  if (premise === 'ball') { const e = [c.v[0] - c.g[0], c.v[1] - c.g[1]]; return norm(e) <= gn * Math.sin(a) + 1e-12; }
  return dot(c.v, c.g) >= (1 - Math.sin(a)) * gn * gn - 1e-12 && dot(c.v, c.g) > 0;
}
function intConclusion(c: IntCase, useAlpha: boolean): boolean {
  const a = useAlpha ? (c.ka * Math.PI) / 12 : 0, b = (c.kb * Math.PI) / 12;
  const xv = dot(c.x, c.v);
  return xv >= norm(c.x) * norm(c.v) * Math.cos(a + b) - 1e-12 && xv > 0;
}
const intDesc = (c: IntCase) => `α=${c.ka}π/12 β=${c.kb}π/12 ∇Q=(${c.g}) E MK=(${c.v}) x=(${c.x}): ⟨E MK, ∇Q⟩=${dot(c.v, c.g)} vs (1 − sin α)‖∇Q‖²=${fmt((1 - Math.sin((c.ka * Math.PI) / 12)) * dot(c.g, c.g))}, ‖E MK − ∇Q‖=${fmt(norm([c.v[0] - c.g[0], c.v[1] - c.g[1]]))} vs ‖∇Q‖ sin α=${fmt(norm(c.g) * Math.sin((c.ka * Math.PI) / 12))}, angle(x, ∇Q) ≤ β, yet ⟨x, E MK⟩=${dot(c.x, c.v)} < ‖x‖‖E MK‖cos(α+β)=${fmt(norm(c.x) * norm(c.v) * Math.cos(((c.ka + c.kb) * Math.PI) / 12))}`;
const intRegion: TestedRegion = { text: 'd = 2, ∇Q, E MK, x ∈ {−2..2}², α, β ∈ {0, π/12, …} with α + β ≤ 5π/12 (every case; floats, tolerance 1e-12)' };

const L2_5_ball = stepCheck('L2.5', {
  name: 'ball-premise', reading: 'premise as Lemma 1’s proof gives it (L1.8/L1.9): ‖E MK − ∇Q‖ ≤ η√dσ ≤ ‖∇Q‖ sin α; with (v) angle(x, ∇Q) ≤ β', expected: 'holds', method: 'exhaustive+property',
  mutantDescription: 'cos(α + β) replaced by cos β',
  body(ctx, seed) {
    const ex = exhaustive(intGrid(), (c) => !intPremise(c, 'ball') || intConclusion(c, !ctx.mutant), intDesc, 'α, β, then ∇Q, E MK, x ascending');
    const pr = property(angArb(), (c) => {
      const k = conf(c); if (!k) return true;
      const ang = ctx.mutant ? k.beta : k.alpha + k.beta;
      const xv = dot(k.x, k.v);
      return geq(xv, k.xn * k.vn * Math.cos(ang), k.xn * k.vn) && xv > 0;
    }, runsFor(ctx.mode, 500, 5000), seed, angDesc);
    return fromOutcome(both(ex, pr), '⟨x_t, E MK_t⟩ ≥ ‖x_t‖‖E MK_t‖cos(α + β) > 0', { text: `${intRegion.text}; and ${angRegion().text}` });
  },
});

const L2_5_D3 = stepCheck('L2.5', {
  name: 'D3-premise', reading: 'premise D3 (i) only (the footnote’s reading: “a scalar product lower bounded by this value guarantees … the cone”): ⟨E MK, ∇Q⟩ ≥ (1 − sin α)‖∇Q‖² > 0; with (v)', expected: 'fails', method: 'exhaustive',
  mutantDescription: 'the repair (ball premise) with cos(α + β) replaced by cos β',
  body(ctx) {
    const printed = exhaustive(intGrid(), (c) => !intPremise(c, 'D3') || intConclusion(c, true), intDesc, 'α, β, then ∇Q, E MK, x ascending', 'tie-free');
    const repair = exhaustive(intGrid(), (c) => !intPremise(c, 'ball') || intConclusion(c, true), intDesc, 'same grid');
    return withRepair(printed, 'D3 (i) + (v) ⇒ ⟨x, E MK⟩ ≥ ‖x‖‖E MK‖cos(α + β) > 0', intRegion,
      { statement: 'use the ball ‖E MK − ∇Q(x)‖ ≤ η√dσ(x) ≤ ‖∇Q(x)‖ sin α from Lemma 1’s proof (L1.8), which puts E MK in the cone of half-angle α; D3 (i) alone does not', outcome: repair, region: intRegion }, ctx.mutant,
      () => exhaustive(intGrid(), (c) => !intPremise(c, 'ball') || intConclusion(c, false), intDesc, 'same grid'));
  },
});

const firstTerm = (k: AngConf) => -2 * k.gamma * dot(k.x, k.v) * phiPF(k.xn * k.xn, k.D);

const L2_21_nonpos = angleStep('L2.21', 'non-positive', 'non-positive (what the proof uses): −2γ⟨x, E MK⟩φ’(‖x‖²) ≤ 0 when ‖x‖² ≥ D', 'the term claimed strictly negative (< 0) for every ‖x‖² ≥ D, the boundary included',
  (k, m) => (m ? !(k.xn * k.xn >= k.D) || firstTerm(k) < 0 : firstTerm(k) <= TOL * Math.max(1, Math.abs(firstTerm(k)))), 'first term ≤ 0 beyond the horizon', 1, ', ‖x‖² ≥ D (D = ‖x‖² often)');

const L2_21_strict = stepCheck('L2.21', {
  name: 'strictly-negative', reading: 'as printed: “negative” (strictly) for every ‖x_t‖² ≥ D', expected: 'fails', method: 'property',
  mutantDescription: 'the repair claimed for ‖x‖² ≥ D/2 (inside the horizon too)',
  body(ctx, seed) {
    const printed = property(angArb(), (c) => { const k = conf(c); return !k || firstTerm(k) < 0; }, runsFor(ctx.mode, 500, 5000), seed, (c) => { const k = conf(c)!; return `‖x‖² = D = ${fmt(k.D)}: φ’(‖x‖²) = 0, the term is ${firstTerm(k)} (zero, not negative)`; });
    const repair = property(angArb(0.999), (c) => { const k = conf(c); return !k || firstTerm(k) < 0; }, runsFor(ctx.mode, 500, 5000), seed, angDesc);
    return withRepair(printed, 'the first term is < 0 when ‖x_t‖² ≥ D', angRegion(', ‖x‖² ≥ D'),
      { statement: 'negative when ‖x_t‖² > D, zero at ‖x_t‖² = D (non-positive is all the proof needs)', outcome: repair, region: angRegion(', ‖x‖² ∈ (D, 1000 D]') }, ctx.mutant,
      () => property(angArb(2), (c) => { const k = conf(c); return !k || firstTerm(k) < 0; }, runsFor(ctx.mode, 500, 5000), seed, (c) => { const k = conf(c)!; return `‖x‖² = ${fmt(k.xn * k.xn)} < D = ${fmt(k.D)}: term ${firstTerm(k)}`; }));
  },
});

const L2_22_hence = stepCheck('L2.22', {
  name: 'property', reading: 'from L2.19 with the first term ≤ 0 (L2.20 inside, L2.21 beyond the horizon)', expected: 'holds', method: 'property',
  mutantDescription: 'conclusion E(u_{t+1} − u_t | P_t) ≤ γ_t²A (the B·u_t term dropped)',
  body(ctx, seed) {
    // x inside the horizon may point anywhere (θ up to π); beyond it, the (v) angle.
    const arb = angArb(2).chain((c) => fc.double({ min: 0, max: Math.PI, noNaN: true }).map((free) => ({ c, free })));
    const o = property(arb, ({ c, free }) => {
      let k = conf(c); if (!k) return true;
      if (k.xn * k.xn < k.D) k = conf(c, free)!;
      const u = phiF(k.xn * k.xn, k.D);
      const lhs = firstTerm(k) + k.gamma ** 2 * (k.A + k.B * u);
      const rhs = k.gamma ** 2 * (k.A + (ctx.mutant ? 0 : k.B * u));
      return lhs <= rhs + TOL * Math.max(1, Math.abs(lhs), Math.abs(rhs));
    }, runsFor(ctx.mode, 500, 5000), seed, ({ c }) => angDesc(c));
    return fromOutcome(o, '−2γ⟨x, E MK⟩φ’ + γ²(A + B u_t) ≤ γ²(A + B u_t)', angRegion(', D ∈ (0, 2‖x‖²] (inside the horizon x points anywhere), γ ∈ (0, 1], A, B ∈ [0, 10]'));
  },
});

const L2_35 = angleStep('L2.35', 'property', 'link 1: ⟨x, E MK⟩ ≥ √D‖E MK‖cos(α + β) for ‖x‖² > D (L2.5 and ‖x‖ > √D)', '√D replaced by 2√D',
  (k, m) => geq(dot(k.x, k.v), (m ? 2 : 1) * Math.sqrt(k.D) * k.vn * Math.cos(k.alpha + k.beta), k.xn * k.vn), 'first link', 0.999, ', ‖x‖² ∈ (D, 1000 D]');
const L2_36 = angleStep('L2.36', 'property', 'link 2: √D‖E MK‖cos(α+β) ≥ √D(‖∇Q‖ − η√dσ)cos(α+β) (triangle inequality on the L1.8 ball)', '(‖∇Q‖ − η√dσ) replaced by (‖∇Q‖ + η√dσ)',
  (k, m) => geq(Math.sqrt(k.D) * k.vn * Math.cos(k.alpha + k.beta), Math.sqrt(k.D) * (k.gn + (m ? 1 : -1) * k.ns) * Math.cos(k.alpha + k.beta), Math.sqrt(k.D) * k.vn), 'second link', 0.999);
const L2_37 = angleStep('L2.37', 'property', 'link 3: (‖∇Q‖ − η√dσ) ≥ ε(1 − sin α), from (iv) η√dσ ≤ ‖∇Q‖ sin α and (v) ‖∇Q‖ ≥ ε', '(1 − sin α) replaced by 1',
  (k, m) => geq(Math.sqrt(k.D) * (k.gn - k.ns) * Math.cos(k.alpha + k.beta), Math.sqrt(k.D) * k.eps * (m ? 1 : 1 - k.sinA) * Math.cos(k.alpha + k.beta), Math.sqrt(k.D) * k.gn), 'third link', 0.999, ', ε ∈ (0, ‖∇Q‖]');

const L2_38_positive = stepCheck('L2.38', {
  name: 'exhaustive', reading: '√D·ε·(1 − sin α)·cos(α + β) > 0 for D > 0, ε > 0, 0 ≤ α < π/2, 0 ≤ β < π/2 − α', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'β allowed up to π/2 − α (the range’s strict bound made ≤)',
  body(ctx) {
    const o = exhaustive(function* () { for (let ka = 0; ka < 48; ka++) for (let kb = 0; ka + kb < (ctx.mutant ? 49 : 48); kb++) for (const D of [1e-6, 1, 1e6]) for (const e of [1e-6, 1, 1e6]) yield { ka, kb, D, e }; }(),
      ({ ka, kb, D, e }) => Math.sqrt(D) * e * (1 - Math.sin((ka * Math.PI) / 96)) * Math.cos(((ka + kb) * Math.PI) / 96 + (ka + kb === 48 ? 0 : 0)) > 1e-12 * Math.sqrt(D) * e,
      ({ ka, kb, D, e }) => `α=${ka}π/96 β=${kb}π/96 D=${D} ε=${e}: cos(α + β) = ${fmt(Math.cos(((ka + kb) * Math.PI) / 96))}`, 'α, β ascending');
    return fromOutcome(o, 'the lower bound is positive', { text: 'α, β ∈ {k·π/96} with α + β < π/2, D, ε ∈ {1e-6, 1, 1e6} (D > 0 is implicit: (v) with D = 0 contradicts continuity of ∇Q at 0)' });
  },
});

const L2_55 = angleStep('L2.55', 'property', 'link 1: ⟨E MK, ∇Q⟩ ≥ (‖∇Q‖ − η√dσ)‖∇Q‖ (Cauchy–Schwarz on the L1.8 ball)', '(‖∇Q‖ − η√dσ) replaced by (‖∇Q‖ + η√dσ)',
  (k, m) => geq(dot(k.v, k.g), (k.gn + (m ? 1 : -1) * k.ns) * k.gn, k.gn * k.vn), 'first link');
const L2_56 = angleStep('L2.56', 'property', 'link 2: (‖∇Q‖ − η√dσ)‖∇Q‖ ≥ (1 − sin α)ρ_t with 1 − sin α > 0, from (iv)', '(1 − sin α) replaced by (1 − sin α / 2)',
  (k, m) => geq((k.gn - k.ns) * k.gn, (1 - (m ? k.sinA / 2 : k.sinA)) * k.gn * k.gn, k.gn * k.gn) && 1 - k.sinA > 0, 'second link');

// ------------------------------------------------------------------ µ_t, u’_t (L2.23–L2.25, L2.29, L2.31)

/** γ_t of a p = 1 schedule as an exact rational: γ_t = γ0/t, t ≥ 1 (Σγ = ∞, Σγ² < ∞). */
const gRat = (g0: Rat, t: number) => g0.div(t);
function muRat(g0: Rat, B: Rat, upTo: number, sign: 1 | -1, from = 1): Rat | null {
  let mu = rat(1);
  for (let i = from; i <= upTo; i++) {
    const f = rat(1).add(gRat(g0, i).mul(gRat(g0, i)).mul(B).mul(sign));
    if (f.sign() <= 0) return null;
    mu = mu.div(f);
  }
  return mu;
}

const L2_23_printed = stepCheck('L2.23', {
  name: 'well-defined', reading: 'as printed: µ_t = Π_{i=1}^t 1/(1 − γ_i²B)', expected: 'fails', method: 'exhaustive',
  mutantDescription: 'the repair with γ_i in place of γ_i² (µ_t = Π 1/(1 + γ_i B)), whose limit is 0',
  body(ctx) {
    const grid = () => product([rat(1, 4), rat(1, 2), rat(1), rat(2), rat(4)], [rat(1, 2), rat(1), rat(2)]);
    const printed = exhaustive(grid(), ([B, g0]) => muRat(g0, B, 50, -1) !== null, ([B, g0]) => `B=${B}, γ_t = (${g0})/t (Σγ = ∞, Σγ² < ∞): 1 − γ_1²B = ${rat(1).sub(g0.mul(g0).mul(B))}, so µ_1 = 1/(1 − γ_1²B) is ${rat(1).sub(g0.mul(g0).mul(B)).sign() === 0 ? 'undefined' : 'negative'}; B is fixed by the bound (any larger B also satisfies it), γ_1 by the schedule`, 'B ascending, then γ0');
    // repair: every factor in (0, 1] and µ_∞ ≥ exp(−BΣγ²) = exp(−Bγ0²π²/6) > 0.
    const cert = (g0: Rat, B: Rat, e: number) => (e === 2 ? Math.exp(-B.toNumber() * g0.toNumber() ** 2 * (Math.PI ** 2) / 6) : 0);
    const repairOk = (e: number) => exhaustive(grid(), ([B, g0]) => {
      let mu = 1;
      for (let i = 1; i <= 2000; i++) { const f = 1 + B.toNumber() * (g0.toNumber() / i) ** e; if (!(f >= 1)) return false; mu /= f; }
      return cert(g0, B, e) > 0 && mu >= cert(g0, B, e) * (1 - 1e-12);
    }, ([B, g0]) => `B=${B}, γ_t = (${g0})/t: certified lower bound of µ_∞ is ${cert(g0, B, e)} (Σγ_i^${e} = ${e === 2 ? 'finite' : '∞'})`, 'same grid');
    return withRepair(printed, 'every factor 1 − γ_i²B > 0 (µ_t defined and positive)', { text: 'B ∈ {1/4, 1/2, 1, 2, 4}, γ_t = γ0/t with γ0 ∈ {1/2, 1, 2}, i ≤ 50 (exact)' },
      { statement: 'µ_t = Π 1/(1 + γ_i²B) (Bottou’s sign): every factor in (0, 1], µ_t decreasing, µ_∞ ≥ exp(−BΣγ_i²) > 0', outcome: repairOk(2), region: { text: 'same grid, t ≤ 2000, µ_∞ ≥ exp(−Bγ0²π²/6) checked at every t' } }, ctx.mutant, () => repairOk(1));
  },
});

/** Tail test of the log-product: |log µ_{4T} − log µ_T| ≤ τ(T) and τ shrinks (Cauchy). */
function muConverges(p: number, g0: number, t0: number, B: number, sign: 1 | -1): { ok: boolean; text: string } {
  const s: Schedule = { kind: 'decreasing', gamma0: g0, t0, p };
  const T1 = 100, T2 = 10000;
  const logmu = (T: number) => { let l = 0; for (let t = 0; t < T; t++) { const f = 1 + sign * B * stepSize(s, t) ** 2; if (f <= 0) return NaN; l -= Math.log(f); } return l; };
  if (2 * p - 1 <= 0) {
    const inc1 = Math.abs(logmu(4 * T1) - logmu(T1)), inc2 = Math.abs(logmu(4 * T2) - logmu(T2));
    return { ok: false, text: `p = ${p}: Σγ_t² = ∞, no finite tail bound; |log µ_{4T} − log µ_T| = ${fmt(inc1)} at T = ${T1}, ${fmt(inc2)} at T = ${T2} (does not shrink)` };
  }
  const tau = (T: number) => (B * g0 * g0 * Math.pow(T - 1 + t0, 1 - 2 * p)) / (2 * p - 1) / (sign < 0 ? 1 - B * stepSize(s, T) ** 2 : 1);
  const d1 = Math.abs(logmu(4 * T1) - logmu(T1)), d2 = Math.abs(logmu(4 * T2) - logmu(T2));
  const ok = d1 <= tau(T1) * (1 + 1e-9) && d2 <= tau(T2) * (1 + 1e-9) && tau(T2) < tau(T1);
  return { ok, text: `p=${p} γ0=${g0} t0=${t0} B=${B} sign ${sign > 0 ? '+' : '−'}: |Δlog µ| ${fmt(d1)} ≤ τ(100) = ${fmt(tau(T1))}, ${fmt(d2)} ≤ τ(10⁴) = ${fmt(tau(T2))}` };
}
const SCHEDS: [number, number, number][] = [[0.6, 1, 10], [0.75, 1, 10], [1, 1, 10], [1, 0.5, 1]];
const L2_24_converges = stepCheck('L2.24', {
  name: 'tail-bound', reading: 'Σγ_t² < ∞ ⇒ µ_t converges (both signs; the printed sign where every factor is positive)', expected: 'holds', method: 'exact tail bound + partial products',
  mutantDescription: 'schedule with p = 1/2 (Σγ_t² = ∞) claimed to give a convergent µ_t',
  body(ctx) {
    const cases = ctx.mutant ? [[0.5, 1, 10, 1, 1] as const] : SCHEDS.flatMap(([p, g0, t0]) => [0.5, 1, 4].flatMap((B) => ([1, -1] as const).map((sg) => [p, g0, t0, B, sg] as const)))
      .filter(([p, g0, t0, B, sg]) => sg > 0 || B * stepSize({ kind: 'decreasing', gamma0: g0, t0, p }, 0) ** 2 < 1);
    let runs = 0;
    for (const [p, g0, t0, B, sg] of cases) {
      runs++;
      const r = muConverges(p, g0, t0, B, sg);
      if (!r.ok) return { ok: false, runs, summary: `µ_t does not converge: ${r.text}.`, region: { text: 'γ_t = γ0/(t + t0)^p' }, counterexample: { text: r.text, value: { p, g0, t0, B, sign: sg }, kind: 'not-applicable', foundBy: 'tail bound' } };
    }
    return { ok: true, runs, summary: `Cauchy tail bound |log µ_{4T} − log µ_T| ≤ τ(T) = B γ0²(T + t0)^{1−2p}/(2p − 1) (÷(1 − γ_T²B) for the printed sign) met at T = 100 and 10⁴, τ decreasing, in all ${runs} cases (printed-sign cases with γ_0²B ≥ 1 left out: undefined, see L2.23).`, region: { text: 'γ_t = γ0/(t + t0)^p with (p, γ0, t0) ∈ {(0.6, 1, 10), (0.75, 1, 10), (1, 1, 10), (1, 1/2, 1)}, B ∈ {1/2, 1, 4}, both signs' } };
  },
});

interface UpCase { t: number; g0: Rat; B: Rat; A: Rat; u: Rat }
function upSides(c: UpCase, variant: 'printed' | 'sign-only' | 'repair') {
  const mu = (t: number) => variant === 'printed' ? muRat(c.g0, c.B, t, -1) : variant === 'sign-only' ? muRat(c.g0, c.B, t, 1) : muRat(c.g0, c.B, t - 1, 1);
  const mt = mu(c.t), mt1 = mu(c.t + 1);
  if (mt === null || mt1 === null) return null;
  const g2 = gRat(c.g0, c.t).mul(gRat(c.g0, c.t));
  const Eu1 = rat(1).add(g2.mul(c.B)).mul(c.u).add(g2.mul(c.A)); // the worst case the premise E(u_{t+1} − u_t | P_t) ≤ γ_t²(A + B u_t) allows
  return { lhs: mt1.mul(Eu1).sub(mt.mul(c.u)), rhs: g2.mul(mt).mul(c.A) };
}
function* upGrid(): Generator<UpCase> {
  for (const [t, g0, B, A, u] of product([1, 2, 3], [rat(1, 4), rat(1, 2), rat(1)], [rat(1, 2), rat(1), rat(2)], [rat(1, 2), rat(1)], [rat(0), rat(1, 2), rat(1), rat(2)])) yield { t, g0, B, A, u };
}
const upCheck = (variant: 'printed' | 'sign-only' | 'repair') => exhaustive(upGrid(), (c) => { const s = upSides(c, variant); return s === null || s.lhs.le(s.rhs); },
  (c) => { const s = upSides(c, variant)!; return `t=${c.t}, γ_i = (${c.g0})/i, B=${c.B}, A=${c.A}, u_t=${c.u}, E(u_{t+1} | P_t) = (1 + γ_t²B)u_t + γ_t²A (allowed by the premise): E(u’_{t+1} − u’_t | P_t) = ${s.lhs} > γ_t²µ_tA = ${s.rhs}`; }, 't, γ0, B, A, u_t ascending');
const L2_25_uprime = stepCheck('L2.25', {
  name: 'exact', reading: 'as printed: µ_t = Π_{i=1}^t 1/(1 − γ_i²B), premise L2.22', expected: 'fails', method: 'exhaustive (exact)',
  mutantDescription: 'the sign-only repair µ_t = Π_{i=1}^t 1/(1 + γ_i²B) (index not shifted), for strictly decreasing γ_t',
  body(ctx) {
    const region = { text: 't ∈ {1, 2, 3}, γ_i = γ0/i with γ0 ∈ {1/4, 1/2, 1}, B ∈ {1/2, 1, 2}, A ∈ {1/2, 1} (A > 0 as printed), u_t ∈ {0, 1/2, 1, 2}, E(u_{t+1} | P_t) at the premise’s bound (exact; cases where µ is undefined skipped)' };
    const signOnly = upCheck('sign-only');
    const r = withRepair(upCheck('printed'), 'E(u’_{t+1} − u’_t | P_t) ≤ γ_t²µ_tA', region,
      { statement: `µ_t = Π_{i=1}^{t−1} 1/(1 + γ_i²B), i.e. µ_{t+1} = µ_t/(1 + γ_t²B): then E(u’_{t+1} − u’_t | P_t) ≤ γ_t²µ_{t+1}A ≤ γ_t²µ_tA (flipping the sign alone is not enough: ${signOnly.ok ? 'it holds on this grid' : `it fails, e.g. ${signOnly.counterexample!.text}`})`, outcome: upCheck('repair'), region }, ctx.mutant, () => upCheck('sign-only'));
    return r;
  },
});

// ------------------------------------------------------------------ indicators and finite probability trees (L2.27, L2.28, L2.47, L2.53)

interface Tree { atoms: { w: number; out: { w: number; d: number }[] }[]; b: number }
const treeArb = (bMax: number) => fc.record({
  atoms: fc.array(fc.record({ w: fc.integer({ min: 1, max: 4 }), out: fc.array(fc.record({ w: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: -6, max: 6 }) }), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
  b: fc.integer({ min: 0, max: bMax }),
});
function treeE(t: Tree, chi: (atom: number, out: number) => boolean, val: (atom: number, out: number) => Rat): Rat {
  const W = t.atoms.reduce((s, a) => s + a.w, 0);
  let e = rat(0);
  t.atoms.forEach((a, i) => { const Wa = a.out.reduce((s, o) => s + o.w, 0); a.out.forEach((o, j) => { if (chi(i, j)) e = e.add(val(i, j).mul(rat(a.w * o.w, W * Wa))); }); });
  return e;
}
/** Every tree with 2 atoms (weights 1, 2) of 2 equally likely outcomes, increments in {−2..2}. */
function* treeGrid(b: number): Generator<Tree> {
  const v = [-2, -1, 0, 1, 2];
  for (const [a, c, e, g] of product(v, v, v, v)) yield { b, atoms: [{ w: 1, out: [{ w: 1, d: a }, { w: 1, d: c }] }, { w: 2, out: [{ w: 1, d: e }, { w: 1, d: g }] }] };
}
const condMean = (t: Tree, i: number) => { const a = t.atoms[i]; const Wa = a.out.reduce((s, o) => s + o.w, 0); return a.out.reduce((s, o) => s.add(rat(o.d * o.w, Wa)), rat(0)); };
/** Shifts each atom’s outcomes so its conditional mean is ≤ b (the premise E(Δ | P_t) ≤ b). */
function clampTree(t: Tree): Tree {
  return { b: t.b, atoms: t.atoms.map((a, i) => { const m = condMean(t, i); const shift = m.cmp(t.b) > 0 ? Math.ceil(m.sub(t.b).toNumber()) : 0; return { w: a.w, out: a.out.map((o) => ({ w: o.w, d: o.d - shift })) }; }) };
}
const L2_27_tower = stepCheck('L2.27', {
  name: 'finite-tree', reading: 'E(χ_t Δ) = E(χ_t E(Δ | P_t)) for a P_t-measurable χ_t (tower property; printed as ≤)', expected: 'holds', method: 'property (exact)',
  mutantDescription: 'χ_t taken as the indicator of the realised variation Δ > 0 (not P_t-measurable)',
  body(ctx, seed) {
    const pred = (t: Tree) => {
      const chiAtom = (i: number) => condMean(t, i).sign() > 0;
      const lhs = treeE(t, ctx.mutant ? (i, j) => t.atoms[i].out[j].d > 0 : (i) => chiAtom(i), (i, j) => rat(t.atoms[i].out[j].d));
      const rhs = treeE(t, (i) => chiAtom(i), (i) => condMean(t, i));
      return lhs.le(rhs);
    };
    const o = both(exhaustive(treeGrid(0), pred, (t) => `tree ${JSON.stringify(t.atoms)}`, 'increments ascending'), property(treeArb(0), pred, runsFor(ctx.mode, 300, 3000), seed, (t) => `tree ${JSON.stringify(t.atoms)}`));
    return fromOutcome(o, 'E(χ_t(u’_{t+1} − u’_t)) ≤ E(χ_t E(u’_{t+1} − u’_t | P_t))', { text: '1–3 atoms of P_t with weights 1..4, 1–3 outcomes each with weights 1..4 and increments in {−6..6} (exact rationals)' });
  },
});
const L2_28_bound = stepCheck('L2.28', {
  name: 'finite-tree', reading: 'χ_t ∈ {0, 1}, E(Δ | P_t) ≤ b = γ_t²µ_tA ≥ 0 (premise L2.25 as printed) ⇒ E(χ_t E(Δ | P_t)) ≤ b', expected: 'holds', method: 'property (exact)',
  mutantDescription: 'conclusion ≤ b/2',
  body(ctx, seed) {
    const o = property(treeArb(6).map(clampTree), (t) => {
      const chi = (i: number) => condMean(t, i).sign() > 0;
      const lhs = treeE(t, (i) => chi(i), (i) => condMean(t, i));
      return lhs.le(ctx.mutant ? rat(t.b, 2) : rat(t.b));
    }, runsFor(ctx.mode, 300, 3000), seed, (t) => `tree ${JSON.stringify(t.atoms)} b=${t.b}`);
    return fromOutcome(o, 'E(χ_t E(u’_{t+1} − u’_t | P_t)) ≤ γ_t²µ_tA', { text: 'finite trees as in L2.27, conditional means shifted to ≤ b, b ∈ {0..6} (exact)' });
  },
});
function positiveVariationCheck(id: string, rhs: string): StepCheck {
  return stepCheck(id, {
    name: 'finite-tree', reading: `χ_t any P_t-measurable indicator (the one defined for u’_t, or the one of this sequence’s own positive expected variations), E(Δ | P_t) ≤ b = ${rhs} ≥ 0`, expected: 'holds', method: 'property (exact)',
    mutantDescription: 'χ_t taken as the indicator of the realised variation Δ > 0',
    body(ctx, seed) {
      const o = property(fc.tuple(treeArb(3).map(clampTree), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })), ([t, chis]) => {
        const lhs = treeE(t, ctx.mutant ? (i, j) => t.atoms[i].out[j].d > 0 : (i) => chis[i], (i, j) => rat(t.atoms[i].out[j].d));
        return lhs.le(rat(t.b));
      }, runsFor(ctx.mode, 300, 3000), seed, ([t]) => `tree ${JSON.stringify(t.atoms)} b=${t.b}`);
      return fromOutcome(o, `E(χ_t Δ) ≤ ${rhs}`, { text: 'finite trees (1–3 atoms, 1–3 outcomes, increments in {−6..6}), conditional means shifted to ≤ b ∈ {0..3}, χ_t arbitrary per atom (exact)' });
    },
  });
}

// ------------------------------------------------------------------ φ facts used in the contradiction (L2.32, L2.34, L2.40) and the equality sum (L2.33)

const L2_32 = stepCheck('L2.32', {
  name: 'exhaustive', reading: 'u = φ(a) > 0 ⇔ a > D; u_t → u_∞ > 0 gives u_t, u_{t+1} > u_∞/2 > 0 eventually', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'φ(a) > 0 ⇔ a ≥ D',
  body(ctx) {
    const o = exhaustive(product(ratGrid(0, 4, 4), ratGrid(0, 4, 4)), ([a, D]) => (phiR(a, D).sign() > 0) === (ctx.mutant ? a.cmp(D) >= 0 : a.cmp(D) > 0), ([a, D]) => `a=${a} D=${D}: φ(a) = ${phiR(a, D)}`, 'a, D ascending');
    return fromOutcome(o, 'u_t > 0 ⇔ ‖x_t‖² > D', { text: 'a, D ∈ {0, 1/4, …, 4} (exact)' });
  },
});
const L2_34 = stepCheck('L2.34', {
  name: 'exhaustive', reading: 'for a ≥ D, φ’(a)² = 4φ(a), so φ’(‖x_t‖²) = 2√u_t → 2√u_∞ > 0', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'φ’(a)² = φ(a)',
  body(ctx) {
    const o = exhaustive(product(ratGrid(0, 4, 4), ratGrid(0, 4, 4)), ([a, D]) => a.lt(D) || phiPR(a, D).mul(phiPR(a, D)).eq(phiR(a, D).mul(ctx.mutant ? 1 : 4)), ([a, D]) => `a=${a} D=${D}: φ’² = ${phiPR(a, D).mul(phiPR(a, D))}, φ = ${phiR(a, D)}`, 'a, D ascending');
    return fromOutcome(o, 'φ’(‖x‖²) = 2√φ(‖x‖²) beyond the horizon', { text: 'a, D ∈ {0, 1/4, …, 4} (exact)' });
  },
});
const L2_40 = stepCheck('L2.40', {
  name: 'exhaustive', reading: 'φ(a) ≤ u ⇒ a ≤ D + √u, so u_t → 0 ⇒ limsup ‖x_t‖² ≤ D and sup_t ‖x_t‖² < ∞', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'φ(a) ≤ u ⇒ a ≤ D (no slack)',
  body(ctx) {
    const o = exhaustive(product(ratGrid(0, 4, 4), ratGrid(0, 4, 4), ratGrid(0, 2, 4)), ([a, D, u]) => !phiR(a, D).le(u) || (ctx.mutant ? a.le(D) : a.sub(D).sign() <= 0 || a.sub(D).mul(a.sub(D)).le(u)),
      ([a, D, u]) => `a=${a} D=${D} u=${u}: φ(a) = ${phiR(a, D)} ≤ u but a > bound`, 'a, D, u ascending');
    return fromOutcome(o, 'bounded ‖x_t‖² from u_t → 0', { text: 'a, D ∈ {0, 1/4, …, 4}, u ∈ {0, 1/4, …, 2} (exact)' });
  },
});
const L2_33_equality = stepCheck('L2.33', {
  name: 'exact', reading: 'beyond the horizon (‖x_t‖², ‖x_{t+1}‖² ≥ D for every outcome) (1) is an equality, so E(u_{t+1} − u_t | P_t) = −2γ⟨x, E MK⟩φ’ + γ²E‖MK‖²φ’ + E(b − a)²: summing, 2Σγ_t E⟨x_t, E MK_t⟩φ’ = u_1 − E u_∞ + Σ(γ² terms) < ∞', expected: 'holds', method: 'property (exact)',
  mutantDescription: 'the equality used when some outcome has ‖x_{t+1}‖² < D',
  body(ctx, seed) {
    const arb = condArb().chain((c) => fc.integer({ min: 0, max: 4 }).map((slack) => ({ c, slack })));
    const o = property(arb, ({ c, slack }) => {
      const a = rat(bdot(c.x, c.x));
      const bs = c.Ms.map((M) => expansion({ x: c.x, M, g: c.g, D: rat(0) }).b);
      const minAll = bs.reduce((m, b) => (b.lt(m) ? b : m), a);
      const maxAll = bs.reduce((m, b) => (b.cmp(m) > 0 ? b : m), a);
      const D = ctx.mutant ? (maxAll.eq(minAll) ? null : maxAll) : minAll.sub(rat(slack, 2)).sign() < 0 ? rat(0) : minAll.sub(rat(slack, 2));
      if (D === null) return true;
      let lhs = rat(0), rhs = rat(0);
      const K = c.Ms.length;
      for (let k = 0; k < K; k++) {
        const diff = bs[k].sub(a);
        lhs = lhs.add(phiR(bs[k], D).sub(phiR(a, D)));
        rhs = rhs.add(diff.mul(phiPR(a, D)).add(diff.mul(diff)));
      }
      return lhs.eq(rhs);
    }, runsFor(ctx.mode, 300, 3000), seed, ({ c }) => condDescribe(c));
    return fromOutcome(o, 'E(u_{t+1} − u_t | P_t) equals the expansion beyond the horizon', { text: condRegion.text + '; D ≤ min over outcomes of ‖x‖², ‖x_{t+1}‖²' });
  },
});

// ------------------------------------------------------------------ Taylor steps on the rippled bowl (L2.44, L2.45, L2.51, L2.52)

const bowl = (d: number) => rippledBowl({ d, n: 11, f: 2 });
const AW = 3, AW2 = 9, AW3 = 27; // a ω, a ω², a ω³ for a = 1, ω = 3
const HESS_SUP = 1 + AW2; // sup |Q''| = 10
interface TayCase { d: number; x: number[]; M: number[]; g: number }
function* tayGrid(): Generator<TayCase> {
  const xs = ratGrid(0, 4, 2).map((r) => r.toNumber()).flatMap((t) => (t === 0 ? [0] : [t, -t]));
  const Ms = [1, -1, 2, -2];
  const gs = [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64];
  for (const M of Ms) for (const x of xs) for (const g of gs) yield { d: 1, x: [x], M: [M], g };
  for (const [x0, x1, M0, M1, g] of product([0, 1, -1.5, 2.5], [0, 0.5, -2, 3.5], [1, -1, 0], [1, -2, 0], [1 / 2, 1 / 8, 1 / 64])) yield { d: 2, x: [x0, x1], M: [M0, M1], g };
}
function hSides(c: TayCase, k: number, K1: number) {
  const p = bowl(c.d);
  const x = Float64Array.from(c.x), g = p.gradient(x, new Float64Array(c.d));
  const y = Float64Array.from(c.x.map((t, i) => t - c.g * c.M[i]));
  const lhs = Math.abs(p.loss(y) - p.loss(x) + k * c.g * dot(c.M, g));
  return { lhs, rhs: c.g * c.g * dot(c.M, c.M) * K1 };
}
const tayRegion: TayCase extends never ? never : TestedRegion = { text: 'rippled bowl (a = 1, ω = 3); d = 1: x ∈ {0, ±1/2, …, ±4}, MK ∈ {±1, ±2}, γ ∈ {1/2, …, 1/64}; d = 2: 4 × 4 points, 9 MK, γ ∈ {1/2, 1/8, 1/64}; floats, relative tolerance 1e-9' };
const tayDesc = (k: number, K1: number) => (c: TayCase) => { const s = hSides(c, k, K1); return `rippled bowl d=${c.d}, x=(${c.x}), MK=(${c.M}), γ=${c.g}, K1 = ${K1}: |h_{t+1} − h_t + ${k}γ⟨MK, ∇Q⟩| = ${fmt(s.lhs)} > γ²‖MK‖²K1 = ${fmt(s.rhs)}`; };
const tayOk = (s: { lhs: number; rhs: number }) => s.lhs <= s.rhs * (1 + TOL) + 1e-12;

const L2_44_taylor = stepCheck('L2.44', {
  name: 'rippled-bowl', reading: 'as printed: |h_{t+1} − h_t + 2γ_t⟨MK_t, ∇Q(x_t)⟩| ≤ γ_t²‖MK_t‖²K1, x_{t+1} = x_t − γ_t MK_t, K1 = sup‖∇²Q‖ (= 10 on the bowl)', expected: 'fails', method: 'exhaustive',
  mutantDescription: 'the repair with K1 = sup‖∇²Q‖/4',
  body(ctx) {
    const printed = exhaustive(tayGrid(), (c) => tayOk(hSides(c, 2, HESS_SUP)), tayDesc(2, HESS_SUP), 'd, MK, x, γ descending', 'not-applicable');
    const repair = exhaustive(tayGrid(), (c) => tayOk(hSides(c, 1, HESS_SUP / 2)), tayDesc(1, HESS_SUP / 2), 'same grid');
    const r = withRepair(printed, 'first-order Taylor bound for h_t = Q(x_t)', tayRegion,
      { statement: '|h_{t+1} − h_t + γ_t⟨MK_t, ∇Q(x_t)⟩| ≤ γ_t²‖MK_t‖²K1 with K1 ≥ sup‖∇²Q‖/2 (the first-order term of Q(x − γM) is −γ⟨M, ∇Q⟩; the factor 2 fails for every K1 once γ < |⟨MK, ∇Q⟩|/(K1‖MK‖²))', outcome: repair, region: tayRegion }, ctx.mutant,
      () => exhaustive(tayGrid(), (c) => tayOk(hSides(c, 1, HESS_SUP / 4)), tayDesc(1, HESS_SUP / 4), 'same grid'));
    return r;
  },
});

interface Eq2Case { d: number; x: number[]; s: number; g: number }
/** MK uniform on {∇Q(x) ± s e_1}: E Δh exact over the two outcomes; bound −kγ⟨E MK, ∇Q⟩ + γ²E‖MK‖²K1. */
function eq2Sides(c: Eq2Case, k: number, K1: number) {
  const p = bowl(c.d);
  const x = Float64Array.from(c.x), G = p.gradient(x, new Float64Array(c.d));
  let Edh = 0, EM2 = 0;
  for (const sg of [1, -1]) {
    const M = Array.from(G, (t, i) => t + (i === 0 ? sg * c.s : 0));
    Edh += (p.loss(Float64Array.from(c.x.map((t, i) => t - c.g * M[i]))) - p.loss(x)) / 2;
    EM2 += dot(M, M) / 2;
  }
  return { lhs: Edh, rhs: -k * c.g * dot(G, G) + c.g * c.g * EM2 * K1 };
}
function* eq2Grid(): Generator<Eq2Case> {
  const xs = ratGrid(0, 4, 2).map((r) => r.toNumber()).flatMap((t) => (t === 0 ? [0] : [t, -t]));
  for (const x of xs) for (const s of [0, 1 / 2]) for (const g of [1 / 4, 1 / 16, 1 / 64, 1 / 256]) yield { d: 1, x: [x], s, g };
  for (const [x0, x1, g] of product([0.5, -1.5, 2.5], [1, -2, 3.5], [1 / 16, 1 / 256])) yield { d: 2, x: [x0, x1], s: 1 / 2, g };
}
const eq2Desc = (k: number, K1: number) => (c: Eq2Case) => { const s = eq2Sides(c, k, K1); return `rippled bowl d=${c.d}, x=(${c.x}), MK uniform on ∇Q(x) ± ${c.s}e₁, γ=${c.g}: E(h_{t+1} − h_t | P_t) = ${fmt(s.lhs)} > ${fmt(s.rhs)}`; };
const eq2Region: TestedRegion = { text: 'rippled bowl; d = 1: x ∈ {0, ±1/2, …, ±4}, MK uniform on ∇Q(x) ± s e₁ with s ∈ {0, 1/2}, γ ∈ {1/4, 1/16, 1/64, 1/256}; d = 2: 9 points, s = 1/2, γ ∈ {1/16, 1/256}; K1 = 10; expectation exact over the two outcomes (floats, tolerance 1e-9)' };

const L2_45_implication = stepCheck('L2.45', {
  name: 'implication', reading: 'conditional expectation of the upper side of the printed Taylor bound (L2.44 taken as given)', expected: 'holds', method: 'property',
  mutantDescription: 'the γ²E‖MK‖²K1 term dropped from (2)',
  body(ctx, seed) {
    const arb = fc.record({ g: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 }), Ms: fc.array(fc.tuple(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 }), fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true }))), { minLength: 1, maxLength: 3 }), gamma: fc.double({ min: 1e-3, max: 1, noNaN: true }), K1: fc.double({ min: 0, max: 20, noNaN: true }) });
    const o = property(arb, (c) => {
      const K = c.Ms.length;
      const bound = (M: number[]) => -2 * c.gamma * dot(M, c.g) + (ctx.mutant ? 0 : c.gamma ** 2 * dot(M, M) * c.K1);
      const Edh = c.Ms.reduce((s, [M, slack]) => s + (-2 * c.gamma * dot(M, c.g) + c.gamma ** 2 * dot(M, M) * c.K1 - slack), 0) / K;
      const EM = [0, 1].map((j) => c.Ms.reduce((s, [M]) => s + M[j], 0) / K);
      const EM2 = c.Ms.reduce((s, [M]) => s + dot(M, M), 0) / K;
      const rhs = -2 * c.gamma * dot(EM, c.g) + (ctx.mutant ? 0 : c.gamma ** 2 * EM2 * c.K1);
      void bound;
      return Edh <= rhs + TOL * Math.max(1, Math.abs(rhs));
    }, runsFor(ctx.mode, 300, 3000), seed, (c) => JSON.stringify(c));
    return fromOutcome(o, 'pointwise Δh ≤ −2γ⟨MK, ∇Q⟩ + γ²‖MK‖²K1 ⇒ (2)', { text: 'd = 2, ∇Q and MK outcomes in {−3..3}², 1–3 outcomes, Δh = bound − slack, γ ∈ (0, 1], K1 ∈ [0, 20] (floats)' });
  },
});
const L2_45_bowl = stepCheck('L2.45', {
  name: 'rippled-bowl', reading: '(2) as a statement about SGD with MULTI-KRUM-like estimators on the rippled bowl (not as an implication)', expected: 'fails', method: 'exhaustive',
  mutantDescription: 'the repair with K1 replaced by K1/4',
  body(ctx) {
    const printed = exhaustive(eq2Grid(), (c) => { const s = eq2Sides(c, 2, HESS_SUP); return s.lhs <= s.rhs + TOL * Math.max(1, Math.abs(s.rhs)); }, eq2Desc(2, HESS_SUP), 'x, s, γ descending');
    const rep = (K1: number) => exhaustive(eq2Grid(), (c) => { const s = eq2Sides(c, 1, K1); return s.lhs <= s.rhs + TOL * Math.max(1, Math.abs(s.rhs)); }, eq2Desc(1, K1), 'same grid');
    return withRepair(printed, '(2): E(h_{t+1} − h_t | P_t) ≤ −2γ⟨E MK, ∇Q⟩ + γ²E‖MK‖²K1', eq2Region,
      { statement: 'E(h_{t+1} − h_t | P_t) ≤ −γ_t⟨E MK_t, ∇Q(x_t)⟩ + γ_t²E(‖MK_t‖² | P_t)K1 with K1 ≥ sup‖∇²Q‖/2 (the rest of the proof goes through with the factor 1)', outcome: rep(HESS_SUP / 2), region: eq2Region }, ctx.mutant, () => rep(HESS_SUP / 8));
  },
});

const L2_46 = stepCheck('L2.46', {
  name: 'property', reading: 'from (2) with ⟨E MK, ∇Q⟩ ≥ (1 − sin α)‖∇Q‖² ≥ 0 (D3 (i)) and E‖MK‖² ≤ K2 (D3 (ii) on the bounded region)', expected: 'holds', method: 'property',
  mutantDescription: 'conclusion ≤ γ²K1 (K2 dropped)',
  body(ctx, seed) {
    const arb = fc.record({ gn: fc.double({ min: 0, max: 10, noNaN: true }), sA: fc.double({ min: 0, max: 0.999, noNaN: true }), extra: frac01(), m2: frac01(), K2: fc.double({ min: 0, max: 50, noNaN: true }), K1: fc.double({ min: 0, max: 20, noNaN: true }), gamma: fc.double({ min: 1e-3, max: 1, noNaN: true }) });
    const o = property(arb, (c) => {
      const ip = (1 - c.sA) * c.gn * c.gn * (1 + c.extra);
      const EM2 = c.m2 * c.K2;
      const lhs = -2 * c.gamma * ip + c.gamma ** 2 * EM2 * c.K1;
      const rhs = c.gamma ** 2 * (ctx.mutant ? 1 : c.K2) * c.K1;
      return lhs <= rhs + TOL * Math.max(1, Math.abs(rhs));
    }, runsFor(ctx.mode, 300, 3000), seed, (c) => JSON.stringify(c));
    return fromOutcome(o, '(2)’s right-hand side ≤ γ_t²K2K1', { text: '‖∇Q‖ ∈ [0, 10], sin α ∈ [0, 0.999], ⟨E MK, ∇Q⟩ ∈ [(1 − sin α)‖∇Q‖², 2(1 − sin α)‖∇Q‖²], E‖MK‖² ∈ [0, K2], K2 ∈ [0, 50], K1 ∈ [0, 20], γ ∈ (0, 1]' });
  },
});

interface TelCase { c: number; steps: { gamma: number; a: number; e: number; slack: number }[]; hT: number }
const L2_49_telescope = stepCheck('L2.49', {
  name: 'telescoping', reading: 'h_t ≥ 0 (Q ≥ 0), h_{t+1} − h_t ≤ −c γ_t a_t + e_t with a_t = ⟨E MK_t, ∇Q⟩ ≥ 0, Σe_t < ∞ (e_t = γ_t²K2K1), c = 2 printed (1 after the L2.44 repair), in expectation: Σγ_t a_t ≤ (h_1 + Σe_t)/c', expected: 'holds', method: 'property (exact)',
  mutantDescription: 'bound (h_1 + Σe_t)/(2c)',
  body(ctx, seed) {
    const q = () => fc.integer({ min: 0, max: 8 });
    const arb = fc.record({ c: fc.constantFrom(1, 2), steps: fc.array(fc.record({ gamma: fc.integer({ min: 1, max: 4 }), a: q(), e: q(), slack: fc.oneof(fc.constant(0), q()) }), { minLength: 1, maxLength: 6 }), hT: fc.oneof(fc.constant(0), q()) });
    const o = property(arb, (t: TelCase) => {
      // h_T given; go backwards: h_t = h_{t+1} + cγa − e + slack, kept ≥ 0 by raising h_T if needed.
      let h = rat(t.hT), minH = rat(t.hT);
      const hs: Rat[] = [h];
      for (let k = t.steps.length - 1; k >= 0; k--) { const s = t.steps[k]; h = h.add(rat(t.c * s.gamma * s.a - s.e + s.slack)); hs.push(h); if (h.lt(minH)) minH = h; }
      const lift = minH.sign() < 0 ? minH.neg() : rat(0);
      const h1 = h.add(lift);
      const sumGA = t.steps.reduce((s, st) => s + st.gamma * st.a, 0), sumE = t.steps.reduce((s, st) => s + st.e, 0);
      return rat(sumGA).le(h1.add(sumE).div(ctx.mutant ? 2 * t.c : t.c));
    }, runsFor(ctx.mode, 300, 3000), seed, (t) => JSON.stringify(t));
    return fromOutcome(o, 'Σγ_t⟨E MK_t, ∇Q(x_t)⟩ bounded by the telescoped sum', { text: '1–6 steps, γ ∈ {1..4}, a_t, e_t, slack ∈ {0..8}, h_T ∈ {0..8}, c ∈ {1, 2} (exact)' });
  },
});

function rhoSides(c: TayCase, k: number, K3: number) {
  const p = bowl(c.d);
  const rho = (x: number[]) => { const g = p.gradient(Float64Array.from(x), new Float64Array(c.d)); return dot(g, g); };
  const g = p.gradient(Float64Array.from(c.x), new Float64Array(c.d));
  const Hg = c.x.map((t, i) => (1 + AW2 * Math.cos(3 * t)) * g[i]);
  const y = c.x.map((t, i) => t - c.g * c.M[i]);
  return { lhs: rho(y) - rho(c.x), rhs: -k * c.g * dot(c.M, Hg) + c.g * c.g * dot(c.M, c.M) * K3 };
}
/** K3 = sup over |ξ| ≤ 6 of (g’² + |g g’’|) ≥ sup‖∇²ρ‖/2 on the segments of the grid (|x| ≤ 4, γ‖MK‖ ≤ 2). */
const K3_BOWL = HESS_SUP ** 2 + (6 + AW) * AW3;
const L2_51 = stepCheck('L2.51', {
  name: 'rippled-bowl', reading: 'second-order Taylor bound for ρ = ‖∇Q‖², ∇ρ = 2∇²Q∇Q, K3 ≥ sup‖∇²ρ‖/2 along the step (= 343 on the bowl’s grid)', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'linear term −γ⟨MK, ∇²Q∇Q⟩ (factor 2 dropped)',
  body(ctx) {
    const k = ctx.mutant ? 1 : 2;
    const o = exhaustive(tayGrid(), (c) => { const s = rhoSides(c, k, K3_BOWL); return s.lhs <= s.rhs + TOL * Math.max(1, Math.abs(s.rhs)); },
      (c) => { const s = rhoSides(c, k, K3_BOWL); return `rippled bowl d=${c.d}, x=(${c.x}), MK=(${c.M}), γ=${c.g}: ρ_{t+1} − ρ_t = ${fmt(s.lhs)} > ${fmt(s.rhs)}`; }, 'd, MK, x, γ descending');
    return fromOutcome(o, 'ρ_{t+1} − ρ_t ≤ −2γ⟨MK, ∇²Q∇Q⟩ + γ²‖MK‖²K3', tayRegion);
  },
});

// L2.52: the K4 step. Exact integer search over orthogonal symmetric H (‖H‖ = 1), ∇Q ∈ {−2..2}², E MK = V/5 in the ball of radius ‖∇Q‖ sin α.
interface K4Case { sp: number; sq: number; H: number[]; g: number[]; V: number[] }
const ORTHO_SYM = [[1, 0, 0, 1], [-1, 0, 0, -1], [1, 0, 0, -1], [-1, 0, 0, 1], [0, 1, 1, 0], [0, -1, -1, 0]];
function* k4Grid(): Generator<K4Case> {
  const vals = [-2, -1, 0, 1, 2], Vs = Array.from({ length: 21 }, (_, i) => i - 10);
  for (const [sp, sq] of [[3, 5], [4, 5], [5, 13]]) for (const H of ORTHO_SYM) for (const [g0, g1] of product(vals, vals)) for (const [V0, V1] of product(Vs, Vs)) yield { sp, sq, H, g: [g0, g1], V: [V0, V1] };
}
const k4Premise = (c: K4Case) => { const e = [c.V[0] - 5 * c.g[0], c.V[1] - 5 * c.g[1]]; return c.sq * c.sq * dot(e, e) <= 25 * dot(c.g, c.g) * c.sp * c.sp && dot(c.g, c.g) > 0; };
const Hg = (c: K4Case) => [c.H[0] * c.g[0] + c.H[1] * c.g[1], c.H[2] * c.g[0] + c.H[3] * c.g[1]];
/** −⟨v, Hg⟩ ≤ K⟨v, g⟩ with K = 1 (printed: ‖H‖) or 1/cos α (repair), v = V/5, exact in integers. */
function k4Holds(c: K4Case, repair: boolean): boolean {
  const l = -dot(c.V, Hg(c)), r = dot(c.V, c.g);
  if (!repair) return l <= r;
  const cq = Math.round(Math.sqrt(c.sq * c.sq - c.sp * c.sp)); // cos α = cq/sq (Pythagorean triples)
  return l * cq <= r * c.sq;
}
const k4Desc = (c: K4Case) => `sin α = ${c.sp}/${c.sq}, ∇²Q(x_t) = [[${c.H[0]}, ${c.H[1]}], [${c.H[2]}, ${c.H[3]}]] (‖∇²Q‖ = 1 = K4), ∇Q = (${c.g}), E MK = (${c.V})/5 with ‖E MK − ∇Q‖ ≤ ‖∇Q‖ sin α: −2γ⟨E MK, ∇²Q∇Q⟩ = 2γ·${-dot(c.V, Hg(c))}/5 > 2γ⟨E MK, ∇Q⟩K4 = 2γ·${dot(c.V, c.g)}/5`;
function bowlK4Ratio(): number {
  const p = bowl(2); let best = -Infinity;
  for (let i = 0; i <= 80; i++) for (let j = 0; j <= 80; j++) {
    const x = [-4 + i / 10, -4 + j / 10]; const g = p.gradient(Float64Array.from(x), new Float64Array(2)); const gn = norm(g); if (gn < 1e-9) continue;
    const h = x.map((t) => 1 + AW2 * Math.cos(3 * t));
    for (let k = 0; k < 36; k++) { const th = (2 * Math.PI * k) / 36; const v = [g[0] + 0.5 * gn * Math.cos(th), g[1] + 0.5 * gn * Math.sin(th)]; best = Math.max(best, -(v[0] * h[0] * g[0] + v[1] * h[1] * g[1]) / dot(v, g)); }
  }
  return best;
}
const L2_52_K4 = stepCheck('L2.52', {
  name: 'exact', reading: 'as printed: “bounding the second derivatives by K4” read as K4 = sup‖∇²Q‖ (operator norm) on the confinement region: −2γ⟨E MK, ∇²Q∇Q⟩ ≤ 2γ⟨E MK, ∇Q⟩K4', expected: 'fails', method: 'exhaustive (exact integers)',
  mutantDescription: 'the repair with 1/cos α replaced by (1 + sin α)/2 (too small)',
  body(ctx, seed) {
    const region = { text: 'd = 2, ∇²Q(x_t) ∈ the 6 symmetric orthogonal 2×2 matrices with entries in {−1, 0, 1} (‖∇²Q‖ = 1), ∇Q ∈ {−2..2}², E MK ∈ {−2, −1.8, …, 2}² within the L1.8 ball, sin α ∈ {3/5, 4/5, 5/13} (exact integers)' };
    const printed = exhaustive(k4Grid(), (c) => !k4Premise(c) || k4Holds(c, false), k4Desc, 'sin α, H, ∇Q, E MK ascending', 'tie-free');
    const ex = exhaustive(k4Grid(), (c) => !k4Premise(c) || k4Holds(c, true), k4Desc, 'same grid');
    // random symmetric H in d = 2 for the repair: −⟨v, Hg⟩ ≤ ‖H‖⟨v, g⟩/cos α
    const arb = fc.record({ a: fc.double({ min: -5, max: 5, noNaN: true }), b: fc.double({ min: -5, max: 5, noNaN: true }), c: fc.double({ min: -5, max: 5, noNaN: true }), g: smallVec(2, 5), w: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), r: frac01(), sA: fc.double({ min: 0, max: 0.99, noNaN: true }) });
    const factor = (sA: number) => (ctx.mutant ? (1 + sA) / 2 : 1 / Math.sqrt(1 - sA * sA));
    const pr = property(arb, (h) => {
      const gn = norm(h.g); if (gn === 0) return true;
      const v = [h.g[0] + h.r * gn * h.sA * Math.cos(h.w), h.g[1] + h.r * gn * h.sA * Math.sin(h.w)];
      const hn = Math.abs((h.a + h.c) / 2) + Math.sqrt(((h.a - h.c) / 2) ** 2 + h.b ** 2);
      const Hgv = [h.a * h.g[0] + h.b * h.g[1], h.b * h.g[0] + h.c * h.g[1]];
      const l = -dot(v, Hgv), r = hn * factor(h.sA) * dot(v, h.g);
      return l <= r + TOL * Math.max(1, Math.abs(r), hn * norm(v) * gn);
    }, runsFor(ctx.mode, 500, 5000), seed, (h) => JSON.stringify(h));
    const ratio = bowlK4Ratio();
    if (ctx.mutant) return fromOutcome(pr, 'mutant of the repair (K4 = ‖∇²Q‖(1 + sin α)/2)', { text: 'random symmetric 2×2 ∇²Q, entries in [−5, 5], ∇Q ∈ {−5..5}², E MK in the ball, sin α ∈ [0, 0.99]' });
    const r = withRepair(printed, 'E(ρ_{t+1} − ρ_t | P_t) ≤ 2γ⟨E MK, ∇Q⟩K4 + γ²K2K3 with K4 = sup‖∇²Q‖', region,
      { statement: 'K4 = sup‖∇²Q‖ / cos α (E MK is within angle α of ∇Q, so ‖E MK‖‖∇Q‖ ≤ ⟨E MK, ∇Q⟩/cos α); the factor is attained (∇²Q a negated reflection)', outcome: both(ex, pr), region: { text: `${region.text}; and fast-check: random symmetric ∇²Q (entries in [−5, 5]), E MK anywhere in the ball, sin α ∈ [0, 0.99]` } }, false);
    r.summary += ` On the library’s rippled bowl (sin α = 1/2) the printed constant happens to suffice: max over x ∈ [−4, 4]² (step 0.1) and E MK on the ball’s boundary of −⟨E MK, ∇²Q∇Q⟩/⟨E MK, ∇Q⟩ is ${fmt(ratio)} ≤ sup‖∇²Q‖ = 10.`;
    return r;
  },
});

// ------------------------------------------------------------------ Σγ = ∞ and Σγ² < ∞ certificates (L2.7, L2.29, L2.39, L2.4)

/** Σ_{t<T} γ_t vs the integral lower bound, and the bound’s limit. */
export function divergentSum(p: number, g0: number, t0: number): { ok: boolean; text: string } {
  const s: Schedule = { kind: 'decreasing', gamma0: g0, t0, p };
  const T = 100000;
  let S = 0; for (let t = 0; t < T; t++) S += stepSize(s, t);
  const L = p === 1 ? g0 * Math.log((T + t0) / t0) : (g0 * (Math.pow(T + t0, 1 - p) - Math.pow(t0, 1 - p))) / (1 - p);
  const limit = p <= 1 ? Infinity : (g0 * Math.pow(t0, 1 - p)) / (p - 1) + g0 * Math.pow(t0, -p);
  return { ok: S >= L * (1 - 1e-12) && limit === Infinity, text: `p=${p} γ0=${g0} t0=${t0}: Σ_{t<10⁵}γ_t = ${fmt(S)} ≥ ∫ bound ${fmt(L)}; the bound’s limit is ${limit === Infinity ? '∞' : `finite (Σγ_t ≤ ${fmt(limit)})`}` };
}
/** Σ γ_t² (times µ_max A) below a finite bound γ0²(t0^{−2p} + t0^{1−2p}/(2p − 1)). */
export function convergentSquares(p: number, g0: number, t0: number, scale = 1): { ok: boolean; text: string } {
  const s: Schedule = { kind: 'decreasing', gamma0: g0, t0, p };
  const bound = 2 * p - 1 > 0 ? scale * g0 * g0 * (Math.pow(t0, -2 * p) + Math.pow(t0, 1 - 2 * p) / (2 * p - 1)) : Infinity;
  let S = 0; for (let t = 0; t < 100000; t++) S += scale * stepSize(s, t) ** 2;
  return { ok: Number.isFinite(bound) && S <= bound, text: `p=${p} γ0=${g0} t0=${t0}: Σ_{t<10⁵} ${scale === 1 ? '' : `${fmt(scale)}·`}γ_t² = ${fmt(S)} ≤ ${Number.isFinite(bound) ? `${fmt(bound)} (a bound for the whole series)` : '∞ (no finite bound: 2p − 1 ≤ 0)'}` };
}
function scheduleCheck(id: string, reading: string, what: string, f: (p: number, g0: number, t0: number) => { ok: boolean; text: string }, mutantP: number, mutantDescription: string): StepCheck {
  return stepCheck(id, {
    name: 'schedules', reading, expected: 'holds', method: 'exact bound + partial sums', mutantDescription,
    body(ctx) {
      const cases = ctx.mutant ? [[mutantP, 1, 10]] : SCHEDS;
      const texts: string[] = [];
      for (const [p, g0, t0] of cases) {
        const r = f(p, g0, t0); texts.push(r.text);
        if (!r.ok) return { ok: false, runs: texts.length, summary: `${what} FAILS: ${r.text}.`, region: { text: `γ_t = γ0/(t + t0)^p, (p, γ0, t0) = (${p}, ${g0}, ${t0})` }, counterexample: { text: r.text, value: { p, g0, t0 }, kind: 'not-applicable', foundBy: 'integral bound' } };
      }
      return { ok: true, runs: texts.length, summary: `${what}: ${texts.join('; ')}.`, region: { text: 'γ_t = γ0/(t + t0)^p with (p, γ0, t0) ∈ {(0.6, 1, 10), (0.75, 1, 10) = the simulations’ schedule, (1, 1, 10), (1, 1/2, 1)}; partial sums to 10⁵' } };
    },
  });
}

// ------------------------------------------------------------------ exports

export const ALGEBRA_CHECKS: Record<string, StepCheck[]> = {
  'L2.13': [L2_13_phiC1],
  'L2.1': [L2_1_ineq],
  'L2.14': [L2_14_equality],
  'L2.2': [L2_2_first],
  'L2.15': [L2_15_second],
  'L2.16': [L2_16_A, L2_16_B],
  'L2.17': [L2_17_moments],
  'L2.18': [L2_18_A0B0],
  'L2.19': [L2_19_AB],
  'L2.20': [L2_20_null],
  'L2.21': [L2_21_nonpos, L2_21_strict],
  'L2.5': [L2_5_ball, L2_5_D3],
  'L2.22': [L2_22_hence],
  'L2.23': [L2_23_printed],
  'L2.24': [L2_24_converges],
  'L2.25': [L2_25_uprime],
  'L2.27': [L2_27_tower],
  'L2.28': [L2_28_bound],
  'L2.29': [scheduleCheck('L2.29', 'Σγ_t²µ_tA < ∞ with µ_t ≤ 1 (repaired sign; the printed µ_t ≤ µ_∞ where defined), A = 1', 'Σγ_t²µ_tA converges', (p, g0, t0) => convergentSquares(p, g0, t0, 1), 0.5, 'schedule with p = 1/2 (Σγ_t² = ∞)')],
  'L2.32': [L2_32],
  'L2.33': [L2_33_equality],
  'L2.34': [L2_34],
  'L2.35': [L2_35],
  'L2.36': [L2_36],
  'L2.37': [L2_37],
  'L2.38': [L2_38_positive],
  'L2.39': [scheduleCheck('L2.39', 'terms ≥ c > 0 eventually and Σγ_t = ∞ ⇒ Σγ_t·(terms) = ∞, contradicting L2.33', 'Σγ_t diverges (so c·Σγ_t = ∞)', divergentSum, 1.5, 'schedule with p = 3/2 (Σγ_t < ∞: no contradiction)')],
  'L2.40': [L2_40],
  'L2.44': [L2_44_taylor],
  'L2.45': [L2_45_implication, L2_45_bowl],
  'L2.46': [L2_46],
  'L2.47': [positiveVariationCheck('L2.47', 'γ_t²K2K1')],
  'L2.49': [L2_49_telescope],
  'L2.51': [L2_51],
  'L2.52': [L2_52_K4],
  'L2.53': [positiveVariationCheck('L2.53', '2γ_tE⟨E MK_t, ∇Q(x_t)⟩K4 + γ_t²K2K3')],
  'L2.55': [L2_55],
  'L2.56': [L2_56],
  'L2.7': [scheduleCheck('L2.7', 'γ_t = γ0/(t + t0)^p, ½ < p ≤ 1 (lib/sgd/schedule.ts): Σγ_t = ∞ and Σγ_t² < ∞ (jointly satisfiable)', 'Σγ_t² < ∞ and Σγ_t = ∞', (p, g0, t0) => { const a = convergentSquares(p, g0, t0), b = divergentSum(p, g0, t0); return { ok: a.ok && b.ok, text: `${a.text}; ${b.text}` }; }, 0.5, 'schedule with p = 1/2 claimed to satisfy (ii)')],
  'L2.4': [scheduleCheck('L2.4', 'ρ_t → ρ_∞ > 0 would give Σγ_tρ_t ≥ (ρ_∞/2)Σ_{t≥T}γ_t = ∞, contradicting L2.58; so ρ_∞ = 0', 'Σγ_t diverges, so a positive limit of ρ_t contradicts Σγ_tρ_t < ∞', divergentSum, 1.5, 'schedule with p = 3/2 (Σγ_t < ∞)')],
};
export type { BodyResult };
