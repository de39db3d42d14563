/**
 * Properties for the geometric and algebraic steps: L1.9 (a ball around g
 * inside the cone of half-angle α), L2.1 (the φ inequality of the
 * confinement argument), L2.2 (its expansion for u_t) and L2.5 (figure 2's
 * angle argument). L1.9, L2.1 and L2.2 are checked in exact arithmetic
 * (BigInt / mathjs fractions: an inequality with a square root, q <= c√p with
 * c >= 0, is decided as q <= 0 or q² <= c²p); L2.5 involves cosines and is
 * checked in floating point with a stated relative tolerance of 1e-9.
 */
import fc from 'fast-check';
import type { Fraction } from 'mathjs' with { 'resolution-mode': 'import' };
import { fractionOf } from '../../../constants/exact';
import { nonNegativeRational, smallIntegerVector } from '../../arbitraries';
import { fmt, type DeterministicCheckSpec } from './propertyCheck';

// ------------------------------------------------------------------ L1.9

const dotB = (x: bigint[], y: bigint[]) => x.reduce((s, xi, t) => s + xi * y[t], 0n);
const big = (v: number[]) => v.map(BigInt);

interface BallCase { g: number[]; x: number[]; extra: number }

/** r² = ‖x − g‖² + extra (so x is in the closed ball of radius r around g). */
export function ballRadiusSquared(c: BallCase): bigint {
  const g = big(c.g), x = big(c.x), e = x.map((xi, t) => xi - g[t]);
  return dotB(e, e) + BigInt(c.extra);
}

/**
 * L1.9's two conclusions, exactly, for x in the ball B(g, r) with r < ‖g‖ (sin α = r/‖g‖):
 * (a) ⟨x, g⟩ >= (‖g‖ − r)‖g‖ = (1 − sin α)‖g‖²;  (b) ⟨x, g⟩ > 0 and the angle of x and g is <= α,
 * i.e. ⟨x, g⟩² >= ‖x‖²‖g‖² cos²α = ‖x‖²(‖g‖² − r²).
 * `weaken` scales r in (a) (a broken variant: 0.5 checks (1 − sin α/2)‖g‖²).
 */
export function ballImpliesCone(c: BallCase, weaken = 1): { a: boolean; b: boolean } {
  const g = big(c.g), x = big(c.x), r2 = ballRadiusSquared(c), g2 = dotB(g, g), xg = dotB(x, g), x2 = dotB(x, x);
  // (a): ‖g‖² − ⟨x, g⟩ <= w·r‖g‖ with w = weaken (rational p/q): q·A <= p·√(r²‖g‖²)
  const [p, q] = weaken === 1 ? [1n, 1n] : [BigInt(Math.round(weaken * 1000)), 1000n];
  const A = q * (g2 - xg);
  const a = A <= 0n || A * A <= p * p * r2 * g2;
  const b = xg > 0n && xg * xg >= x2 * (g2 - r2);
  return { a, b };
}

const ballArb = () => fc.integer({ min: 1, max: 4 }).chain((d) =>
  fc.record({ g: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: d, maxLength: d }), e: smallIntegerVector(d), extra: fc.nat({ max: 6 }) })
    .map(({ g, e, extra }) => ({ g, x: g.map((gi, t) => gi + e[t]), extra }))
    .filter((c) => ballRadiusSquared(c) < dotB(big(c.g), big(c.g))));

const L19: DeterministicCheckSpec<BallCase> = {
  claimId: 'L1.9', name: 'ball-implies-cone', reading: 'as-printed', method: 'exact', expected: 'holds',
  statement: 'L1.9: ‖x − g‖ <= r < ‖g‖ implies ⟨x, g⟩ >= (‖g‖ − r)‖g‖ = (1 − sin α)‖g‖² and angle(x, g) <= α, sin α = r/‖g‖ (exact integer arithmetic)',
  arbitrary: ballArb,
  region: 'd ∈ [1, 4], integer g ∈ [−20, 20]^d, x = g + e with integer e ∈ [−8, 8]^d, ball radius r < ‖g‖ (r = η√dσ for any n, f, m, σ with η√dσ < ‖g‖)',
  predicate: (c) => { const r = ballImpliesCone(c); return r.a && r.b; },
  describe: (c) => `g=(${c.g}) x=(${c.x}) r²=${ballRadiusSquared(c)}: ${JSON.stringify(ballImpliesCone(c))}`,
  numRuns: { quick: 500, full: 5000 },
};

// ------------------------------------------------------------------ L2.1

type Q = [number, number];
const frac = ([p, q]: Q) => fractionOf(p, q);

/** φ(a) = 0 if a < D, (a − D)² otherwise; φ'(a) = 0 if a < D, 2(a − D) otherwise. */
export function phi(a: Fraction, D: Fraction): Fraction { return a.compare(D) < 0 ? fractionOf(0) : a.sub(D).mul(a.sub(D)); }
export function phiPrime(a: Fraction, D: Fraction): Fraction { return a.compare(D) < 0 ? fractionOf(0) : a.sub(D).mul(fractionOf(2)); }

/** Both sides of (1): φ(b) − φ(a) and (b − a)φ'(a) + (b − a)². */
export function l21Sides(a: Fraction, b: Fraction, D: Fraction): { lhs: Fraction; rhs: Fraction } {
  const diff = b.sub(a);
  return { lhs: phi(b, D).sub(phi(a, D)), rhs: diff.mul(phiPrime(a, D)).add(diff.mul(diff)) };
}

interface L21Case { a: Q; b: Q; D: Q }
/** a, b, D >= 0 rationals; a or b set equal to D, or a < D <= b, often. */
const l21Arb = () => fc.record({ a: nonNegativeRational, b: nonNegativeRational, D: nonNegativeRational, tie: fc.constantFrom('none', 'a=D', 'b=D', 'a<D<=b') }).map(({ a, b, D, tie }) => {
  if (tie === 'a=D') return { a: D, b, D };
  if (tie === 'b=D') return { a, b: D, D };
  if (tie === 'a<D<=b') { const [p, q] = D; return { a: [Math.max(0, p - 1), q] as Q, b: [p + b[0], q] as Q, D }; }
  return { a, b, D };
});

const L21: DeterministicCheckSpec<L21Case> = {
  claimId: 'L2.1', name: 'phi-inequality', reading: 'as-printed', method: 'exact', expected: 'holds',
  statement: 'L2.1: φ(b) − φ(a) <= (b − a)φ’(a) + (b − a)² for all a, b >= 0, with equality when a, b >= D (exact rationals; a < D <= b included)',
  arbitrary: l21Arb,
  region: 'rationals a, b, D = p/q with p ∈ [0, 80], q ∈ [1, 12], often a = D, b = D or a < D <= b (no n, f: a pure inequality of φ)',
  predicate: ({ a, b, D }) => {
    const A = frac(a), B = frac(b), d = frac(D), s = l21Sides(A, B, d);
    const ok = s.lhs.compare(s.rhs) <= 0;
    const both = A.compare(d) >= 0 && B.compare(d) >= 0;
    return ok && (!both || s.lhs.equals(s.rhs));
  },
  describe: ({ a, b, D }) => { const s = l21Sides(frac(a), frac(b), frac(D)); return `a=${a[0]}/${a[1]} b=${b[0]}/${b[1]} D=${D[0]}/${D[1]}: ${s.lhs.toFraction()} vs ${s.rhs.toFraction()}`; },
  numRuns: { quick: 500, full: 5000 },
  notes: 'For a < D <= b the inequality is strict ((b − D)² < (b − a)²), and for a >= D > b too ((a − b) − (a − D))² > 0): equality needs both a, b >= D, as printed.',
};

// ------------------------------------------------------------------ L2.2

interface L22Case { x: number[]; M: number[]; gamma: Q; D: Q }

/**
 * L2.2 for x_{t+1} = x_t − γ MK_t, exactly: u_{t+1} − u_t <= E1 (the first bound), and
 * E1 <= E2 (the second, with ⟨x,M⟩² <= ‖x‖²‖M‖² and −⟨x,M⟩‖M‖² <= ‖x‖‖M‖³).
 */
export function l22Holds(c: L22Case): { first: boolean; second: boolean; text: string } {
  const x = big(c.x), M = big(c.M);
  const xM = fractionOf(dotB(x, M)), x2 = fractionOf(dotB(x, x)), M2 = fractionOf(dotB(M, M));
  const g = frac(c.gamma), D = frac(c.D);
  // a = ‖x_t‖², b = ‖x_t − γM‖² = ‖x‖² − 2γ⟨x,M⟩ + γ²‖M‖²
  const a = x2, b = x2.sub(g.mul(xM).mul(fractionOf(2))).add(g.mul(g).mul(M2));
  const du = phi(b, D).sub(phi(a, D));
  const g2 = g.mul(g), g3 = g2.mul(g), g4 = g3.mul(g), four = fractionOf(4);
  const linear = g.mul(xM).mul(fractionOf(-2)).add(g2.mul(M2)).mul(phiPrime(a, D));
  const E1 = linear.add(four.mul(g2).mul(xM).mul(xM)).sub(four.mul(g3).mul(xM).mul(M2)).add(g4.mul(M2).mul(M2));
  // E2 = linear + 4γ²‖x‖²‖M‖² + 4γ³‖x‖‖M‖³ + γ⁴‖M‖⁴ = R + c√(‖x‖²‖M‖²) with c = 4γ³‖M‖²
  const R = linear.add(four.mul(g2).mul(x2).mul(M2)).add(g4.mul(M2).mul(M2));
  const cc = four.mul(g3).mul(M2), P = x2.mul(M2);
  const q = E1.sub(R);
  const second = q.compare(fractionOf(0)) <= 0 || q.mul(q).compare(cc.mul(cc).mul(P)) <= 0;
  const first = du.compare(E1) <= 0;
  return { first, second, text: `Δu=${du.toFraction()} E1=${E1.toFraction()} E2=${R.toFraction()}+${cc.toFraction()}·√${P.toFraction()}` };
}

const L22: DeterministicCheckSpec<L22Case> = {
  claimId: 'L2.2', name: 'u-expansion', reading: 'as-printed', method: 'exact', expected: 'holds',
  statement: 'L2.2: u_{t+1} − u_t <= (−2γ⟨x,MK⟩ + γ²‖MK‖²)φ’(‖x‖²) + 4γ²⟨x,MK⟩² − 4γ³⟨x,MK⟩‖MK‖² + γ⁴‖MK‖⁴ <= … + 4γ²‖x‖²‖MK‖² + 4γ³‖x‖‖MK‖³ + γ⁴‖MK‖⁴, γ > 0 (exact)',
  arbitrary: () => fc.integer({ min: 1, max: 3 }).chain((d) => fc.record({
    x: smallIntegerVector(d), M: smallIntegerVector(d),
    gamma: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 })),
    D: nonNegativeRational,
  })),
  region: 'd ∈ [1, 3], integer x, MK ∈ [−8, 8]^d, γ = p/q with p ∈ [1, 6], q ∈ [1, 8], D = p/q with p ∈ [0, 80], q ∈ [1, 12] (no n, f: the expansion holds for any MK)',
  predicate: (c) => { const r = l22Holds(c); return r.first && r.second; },
  describe: (c) => `x=(${c.x}) MK=(${c.M}) γ=${c.gamma[0]}/${c.gamma[1]} D=${c.D[0]}/${c.D[1]}: ${l22Holds(c).text}`,
  numRuns: { quick: 400, full: 4000 },
};

// ------------------------------------------------------------------ L2.5

interface AngleCase { d: number; alphaStep: number; betaStep: number; theta: number; radius: number; xNorm: number; dFraction: number; gDir: number[]; uDir: number[]; wDir: number[] }

const STEPS = 24; // α = a·(π/2)/24, β = b·(π/2)/24 with a + b <= 23: α + β < π/2, boundary included

function unit(v: number[]): number[] { const s = Math.hypot(...v); return v.map((x) => x / s); }
function orthogonalUnit(u: number[], g: number[]): number[] | null {
  const p = u.reduce((s, x, t) => s + x * g[t], 0);
  const w = u.map((x, t) => x - p * g[t]);
  const s = Math.hypot(...w);
  return s < 1e-6 ? null : w.map((x) => x / s);
}

/** The L2.5 configuration: g = ∇Q unit-free, x at angle θ·β from g, E MK = g + ρ‖g‖ sin α · w (inside the ball of L1.9). */
export function l25Sides(c: AngleCase): { inner: number; bound: number; boundD: number; ok: boolean } | null {
  const alpha = (c.alphaStep * Math.PI) / 2 / STEPS, beta = (c.betaStep * Math.PI) / 2 / STEPS;
  const g = unit(c.gDir);
  const u = orthogonalUnit(c.uDir, g);
  if (!u) return null;
  const th = c.theta * beta;
  const x = g.map((gi, t) => c.xNorm * (Math.cos(th) * gi + Math.sin(th) * u[t]));
  const w = unit(c.wDir.some((v) => v !== 0) ? c.wDir : u.map((v) => -v));
  const r = c.radius * Math.sin(alpha);
  const v = g.map((gi, t) => gi + r * w[t]);
  const inner = x.reduce((s, xi, t) => s + xi * v[t], 0);
  const xn = Math.hypot(...x), vn = Math.hypot(...v);
  const cosAB = Math.cos(alpha + beta);
  const sqrtD = Math.sqrt(c.dFraction) * xn; // ‖x‖² > D: D = dFraction·‖x‖², dFraction < 1
  const bound = xn * vn * cosAB;
  const boundD = sqrtD * (1 - r) * cosAB; // √D (‖∇Q‖ − η√dσ) cos(α + β) with ‖∇Q‖ = 1
  const tol = 1e-9 * Math.max(1, Math.abs(inner), xn * vn);
  return { inner, bound, boundD, ok: inner >= bound - tol && inner > 0 && inner >= boundD - tol };
}

const angleArb = () => fc.integer({ min: 2, max: 4 }).chain((d) => {
  const dir = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: d, maxLength: d });
  return fc.integer({ min: 0, max: STEPS - 1 }).chain((alphaStep) => fc.record({
    d: fc.constant(d), alphaStep: fc.constant(alphaStep), betaStep: fc.integer({ min: 0, max: STEPS - 1 - alphaStep }),
    theta: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    radius: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    xNorm: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    dFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
    gDir: dir.filter((v) => v.some((x) => x !== 0)), uDir: dir, wDir: dir,
  }));
});

const L25: DeterministicCheckSpec<AngleCase> = {
  claimId: 'L2.5', name: 'angle-geometry', reading: 'as-printed', method: 'property', expected: 'holds',
  statement: 'L2.5 (figure 2): angle(x, ∇Q) <= β, ‖E MK − ∇Q‖ <= ‖∇Q‖ sin α and α + β < π/2 give ⟨x, E MK⟩ >= ‖x‖‖E MK‖cos(α + β) > 0 and, for ‖x‖² > D, >= √D(‖∇Q‖ − η√dσ)cos(α + β) (relative tolerance 1e-9)',
  arbitrary: angleArb,
  region: `d ∈ [2, 4], α and β on a grid of ${STEPS} steps with α + β < π/2, integer directions in [−5, 5]^d, ‖x‖ ∈ [1e-3, 1e3], ‖E MK − ∇Q‖/(‖∇Q‖ sin α) ∈ [0, 1], D/‖x‖² ∈ [0, 0.999] (η√dσ <= ‖∇Q‖ sin α stands for any n, f, m, σ)`,
  predicate: (c) => l25Sides(c)?.ok ?? true,
  relevant: { label: 'had a direction u orthogonal to ∇Q (others are skipped)', test: (c) => l25Sides(c) !== null },
  describe: (c) => { const s = l25Sides(c); return `α=${c.alphaStep}/24·π/2 β=${c.betaStep}/24·π/2 θ=${fmt(c.theta)}β: ⟨x,EMK⟩=${s ? fmt(s.inner) : '?'} bound=${s ? fmt(s.bound) : '?'}`; },
  numRuns: { quick: 500, full: 5000 },
  notes: 'The worst case puts x and E MK on opposite sides of ∇Q in one plane (θ = 1, ρ = 1, w = −u): the bound is then attained.',
};

export const GEOMETRY_CHECKS: DeterministicCheckSpec[] = [L19, L21, L22, L25];
