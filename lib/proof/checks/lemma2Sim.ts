/**
 * Step checks of Lemma 2 and Theorem 1 (i) that need the rippled bowl
 * (lib/problems/rippledBowl.ts): its hypotheses (i)–(v) checked on it
 * (Monte Carlo where they are expectations), the trajectory statements of
 * the proof checked on short SGD runs with MULTI-KRUM (lib/sgd/simulate.ts),
 * and the three implications by which Theorem 1 (i) concludes.
 *
 * Runs: the rippled bowl of the registry (d = 10, n = 11, f = 2, sin α = ½,
 * β = π/4), γ_t = 1/(t + 10)^{3/4}, x_0 at 1.5√D; quick mode 300 steps, attacks
 * none / gaussian / alie / sign-flip, one seed; full mode 1,500 steps, + ipm and
 * mimic, three seeds. Memoised per (seed, mode): every check shares one set of runs.
 */
import fc from 'fast-check';
import { eta } from '../../constants/eta';
import { rippledBowl } from '../../problems/rippledBowl';
import { streamFor } from '../../random/stream';
import { convergenceVerdict, tailStart, type RunVerdict } from '../../sgd/convergence';
import { attackByName, LEMMA2_SETTING } from '../../sgd/experiments';
import { stepSize, type Schedule } from '../../sgd/schedule';
import { simulate, type Trajectory } from '../../sgd/simulate';
import type { StepCheck, TestedRegion } from '../types';
import { convergentSquares } from './lemma2Algebra';
import { dot, exhaustive, fmt, fromOutcome, norm, product, property, stepCheck, withRepair, type BodyResult, type Outcome } from './lemma2Kit';

const { d: D_DIM, n: N, f: F } = LEMMA2_SETTING;
const SCHEDULE = LEMMA2_SETTING.schedule;

interface Run { attack: string; seed: number; m: number; traj: Trajectory; verdict: RunVerdict; xTail: number[]; xFinal: number[]; D: number }

const cache = new Map<string, Run[]>();
function plan(seed: number, mode: 'quick' | 'full') {
  const attacks = mode === 'quick' ? ['none', 'gaussian', 'alie', 'sign-flip'] : ['none', 'gaussian', 'alie', 'sign-flip', 'ipm', 'mimic'];
  const seeds = mode === 'quick' ? [seed] : [seed, seed + 1, seed + 2];
  const steps = mode === 'quick' ? 300 : 1500;
  return { attacks, seeds, steps };
}
/** MULTI-KRUM runs on the rippled bowl (m = n − f − 2 unless given), memoised. */
export function lemma2Runs(seed: number, mode: 'quick' | 'full', m = N - F - 2): Run[] {
  const key = `${seed}/${mode}/${m}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { attacks, seeds, steps } = plan(seed, mode);
  const problem = rippledBowl({ d: D_DIM, n: N, f: F, m: Math.min(m, N - F - 2) });
  const runs: Run[] = [];
  for (const s of seeds) for (const attack of attacks) {
    const from = tailStart(steps + 1);
    let xTail: number[] = [];
    const a = attackByName(attack);
    const traj = simulate({ problem, rule: 'multi-krum', ruleParams: { m }, n: N, f: F, byzantine: a ? F : 0, attack: a, schedule: SCHEDULE, steps, seed: s, recordEvery: 1,
      onIterate: (t, x) => { if (t === from) xTail = Array.from(x); } });
    runs.push({ attack, seed: s, m, traj, verdict: convergenceVerdict(traj), xTail, xFinal: traj.final, D: problem.constants.D });
  }
  cache.set(key, runs);
  return runs;
}
const simRegion = (seed: number, mode: 'quick' | 'full', extra = ''): TestedRegion => {
  const { attacks, seeds, steps } = plan(seed, mode);
  return { text: `rippled bowl d = ${D_DIM}, n = ${N}, f = ${F}, MULTI-KRUM m = n − f − 2${extra}; γ_t = 1/(t + 10)^{3/4}; x_0 at ‖x_0‖² = 2.25 D; ${steps} steps; attacks ${attacks.join(', ')}; seeds ${seeds.join(', ')}`, bounds: { steps: [steps, steps], seeds } };
};
const tail = <T>(a: T[]) => a.slice(tailStart(a.length));
const runName = (r: Run) => `${r.attack}/seed ${r.seed}${r.m !== N - F - 2 ? `/m=${r.m}` : ''}`;

/** A simulation check: `pred` over every run; the first failing run is the counterexample. */
function simCheck(stepId: string, name: string, reading: string, mutantDescription: string, pred: (r: Run, mutant: boolean) => { ok: boolean; text: string }, what: string, m?: number, extraRuns?: (seed: number, mode: 'quick' | 'full') => Run[]): StepCheck {
  return stepCheck(stepId, {
    name, reading, expected: 'holds', method: 'simulation', mutantDescription,
    body(ctx) {
      const runs = [...lemma2Runs(ctx.seed, ctx.mode, m), ...(extraRuns ? extraRuns(ctx.seed, ctx.mode) : [])];
      const texts: string[] = [];
      for (const r of runs) {
        const o = pred(r, ctx.mutant);
        texts.push(`${runName(r)}: ${o.text}`);
        if (!o.ok) return { ok: false, runs: runs.length, summary: `${what} FAILS in run ${runName(r)}: ${o.text}.`, region: simRegion(ctx.seed, ctx.mode, extraRuns ? ' and m = 1' : ''), counterexample: { text: `${runName(r)}: ${o.text}`, value: { attack: r.attack, seed: r.seed, m: r.m }, kind: 'not-applicable', foundBy: 'simulation' } };
      }
      return { ok: true, runs: runs.length, summary: `${what}: holds in all ${runs.length} runs (${texts.slice(0, 2).join('; ')}${texts.length > 2 ? '; …' : ''}).`, region: simRegion(ctx.seed, ctx.mode, extraRuns ? ' and m = 1' : '') };
    },
  });
}

// ------------------------------------------------------------------ trajectory steps

const L2_conv = simCheck('L2', 'rippled-bowl-sgd', 'ρ_t = ‖∇Q(x_t)‖² → 0 (finite run: max ρ over the last 10% ≤ 1e-12 ρ_0)', 'x_t → 0, the global minimiser (Q(x_t) → 0 ≤ 1e-6)',
  (r, m) => (m ? { ok: r.traj.loss[r.traj.loss.length - 1] <= 1e-6, text: `final Q = ${fmt(r.traj.loss[r.traj.loss.length - 1])}` } : { ok: r.verdict.converged, text: `tail max ρ/ρ_0 = ${fmt(r.verdict.tailMax / r.verdict.rho0, 3)}` }), '∇Q(x_t) → 0');

const L2_12_eventually = simCheck('L2.12', 'eventually', 'the proof’s own reading: eventually confined (u_t = φ(‖x_t‖²) → 0; finite run: u_t = 0 on the last 10%)', 'confined at every t (u_t = 0 for all t ≥ 0)',
  (r, m) => { const u = m ? r.traj.u : tail(r.traj.u); const bad = u.findIndex((v) => v !== 0); return { ok: bad < 0, text: bad < 0 ? 'u_t = 0 throughout' : `u = ${fmt(u[bad])} at ${m ? `t = ${bad}` : 'a tail step'}` }; }, 'x_t confined within ‖x‖² ≤ D');

const L2_12_everyT = stepCheck('L2.12', {
  name: 'every-t', reading: 'literal: ‖x_t‖² ≤ D for every t (x_0 is arbitrary in the lemma)', expected: 'fails', method: 'simulation',
  mutantDescription: 'the repair (eventually) with horizon D/100',
  body(ctx) {
    const runs = lemma2Runs(ctx.seed, ctx.mode);
    const region = simRegion(ctx.seed, ctx.mode);
    const first = (horizon: number, everyT: boolean): Outcome => {
      for (const r of runs) {
        const xs = everyT ? r.traj.xNormSq : tail(r.traj.xNormSq);
        const i = xs.findIndex((v) => v > horizon);
        if (i >= 0) return { ok: false, runs: runs.length, counterexample: { text: `${runName(r)}: ‖x_${everyT ? i : 'tail'}‖² = ${fmt(xs[i])} > ${fmt(horizon)} (D = ${fmt(r.D)})`, value: { attack: r.attack, seed: r.seed, t: i }, kind: 'not-applicable', foundBy: 'simulation' } };
      }
      return { ok: true, runs: runs.length };
    };
    return withRepair(first(runs[0].D, true), 'x_t in ‖x‖² ≤ D for every t', region,
      { statement: 'x_t is eventually confined: limsup ‖x_t‖² ≤ D (u_t → 0), which is what the proof shows', outcome: first(runs[0].D, false), region }, ctx.mutant, () => first(runs[0].D / 100, false));
  },
});

const L2_3_sim = simCheck('L2.3', 'rippled-bowl-sgd', 'u_t → 0 and sup_t ‖x_t‖² < ∞ (finite run: u_t = 0 on the last 10%, sup finite)', 'sup_t ‖x_t‖² ≤ D (confinement from t = 0)',
  (r, m) => { const sup = Math.max(...r.traj.xNormSq); return m ? { ok: sup <= r.D, text: `sup ‖x_t‖²/D = ${fmt(sup / r.D)}` } : { ok: tail(r.traj.u).every((v) => v === 0) && Number.isFinite(sup), text: `u = 0 on the tail, sup ‖x_t‖²/D = ${fmt(sup / r.D)}` }; }, 'u_t → 0, ‖x_t‖² bounded');

/** u’_t with the repaired µ_t = Π_{i<t} 1/(1 + γ_i²B), B = 1. */
function uPrime(r: Run): number[] {
  let mu = 1;
  return r.traj.u.map((u, t) => { const v = mu * u; mu /= 1 + stepSize(SCHEDULE, t) ** 2; return v; });
}
const L2_30_sim = simCheck('L2.30', 'rippled-bowl-sgd', 'u’_t = µ_t u_t (repaired µ_t, B = 1) is ≥ 0 and converges (finite run: constant on the last 10%)', 'the limit of u’_t equals u’_0 (no decrease)',
  (r, m) => { const up = uPrime(r); const tl = tail(up); const lim = tl[tl.length - 1]; return m ? { ok: Math.abs(lim - up[0]) <= 1e-9 * up[0], text: `u’_0 = ${fmt(up[0])}, limit ${fmt(lim)}` } : { ok: up.every((v) => v >= 0) && Math.max(...tl) - Math.min(...tl) === 0, text: `u’_0 = ${fmt(up[0])}, tail max − min = ${fmt(Math.max(...tl) - Math.min(...tl))}` }; }, 'u’_t converges');

const L2_48_sim = simCheck('L2.48', 'rippled-bowl-sgd', 'h_t = Q(x_t) ≥ 0 converges (finite run: (max − min)/Q_0 ≤ 1e-9 on the last 10%)', 'Q_∞ = 0 (≤ 1e-6)',
  (r, m) => { const tl = tail(r.traj.loss); const q0 = r.traj.loss[0]; return m ? { ok: tl[tl.length - 1] <= 1e-6, text: `Q_∞ ≈ ${fmt(tl[tl.length - 1])}` } : { ok: r.traj.loss.every((q) => q >= 0) && (Math.max(...tl) - Math.min(...tl)) / q0 <= 1e-9, text: `tail oscillation/Q_0 = ${fmt((Math.max(...tl) - Math.min(...tl)) / q0, 3)}, Q_∞ ≈ ${fmt(tl[tl.length - 1])}` }; }, 'Q(x_t) converges');

const L2_54_sim = simCheck('L2.54', 'rippled-bowl-sgd', 'ρ_t converges (finite run: max − min on the last 10% ≤ 1e-12 ρ_0)', 'the limit of ρ_t is positive (≥ 1e-6 ρ_0)',
  (r, m) => { const tl = tail(r.traj.gradNormSq); const r0 = r.traj.gradNormSq[0]; return m ? { ok: tl[tl.length - 1] >= 1e-6 * r0, text: `ρ_∞/ρ_0 ≈ ${fmt(tl[tl.length - 1] / r0, 3)}` } : { ok: (Math.max(...tl) - Math.min(...tl)) <= 1e-12 * r0, text: `tail (max − min)/ρ_0 = ${fmt((Math.max(...tl) - Math.min(...tl)) / r0, 3)}` }; }, 'ρ_t converges');

const L2_58_sim = simCheck('L2.58', 'rippled-bowl-sgd', 'Σγ_tρ_t < ∞ (finite run: the last 10% of steps add ≤ 1e-9 of the sum)', 'Σγ_t (without ρ_t) converges by the same test',
  (r, m) => {
    if (m) { const T = r.traj.gamma.length; let s = 0, s0 = 0; r.traj.gamma.forEach((g, t) => { s += g; if (t < tailStart(T)) s0 = s; }); return { ok: (s - s0) / s <= 1e-9, text: `tail share of Σγ_t = ${fmt((s - s0) / s, 3)}` }; }
    const v = r.verdict.sumGammaRhoTailShare; return { ok: v <= 1e-9, text: `tail share of Σγ_tρ_t = ${fmt(v, 3)}` };
  }, 'Σγ_tρ_t converges');

// ------------------------------------------------------------------ the hypotheses on the rippled bowl (L2.6–L2.10) and bounded functions (L2.41)

const bowl = (d: number, noiseFactor = 1) => rippledBowl({ d, n: N, f: F, noiseFactor });
const pointArb = (d: number, rMax: number) => fc.record({ dir: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d, maxLength: d }), r: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })) })
  .map(({ dir, r }) => { const s = norm(dir); return s < 1e-9 ? dir.map(() => 0) : dir.map((t) => (t / s) * r * rMax); });

const L2_6 = stepCheck('L2.6', {
  name: 'rippled-bowl', reading: '(i) is satisfiable: the rippled bowl is C^∞, Q ≥ 0, ∇Q as coded (central differences), |∂²Q| ≤ 1 + aω² = 10', expected: 'holds', method: 'property',
  mutantDescription: 'Q ≥ 1 (a constant changed)',
  body(ctx, seed) {
    const o = property(fc.constantFrom(1, 2, 10).chain((d) => pointArb(d, 10).map((x) => ({ d, x }))), ({ d, x }) => {
      const p = bowl(d), X = Float64Array.from(x), g = p.gradient(X, new Float64Array(d));
      const h = 1e-5;
      for (let j = 0; j < d; j++) {
        const a = Float64Array.from(x), b = Float64Array.from(x); a[j] += h; b[j] -= h;
        if (Math.abs((p.loss(a) - p.loss(b)) / (2 * h) - g[j]) > 1e-5 * Math.max(1, Math.abs(g[j]))) return false;
        const ga = p.gradient(a, new Float64Array(d)), gb = p.gradient(b, new Float64Array(d));
        if (Math.abs((ga[j] - gb[j]) / (2 * h)) > 10 + 1e-4) return false;
      }
      return p.loss(X) >= (ctx.mutant ? 1 : 0);
    }, ctx.mode === 'quick' ? 200 : 2000, seed, ({ d, x }) => `d=${d} x=(${x.map((t) => fmt(t)).join(', ')}): Q = ${fmt(bowl(d).loss(Float64Array.from(x)))}`);
    return fromOutcome(o, 'hypothesis (i) on the rippled bowl', { text: 'd ∈ {1, 2, 10}, ‖x‖ ≤ 10 (the boundary often), central differences h = 1e-5' });
  },
});

/** Monte Carlo of (iii)/(iv) at points x = r·û: returns per point the sample statistics. */
function mcPoint(seed: number, d: number, x: Float64Array, trials: number, noiseFactor = 1) {
  const p = bowl(d, noiseFactor), stream = streamFor(seed, 'mc', x[0]);
  const g = p.gradient(x, new Float64Array(d)), out = new Float64Array(d);
  const mean = new Float64Array(d);
  const mom: Record<number, { s: number; s2: number }> = { 2: { s: 0, s2: 0 }, 3: { s: 0, s2: 0 }, 4: { s: 0, s2: 0 } };
  let noise = 0;
  for (let k = 0; k < trials; k++) {
    p.sampleGradient(x, stream, out);
    for (let j = 0; j < d; j++) mean[j] += out[j] / trials;
    const nn = norm(out);
    for (const r of [2, 3, 4]) { const v = nn ** r; mom[r].s += v; mom[r].s2 += v * v; }
    let e = 0; for (let j = 0; j < d; j++) e += (out[j] - g[j]) ** 2; noise += e / trials;
  }
  const stats = (r: number) => { const m = mom[r].s / trials; const sd = Math.sqrt(Math.max(0, mom[r].s2 / trials - m * m)); return { m, se: sd / Math.sqrt(trials) }; };
  return { p, g, mean, stats, noise, sigma: p.sigma(x) };
}
const MC_POINTS = [0.5, 5, 50, 500];
const Z = 4.5; // per-comparison; 4 points × (1 + 3 moments) comparisons: family-wise ≥ 99.99%
const L2_8 = stepCheck('L2.8', {
  name: 'monte-carlo', reading: '(iii) is satisfiable: on the rippled bowl E G = ∇Q and E‖G‖^r ≤ A_r + B_r‖x‖^r, r = 2, 3, 4, with the constants of lib/problems/rippledBowl.ts', expected: 'holds', method: 'monte-carlo',
  mutantDescription: 'A_r and B_r divided by 2^r',
  body(ctx, seed) {
    const trials = ctx.mode === 'quick' ? 2000 : 20000;
    const d = D_DIM;
    let verdict: 'holds' | 'fails' | 'inconclusive' = 'holds';
    const notes: string[] = [];
    for (const rr of MC_POINTS) {
      const x = new Float64Array(d).map((_, j) => (rr * (j % 2 ? 1 : -1)) / Math.sqrt(d) * (1 + j / 17));
      const s = mcPoint(seed, d, x, trials);
      const c = s.p.constants;
      // unbiasedness: N‖mean − ∇Q‖²/σ² ~ χ²_d, 99.99% quantile for d = 10 is 35.6
      const chi = (trials * dot(s.mean.map((v, j) => v - s.g[j]), s.mean.map((v, j) => v - s.g[j]))) / (s.sigma * s.sigma || 1);
      if (!(chi <= 35.6)) { verdict = 'fails'; notes.push(`‖x‖=${fmt(norm(x))}: unbiasedness χ² = ${fmt(chi)}`); }
      for (const r of [2, 3, 4] as const) {
        const k = ctx.mutant ? 2 ** r : 1;
        const bound = (c.A[r] + c.B[r] * norm(x) ** r) / k;
        const st = s.stats(r);
        if (st.m - Z * st.se > bound) { verdict = 'fails'; notes.push(`‖x‖=${fmt(norm(x))}, r=${r}: E‖G‖^r ∈ [${fmt(st.m - Z * st.se)}, ${fmt(st.m + Z * st.se)}] > ${fmt(bound)}`); }
        else if (st.m + Z * st.se > bound && verdict === 'holds') { verdict = 'inconclusive'; notes.push(`‖x‖=${fmt(norm(x))}, r=${r}: interval straddles ${fmt(bound)}`); }
      }
    }
    const region = { text: `rippled bowl d = ${d}, 4 points with ‖x‖ ≈ {0.5, 5, 50, 500}·1.3; ${trials} draws per point; 4.5-σ intervals (family-wise ≥ 99.99% over 16 comparisons)` };
    return { ok: verdict === 'holds', inconclusive: verdict === 'inconclusive', runs: trials * MC_POINTS.length, region, summary: verdict === 'holds' ? `(iii) on the rippled bowl: unbiased (χ²_10 test) and E‖G‖^r below A_r + B_r‖x‖^r at every point, r = 2, 3, 4.` : `(iii): ${notes.join('; ')}.`, counterexample: verdict === 'fails' ? { text: notes[0], value: notes, kind: 'not-applicable', foundBy: `Monte Carlo, ${trials} draws per point` } : undefined };
  },
});

const L2_9 = stepCheck('L2.9', {
  name: 'rippled-bowl', reading: '(iv) is satisfiable: σ(x) = κ‖∇Q(x)‖ with κ = sin α/(η√d) gives η√dσ(x) = ‖∇Q(x)‖ sin α (equality), 0 ≤ α = π/6 < π/2; E‖G − ∇Q‖² = dσ² by Monte Carlo', expected: 'holds', method: 'property+monte-carlo',
  mutantDescription: 'noise level 1.5 σ(x) (noiseFactor 1.5)',
  body(ctx, seed) {
    const nf = ctx.mutant ? 1.5 : 1;
    const p = bowl(D_DIM, nf), c = p.constants;
    const e = Math.max(eta(N, F, N - F - 2, 'as-printed'), eta(N, F, N - F - 2, 'as-derived'));
    const o = property(pointArb(D_DIM, 100), (x) => {
      const X = Float64Array.from(x), g = norm(p.gradient(X, new Float64Array(D_DIM)));
      return e * Math.sqrt(D_DIM) * p.sigma(X) <= g * c.sinAlpha * (1 + 1e-12) + 1e-300 && c.alpha >= 0 && c.alpha < Math.PI / 2;
    }, ctx.mode === 'quick' ? 200 : 2000, seed, (x) => { const X = Float64Array.from(x); return `x=(${x.map((t) => fmt(t, 3))}): η√dσ = ${fmt(e * Math.sqrt(D_DIM) * p.sigma(X))} > ‖∇Q‖ sin α = ${fmt(norm(p.gradient(X, new Float64Array(D_DIM))) * c.sinAlpha)}`; });
    const trials = ctx.mode === 'quick' ? 2000 : 20000;
    const x = new Float64Array(D_DIM).map((_, j) => 3 + j / 7);
    const s = mcPoint(seed, D_DIM, x, trials, nf);
    const target = D_DIM * s.sigma ** 2;
    const mcOk = Math.abs(s.noise - target) <= 0.2 * target; // the mean of d·χ² draws: relative sd √(2/(d·N)) ≈ 0.01
    const out = fromOutcome(o, `(iv) on the rippled bowl (η = ${fmt(e)}, the larger of as-printed and as-derived)`, { text: `rippled bowl d = ${D_DIM}, ‖x‖ ≤ 100 (boundary often); Monte Carlo ${trials} draws at one point` }, `E‖G − ∇Q‖² = ${fmt(s.noise)} vs dσ² = ${fmt(target)}`);
    if (!mcOk) { out.ok = false; out.summary += ' Monte Carlo noise level does not match dσ².'; }
    return out;
  },
});

const L2_10 = stepCheck('L2.10', {
  name: 'rippled-bowl', reading: '(v) is satisfiable: for ‖x‖² ≥ D, ‖∇Q(x)‖ ≥ ε and cos∠(x, ∇Q) ≥ cos β, with 0 ≤ β = π/4 < π/2 − α = π/3', expected: 'holds', method: 'property',
  mutantDescription: 'ε replaced by 2ε',
  body(ctx, seed) {
    const p = bowl(D_DIM), c = p.constants;
    const arb = fc.record({ dir: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: D_DIM, maxLength: D_DIM }), k: fc.oneof(fc.constant(1), fc.double({ min: 1, max: 10, noNaN: true })) });
    const o = property(arb, ({ dir, k }) => {
      const s = norm(dir); if (s < 1e-9) return true;
      const x = Float64Array.from(dir.map((t) => (t / s) * k * Math.sqrt(c.D)));
      const g = p.gradient(x, new Float64Array(D_DIM)), gn = norm(g);
      return gn >= (ctx.mutant ? 2 : 1) * c.epsilon && dot(x, g) / (norm(x) * gn) >= Math.cos(c.beta) - 1e-12 && c.beta < Math.PI / 2 - c.alpha;
    }, ctx.mode === 'quick' ? 300 : 3000, seed, ({ dir, k }) => `direction (${dir.map((t) => fmt(t, 2))}), ‖x‖ = ${fmt(k)}√D`);
    return fromOutcome(o, `(v) on the rippled bowl (D = ${fmt(c.D)}, ε = ${fmt(c.epsilon)})`, { text: `rippled bowl d = ${D_DIM}, ‖x‖ ∈ [√D, 10√D] (√D itself often), random directions` });
  },
});

const L2_41 = stepCheck('L2.41', {
  name: 'rippled-bowl', reading: 'on the confinement region ‖x‖ ≤ R = √(D + 1): E‖G(x, ξ)‖² = M₂‖∇Q‖² ≤ M₂(R + aω√d)², |∂²Q| ≤ 1 + aω², |∂³Q| ≤ aω³, Q ≤ R²/2 + 2d', expected: 'holds', method: 'property',
  mutantDescription: 'the bounds computed with R/2 in place of R',
  body(ctx, seed) {
    const p = bowl(D_DIM), c = p.constants;
    const R = Math.sqrt(c.D + 1), Rb = ctx.mutant ? R / 2 : R;
    const M2 = 1 + D_DIM * c.kappa ** 2;
    const o = property(pointArb(D_DIM, R), (x) => {
      const X = Float64Array.from(x), g = norm(p.gradient(X, new Float64Array(D_DIM)));
      const d2 = Math.max(...x.map((t) => Math.abs(1 + 9 * Math.cos(3 * t)))), d3 = Math.max(...x.map((t) => Math.abs(27 * Math.sin(3 * t))));
      return M2 * g * g <= M2 * (Rb + c.c) ** 2 && d2 <= 10 && d3 <= 27 && p.loss(X) <= Rb * Rb / 2 + 2 * D_DIM;
    }, ctx.mode === 'quick' ? 200 : 2000, seed, (x) => `‖x‖ = ${fmt(norm(x))} (R = ${fmt(R)})`);
    return fromOutcome(o, 'continuous functions of x_t bounded on the confinement region', { text: `rippled bowl d = ${D_DIM}, ‖x‖ ≤ √(D + 1) (boundary often)` });
  },
});

const L2_31 = stepCheck('L2.31', {
  name: 'mu-limit-positive', reading: 'u_t = u’_t/µ_t converges because µ_t → µ_∞ > 0: µ_∞ ≥ exp(−BΣγ_t²) > 0 (repaired sign), µ_∞ ≥ 1 (printed sign, where defined)', expected: 'holds', method: 'exact bound + partial products',
  mutantDescription: 'µ_t built from γ_t instead of γ_t² (Σγ_t = ∞, so µ_∞ = 0)',
  body(ctx) {
    const scheds: [number, number, number][] = [[0.6, 1, 10], [0.75, 1, 10], [1, 1, 10], [1, 0.5, 1]];
    let runs = 0;
    for (const [p, g0, t0] of scheds) for (const B of [0.5, 1, 4]) {
      runs++;
      const s: Schedule = { kind: 'decreasing', gamma0: g0, t0, p };
      const e = ctx.mutant ? 1 : 2;
      const sq = convergentSquares(p * e / 2, g0 ** (e / 2), t0);
      const bound = ctx.mutant ? 0 : Math.exp(-B * g0 * g0 * (Math.pow(t0, -2 * p) + Math.pow(t0, 1 - 2 * p) / (2 * p - 1)));
      let mu = 1; for (let t = 0; t < 100000; t++) mu /= 1 + B * stepSize(s, t) ** e;
      if (!(bound > 0 && mu >= bound)) return { ok: false, runs, region: { text: `γ_t = ${g0}/(t + ${t0})^${p}, B = ${B}` }, summary: `µ_∞ > 0 not certified: µ_{10⁵} = ${fmt(mu)}, certified lower bound ${fmt(bound)} (${sq.text}).`, counterexample: { text: `p=${p} γ0=${g0} t0=${t0} B=${B}: µ_{10⁵} = ${fmt(mu)}, no positive lower bound`, value: { p, g0, t0, B }, kind: 'not-applicable', foundBy: 'integral bound' } };
    }
    return { ok: true, runs, region: { text: 'γ_t = γ0/(t + t0)^p, (p, γ0, t0) ∈ {(0.6, 1, 10), (0.75, 1, 10), (1, 1, 10), (1, 1/2, 1)}, B ∈ {1/2, 1, 4}; products to 10⁵' }, summary: `µ_t decreasing with µ_{10⁵} ≥ exp(−B·γ0²(t0^{−2p} + t0^{1−2p}/(2p − 1))) > 0 in all ${runs} cases; so u’_t → u’_∞ gives u_t → u’_∞/µ_∞ ≥ 0.` };
  },
});

// ------------------------------------------------------------------ Theorem 1 (i)

/** T1 (i): MULTI-KRUM runs with m = m̃ and m = 1 converge, and settle. */
const T1_sim = simCheck('T1.i', 'rippled-bowl-sgd', 'MULTI-KRUM (m = n − f − 2, and m = 1 for the statement’s “any m ≤ n − f − 2”) is weakly resilient on the rippled bowl: ∇Q(x_t) → 0 and x_t settles (‖x_T − x_{0.9T}‖ ≤ 1e-6)', 'x_t → 0 (the global minimiser)',
  (r, m) => { const move = norm(r.xFinal.map((v, j) => v - r.xTail[j])); const xn = norm(r.xFinal); return m ? { ok: xn <= 1e-6, text: `‖x_T‖ = ${fmt(xn)}` } : { ok: r.verdict.converged && move <= 1e-6, text: `tail max ρ/ρ_0 = ${fmt(r.verdict.tailMax / r.verdict.rho0, 3)}, ‖x_T − x_{0.9T}‖ = ${fmt(move, 3)}` }; },
  'weak resilience (D1)', undefined, (seed, mode) => lemma2Runs(seed, mode, 1));

function* settings(nMax: number) { for (let n = 3; n <= nMax; n++) for (let f = 0; 2 * f <= n - 2; f++) yield { n, f }; }
const T1_i_1 = stepCheck('T1.i.1', {
  name: 'exhaustive', reading: 'as printed: n > 2, f ≤ (n − 2)/2, m ≤ n − f − 2 lies inside Lemma 1’s hypothesis 2f + 2 < n (needed to conclude (i) from Lemma 1)', expected: 'fails', method: 'exhaustive',
  mutantDescription: 'the repair with 2f + 2 ≤ n (boundary included again)',
  body(ctx) {
    const region = { text: 'n ∈ {3..60}, f ∈ {0..⌊(n − 2)/2⌋} (every pair)' };
    const printed = exhaustive(settings(60), ({ n, f }) => 2 * f + 2 < n, ({ n, f }) => `n=${n}, f=${f}: f ≤ (n − 2)/2 holds but 2f + 2 = ${2 * f + 2} is not < n (n − 2f − 2 = 0 neighbours are guaranteed correct; η’s denominator n − 2f − 2 vanishes); m ≤ n − f − 2 = ${n - f - 2}`, 'n, f ascending');
    const rep = (strict: boolean) => exhaustive(function* () { for (const s of settings(60)) if (strict ? 2 * s.f + 2 < s.n : 2 * s.f + 2 <= s.n) yield s; }(), ({ n, f }) => 2 * f + 2 < n && n - f - 2 >= 1, ({ n, f }) => `n=${n}, f=${f}: 2f + 2 = ${2 * f + 2} not < n`, 'n, f ascending');
    return withRepair(printed, 'the setting’s range within Lemma 1’s hypothesis', region, { statement: 'f < (n − 2)/2, i.e. n ≥ 2f + 3 (then m̃ = n − f − 2 ≥ 1 too)', outcome: rep(true), region }, ctx.mutant, () => rep(false));
  },
});

const T1_i_2 = stepCheck('T1.i.2', {
  name: 'exhaustive', reading: 'Lemma 1 → Lemma 2: at every x with ∇Q(x) ≠ 0, (iv) gives Lemma 1’s hypothesis η√dσ(x) < ‖∇Q(x)‖, and (α(x), f)-resilience with sin α(x) = η√dσ(x)/‖∇Q(x)‖ ≤ sin α gives (α, f)-resilience (D3 (i) is monotone in α); D3 (ii) does not depend on α', expected: 'holds', method: 'exhaustive (exact)',
  mutantDescription: 'monotonicity used the wrong way: (α’, f)-resilience concluded for α’ < α(x)',
  body(ctx) {
    const o = exhaustive(product([1, 2, 3, 5], [0, 1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]), ([gq, ns, sp, ip]) => {
      // ‖g‖ = gq, η√dσ = ns/4, sin α = sp/5, ⟨E GAR, g⟩ = ‖g‖² (1 − sin α(x)) + ip/8·slack
      const sinAx = ns / 4 / gq, sinA = sp / 5;
      if (!(ns / 4 <= gq * sinA)) return true; // (iv) not met: not a case of the lemma
      const lemma1Hyp = ns / 4 < gq;
      const inner = gq * gq * (1 - sinAx) + ip / 8;
      const target = ctx.mutant ? sinAx / 2 : sinA;
      return lemma1Hyp && inner >= (1 - target) * gq * gq && 1 - target > 0;
    }, ([gq, ns, sp]) => `‖∇Q‖ = ${gq}, η√dσ = ${ns / 4}, sin α = ${sp / 5}`, '‖∇Q‖, η√dσ, sin α ascending');
    return fromOutcome(o, 'Lemma 1’s conclusion meets Lemma 2’s hypothesis at every non-stationary x', { text: '‖∇Q‖ ∈ {1, 2, 3, 5}, η√dσ ∈ {0, 1/4, …, 1}, sin α ∈ {1/5, …, 4/5}, ⟨E MK, ∇Q⟩ from its D3 (i) bound plus slack (rational grid). At ∇Q(x) = 0, Lemma 1’s strict hypothesis and D3 (i)’s “> 0” both fail: not covered' });
  },
});

const T1_i_3 = stepCheck('T1.i.3', {
  name: 'exhaustive', reading: 'MULTI-KRUM is m-Krum with m = m̃ = n − f − 2, within the theorem’s m ≤ n − f − 2 and ≥ 1 on the setting', expected: 'holds', method: 'exhaustive',
  mutantDescription: 'm̃ = n − f − 1',
  body(ctx) {
    const o = exhaustive(function* () { for (const s of settings(60)) if (2 * s.f + 2 < s.n) yield s; }(), ({ n, f }) => { const mt = ctx.mutant ? n - f - 1 : n - f - 2; return mt >= 1 && mt <= n - f - 2; }, ({ n, f }) => `n=${n} f=${f}`, 'n, f ascending');
    return fromOutcome(o, 'm = n − f − 2 admissible', { text: 'n ∈ {3..60}, f with 2f + 2 < n (every pair)' });
  },
});

/** D1 asks x_t → x*; Lemma 2 gives ∇Q(x_t) → 0. Counterexample: Q(x) = (‖x‖² − 1)², x_t on the unit circle at angle Σ_{s≤t} 1/s. */
function circleCounterexample(): { ok: boolean; text: string } {
  const T = 20000;
  let th = 0, maxGrad = 0, revolutions = 0;
  const pts: [number, number][] = [];
  for (let t = 1; t <= T; t++) {
    th += 1 / t;
    const x = [Math.cos(th), Math.sin(th)], r2 = dot(x, x);
    maxGrad = Math.max(maxGrad, 4 * Math.abs(r2 - 1) * Math.sqrt(r2));
    if (t > T / 2) pts.push(x as [number, number]);
  }
  revolutions = th / (2 * Math.PI);
  let spread = 0; for (const p of pts) spread = Math.max(spread, Math.hypot(p[0] - pts[0][0], p[1] - pts[0][1]));
  return { ok: !(maxGrad <= 1e-12 && spread >= 0.5), text: `Q(x) = (‖x‖² − 1)² (C^∞, ≥ 0, (v) holds beyond ‖x‖² ≥ 2), x_t = (cos θ_t, sin θ_t), θ_t = Σ_{s≤t} 1/s: max_t ‖∇Q(x_t)‖ = ${fmt(maxGrad, 2)} (∇Q(x_t) → 0), yet over t ∈ [10⁴, 2·10⁴] x_t moves ${fmt(spread, 3)} and θ_t keeps growing (${fmt(revolutions, 3)} turns by t = 2·10⁴, ∞ in the limit): x_t has no limit` };
}
const T1_i_4 = stepCheck('T1.i.4', {
  name: 'implication', reading: 'D1 as printed (x_t converges a.s. to some x* with ∇Q(x*) = 0) concluded from Lemma 2 (∇Q(x_t) → 0 a.s.)', expected: 'fails', method: 'exact construction + simulation',
  mutantDescription: 'the repair’s simulation with “x_t settles at 0”',
  body(ctx) {
    const c = circleCounterexample();
    const printed: Outcome = c.ok ? { ok: true, runs: 1 } : { ok: false, runs: 1, counterexample: { text: c.text, value: { Q: '(|x|^2 - 1)^2', theta: 'harmonic sums' }, kind: 'not-applicable', foundBy: 'construction (a sequence with ∇Q(x_t) → 0 and no limit)' } };
    const runs = lemma2Runs(ctx.seed, ctx.mode);
    const settle = (toZero: boolean): Outcome => {
      for (const r of runs) { const move = norm(r.xFinal.map((v, j) => v - r.xTail[j])); const ok = r.verdict.converged && move <= 1e-6 && (!toZero || norm(r.xFinal) <= 1e-6); if (!ok) return { ok: false, runs: runs.length, counterexample: { text: `${runName(r)}: ‖x_T − x_{0.9T}‖ = ${fmt(move, 3)}, ‖x_T‖ = ${fmt(norm(r.xFinal))}`, value: { attack: r.attack, seed: r.seed }, kind: 'not-applicable', foundBy: 'simulation' } }; }
      return { ok: true, runs: runs.length };
    };
    return withRepair(printed, 'Lemma 2’s conclusion ⇒ D1', { text: 'one construction (d = 2), t ≤ 2·10⁴' },
      { statement: 'either read weak resilience as ∇Q(x_t) → 0 a.s. (what Lemma 2 proves, and the conclusion of [1]), or add a hypothesis under which x_t converges (e.g. isolated stationary points: x_{t+1} − x_t → 0 makes the limit set connected, hence one point); on the rippled bowl (isolated stationary points) x_t settles in every run', outcome: settle(false), region: simRegion(ctx.seed, ctx.mode) }, ctx.mutant, () => settle(true));
  },
});

export const SIM_CHECKS: Record<string, StepCheck[]> = {
  L2: [L2_conv],
  'L2.6': [L2_6],
  'L2.8': [L2_8],
  'L2.9': [L2_9],
  'L2.10': [L2_10],
  'L2.12': [L2_12_eventually, L2_12_everyT],
  'L2.3': [L2_3_sim],
  'L2.30': [L2_30_sim],
  'L2.31': [L2_31],
  'L2.41': [L2_41],
  'L2.48': [L2_48_sim],
  'L2.54': [L2_54_sim],
  'L2.58': [L2_58_sim],
  'T1.i': [T1_sim],
  'T1.i.1': [T1_i_1],
  'T1.i.2': [T1_i_2],
  'T1.i.3': [T1_i_3],
  'T1.i.4': [T1_i_4],
};
export type { BodyResult };
