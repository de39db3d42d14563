/**
 * Checks of the front matter (abstract, Section 1, figure captions), of the
 * settings and the slowdown claims of Theorems 1 and 2: geometric
 * implications (fast-check), parameter ranges (exact enumeration), exact
 * expectations of MULTI-KRUM and AGGREGATHOR with no Byzantine worker, an
 * exact second-moment recursion of SGD, and Monte Carlo estimates of the
 * Byzantine budget of Figure 1 and of the coordinate-wise leeway.
 */
import fc from 'fast-check';
import { multiKrum, multiKrumAggregate, krum } from '../../rules/krum';
import { aggregathor } from '../../rules/aggregathor';
import { bulyan } from '../../rules/bulyan';
import { streamFor } from '../../random/stream';
import { fitExponent } from '../../montecarlo/exponent';
import type { StepCheck, TestedRegion } from '../types';
import { customCheck, exhaustiveCheck, exhaustiveRepair, propertyCheck, propertyRepair, leqTol, eqTol, fmt, eta2, lemmaGrid, qCmp, type Mode } from './frontKit';
import { DISTRIBUTIONS, tuples, type Discrete } from './lemma1Expect';
import { gridCases, gridRegionText, describeCase, type GridCase } from './lemma1Grid';

const norm = (v: ArrayLike<number>) => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i] * v[i]; return Math.sqrt(s); };
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
const angle = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (norm(a) * norm(b)))));

// ------------------------------------------------------------------ Definition 3

type ConeCase = { g: number[]; x: number[]; alpha: number };
const intVec = (d: number, lo = -4, hi = 4) => fc.array(fc.integer({ min: lo, max: hi }), { minLength: d, maxLength: d });
const alphaArb = fc.integer({ min: 0, max: 89 }).map((deg) => (deg * Math.PI) / 180);

export const D3Positive = propertyCheck<{ g: number[]; alpha: number }>({
  stepId: 'D3.a', name: 'positivity', reading: 'any-g', expected: 'fails',
  statement: '0 <= α < π/2 gives (1 − sin α)‖g‖² > 0 (for the g = E G of any distribution)', mutantDescription: 'α allowed up to π (sin α may be 1)',
  region: { text: 'α ∈ {0°, 1°, …, 89°}, g ∈ {-2..2}^d, d ∈ {1, 2, 3} (g = 0 included)' },
  arbitrary: () => fc.record({ g: fc.integer({ min: 1, max: 3 }).chain((d) => intVec(d, -2, 2)), alpha: alphaArb }),
  predicate: ({ g, alpha }) => (1 - Math.sin(alpha)) * norm(g) ** 2 > 0,
  describe: ({ g, alpha }) => `g=(${g}), α=${fmt((alpha * 180) / Math.PI)}°: (1 − sin α)‖g‖² = ${fmt((1 - Math.sin(alpha)) * norm(g) ** 2)}`,
  runs: { quick: 200, full: 2000 },
  repair: propertyRepair('(1 − sin α)‖g‖² > 0 for g ≠ 0 (Lemma 1’s hypothesis η√dσ < ‖g‖ ensures it)', {
    stepId: 'D3.a', region: { text: 'α ∈ {0°..89°}, g ∈ {-2..2}^d \\ {0}, d ∈ {1, 2, 3}' },
    arbitrary: () => fc.record({ g: fc.integer({ min: 1, max: 3 }).chain((d) => intVec(d, -2, 2)).filter((g) => g.some((t) => t !== 0)), alpha: alphaArb }),
    predicate: ({ g, alpha }) => (1 - Math.sin(alpha)) * norm(g) ** 2 > 0, describe: (t) => JSON.stringify(t), runs: { quick: 200, full: 2000 },
  }),
});

const coneArb = () => fc.integer({ min: 2, max: 3 }).chain((d) => fc.record({ g: intVec(d).filter((g) => g.some((t) => t !== 0)), x: intVec(d, -8, 8), alpha: alphaArb }));

export const D3Cone = (stepId: string) => propertyCheck<ConeCase>({
  stepId, name: 'scalar-product-implies-cone', reading: 'angle-cone', expected: 'fails',
  statement: '⟨x, g⟩ >= (1 − sin α)‖g‖² places x in the cone of angle α around g (angle(x, g) <= α)', mutantDescription: 'cone of angle π/2 + α claimed instead (needs only ⟨x, g⟩ >= 0): fails through x = 0 … or any violating case',
  region: { text: 'd ∈ {2, 3}, g ∈ {-4..4}^d \\ {0}, x ∈ {-8..8}^d, α ∈ {0°..89°}' },
  arbitrary: () => coneArb(),
  predicate: ({ g, x, alpha }, mutant) => {
    if (!(dot(x, g) >= (1 - Math.sin(alpha)) * norm(g) ** 2)) return true;
    return mutant ? false : norm(x) > 0 && angle(x, g) <= alpha + 1e-12;
  },
  describe: ({ g, x, alpha }) => `g=(${g}) x=(${x}) α=${fmt((alpha * 180) / Math.PI)}°: ⟨x,g⟩=${dot(x, g)} >= (1 − sin α)‖g‖² = ${fmt((1 - Math.sin(alpha)) * norm(g) ** 2)} but angle(x, g) = ${fmt((angle(x, g) * 180) / Math.PI)}°`,
  runs: { quick: 300, full: 3000 },
  repair: propertyRepair('the ball ‖x − g‖ <= ‖g‖ sin α implies both angle(x, g) <= α and ⟨x, g⟩ >= (1 − sin α)‖g‖² (what Lemma 1’s proof actually establishes)', {
    stepId, region: { text: 'd ∈ {2, 3}, g ∈ {-4..4}^d \\ {0}, x ∈ {-8..8}^d, α ∈ {0°..89°}' }, arbitrary: () => coneArb(),
    predicate: ({ g, x, alpha }) => { if (!(norm(x.map((t, i) => t - g[i])) <= norm(g) * Math.sin(alpha))) return true; return angle(x, g) <= alpha + 1e-9 && dot(x, g) >= (1 - Math.sin(alpha)) * norm(g) ** 2 - 1e-9; },
    describe: (t) => JSON.stringify(t), runs: { quick: 300, full: 3000 },
  }),
});

export const D3NotNecessary = exhaustiveCheck<{ alphaDeg: number; g: number[] }>({
  stepId: 'D3.g', name: 'witness', reading: 'literal-any-distribution', expected: 'holds', method: 'exact',
  statement: 'a weakly resilient GAR that is not (α, f)-resilient exists: averaging with f = 0 (plain SGD, weakly resilient) violates D3 (i) for every α when g = E G = 0, since (1 − sin α)·0 > 0 is false', mutantDescription: 'the witness evaluated at g = (1, 0) (where averaging satisfies (i))',
  region: { text: 'averaging, f = 0, α ∈ {0°, 10°, …, 80°}' },
  cases: () => Array.from({ length: 9 }, (_, i) => ({ alphaDeg: 10 * i, g: [0, 0] })),
  predicate: ({ alphaDeg, g }, mutant) => { const gg = mutant ? [1, 0] : g; const a = (alphaDeg * Math.PI) / 180; const ok = dot(gg, gg) >= (1 - Math.sin(a)) * dot(gg, gg) && (1 - Math.sin(a)) * dot(gg, gg) > 0; return !ok; },
  describe: ({ alphaDeg }) => `α = ${alphaDeg}°`,
});

// ------------------------------------------------------------------ Section 2 prose: cones, η, ranges

type TwoInCone = { g: number[]; x: number[]; y: number[]; alpha: number };
export const ConeConvex = propertyCheck<TwoInCone>({
  stepId: 'S2.b', name: 'cone-convex', reading: 'as-printed', expected: 'holds',
  statement: 'the cone {x : angle(x, g) <= α}, α < π/2, is convex: the average of two of its vectors lies in it', mutantDescription: 'α up to 179° (a cone wider than a half-space is not convex)',
  region: { text: 'd ∈ {2, 3}, g, x, y ∈ {-4..4}^d \\ {0}, α ∈ {0°..89°} (mutant: ..179°)' },
  arbitrary: (mutant) => fc.integer({ min: 2, max: 3 }).chain((d) => fc.record({ g: intVec(d).filter((v) => v.some((t) => t !== 0)), x: intVec(d).filter((v) => v.some((t) => t !== 0)), y: intVec(d).filter((v) => v.some((t) => t !== 0)), alpha: fc.integer({ min: 0, max: mutant ? 179 : 89 }).map((deg) => (deg * Math.PI) / 180) })),
  predicate: ({ g, x, y, alpha }) => { if (angle(x, g) > alpha || angle(y, g) > alpha) return true; const z = x.map((t, i) => (t + y[i]) / 2); return norm(z) > 0 && angle(z, g) <= alpha + 1e-9; },
  describe: ({ g, x, y, alpha }) => `g=(${g}) x=(${x}) y=(${y}) α=${fmt((alpha * 180) / Math.PI)}°`,
  runs: { quick: 400, full: 4000 },
});

type NFM = { n: number; f: number; m: number };
const GRID_TEXT = 'every (n, f, m) with f <= 8, 2f + 3 <= n <= 2f + 19, 1 <= m <= n − f − 2, exact rationals';

export const EtaDependsOnM = exhaustiveCheck<NFM>({
  stepId: 'S2.c', name: 'eta-depends-on-m', reading: 'both-etas', expected: 'holds', method: 'exact',
  statement: 'η(n, f) (as printed and as derived) depends on m exactly when f >= 1', mutantDescription: 'η independent of m for every f',
  region: { text: GRID_TEXT }, cases: () => [...lemmaGrid(8, 16)].filter(({ n, f, m }) => m < n - f - 2),
  predicate: ({ n, f, m }, mutant) => { const dp = qCmp(eta2(n, f, m, 'as-printed'), eta2(n, f, m + 1, 'as-printed')) !== 0, dd = qCmp(eta2(n, f, m, 'as-derived'), eta2(n, f, m + 1, 'as-derived')) !== 0; return mutant ? !dp && !dd : dp === f >= 1 && dd === f >= 1; },
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}`,
});

export const FootnoteLargestM = exhaustiveCheck<NFM>({
  stepId: 'S2.d', name: 'largest-m', reading: 'as-printed', expected: 'holds', method: 'exact',
  statement: 'the slowdown factor √(m/n) increases with m and the largest m of Section 2 is m̃ = n − f − 2', mutantDescription: 'largest m taken as n − f − 1',
  region: { text: GRID_TEXT }, cases: () => lemmaGrid(8, 16),
  predicate: ({ n, f, m }, mutant) => Math.sqrt(m / n) <= Math.sqrt((n - f - 2) / n) && (mutant ? m <= n - f - 2 && n - f - 1 === n - f - 2 : true),
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}`,
});

export const TheoremScope = exhaustiveCheck<NFM>({
  stepId: 'T1.i.a', name: 'm-tilde-covers-smaller-m', reading: 'as-derived', expected: 'holds', method: 'exact',
  statement: 'the proof concludes at m = m̃ = n − f − 2 only; the theorem is stated for every m <= m̃. η² as derived is non-decreasing in m, so hypothesis (iv) of Lemma 2 at m̃ implies it at every m <= m̃', mutantDescription: 'η² as printed (non-increasing in m) used instead',
  region: { text: GRID_TEXT }, cases: () => lemmaGrid(8, 16),
  predicate: ({ n, f, m }, mutant) => { const r = mutant ? 'as-printed' : 'as-derived'; return qCmp(eta2(n, f, m, r), eta2(n, f, n - f - 2, r)) <= 0; },
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}: η²(m) > η²(m̃)`,
});

type NF = { n: number; f: number; m: number };
function* anyNFM(nMax: number): Generator<NF> { for (let n = 1; n <= nMax; n++) for (let f = 0; f <= n; f++) for (let m = -1; m <= n; m++) yield { n, f, m }; }

export const Section2Range = exhaustiveCheck<NF>({
  stepId: 'S2.range', name: 'setting-implies-lemma-1', reading: 'as-printed', expected: 'fails', method: 'exact',
  statement: 'Section 2’s setting (n > 2, f <= (n − 2)/2, m <= n − f − 2) implies Lemma 1’s 2f + 2 < n and a MULTI-KRUM with 1 <= m', mutantDescription: 'setting f <= (n − 1)/2',
  region: { text: 'every integer n ∈ [1, 40], f ∈ [0, n], m ∈ [−1, n]' }, cases: () => anyNFM(40),
  predicate: ({ n, f, m }, mutant) => { const setting = n > 2 && (mutant ? 2 * f <= n - 1 : 2 * f <= n - 2) && m <= n - f - 2; return !setting || (2 * f + 2 < n && m >= 1); },
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}: in the setting, but ${2 * f + 2 < n ? '' : '2f + 2 = n (Lemma 1 and MULTI-KRUM need n >= 2f + 3)'}${m < 1 ? ' m < 1' : ''}`,
  repair: exhaustiveRepair<NF>('with f <= (n − 3)/2 and 1 <= m <= n − f − 2 the setting meets Lemma 1 and MULTI-KRUM’s domain', {
    stepId: 'S2.range', method: 'exact', region: { text: 'every integer n ∈ [1, 40], f ∈ [0, n], m ∈ [−1, n]' }, cases: () => anyNFM(40),
    predicate: ({ n, f, m }) => !(n > 2 && 2 * f <= n - 3 && m >= 1 && m <= n - f - 2) || 2 * f + 2 < n, describe: (t) => JSON.stringify(t),
  }),
});

export const Section3Range = exhaustiveCheck<NF>({
  stepId: 'T2.range', name: 'setting-implies-bulyan-and-lemma-1', reading: 'as-printed', expected: 'holds', method: 'exact',
  statement: 'Section 3’s setting (n > 2, f <= (n − 3)/4, 1 <= m <= n − 2f − 2) implies BULYAN’s n >= 4f + 3, Lemma 1’s 2f + 2 < n and m <= n − f − 2 (Section 2’s range)', mutantDescription: 'setting f <= (n − 2)/4',
  region: { text: 'every integer n ∈ [1, 40], f ∈ [0, n], m ∈ [1, n]' }, cases: () => [...anyNFM(40)].filter((t) => t.m >= 1),
  predicate: ({ n, f, m }, mutant) => { const setting = n > 2 && (mutant ? 4 * f <= n - 2 : 4 * f <= n - 3) && m <= n - 2 * f - 2; return !setting || (n >= 4 * f + 3 && 2 * f + 2 < n && m <= n - f - 2); },
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}`,
});

export const BulyanIterations = exhaustiveCheck<{ n: number; f: number }>({
  stepId: 'T2.2', name: 'iterations-in-domain', reading: 'as-printed', expected: 'fails', method: 'exact',
  statement: 'with n − 2f iterations over MULTI-KRUM (one vector removed per iteration), every iteration runs MULTI-KRUM within its domain (at least 2f + 3 remaining vectors)', mutantDescription: 'n − 2f + 1 iterations',
  region: { text: 'every (n, f) with n >= 4f + 3, f <= 8, n <= 4f + 20' },
  cases: function* () { for (let f = 0; f <= 8; f++) for (let n = 4 * f + 3; n <= 4 * f + 20; n++) yield { n, f }; },
  predicate: ({ n, f }, mutant) => { const theta = n - 2 * f + (mutant ? 1 : 0); return n - (theta - 1) >= 2 * f + 3; },
  describe: ({ n, f }) => `n=${n} f=${f}: the last of the ${n - 2 * f} iterations runs on ${n - (n - 2 * f - 1)} = 2f + 1 vectors`,
  repair: exhaustiveRepair<{ n: number; f: number }>('θ = n − 2f − 2 iterations (the AggregaThor code) keep every iteration within MULTI-KRUM’s domain and leave β = θ − 2f >= 1 values per coordinate', {
    stepId: 'T2.2', method: 'exact', region: { text: 'every (n, f) with n >= 4f + 3, f <= 8, n <= 4f + 20' },
    cases: function* () { for (let f = 0; f <= 8; f++) for (let n = 4 * f + 3; n <= 4 * f + 20; n++) yield { n, f }; },
    predicate: ({ n, f }) => n - (n - 2 * f - 3) >= 2 * f + 3 && n - 2 * f - 2 - 2 * f >= 1, describe: (t) => JSON.stringify(t),
  }),
});

// ------------------------------------------------------------------ Abstract: Krum / MULTI-KRUM use 1 / m workers

export const KrumOneWorker = exhaustiveCheck<GridCase>({
  stepId: 'A2', name: 'krum-output-is-an-input', reading: 'k=n-f-2', expected: 'holds',
  statement: 'Krum (m = 1) outputs one of its inputs: it uses one worker per step', mutantDescription: 'claims Krum outputs the mean of all inputs',
  region: (mode) => ({ text: `${gridRegionText(mode, 'k = n − f − 2')}, m = 1` }),
  cases: (mode) => gridCases(mode, 'k=n-f-2').filter((c) => c.config.m === 1),
  predicate: (c, mutant) => {
    if (mutant) { const mean = c.vectors[0].map((_, t) => c.vectors.reduce((s, v) => s + v[t], 0) / c.vectors.length); return c.aggregate.every((x, t) => eqTol(x, mean[t])); }
    const k = krum(c.vectors, { f: c.config.f }).aggregate;
    return c.vectors.some((v) => v.every((x, t) => x === k[t]));
  },
  describe: (c) => describeCase(c), tieFree: (c) => c.tieFree,
});

export const MultiKrumMWorkers = exhaustiveCheck<GridCase>({
  stepId: 'A3', name: 'm-distinct-workers', reading: 'k=n-f-2', expected: 'holds',
  statement: 'MULTI-KRUM averages the vectors of m distinct workers', mutantDescription: 'claims m + 1 workers',
  region: (mode) => ({ text: gridRegionText(mode, 'k = n − f − 2') }), cases: (mode) => gridCases(mode, 'k=n-f-2'),
  predicate: (c, mutant) => { const s = c.diag.selected; const mean = c.vectors[0].map((_, t) => s.reduce((a, i) => a + c.vectors[i][t], 0) / s.length); return new Set(s).size === c.config.m + (mutant ? 1 : 0) && c.aggregate.every((x, t) => eqTol(x, mean[t])); },
  describe: (c) => describeCase(c), tieFree: (c) => c.tieFree,
});

type BulCase = { n: number; f: number; vectors: number[][] };
export const AggregathorGeneralisesBulyan = propertyCheck<BulCase>({
  stepId: 'A6', name: 'm1-is-bulyan', reading: 'code-theta', expected: 'fails',
  statement: 'AGGREGATHOR generalises BULYAN: with m = 1 (scores recomputed each round) it is BULYAN', mutantDescription: 'compared with BULYAN on inputs shifted by 1 in every coordinate',
  region: { text: '(n, f) ∈ {(7, 1), (8, 1), (11, 2)}, d ∈ {1, 2, 3}, integer coordinates in [-5, 5]' },
  arbitrary: () => fc.constantFrom([7, 1], [8, 1], [11, 2]).chain(([n, f]) => fc.integer({ min: 1, max: 3 }).chain((d) => fc.array(intVec(d, -5, 5), { minLength: n, maxLength: n }).map((vectors) => ({ n, f, vectors })))),
  predicate: ({ f, vectors }, mutant) => {
    const vs = vectors.map((v) => Float64Array.from(v));
    const a = aggregathor(vs, { f, m: 1, scoreUpdate: 'recompute' }).aggregate;
    const b = bulyan(mutant ? vs.map((v) => v.map((x) => x + 1)) : vs, { f }).aggregate;
    return a.every((x, t) => eqTol(x, b[t]));
  },
  describe: ({ n, f, vectors }) => { const vs = vectors.map((v) => Float64Array.from(v)); return `n=${n} f=${f} vectors=${JSON.stringify(vectors)}: AGGREGATHOR(m=1) = (${Array.from(aggregathor(vs, { f, m: 1, scoreUpdate: 'recompute' }).aggregate).map(fmt)}), BULYAN = (${Array.from(bulyan(vs, { f }).aggregate).map(fmt)})`; },
  runs: { quick: 200, full: 2000 },
});

// ------------------------------------------------------------------ intro (1): a mild Byzantine worker can help

/** Q(x) = (x² − 1)² + 0.3x: shallow local minimum near 0.96, deep one near −1.04. */
const Q = (x: number) => (x * x - 1) ** 2 + 0.3 * x;
const dQ = (x: number) => 4 * x * (x * x - 1) + 0.3;
export const MildByzantine = customCheck({
  stepId: 'I1', name: 'escape-witness', reading: 'existence', expected: 'holds', method: 'exact', deterministic: true,
  statement: 'a Byzantine worker can make SGD reach a better optimum: on Q(x) = (x² − 1)² + 0.3x from x0 = 1, averaging n = 3 gradients with one Byzantine gradient +80 at step 0 ends in the deep minimum; without it, in the shallow one', mutantDescription: 'the Byzantine gradient equals the true gradient (no perturbation)',
  region: { text: 'one deterministic witness: γ = 0.05, 400 steps, n = 3, f = 1' },
  evaluate: (_seed, _mode, mutant) => {
    const run = (byz: boolean) => { let x = 1; for (let t = 0; t < 400; t++) { const g = dQ(x); const b = byz && t === 0 ? 80 : g; x -= 0.05 * ((2 * g + b) / 3); } return x; };
    const plain = run(false), attacked = run(!mutant);
    const ok = Q(attacked) < Q(plain) - 0.1;
    return { ok, runs: 1, summary: `without: x = ${fmt(plain)} (Q = ${fmt(Q(plain))}); with the Byzantine push: x = ${fmt(attacked)} (Q = ${fmt(Q(attacked))})` };
  },
});

// ------------------------------------------------------------------ slowdown (f = 0): exact MSE

type SlowCase = { dist: keyof typeof DISTRIBUTIONS; n: number; m: number; rule: 'multi-krum' | 'aggregathor' };
const slowCache = new Map<string, { EMK: number; mse: number }>();
export function slowdownMoments(c: SlowCase): { EMK: number; mse: number } {
  const key = JSON.stringify(c);
  const hit = slowCache.get(key);
  if (hit) return hit;
  const D: Discrete = DISTRIBUTIONS[c.dist];
  let e = 0, mse = 0;
  for (const t of tuples(D.values.length, c.n)) {
    const p = t.reduce((a, i) => a * D.probs[i], 1);
    const vs = t.map((i) => Float64Array.of(D.values[i]));
    const out = c.rule === 'multi-krum' ? multiKrumAggregate(vs, { f: 0, m: c.m })[0] : aggregathor(vs, { f: 0, m: c.m }).aggregate[0];
    e += p * out;
    mse += p * (out - D.g) ** 2;
  }
  const r = { EMK: e, mse };
  slowCache.set(key, r);
  return r;
}

function* slowCases(mode: Mode, rule: SlowCase['rule'], dists: (keyof typeof DISTRIBUTIONS)[], onlyTilde: boolean): Generator<SlowCase> {
  const nMax = mode === 'quick' ? 7 : 8;
  for (const dist of dists) for (let n = 3; n <= nMax; n++) for (let m = onlyTilde ? n - 2 : 1; m <= n - 2; m++) yield { dist, n, m, rule };
}
const slowRegion = (rule: string, dists: string, onlyTilde: boolean) => (mode: Mode): TestedRegion => ({ text: `${rule}, f = 0, d = 1, exact expectations over every ordered tuple, G ∈ {${dists}}, n ∈ [3, ${mode === 'quick' ? 7 : 8}], ${onlyTilde ? 'm = m̃ = n − 2' : 'every m ∈ [1, n − 2]'}` });

export const SlowdownMse = (stepId: string, rule: SlowCase['rule'], onlyTilde: boolean): StepCheck => exhaustiveCheck<SlowCase>({
  stepId, name: `mse-${rule}`, reading: 'mse-at-most-minibatch', expected: 'fails', method: 'exact-expectation',
  statement: `with no Byzantine worker, ${rule === 'multi-krum' ? 'MULTI-KRUM' : 'AGGREGATHOR'} is at least as accurate as an average of ${onlyTilde ? 'm̃' : 'm'} independent gradients: E‖out − g‖² <= dσ²/${onlyTilde ? 'm̃' : 'm'} (so its speed is >= √(${onlyTilde ? 'm̃' : 'm'}/n) that of averaging, whose error is dσ²/n)`, mutantDescription: 'bound dσ²/(10 m)',
  region: slowRegion(rule, 'sym3, skew2', onlyTilde), cases: (mode) => slowCases(mode, rule, ['sym3', 'skew2'], onlyTilde),
  predicate: (c, mutant) => leqTol(slowdownMoments(c).mse, DISTRIBUTIONS[c.dist].sigma2 / c.m / (mutant ? 10 : 1)),
  describe: (c) => { const r = slowdownMoments(c); return `G=${c.dist} n=${c.n} m=${c.m}: E(out − g)² = ${fmt(r.mse)} > σ²/m = ${fmt(DISTRIBUTIONS[c.dist].sigma2 / c.m)} (E out = ${fmt(r.EMK)}, g = ${DISTRIBUTIONS[c.dist].g})`; },
  repair: exhaustiveRepair<SlowCase>(`with a constant: E‖out − g‖² <= 4dσ²/${onlyTilde ? 'm̃' : 'm'} (a speed >= √(${onlyTilde ? 'm̃' : 'm'}/(4n)) that of averaging) on the grid, symmetric and skewed G`, {
    stepId, method: 'exact-expectation', region: slowRegion(rule, 'sym3, skew2', onlyTilde), cases: (mode) => slowCases(mode, rule, ['sym3', 'skew2'], onlyTilde),
    predicate: (c) => leqTol(slowdownMoments(c).mse, (4 * DISTRIBUTIONS[c.dist].sigma2) / c.m), describe: (c) => JSON.stringify(c),
  }),
});

/** Ω(√(m̃/n)): the ratio of the errors E‖out − g‖² / (dσ²/n) does not grow with n (fitted exponent <= 1/4) at m = m̃ = n − 2, f = 0. */
export const SlowdownOmega = (stepId: string, rule: SlowCase['rule']): StepCheck => customCheck({
  stepId, name: `omega-${rule}`, reading: 'omega-constant-free', expected: 'holds', method: 'exact-expectation', deterministic: true,
  statement: `${rule === 'multi-krum' ? 'MULTI-KRUM' : 'AGGREGATHOR'} with no Byzantine worker at m = m̃: its error relative to averaging, E‖out − g‖²/(dσ²/n), does not grow with n faster than n^{1/4} (fitted exponent over n ∈ [4, 8], for each G): a speed Ω(√(m̃/n)) = Ω(1) relative to averaging on this range`,
  mutantDescription: 'the ratio claimed to decrease like n^{-1/2} (exponent <= −1/2)',
  region: { text: `${rule}, f = 0, d = 1, m = n − 2, n ∈ [4, 8], G ∈ {sym3, skew2}, exact expectations; an Ω statement is asymptotic: this is evidence on a finite range, not a proof` },
  evaluate: (_s, _mode, mutant) => {
    const out: string[] = [];
    let ok = true;
    for (const dist of ['sym3', 'skew2'] as const) {
      const ns = [4, 5, 6, 7, 8];
      const ratios = ns.map((n) => slowdownMoments({ dist, n, m: n - 2, rule }).mse / (DISTRIBUTIONS[dist].sigma2 / n));
      const xs = ns.map(Math.log), ys = ratios.map(Math.log);
      const xb = xs.reduce((a, b) => a + b) / xs.length, yb = ys.reduce((a, b) => a + b) / ys.length;
      const slope = xs.reduce((a, x, i) => a + (x - xb) * (ys[i] - yb), 0) / xs.reduce((a, x) => a + (x - xb) ** 2, 0);
      if (!(mutant ? slope <= -0.5 : slope <= 0.25)) ok = false;
      out.push(`${dist}: ratios ${ratios.map(fmt).join(', ')}, exponent ${fmt(slope)}`);
    }
    return { ok, runs: 10, summary: out.join('; ') };
  },
});

export const UnbiasedWithoutByzantine = exhaustiveCheck<SlowCase>({
  stepId: 'T1.ii.a', name: 'unbiased', reading: 'unbiased-estimators', expected: 'fails', method: 'exact-expectation',
  statement: 'with no Byzantine worker, MULTI-KRUM is the average of m (unbiased) estimators of the gradient: E MK = g', mutantDescription: 'E MK = g + σ claimed',
  region: slowRegion('MULTI-KRUM', 'sym3, skew2', false), cases: (mode) => slowCases(mode, 'multi-krum', ['sym3', 'skew2'], false),
  predicate: (c, mutant) => eqTol(slowdownMoments(c).EMK, DISTRIBUTIONS[c.dist].g + (mutant ? Math.sqrt(DISTRIBUTIONS[c.dist].sigma2) : 0)),
  describe: (c) => `G=${c.dist} n=${c.n} m=${c.m}: E MK = ${fmt(slowdownMoments(c).EMK)} ≠ g = ${DISTRIBUTIONS[c.dist].g}`,
  repair: exhaustiveRepair<SlowCase>('for a G symmetric about g, E MK = g (MULTI-KRUM commutes with the reflection x ↦ 2g − x)', {
    stepId: 'T1.ii.a', method: 'exact-expectation', region: slowRegion('MULTI-KRUM', 'sym3', false), cases: (mode) => slowCases(mode, 'multi-krum', ['sym3'], false),
    predicate: (c) => eqTol(slowdownMoments(c).EMK, DISTRIBUTIONS[c.dist].g), describe: (c) => JSON.stringify(c),
  }),
});

export const AverageOfM = exhaustiveCheck<GridCase>({
  stepId: 'T1.ii.a', name: 'average-of-m-correct', reading: 'count', expected: 'holds',
  statement: 'with no Byzantine worker, MULTI-KRUM is the average of m of the correct workers’ vectors', mutantDescription: 'claims the average of all n vectors',
  region: (mode) => ({ text: `${gridRegionText(mode, 'k = m')}, f = 0` }), cases: (mode) => gridCases(mode, 'k=m').filter((c) => c.config.f === 0),
  predicate: (c, mutant) => { const s = mutant ? c.vectors.map((_, i) => i) : c.diag.selected; if (!mutant && (s.length !== c.config.m || s.some((i) => c.isByzantine[i]))) return false; const mean = c.vectors[0].map((_, t) => s.reduce((a, i) => a + c.vectors[i][t], 0) / s.length); return c.aggregate.every((x, t) => eqTol(x, mean[t])); },
  describe: (c) => describeCase(c), tieFree: (c) => c.tieFree,
});

// ------------------------------------------------------------------ SGD converges in O(1/√m)

export const SgdRate = customCheck({
  stepId: 'T1.ii.b', name: 'minibatch-rate', reading: 'unbiased-minibatch', expected: 'holds', method: 'exact', deterministic: true,
  statement: 'SGD with an average of m unbiased gradient estimators converges in O(1/√m): on Q(x) = x²/2 with γ_t = 1/(t + 1), the exact RMS error √E x_T² after T = 10⁴ steps has exponent −1/2 in m (fitted over m ∈ {1, 2, 4, …, 64}, within ±0.05)', mutantDescription: 'exponent −1 claimed',
  region: { text: 'exact second-moment recursion v_{t+1} = (1 − γ_t)² v_t + γ_t² σ²/m, σ = 1, x_0 = 1, T = 10⁴, m ∈ {1, 2, 4, 8, 16, 32, 64}' },
  evaluate: (_s, _m, mutant) => {
    const ms = [1, 2, 4, 8, 16, 32, 64];
    const rms = ms.map((m) => { let v = 1; for (let t = 0; t < 10000; t++) { const g = 1 / (t + 2); v = (1 - g) ** 2 * v + (g * g) / m; } return Math.sqrt(v); });
    const xs = ms.map(Math.log), ys = rms.map(Math.log);
    const xb = xs.reduce((a, b) => a + b) / xs.length, yb = ys.reduce((a, b) => a + b) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - xb) * (ys[i] - yb), 0) / xs.reduce((s, x) => s + (x - xb) ** 2, 0);
    const target = mutant ? -1 : -0.5;
    return { ok: Math.abs(slope - target) <= 0.05, runs: ms.length, summary: `fitted exponent ${fmt(slope)} (claimed ${target}); RMS = ${rms.map(fmt).join(', ')}` };
  },
});

// ------------------------------------------------------------------ Monte Carlo: Figure 1's budget, the leeway

/** The largest δ for which Krum selects a Byzantine vector at (mean of correct) + δe₁, per trial (bisection). */
function krumBudget(d: number, n: number, f: number, seed: number, trial: number): number {
  const s = streamFor(seed, 'F1', d, trial);
  const correct = Array.from({ length: n - f }, () => Float64Array.from({ length: d }, () => s.normal()));
  const mean = correct[0].map((_, t) => correct.reduce((a, v) => a + v[t], 0) / correct.length);
  const selected = (delta: number) => {
    const b = Float64Array.from(mean); b[0] += delta;
    const vs = [...correct, ...Array.from({ length: f }, () => b)];
    return multiKrum(vs, { f, m: 1 }).diagnostics.selected[0] >= n - f;
  };
  let lo = 0, hi = 4 * Math.sqrt(d) + 4;
  if (!selected(0)) return 0;
  for (let it = 0; it < 22; it++) { const mid = (lo + hi) / 2; if (selected(mid)) lo = mid; else hi = mid; }
  return lo;
}

export function budgets(d: number, seed: number, mode: Mode, n = 11): number[] {
  const T = mode === 'quick' ? 40 : 300;
  return Array.from({ length: T }, (_, t) => krumBudget(d, n, 1, seed, t));
}
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const meanSd = (xs: number[]) => { const m = xs.reduce((a, b) => a + b, 0) / xs.length; return { m, sd: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1)) }; };

export const FigureBudgetSqrt3 = customCheck({
  stepId: 'F1.a', name: 'budget-at-d3', reading: 'per-coordinate-sigma', expected: 'fails', method: 'monte-carlo',
  repair: {
    statement: 'the budget tends to √d σ as d grows (the mean-field value, where every score is near its expectation): at d = 768 the median budget is within 10% of √d σ',
    evaluate: (seed, mode) => { const b = budgets(768, seed, mode), med = median(b); return { verdict: Math.abs(med / Math.sqrt(768) - 1) <= 0.1 ? 'holds' : 'fails', summary: `median budget at d = 768: ${fmt(med)} = ${fmt(med / Math.sqrt(768))}·√d σ`, region: { text: `Krum, n = 11, f = 1, d = 768, ${mode === 'quick' ? 40 : 300} trials` } }; },
  },
  statement: 'in d = 3 the Byzantine budget along a third axis, while Krum still selects it, is about √3 times the correct workers’ per-coordinate spread σ (median over trials within a factor 1.5 of √3σ)', mutantDescription: 'budget about 3σ (= dσ) claimed, within a factor 1.2',
  region: (mode) => ({ text: `Krum (m = 1, k = n − f − 2), n = 11, f = 1, correct ~ N(0, I₃) (σ = 1), Byzantine at the correct mean + δe₁, δ by bisection; ${mode === 'quick' ? 40 : 300} trials` }),
  evaluate: (seed, mode, mutant) => {
    const b = budgets(3, seed, mode), med = median(b);
    const target = mutant ? 3 : Math.sqrt(3), tol = mutant ? 1.2 : 1.5;
    return { ok: med <= target * tol && med >= target / tol, runs: b.length, summary: `median budget ${fmt(med)}σ vs ${mutant ? '3' : '√3 = 1.732'}σ (tolerance factor ${tol})` };
  },
});

export const FigureBudgetRate = (stepId: string) => customCheck({
  stepId, name: 'budget-exponent', reading: 'per-coordinate-sigma', expected: 'holds', method: 'monte-carlo',
  statement: 'the budget is amplified by √d: fitted exponent of the mean budget in d ∈ {48, 192, 768} has a 99% interval inside [0.35, 0.65]', mutantDescription: 'amplification by d (exponent 1) claimed',
  region: (mode) => ({ text: `Krum, n = 11, f = 1, σ = 1 per coordinate, d ∈ {48, 192, 768}, ${mode === 'quick' ? 40 : 300} trials per d` }),
  evaluate: (seed, mode, mutant) => {
    const ds = [48, 192, 768];
    const stats = ds.map((d) => meanSd(budgets(d, seed, mode)));
    const T = mode === 'quick' ? 40 : 300;
    const fit = fitExponent(ds, stats.map((s) => s.m), stats.map((s) => s.sd), ds.map(() => T), 0.99);
    const [lo, hi] = mutant ? [0.85, 1.15] : [0.35, 0.65];
    const ok = fit.lo >= lo && fit.hi <= hi ? true : fit.hi < lo || fit.lo > hi ? false : null;
    return { ok, runs: T * ds.length, summary: `exponent ${fmt(fit.estimate)} [${fmt(fit.lo)}, ${fmt(fit.hi)}] (99%), claimed range [${lo}, ${hi}]; mean budgets ${stats.map((s) => fmt(s.m)).join(', ')}` };
  },
});

type Rule = 'aggregathor' | 'multi-krum' | 'bulyan';
/** E|GAR_0 − V_{1,0}| under the one-coordinate leeway attack; per-coordinate σ = 1 (paper) or 1/√d (total noise fixed). */
function leewaySamples(rule: Rule, d: number, normalisation: 'per-coordinate' | 'total', seed: number, T: number): number[] {
  const n = 11, f = 2, sc = normalisation === 'total' ? 1 / Math.sqrt(d) : 1;
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    const s = streamFor(seed, 'leeway', rule, d, normalisation, t);
    const correct = Array.from({ length: n - f }, () => Float64Array.from({ length: d }, () => sc * s.normal()));
    const mean = correct[0].map((_, j) => correct.reduce((a, v) => a + v[j], 0) / correct.length);
    const b = Float64Array.from(mean); b[0] += 0.8 * Math.sqrt(d) * sc;
    const vs = [...correct, ...Array.from({ length: f }, () => b)];
    const agg = rule === 'aggregathor' ? aggregathor(vs, { f }).aggregate : rule === 'bulyan' ? bulyan(vs, { f }).aggregate : multiKrumAggregate(vs, { f });
    out.push(Math.abs(agg[0] - correct[0][0]));
  }
  return out;
}

export const Leeway = (stepId: string, rule: Rule, normalisation: 'per-coordinate' | 'total', expected: 'holds' | 'fails', claim: 'small' | 'remains' = 'small'): StepCheck => customCheck({
  stepId, name: `leeway-${rule}-${normalisation}${claim === 'remains' ? '-remains' : ''}`, reading: normalisation === 'total' ? 'total-noise-fixed' : 'per-coordinate-sigma-fixed', expected, method: 'monte-carlo',
  statement: `${rule === 'aggregathor' ? 'AGGREGATHOR' : rule === 'bulyan' ? 'BULYAN' : 'MULTI-KRUM'}’s coordinate-wise leeway E|GAR_1 − G_1| (G a correct gradient fixed before the attack) ${claim === 'remains' ? 'is NOT O(1/√d) (the attacker keeps its leeway; holds iff the 99% interval of the fitted exponent lies above −1/4)' : 'is O(1/√d)'} under a one-coordinate attack of 0.8√dσ (σ per coordinate ${normalisation === 'total' ? '= 1/√d: total noise fixed' : '= 1: the paper’s E‖G − g‖² = dσ²'}); holds iff the 99% interval of the fitted exponent lies below −1/4, fails iff above`,
  mutantDescription: claim === 'remains' ? 'leeway growing like d^{3/4} claimed (threshold +3/4)' : 'O(1/d) claimed (threshold −3/4)',
  region: (mode) => ({ text: `${rule}, n = 11, f = 2, Gaussian correct vectors, two identical Byzantine vectors at the correct mean + 0.8√dσ e₁, d ∈ ${rule === 'multi-krum' ? '{64, 256, 1024}' : '{4, 16, 64}'}, ${mode === 'quick' ? 200 : 800} trials per d` }),
  evaluate: (seed, mode, mutant) => {
    const ds = rule === 'multi-krum' ? [64, 256, 1024] : [4, 16, 64], T = mode === 'quick' ? 200 : 800;
    const stats = ds.map((d) => meanSd(leewaySamples(rule, d, normalisation, seed, T)));
    const fit = fitExponent(ds, stats.map((s) => s.m), stats.map((s) => s.sd), ds.map(() => T), 0.99);
    const thr = claim === 'remains' ? (mutant ? 0.75 : -0.25) : mutant ? -0.75 : -0.25;
    const small = fit.hi < thr ? true : fit.lo > thr ? false : null;
    const ok = claim === 'remains' ? (small === null ? null : !small) : small;
    return { ok, runs: T * ds.length, summary: `exponent ${fmt(fit.estimate)} [${fmt(fit.lo)}, ${fmt(fit.hi)}] (99%) vs threshold ${thr}; means ${stats.map((s) => fmt(s.m)).join(', ')}` };
  },
});

// ------------------------------------------------------------------ Figure 2: angles

type AngleCase = { g: number[]; x: number[]; y: number[]; alpha: number; beta: number };
export const AngleSum = propertyCheck<AngleCase>({
  stepId: 'F2', name: 'angle-sum', reading: 'as-printed', expected: 'holds',
  statement: 'angle(x, ∇Q) <= β and angle(E MK, ∇Q) <= α with α + β < π/2 give ⟨x, E MK⟩ >= ‖x‖‖E MK‖cos(α + β) > 0', mutantDescription: 'cos(|α − β|) instead of cos(α + β)',
  region: { text: 'd ∈ {2, 3}, integer vectors in {-4..4}^d \\ {0}, α, β in whole degrees with α + β < 90°' },
  arbitrary: () => fc.integer({ min: 2, max: 3 }).chain((d) => fc.record({ g: intVec(d).filter((v) => v.some((t) => t !== 0)), x: intVec(d).filter((v) => v.some((t) => t !== 0)), y: intVec(d).filter((v) => v.some((t) => t !== 0)), a: fc.integer({ min: 0, max: 89 }), b: fc.integer({ min: 0, max: 89 }) })).filter(({ a, b }) => a + b < 90).map(({ g, x, y, a, b }) => ({ g, x, y, alpha: (a * Math.PI) / 180, beta: (b * Math.PI) / 180 })),
  predicate: ({ g, x, y, alpha, beta }, mutant) => { if (angle(x, g) > beta || angle(y, g) > alpha) return true; const c = Math.cos(mutant ? Math.abs(alpha - beta) : alpha + beta); return dot(x, y) >= norm(x) * norm(y) * c - 1e-9 && (mutant || dot(x, y) > 0); },
  describe: ({ g, x, y, alpha, beta }) => `∇Q=(${g}) x=(${x}) E MK=(${y}) α=${fmt((alpha * 180) / Math.PI)}° β=${fmt((beta * 180) / Math.PI)}°`,
  runs: { quick: 400, full: 4000 },
});
