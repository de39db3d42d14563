/**
 * Exact expectations for the expectation steps of Lemma 1's proof and of
 * Theorem 1 (ii): d = 1, the correct vectors i.i.d. from a distribution with
 * finite support, every ordered tuple of correct values enumerated with its
 * probability (so E is a finite sum, evaluated in floating point: relative
 * tolerance 1e-9), the Byzantine vectors a deterministic function of the
 * correct ones (a strategy), placed last.
 *
 * Distributions: sym3 = {−1, 0, 1} w.p. {1/4, 1/2, 1/4} (g = 0, σ² = 1/2);
 * skew2 = {0, 1} w.p. {0.7, 0.3} (g = 0.3, σ² = 0.21); shift2 = {9, 11} w.p.
 * {1/2, 1/2} (g = 10, σ² = 1: η√dσ < ‖g‖ for every (n, f, m) of the grid).
 * Strategies (every Byzantine the same value): copy-min, copy-max, mean−σ, g−3σ
 * (median and mean+σ are defined too).
 * Grid: f = 0, n ∈ {3, 4, 5, 6} (n = 6 for two-point G only); f = 1, n ∈ {5, 6}; f = 2, n = 7; every
 * m ∈ [1, n − f − 2]; readings k = m and k = n − f − 2 (full adds f = 0, n = 7).
 */
import type { Configuration, NeighbourReading } from '../../claims/arbitraries';
import { neighbourCount } from '../../claims/arbitraries';
import { multiKrumCase, meanOfCorrectNeighbours, sumToCorrectNeighbours } from '../../claims/checks/deterministic/multiKrumCase';
import type { Mode } from './frontKit';

export interface Discrete { name: string; values: number[]; probs: number[]; g: number; sigma2: number }

function discrete(name: string, values: number[], probs: number[]): Discrete {
  const g = values.reduce((s, v, i) => s + v * probs[i], 0);
  const sigma2 = values.reduce((s, v, i) => s + (v - g) ** 2 * probs[i], 0);
  return { name, values, probs, g, sigma2 };
}

export const DISTRIBUTIONS: Record<'sym3' | 'skew2' | 'shift2', Discrete> = {
  sym3: discrete('sym3', [-1, 0, 1], [0.25, 0.5, 0.25]),
  skew2: discrete('skew2', [0, 1], [0.7, 0.3]),
  shift2: discrete('shift2', [9, 11], [0.5, 0.5]),
};

export type StrategyName = 'none' | 'copy-min' | 'copy-max' | 'median' | 'mean-sigma' | 'mean+sigma' | 'g-3sigma';
export const STRATEGIES: StrategyName[] = ['copy-min', 'copy-max', 'mean-sigma', 'g-3sigma'];

function byzantineValue(s: StrategyName, correct: number[], D: Discrete): number {
  const sorted = [...correct].sort((a, b) => a - b);
  const mean = correct.reduce((a, b) => a + b, 0) / correct.length;
  const sd = Math.sqrt(D.sigma2);
  switch (s) {
    case 'copy-min': return sorted[0];
    case 'copy-max': return sorted[sorted.length - 1];
    case 'median': return sorted[(sorted.length - 1) >> 1];
    case 'mean-sigma': return mean - sd;
    case 'mean+sigma': return mean + sd;
    case 'g-3sigma': return D.g - 3 * sd;
    case 'none': return NaN;
  }
}

/** Every ordered tuple of `len` indices into `count` values. */
export function* tuples(count: number, len: number): Generator<number[]> {
  const idx = new Array<number>(len).fill(0);
  while (true) {
    yield [...idx];
    let p = len - 1;
    while (p >= 0 && idx[p] === count - 1) { idx[p] = 0; p--; }
    if (p < 0) return;
    idx[p]++;
  }
}

export interface ExpRecord {
  dist: Discrete;
  n: number; f: number; m: number; k: number; reading: NeighbourReading; strategy: StrategyName;
  EMK: number;
  /** E(MK − g)². */
  EMKg2: number;
  /** P(δc(i*) = 0): μ_{i*} undefined (the terms below then use μ = x_{i*}, i.e. they are left out). */
  pMuUndefined: number;
  /** E[MK − μ_{i*}], E(MK − μ_{i*})², E(x_{i*} − μ_{i*})². */
  EdiffMKmu: number; EsqMKmu: number; EsqIstarMu: number;
  /** Per correct i (in index order): E[(1/δc(i)) Σ_{i→c j}(V_i − V_j)²], E(V_i − V_ζ(i))², P(ζ(i) undefined), P(δc(i) = 0). */
  perCorrect: { Eavg: number; Ezeta: number; pNoZeta: number; pNoCorrectNeighbour: number }[];
  /** P(i* Byzantine); E[(B_k − μ_k)² I(i* = k Byzantine)]; per correct i E[RHS_i I(i* = k Byzantine)] with RHS_i = (δc(i)/δc(k))2σ² + (δb(i)/δc(k))(V_i − V_ζ(i))² (+∞ when ζ(i) is needed but undefined). */
  pByzIStar: number; EL17lhs: number; EL17rhs: number[];
  /** Same with the printed ζ bound: RHS'_i = (δc(i)/δc(k) + (δb(i)/δc(k))(m + 1))2σ². */
  EL17rhsFinal: number[];
  /** r = 2, 3, 4: E|MK|^r, E|x_{i*}|^r, Σ_correct E|V_i|^r I(i* = i), E|G|^r. */
  moments: { r: number; EMKr: number; EIstarR: number; EcorrectInd: number; EGr: number }[];
  tuplesEnumerated: number;
}

export interface ExpSetting { n: number; f: number; m: number; reading: NeighbourReading; strategy: StrategyName }

export function expSettings(mode: Mode): ExpSetting[] {
  const out: ExpSetting[] = [];
  const nf: [number, number][] = [[0, 3], [0, 4], [0, 5], [0, 6], [1, 5], [1, 6], [2, 7]];
  if (mode === 'full') nf.push([0, 7]);
  for (const reading of ['k=m', 'k=n-f-2'] as NeighbourReading[]) {
    for (const [f, n] of nf) {
      for (let m = 1; m <= n - f - 2; m++) {
        for (const strategy of f === 0 ? (['none'] as StrategyName[]) : STRATEGIES) out.push({ n, f, m, reading, strategy });
      }
    }
  }
  return out;
}

const recCache = new Map<string, ExpRecord>();

export function expRecord(D: Discrete, s: ExpSetting): ExpRecord {
  const key = `${D.name}|${s.n}|${s.f}|${s.m}|${s.reading}|${s.strategy}`;
  const hit = recCache.get(key);
  if (hit) return hit;
  const { n, f, m, reading, strategy } = s;
  const k = neighbourCount(reading, n, f, m);
  const nc = n - f;
  const rec: ExpRecord = {
    dist: D, n, f, m, k, reading, strategy, EMK: 0, EMKg2: 0, pMuUndefined: 0, EdiffMKmu: 0, EsqMKmu: 0, EsqIstarMu: 0,
    perCorrect: Array.from({ length: nc }, () => ({ Eavg: 0, Ezeta: 0, pNoZeta: 0, pNoCorrectNeighbour: 0 })),
    pByzIStar: 0, EL17lhs: 0, EL17rhs: new Array(nc).fill(0), EL17rhsFinal: new Array(nc).fill(0),
    moments: [2, 3, 4].map((r) => ({ r, EMKr: 0, EIstarR: 0, EcorrectInd: 0, EGr: D.values.reduce((a, v, i) => a + Math.abs(v) ** r * D.probs[i], 0) })),
    tuplesEnumerated: 0,
  };
  const twoSigma2 = 2 * D.sigma2;
  for (const t of tuples(D.values.length, nc)) {
    rec.tuplesEnumerated++;
    let p = 1;
    for (const i of t) p *= D.probs[i];
    const correct = t.map((i) => D.values[i]);
    const b = byzantineValue(strategy, correct, D);
    const vectors = [...correct.map((v) => [v]), ...Array.from({ length: f }, () => [b])];
    const config: Configuration = { n, f, m, k, reading, d: 1, vectors, byzantine: Array.from({ length: f }, (_, j) => nc + j), strategies: [] };
    const c = multiKrumCase(config);
    const mk = c.aggregate[0];
    rec.EMK += p * mk;
    rec.EMKg2 += p * (mk - D.g) ** 2;
    const iStar = c.diag.worstSelected;
    const xStar = c.vectors[iStar][0];
    const mu = meanOfCorrectNeighbours(c, iStar);
    if (mu === null) rec.pMuUndefined += p;
    else {
      rec.EdiffMKmu += p * (mk - mu[0]);
      rec.EsqMKmu += p * (mk - mu[0]) ** 2;
      rec.EsqIstarMu += p * (xStar - mu[0]) ** 2;
    }
    for (let i = 0; i < nc; i++) {
      const pc = rec.perCorrect[i];
      const dc = c.proof.deltaC[i];
      if (dc === 0) pc.pNoCorrectNeighbour += p;
      else pc.Eavg += (p * sumToCorrectNeighbours(c, i)) / dc;
      const z = c.proof.zeta[i];
      if (z === null) pc.pNoZeta += p;
      else pc.Ezeta += p * c.dist(i, z);
    }
    if (c.isByzantine[iStar] && mu !== null) {
      rec.pByzIStar += p;
      rec.EL17lhs += p * (xStar - mu[0]) ** 2;
      const dck = c.proof.deltaC[iStar];
      for (let i = 0; i < nc; i++) {
        const dci = c.proof.deltaC[i], dbi = c.proof.deltaB[i], z = c.proof.zeta[i];
        const zetaTerm = dbi === 0 ? 0 : z === null ? Infinity : (dbi / dck) * c.dist(i, z);
        rec.EL17rhs[i] += p * ((dci / dck) * twoSigma2 + zetaTerm);
        rec.EL17rhsFinal[i] += p * (dci / dck + (dbi / dck) * (m + 1)) * twoSigma2;
      }
    } else if (c.isByzantine[iStar]) rec.pByzIStar += p;
    for (const mo of rec.moments) {
      mo.EMKr += p * Math.abs(mk) ** mo.r;
      mo.EIstarR += p * Math.abs(xStar) ** mo.r;
      if (!c.isByzantine[iStar]) mo.EcorrectInd += p * Math.abs(xStar) ** mo.r;
    }
  }
  recCache.set(key, rec);
  return rec;
}

/** Every record of a mode for the given distributions. */
export function* expRecords(mode: Mode, dists: (keyof typeof DISTRIBUTIONS)[]): Generator<ExpRecord> {
  // n − f = 6 correct vectors only for two-point distributions (3⁶ tuples per setting would dominate the budget)
  for (const dn of dists) for (const s of expSettings(mode)) if (s.n - s.f <= 5 || DISTRIBUTIONS[dn].values.length <= 2) yield expRecord(DISTRIBUTIONS[dn], s);
}

export const describeRecord = (r: ExpRecord) => `G=${r.dist.name} (g=${r.dist.g}, σ²=${+r.dist.sigma2.toFixed(6)}), n=${r.n} f=${r.f} m=${r.m} k=${r.k} [${r.reading}] Byzantine=${r.strategy}`;

export const expRegionText = (mode: Mode, dists: string) =>
  `exact expectations (every ordered tuple of correct values), d = 1, G ∈ {${dists}}; (f, n) ∈ {(0,3),(0,4),(0,5),(0,6),(1,5),(1,6),(2,7)${mode === 'full' ? ',(0,7)' : ''}}, every m ∈ [1, n − f − 2], readings k = m and k = n − f − 2, Byzantine strategies copy-min, copy-max, mean−σ, g−3σ; n − f = 6 only for two-point G`;
