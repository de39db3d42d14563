/**
 * The checks of Lemma 1's steps (proof map, issue #13): pointwise steps on
 * the exhaustive grid of lemma1Grid.ts (tie-free counterexamples preferred),
 * expectation steps on the exact expectations of lemma1Expect.ts, identities
 * between constants in exact bigint rationals, geometric implications with
 * fast-check. Each check's mutant is a deliberately wrong variant that must fail.
 */
import fc from 'fast-check';
import { settingArb, type Configuration, type NeighbourReading } from '../../claims/arbitraries';
import { multiKrumCase as mkCase } from '../../claims/checks/deterministic/multiKrumCase';
import { sumToCorrectNeighbours, sumToByzantineNeighbours, meanOfCorrectNeighbours, type MultiKrumCase } from '../../claims/checks/deterministic/multiKrumCase';
import { multiKrumAggregate } from '../../rules/krum';
import type { StepCheck, TestedRegion } from '../types';
import { gridCases, gridBoth, gridRegionText, describeCase, byzantineIStar, normOf, isTieFree, type GridCase } from './lemma1Grid';
import { expRecords, describeRecord, expRegionText, DISTRIBUTIONS, tuples, type ExpRecord } from './lemma1Expect';
import { exhaustiveCheck, exhaustiveRepair, propertyCheck, leqTol, eqTol, fmt, eta2, lemmaGrid, q, qAdd, qMul, qCmp, qStr, type Mode, type Q } from './frontKit';

type GridReading = NeighbourReading | 'both';

const gridRegion = (reading: GridReading) => (mode: Mode): TestedRegion => ({ text: gridRegionText(mode, reading === 'both' ? 'k = m and k = n − f − 2' : reading) });
const gridOf = (reading: GridReading) => (mode: Mode): Iterable<GridCase> => (reading === 'both' ? gridBoth(mode) : gridCases(mode, reading));

interface GridSpec {
  stepId: string; name: string; reading: GridReading; expected: 'holds' | 'fails'; statement: string; mutantDescription: string;
  /** Returns null when the step holds on the case, else a one-line reason. */
  violation(c: GridCase, mutant: boolean): string | null;
  relevant?(c: GridCase): boolean;
  /** `neighbours`: a case is tie-free when its neighbour sets are unique (steps about counts only). */
  ties?: 'full' | 'neighbours';
  repair?: { statement: string; reading: GridReading; violation(c: GridCase): string | null; relevant?(c: GridCase): boolean };
}

/** A pointwise step on the exhaustive grid. */
export function gridCheck(s: GridSpec): StepCheck {
  return exhaustiveCheck<GridCase>({
    stepId: s.stepId, name: s.name, reading: s.reading === 'both' ? 'k=m and k=n-f-2' : s.reading, expected: s.expected, statement: s.statement,
    mutantDescription: s.mutantDescription, region: gridRegion(s.reading), cases: gridOf(s.reading),
    predicate: (c, mutant) => s.violation(c, mutant) === null,
    describe: (c, mutant) => `${describeCase(c)} → ${s.violation(c, mutant)}`,
    tieFree: (c) => (s.ties === 'neighbours' ? c.neighboursTieFree : c.tieFree), relevant: s.relevant,
    repair: s.repair ? exhaustiveRepair<GridCase>(s.repair.statement, {
      stepId: s.stepId, region: gridRegion(s.repair.reading), cases: gridOf(s.repair.reading),
      predicate: (c) => s.repair!.violation(c) === null, describe: (c) => `${describeCase(c)} → ${s.repair!.violation(c)}`, tieFree: (c) => c.tieFree, relevant: s.repair.relevant,
    }) : undefined,
  });
}

interface ExpSpec {
  stepId: string; name: string; reading: string; expected: 'holds' | 'fails'; statement: string; mutantDescription: string;
  dists: (keyof typeof DISTRIBUTIONS)[];
  violation(r: ExpRecord, mutant: boolean): string | null;
  relevant?(r: ExpRecord): boolean;
  repair?: { statement: string; violation(r: ExpRecord): string | null; relevant?(r: ExpRecord): boolean; dists?: (keyof typeof DISTRIBUTIONS)[] };
}

/** An expectation step on the exact expectations. */
export function expCheck(s: ExpSpec): StepCheck {
  const region = (dists: string[]) => (mode: Mode): TestedRegion => ({ text: expRegionText(mode, dists.join(', ')) });
  return exhaustiveCheck<ExpRecord>({
    stepId: s.stepId, name: s.name, reading: s.reading, expected: s.expected, statement: s.statement, mutantDescription: s.mutantDescription,
    method: 'exact-expectation', region: region(s.dists), cases: (mode) => expRecords(mode, s.dists),
    predicate: (r, mutant) => s.violation(r, mutant) === null,
    describe: (r, mutant) => `${describeRecord(r)} → ${s.violation(r, mutant)}`,
    relevant: s.relevant,
    repair: s.repair ? exhaustiveRepair<ExpRecord>(s.repair.statement, {
      stepId: s.stepId, method: 'exact-expectation', region: region(s.repair.dists ?? s.dists), cases: (mode) => expRecords(mode, s.repair!.dists ?? s.dists),
      predicate: (r) => s.repair!.violation(r) === null, describe: (r) => `${describeRecord(r)} → ${s.repair!.violation(r)}`, relevant: s.repair.relevant,
    }) : undefined,
  });
}

const show = (a: number, op: string, b: number) => `${fmt(a)} ${op} ${fmt(b)}`;
const ALL_DISTS: (keyof typeof DISTRIBUTIONS)[] = ['sym3', 'skew2', 'shift2'];

// ------------------------------------------------------------------ L1.1

function countsViolation(c: GridCase, test: (dc: number, db: number, i: number) => string | null): string | null {
  for (let i = 0; i < c.config.n; i++) {
    const v = test(c.proof.deltaC[i], c.proof.deltaB[i], i);
    if (v) return `index ${i} (${c.isByzantine[i] ? 'Byzantine' : 'correct'}): δc=${c.proof.deltaC[i]}, δb=${c.proof.deltaB[i]}: ${v}`;
  }
  return null;
}

export const L11a = (reading: NeighbourReading): StepCheck => gridCheck({
  stepId: 'L1.1.a', ties: 'neighbours', name: `sum-${reading}`, reading, expected: reading === 'k=m' ? 'holds' : 'fails',
  statement: `δc(i) + δb(i) = m for every index i (${reading})`, mutantDescription: 'δc(i) + δb(i) = m + 1',
  violation: (c, mutant) => countsViolation(c, (dc, db) => (dc + db === c.config.m + (mutant ? 1 : 0) ? null : `δc+δb = ${dc + db} ≠ ${c.config.m + (mutant ? 1 : 0)}`)),
  repair: reading === 'k=m' ? undefined : { statement: 'δc(i) + δb(i) = k (the number of neighbours in a score)', reading, violation: (c) => countsViolation(c, (dc, db) => (dc + db === c.config.k ? null : 'δc+δb ≠ k')) },
});

export const L11b = (reading: NeighbourReading): StepCheck => gridCheck({
  stepId: 'L1.1.b', ties: 'neighbours', name: `lower-${reading}`, reading, expected: reading === 'k=m' ? 'fails' : 'holds',
  statement: `n − 2f − 2 <= δc(i) for every index i (${reading})`, mutantDescription: 'n − 2f − 1 <= δc(i)',
  violation: (c, mutant) => countsViolation(c, (dc) => (dc >= c.config.n - 2 * c.config.f - 2 + (mutant ? 1 : 0) ? null : `δc < n − 2f − ${mutant ? 1 : 2}`)),
  repair: reading === 'k=m' ? { statement: 'k − f <= δc(i) for every index (k = m: m − f <= δc(i)); it gives n − 2f − 2 only when m = n − f − 2', reading, violation: (c) => countsViolation(c, (dc) => (dc >= c.config.k - c.config.f ? null : 'δc < k − f')) } : undefined,
});

export const L11c = (reading: NeighbourReading): StepCheck => gridCheck({
  stepId: 'L1.1.c', ties: 'neighbours', name: `upper-${reading}`, reading, expected: reading === 'k=m' ? 'holds' : 'fails',
  statement: `δc(i) <= m for every index i (${reading})`, mutantDescription: 'δc(i) <= m − 1',
  violation: (c, mutant) => countsViolation(c, (dc) => (dc <= c.config.m - (mutant ? 1 : 0) ? null : `δc > m${mutant ? ' − 1' : ''}`)),
  repair: reading === 'k=m' ? undefined : { statement: 'δc(i) <= k', reading, violation: (c) => countsViolation(c, (dc) => (dc <= c.config.k ? null : 'δc > k')) },
});

export const L11d = gridCheck({
  stepId: 'L1.1.d', ties: 'neighbours', name: 'byzantine-count', reading: 'both', expected: 'holds',
  statement: 'δb(i) <= f for every index i', mutantDescription: 'δb(i) <= f − 1',
  violation: (c, mutant) => countsViolation(c, (_dc, db) => (db <= c.config.f - (mutant ? 1 : 0) ? null : `δb > f${mutant ? ' − 1' : ''}`)),
});

// ------------------------------------------------------------------ L1.14 (WLOG placement)

function permutedAggregateViolation(c: GridCase, mutant: boolean): string | null {
  const { n, f, m, k } = c.config;
  // Byzantine vectors first instead of last (mutant: a Byzantine vector's sign flipped instead)
  const vs = mutant
    ? c.vectors.map((v, i) => (i === n - 1 && f > 0 ? Float64Array.from(v, (x) => -x) : v))
    : [...c.vectors.slice(n - f), ...c.vectors.slice(0, n - f)];
  if (mutant && f === 0) return null;
  const other = multiKrumAggregate(vs, { f, m, k });
  for (let t = 0; t < other.length; t++) if (!eqTol(other[t], c.aggregate[t], 1e-12)) return `MK = (${Array.from(c.aggregate).map(fmt)}) with Byzantine last, (${Array.from(other).map(fmt)}) ${mutant ? 'with a Byzantine vector negated' : 'with Byzantine first'}`;
  return null;
}

export const L114 = gridCheck({
  stepId: 'L1.14', name: 'placement', reading: 'both', expected: 'fails',
  statement: 'MULTI-KRUM’s output does not depend on where the Byzantine vectors sit in the argument list (the WLOG)', mutantDescription: 'a Byzantine vector negated instead of moved',
  violation: permutedAggregateViolation,
  repair: { statement: 'On tie-free inputs (neighbour sets, selected set and i* unique) the output is invariant under moving the Byzantine vectors first', reading: 'both', violation: (c) => permutedAggregateViolation(c, false), relevant: (c) => c.tieFree },
});

// ------------------------------------------------------------------ L1.15 (E V_j = g)

export const L115 = exhaustiveCheck<keyof typeof DISTRIBUTIONS>({
  stepId: 'L1.15', name: 'unbiased', reading: 'as-printed', expected: 'holds', method: 'exact',
  statement: 'for every correct j, E V_j = g (each test distribution’s mean is its g)', mutantDescription: 'E V_j = g + σ',
  region: { text: 'the three test distributions sym3, skew2, shift2' }, cases: () => ['sym3', 'skew2', 'shift2'],
  predicate: (dn, mutant) => { const D = DISTRIBUTIONS[dn]; return eqTol(D.values.reduce((s, v, i) => s + v * D.probs[i], 0), D.g + (mutant ? Math.sqrt(D.sigma2) : 0)); },
  describe: (dn) => dn,
});

// ------------------------------------------------------------------ L1.2

export const L12a = expCheck({
  stepId: 'L1.2.a', name: 'first-link', reading: 'E-outside', expected: 'fails', dists: ALL_DISTS,
  statement: '‖E MK − g‖² <= ‖E[MK − (1/δc(i*)) Σ_{i*→correct j} V_j]‖² (expectation of the whole difference)', mutantDescription: 'right side divided by 4',
  relevant: (r) => r.pMuUndefined === 0,
  violation: (r, mutant) => { const l = (r.EMK - r.dist.g) ** 2, rr = r.EdiffMKmu ** 2 / (mutant ? 4 : 1); return leqTol(l, rr) ? null : show(l, '>', rr); },
  repair: { statement: 'Jensen without the detour through μ_{i*}: ‖E MK − g‖² <= E‖MK − g‖² (the first link needs E μ_{i*} = g, false: the correct neighbours of i* are chosen by the data)', violation: (r) => { const l = (r.EMK - r.dist.g) ** 2; return leqTol(l, r.EMKg2) ? null : show(l, '>', r.EMKg2); } },
});

export const L12b = expCheck({
  stepId: 'L1.2.b', name: 'jensen', reading: 'E-outside', expected: 'holds', dists: ALL_DISTS,
  statement: '‖E[MK − μ_{i*}]‖² <= E‖MK − μ_{i*}‖² (Jensen)', mutantDescription: 'Jensen reversed: E‖MK − μ‖² <= ‖E[MK − μ]‖²',
  relevant: (r) => r.pMuUndefined === 0,
  violation: (r, mutant) => { const l = mutant ? r.EsqMKmu : r.EdiffMKmu ** 2, rr = mutant ? r.EdiffMKmu ** 2 : r.EsqMKmu; return leqTol(l, rr) ? null : show(l, '>', rr); },
});

export const L12cPointwise = gridCheck({
  stepId: 'L1.2.c', name: 'pointwise', reading: 'both', expected: 'fails',
  statement: '‖MK − μ_{i*}‖² <= Σ_correct ‖V_i − μ_i‖² I(i* = i) + Σ_byz ‖B_k − μ_k‖² I(i* = k) = ‖x_{i*} − μ_{i*}‖² (pointwise, δc(i*) >= 1)', mutantDescription: 'right side halved',
  relevant: (c) => c.proof.deltaC[c.diag.worstSelected] >= 1,
  violation: (c, mutant) => {
    const s = c.diag.worstSelected, mu = meanOfCorrectNeighbours(c, s)!;
    const l = normOf(c.aggregate.map((x, t) => x - mu[t])) ** 2, rr = normOf(c.vectors[s].map((x, t) => x - mu[t])) ** 2 / (mutant ? 2 : 1);
    return leqTol(l, rr) ? null : `‖MK − μ‖² = ${show(l, '>', rr)} = ‖x_i* − μ‖²`;
  },
  repair: { statement: 'For m = 1 (Krum) MK = x_{i*} and the step is an equality', reading: 'both', relevant: (c) => c.config.m === 1 && c.proof.deltaC[c.diag.worstSelected] >= 1, violation: (c) => { const s = c.diag.worstSelected, mu = meanOfCorrectNeighbours(c, s)!; const l = normOf(c.aggregate.map((x, t) => x - mu[t])), rr = normOf(c.vectors[s].map((x, t) => x - mu[t])); return eqTol(l, rr) ? null : show(l, '≠', rr); } },
});

export const L12cExpectation = expCheck({
  stepId: 'L1.2.c', name: 'expectation', reading: 'E-outside', expected: 'fails', dists: ALL_DISTS,
  statement: 'E‖MK − μ_{i*}‖² <= E‖x_{i*} − μ_{i*}‖² (the printed sum of indicator terms)', mutantDescription: 'right side halved',
  relevant: (r) => r.pMuUndefined === 0,
  violation: (r, mutant) => { const rr = r.EsqIstarMu / (mutant ? 2 : 1); return leqTol(r.EsqMKmu, rr) ? null : show(r.EsqMKmu, '>', rr); },
  repair: { statement: 'For m = 1 the two sides are equal', relevant: (r) => r.m === 1 && r.pMuUndefined === 0, violation: (r) => (eqTol(r.EsqMKmu, r.EsqIstarMu) ? null : show(r.EsqMKmu, '≠', r.EsqIstarMu)) },
});

// ------------------------------------------------------------------ L1.3

function correctNeighbourMean(c: MultiKrumCase, i: number): number[] | null {
  const mu = meanOfCorrectNeighbours(c, i);
  return mu ? Array.from(mu) : null;
}

export const L13a = gridCheck({
  stepId: 'L1.3.a', name: 'identity', reading: 'both', expected: 'holds',
  statement: '‖V_i − (1/δc(i)) Σ_{i→c j} V_j‖² = ‖(1/δc(i)) Σ_{i→c j} (V_i − V_j)‖² for every correct i with δc(i) >= 1', mutantDescription: 'the factor 1/δc(i) dropped on the right',
  violation: (c, mutant) => {
    for (const i of c.correct) {
      const nb = c.diag.neighbours[i].filter((j) => !c.isByzantine[j]);
      if (nb.length === 0) continue;
      const mu = correctNeighbourMean(c, i)!;
      const l = normOf(c.vectors[i].map((x, t) => x - mu[t])) ** 2;
      const diff = Array.from(c.vectors[i], (x, t) => nb.reduce((s, j) => s + (x - c.vectors[j][t]), 0) / (mutant ? 1 : nb.length));
      const rr = normOf(diff) ** 2;
      if (!eqTol(l, rr)) return `i=${i}: ${show(l, '≠', rr)}`;
    }
    return null;
  },
});

export const L13b = gridCheck({
  stepId: 'L1.3.b', name: 'jensen', reading: 'both', expected: 'holds',
  statement: '‖(1/δc(i)) Σ (V_i − V_j)‖² <= (1/δc(i)) Σ_{i→c j} ‖V_i − V_j‖² for every correct i with δc(i) >= 1', mutantDescription: 'right side halved',
  violation: (c, mutant) => {
    for (const i of c.correct) {
      const dc = c.proof.deltaC[i];
      if (dc === 0) continue;
      const mu = correctNeighbourMean(c, i)!;
      const l = normOf(c.vectors[i].map((x, t) => x - mu[t])) ** 2, rr = sumToCorrectNeighbours(c, i) / dc / (mutant ? 2 : 1);
      if (!leqTol(l, rr)) return `i=${i}: ${show(l, '>', rr)}`;
    }
    return null;
  },
});

export const L13c = expCheck({
  stepId: 'L1.3.c', name: 'expectation', reading: 'E-of-random-average', expected: 'holds', dists: ALL_DISTS,
  statement: 'E[(1/δc(i)) Σ_{i→c j} ‖V_i − V_j‖²] <= 2dσ² for every correct i (the neighbour set is random)', mutantDescription: 'bound dσ² instead of 2dσ²',
  relevant: (r) => r.perCorrect.every((p) => p.pNoCorrectNeighbour === 0),
  violation: (r, mutant) => { for (let i = 0; i < r.perCorrect.length; i++) { const b = (mutant ? 1 : 2) * r.dist.sigma2; if (!leqTol(r.perCorrect[i].Eavg, b)) return `i=${i}: ${show(r.perCorrect[i].Eavg, '>', b)}`; } return null; },
});

// ------------------------------------------------------------------ L1.4, L1.5

function scoreComparison(c: GridCase, onlyAfter: boolean, slack: number): string | null {
  const k = byzantineIStar(c);
  if (k === null) return null;
  for (const i of c.correct) {
    if (onlyAfter && c.rank[i] < c.rank[k]) continue;
    const lhs = sumToCorrectNeighbours(c, k) + sumToByzantineNeighbours(c, k), rhs = sumToCorrectNeighbours(c, i) + sumToByzantineNeighbours(c, i) - slack;
    if (!leqTol(lhs, rhs)) return `i*=${k} Byzantine, correct i=${i}: score(i*) = ${show(lhs, '>', rhs + slack)} = score(i)`;
  }
  return null;
}

export const L14 = gridCheck({
  stepId: 'L1.4', name: 'score-comparison', reading: 'both', expected: 'fails',
  statement: 'when i* = k is Byzantine, score(k) <= score(i) for every correct i', mutantDescription: 'score(k) <= score(i) − 1',
  relevant: (c) => byzantineIStar(c) !== null,
  violation: (c, mutant) => scoreComparison(c, false, mutant ? 1 : 0),
  repair: { statement: 'score(k) <= score(i) for every correct i ranked after i* (i* is the m-th smallest score, not the smallest)', reading: 'both', relevant: (c) => byzantineIStar(c) !== null, violation: (c) => scoreComparison(c, true, 0) },
});

export const L15a = gridCheck({
  stepId: 'L1.5.a', name: 'jensen', reading: 'both', expected: 'holds',
  statement: '‖B_k − (1/δc(k)) Σ_{k→c j} V_j‖² <= (1/δc(k)) Σ_{k→c j} ‖B_k − V_j‖² for every Byzantine k with δc(k) >= 1', mutantDescription: 'right side halved',
  violation: (c, mutant) => {
    for (const k of c.byzantine) {
      const dc = c.proof.deltaC[k];
      if (dc === 0) continue;
      const mu = correctNeighbourMean(c, k)!;
      const l = normOf(c.vectors[k].map((x, t) => x - mu[t])) ** 2, rr = sumToCorrectNeighbours(c, k) / dc / (mutant ? 2 : 1);
      if (!leqTol(l, rr)) return `k=${k}: ${show(l, '>', rr)}`;
    }
    return null;
  },
});

/** Pairs (k = i* Byzantine, correct i) where L1.4's inequality holds: the premise of L1.5.b, L1.7.a, L1.11.a. */
function premisePairs(c: GridCase): [number, number][] {
  const k = byzantineIStar(c);
  if (k === null || c.proof.deltaC[k] === 0) return [];
  const out: [number, number][] = [];
  const sk = sumToCorrectNeighbours(c, k) + sumToByzantineNeighbours(c, k);
  for (const i of c.correct) if (leqTol(sk, sumToCorrectNeighbours(c, i) + sumToByzantineNeighbours(c, i))) out.push([k, i]);
  return out;
}

export const L15b = gridCheck({
  stepId: 'L1.5.b', name: 'implication', reading: 'both', expected: 'holds',
  statement: 'given L1.4 for (k = i*, i) and δc(k) >= 1: (1/δc(k)) Σ_{k→c j}‖B_k − V_j‖² <= (1/δc(k)) Σ_{i→c j}‖V_i − V_j‖² + D²(i), D²(i) = (1/δc(k)) Σ_{i→byz l}‖V_i − B_l‖²', mutantDescription: 'D²(i) dropped',
  relevant: (c) => premisePairs(c).length > 0,
  violation: (c, mutant) => {
    for (const [k, i] of premisePairs(c)) {
      const dck = c.proof.deltaC[k];
      const l = sumToCorrectNeighbours(c, k) / dck, rr = sumToCorrectNeighbours(c, i) / dck + (mutant ? 0 : sumToByzantineNeighbours(c, i) / dck);
      if (!leqTol(l, rr)) return `k=${k}, i=${i}: ${show(l, '>', rr)}`;
    }
    return null;
  },
});

// ------------------------------------------------------------------ L1.6

export const L16aCounts = (reading: NeighbourReading): StepCheck => exhaustiveCheck<{ n: number; f: number; m: number }>({
  stepId: 'L1.6.a', name: `counts-${reading}`, reading, expected: 'fails', method: 'exact',
  statement: `each correct i has m neighbours and f + 1 non-neighbours among the n − 1 others (${reading})`, mutantDescription: 'f + 2 non-neighbours',
  region: { text: 'every (n, f, m) with f <= 6, 2f + 3 <= n <= 2f + 13, 1 <= m <= n − f − 2' }, cases: () => lemmaGrid(6, 10),
  predicate: ({ n, f, m }, mutant) => { const k = reading === 'k=m' ? m : n - f - 2; return k === m && n - 1 - k === f + (mutant ? 2 : 1); },
  describe: ({ n, f, m }) => { const k = reading === 'k=m' ? m : n - f - 2; return `n=${n} f=${f} m=${m}: ${k} neighbours, ${n - 1 - k} non-neighbours`; },
  repair: exhaustiveRepair<{ n: number; f: number; m: number }>('each correct i has k neighbours and n − 1 − k >= f + 1 non-neighbours (k = m or k = n − f − 2, m <= n − f − 2); exactly m and f + 1 iff m = n − f − 2', {
    stepId: 'L1.6.a', method: 'exact', region: { text: 'every (n, f, m) with f <= 6, 2f + 3 <= n <= 2f + 13, 1 <= m <= n − f − 2' }, cases: () => lemmaGrid(6, 10),
    predicate: ({ n, f, m }) => { const k = reading === 'k=m' ? m : n - f - 2; return n - 1 - k >= f + 1 && ((k === m && n - 1 - k === f + 1) === (m === n - f - 2)); },
    describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}`,
  }),
});

function zetaViolation(c: GridCase, strict: boolean, factor: number): string | null {
  for (const i of c.correct) {
    const nb = new Set(c.diag.neighbours[i]);
    const far = Math.max(...c.diag.neighbours[i].map((j) => c.dist(i, j)));
    const ok = c.correct.some((j) => j !== i && !nb.has(j) && (strict ? c.dist(i, j) > far * factor : c.dist(i, j) >= far * factor));
    if (!ok) return `correct i=${i}: no correct non-neighbour ${strict ? 'strictly ' : ''}farther than its farthest neighbour (‖·‖² = ${fmt(far)})`;
  }
  return null;
}

export const L16b = (strict: boolean): StepCheck => gridCheck({
  stepId: 'L1.6.b', name: strict ? 'zeta-strict' : 'zeta', reading: 'both', expected: strict ? 'fails' : 'holds',
  statement: `every correct i has a correct non-neighbour ζ(i) ${strict ? 'strictly farther' : 'at least as far'} from i than each of its neighbours`, mutantDescription: 'ζ(i) at least twice as far (squared) as the farthest neighbour',
  violation: (c, mutant) => zetaViolation(c, strict, mutant ? 2 : 1),
});

export const L16c = gridCheck({
  stepId: 'L1.6.c', name: 'byzantine-neighbour-bound', reading: 'both', expected: 'holds',
  statement: '‖V_i − B_l‖² <= ‖V_i − V_ζ(i)‖² for every correct i and Byzantine l with i → l (ζ(i) the nearest correct non-neighbour)', mutantDescription: 'right side halved',
  relevant: (c) => c.correct.some((i) => c.proof.deltaB[i] > 0),
  violation: (c, mutant) => {
    for (const i of c.correct) for (const l of c.diag.neighbours[i]) {
      if (!c.isByzantine[l]) continue;
      const z = c.proof.zeta[i];
      if (z === null) return `i=${i}: no ζ(i)`;
      const rr = c.dist(i, z) / (mutant ? 2 : 1);
      if (!leqTol(c.dist(i, l), rr)) return `i=${i}, l=${l}: ${show(c.dist(i, l), '>', rr)}`;
    }
    return null;
  },
});

// ------------------------------------------------------------------ L1.7

function l17aRhs(c: GridCase, k: number, i: number, dropZeta: boolean): number {
  const dck = c.proof.deltaC[k], dbi = c.proof.deltaB[i], z = c.proof.zeta[i];
  const zt = dbi === 0 || dropZeta ? 0 : z === null ? Infinity : (dbi / dck) * c.dist(i, z);
  return sumToCorrectNeighbours(c, i) / dck + zt;
}

export const L17a = gridCheck({
  stepId: 'L1.7.a', name: 'whence', reading: 'both', expected: 'holds',
  statement: 'given L1.4 for (k = i*, i): ‖B_k − μ_k‖² <= (1/δc(k)) Σ_{i→c j}‖V_i − V_j‖² + (δb(i)/δc(k)) ‖V_i − V_ζ(i)‖²', mutantDescription: 'the δb(i) term dropped',
  relevant: (c) => premisePairs(c).length > 0,
  violation: (c, mutant) => {
    for (const [k, i] of premisePairs(c)) {
      const mu = correctNeighbourMean(c, k)!;
      const l = normOf(c.vectors[k].map((x, t) => x - mu[t])) ** 2, rr = l17aRhs(c, k, i, mutant);
      if (!leqTol(l, rr)) return `k=${k}, i=${i}: ${show(l, '>', rr)}`;
    }
    return null;
  },
});

export const L17b = expCheck({
  stepId: 'L1.7.b', name: 'expectation', reading: 'indicator-inside', expected: 'holds', dists: ALL_DISTS,
  statement: 'E[‖B_k − μ_k‖² I(i* = k)] <= E[((δc(i)/δc(k)) 2dσ² + (δb(i)/δc(k)) ‖V_i − V_ζ(i)‖²) I(i* = k)] for every correct i (counts random, inside the expectation)', mutantDescription: 'right side divided by 100',
  relevant: (r) => r.pByzIStar > 0,
  violation: (r, mutant) => {
    for (let i = 0; i < r.EL17rhs.length; i++) {
      const rr = r.EL17rhs[i] / (mutant ? 100 : 1);
      if (!leqTol(r.EL17lhs, rr)) return `i=${i}: ${show(r.EL17lhs, '>', rr)} (P(i* Byzantine) = ${fmt(r.pByzIStar)})`;
    }
    return null;
  },
});

export const L17c = expCheck({
  stepId: 'L1.7.c', name: 'zeta-bound', reading: 'unconditional', expected: 'fails', dists: ALL_DISTS,
  statement: 'Σ_{correct j≠i} E‖V_i − V_j‖² I(ζ(i) = j) = E‖V_i − V_ζ(i)‖² <= (m + 1) 2dσ² for every correct i', mutantDescription: 'bound (m + 1) dσ² / 4',
  relevant: (r) => r.perCorrect.every((p) => p.pNoZeta === 0),
  violation: (r, mutant) => { for (let i = 0; i < r.perCorrect.length; i++) { const b = (r.m + 1) * r.dist.sigma2 * (mutant ? 0.25 : 2); if (!leqTol(r.perCorrect[i].Ezeta, b)) return `i=${i}: E‖V_i − V_ζ(i)‖² = ${show(r.perCorrect[i].Ezeta, '>', b)}`; } return null; },
  repair: { statement: 'E‖V_i − V_ζ(i)‖² <= (δ + 1) 2dσ² with δ the largest possible δc(i) (= k: k + 1 neighbours-or-ζ among the nearest correct; k = m gives the printed m + 1)', violation: (r) => { for (let i = 0; i < r.perCorrect.length; i++) { const b = (r.k + 1) * 2 * r.dist.sigma2; if (!leqTol(r.perCorrect[i].Ezeta, b)) return `i=${i}: ${show(r.perCorrect[i].Ezeta, '>', b)}`; } return null; }, relevant: (r) => r.perCorrect.every((p) => p.pNoZeta === 0) },
});

type Counts = { n: number; f: number; m: number; dci: number; dck: number };
function* countCases(): Generator<Counts> {
  for (const { n, f, m } of lemmaGrid(6, 10)) {
    const lo = n - 2 * f - 2;
    for (let dci = lo; dci <= m; dci++) for (let dck = lo; dck <= m; dck++) if (m - dci <= f && dck >= 1) yield { n, f, m, dci, dck };
  }
}

export const L17dImplication = exhaustiveCheck<Counts>({
  stepId: 'L1.7.d', name: 'implication-from-L1.1', reading: 'as-printed', expected: 'holds', method: 'exact',
  statement: 'given L1.1 as printed (δc = m − δb, n − 2f − 2 <= δc <= m, δb <= f): δc(i)/δc(k) + (δb(i)/δc(k))(m + 1) <= m/(n − 2f − 2) + (f/(n − 2f − 2))(m + 1), exactly', mutantDescription: 'denominator n − 2f − 1 on the right',
  region: { text: 'every (n, f, m) with f <= 6, 2f + 3 <= n <= 2f + 13, 1 <= m <= n − f − 2, and every integer δc(i), δc(k) allowed by L1.1 as printed (vacuous unless m >= n − 2f − 2)' }, cases: countCases,
  predicate: ({ n, f, m, dci, dck }, mutant) => qCmp(q(dci + (m - dci) * (m + 1), dck), q(m + f * (m + 1), n - 2 * f - (mutant ? 1 : 2))) <= 0,
  describe: ({ n, f, m, dci, dck }) => `n=${n} f=${f} m=${m} δc(i)=${dci} δc(k)=${dck}: ${qStr(q(dci + (m - dci) * (m + 1), dck))} vs ${qStr(q(m + f * (m + 1), n - 2 * f - 2))}`,
});

export const L17dInMK = gridCheck({
  stepId: 'L1.7.d', name: 'in-multi-krum-grid', reading: 'both', expected: 'holds',
  statement: 'with MULTI-KRUM’s actual counts, i* = k Byzantine, every correct i: δc(i)/δc(k) + (δb(i)/δc(k))(m + 1) <= (m + f(m + 1))/(n − 2f − 2)', mutantDescription: 'right side halved',
  relevant: (c) => byzantineIStar(c) !== null,
  violation: (c, mutant) => {
    const k = byzantineIStar(c)!;
    const { n, f, m } = c.config, dck = c.proof.deltaC[k];
    for (const i of c.correct) {
      const l = dck === 0 ? Infinity : (c.proof.deltaC[i] + c.proof.deltaB[i] * (m + 1)) / dck, rr = (m + f * (m + 1)) / (n - 2 * f - 2) / (mutant ? 2 : 1);
      if (!leqTol(l, rr)) return `k=${k}, i=${i}: δc(i)=${c.proof.deltaC[i]}, δb(i)=${c.proof.deltaB[i]}, δc(k)=${dck}: ${show(l, '>', rr)}`;
    }
    return null;
  },
  repair: { statement: 'with k neighbours per score (k >= f): δc(i)/δc(k) + (δb(i)/δc(k))(m + 1) <= (k + f(m + 1))/(k − f + 1)', reading: 'both', relevant: (c) => byzantineIStar(c) !== null && c.config.k >= c.config.f, violation: (c) => {
    const k = byzantineIStar(c)!, { f, m } = c.config, kk = c.config.k, dck = c.proof.deltaC[k];
    for (const i of c.correct) { const l = (c.proof.deltaC[i] + c.proof.deltaB[i] * (m + 1)) / dck, rr = (kk + f * (m + 1)) / (kk - f + 1); if (!leqTol(l, rr)) return `i=${i}: ${show(l, '>', rr)}`; }
    return null;
  } },
});

// ------------------------------------------------------------------ L1.8

export const L18aInMK = expCheck({
  stepId: 'L1.8.a', name: 'in-multi-krum', reading: 'as-derived', expected: 'holds', dists: ALL_DISTS,
  statement: '‖E MK − g‖² <= (n − f)2dσ² + f(m/(n − 2f − 2) + f(m + 1)/(n − 2f − 2))2dσ²', mutantDescription: 'right side divided by 1000',
  violation: (r, mutant) => { const { n, f, m } = r; const den = n - 2 * f - 2; const b = ((n - f) * 2 + f * (m / den + (f * (m + 1)) / den) * 2) * r.dist.sigma2 / (mutant ? 1000 : 1); const l = (r.EMK - r.dist.g) ** 2; return leqTol(l, b) ? null : show(l, '>', b); },
});

function l18Sum(n: number, f: number, m: number): Q {
  const den = n - 2 * f - 2;
  return qMul(q(2), qAdd(q(n - f), qMul(q(f), qAdd(q(m, den), q(f * (m + 1), den)))));
}

export const L18b = exhaustiveCheck<{ n: number; f: number; m: number }>({
  stepId: 'L1.8.b', name: 'identity', reading: 'as-derived', expected: 'holds', method: 'exact',
  statement: '(n − f)2 + f(m/(n − 2f − 2) + f(m + 1)/(n − 2f − 2))2 = 2(n − f + (fm + f²(m + 1))/(n − 2f − 2)), exactly', mutantDescription: 'leading factor 1 instead of 2 on the right',
  region: { text: 'every (n, f, m) with f <= 10, 2f + 3 <= n <= 2f + 23, 1 <= m <= n − f − 2' }, cases: () => lemmaGrid(10, 20),
  predicate: ({ n, f, m }, mutant) => { const r = eta2(n, f, m, 'as-derived'); return qCmp(l18Sum(n, f, m), mutant ? qMul(r, q(1, 2)) : r) === 0; },
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}: ${qStr(l18Sum(n, f, m))} vs ${qStr(eta2(n, f, m, 'as-derived'))}`,
});

export const L18c = exhaustiveCheck<{ n: number; f: number; m: number }>({
  stepId: 'L1.8.c', name: 'equals-statement-eta', reading: 'as-printed', expected: 'fails', method: 'exact',
  statement: 'the bound equals η²(n, f) of Lemma 1’s statement (denominator m)', mutantDescription: 'η² of the statement doubled',
  region: { text: 'every (n, f, m) with f <= 10, 2f + 3 <= n <= 2f + 23, 1 <= m <= n − f − 2' }, cases: () => lemmaGrid(10, 20),
  predicate: ({ n, f, m }, mutant) => qCmp(l18Sum(n, f, m), qMul(eta2(n, f, m, 'as-printed'), q(mutant ? 2 : 1))) === 0,
  describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}: derived ${qStr(l18Sum(n, f, m))} ≠ statement’s η² ${qStr(eta2(n, f, m, 'as-printed'))}`,
  repair: exhaustiveRepair<{ n: number; f: number; m: number }>('the derived bound equals the statement’s η² iff f = 0 or m = n − 2f − 2; the statement’s η is at least the derived one iff f = 0 or m <= n − 2f − 2', {
    stepId: 'L1.8.c', method: 'exact', region: { text: 'every (n, f, m) with f <= 10, 2f + 3 <= n <= 2f + 23, 1 <= m <= n − f − 2' }, cases: () => lemmaGrid(10, 20),
    predicate: ({ n, f, m }) => (qCmp(l18Sum(n, f, m), eta2(n, f, m, 'as-printed')) === 0) === (f === 0 || m === n - 2 * f - 2) && (qCmp(eta2(n, f, m, 'as-printed'), l18Sum(n, f, m)) >= 0) === (f === 0 || m <= n - 2 * f - 2),
    describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}`,
  }),
});

// ------------------------------------------------------------------ L1.9 (geometry)

type Ball = { g: number[]; x: number[]; r: number };
/** g ≠ 0 and x with ‖x − g‖ <= r (r < ‖g‖ when `hyp`), in d ∈ {1, 2, 3}, small integers scaled. */
const ballArb = (hyp: boolean) => fc.integer({ min: 1, max: 3 }).chain((d) => fc.record({
  g: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: d, maxLength: d }).filter((v) => v.some((t) => t !== 0)),
  u: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: d, maxLength: d }),
  rFrac: fc.integer({ min: 0, max: 100 }), s: fc.integer({ min: 0, max: 100 }),
})).map(({ g, u, rFrac, s }) => {
  const gn = normOf(g), r = (hyp ? 0.999 : 2) * gn * rFrac / 100;
  const un = normOf(u);
  const x = un === 0 ? [...g] : g.map((t, i) => t + (u[i] / un) * r * (s / 100));
  return { g, x, r };
});

export const L19a = propertyCheck<Ball>({
  stepId: 'L1.9.a', name: 'ball-from-L1.8', reading: 'from-L1.8', expected: 'holds',
  statement: 'from L1.8 (‖E MK − g‖² <= η²dσ²): E MK lies in the ball of centre g and radius η√dσ', mutantDescription: 'radius η√dσ/2',
  region: { text: 'd ∈ {1, 2, 3}, g with integer coordinates in [-6, 6], x at distance <= r from g, r up to 2‖g‖' },
  arbitrary: () => ballArb(false),
  predicate: ({ g, x, r }, mutant) => { const d2 = normOf(x.map((t, i) => t - g[i])) ** 2; return !(d2 <= r * r * (1 + 1e-12)) || d2 <= (mutant ? r / 2 : r) ** 2 * (1 + 1e-12) + 1e-12; },
  describe: ({ g, x, r }) => `g=(${g}) x=(${x.map(fmt)}) r=${fmt(r)}`,
  runs: { quick: 300, full: 3000 },
});

export const L19aHypothesisOnly = propertyCheck<Ball>({
  stepId: 'L1.9.a', name: 'i.e.-from-hypothesis', reading: 'from-hypothesis', expected: 'fails',
  statement: '“by assumption η√dσ < ‖g‖, i.e., E MK belongs to the ball”: read as following from the hypothesis alone (any x is a possible E MK)', mutantDescription: 'radius halved',
  region: { text: 'd ∈ {1, 2, 3}, g with integer coordinates in [-6, 6], r < ‖g‖, x anywhere within 2r of g' },
  arbitrary: () => ballArb(true).map(({ g, x, r }) => ({ g, x: x.map((t, i) => g[i] + 2 * (t - g[i])), r })),
  predicate: ({ g, x, r }, mutant) => normOf(x.map((t, i) => t - g[i])) <= (mutant ? r / 2 : r) * (1 + 1e-12),
  describe: ({ g, x, r }) => `g=(${g}) r=${fmt(r)} < ‖g‖ = ${fmt(normOf(g))}, x=(${x.map(fmt)}) at distance ${fmt(normOf(x.map((t, i) => t - g[i])))} from g`,
  runs: { quick: 300, full: 3000 },
});

export const L19b = propertyCheck<Ball>({
  stepId: 'L1.9.b', name: 'ball-implies-scalar-product', reading: 'as-printed', expected: 'holds',
  statement: '‖x − g‖ <= r implies ⟨x, g⟩ >= (‖g‖ − r)‖g‖', mutantDescription: '⟨x, g⟩ >= (‖g‖ − r/2)‖g‖',
  region: { text: 'd ∈ {1, 2, 3}, g with integer coordinates in [-6, 6], x in the ball of radius r < ‖g‖ (relative tolerance 1e-9)' },
  arbitrary: () => ballArb(true),
  predicate: ({ g, x, r }, mutant) => { const gn = normOf(g); const dot = x.reduce((s, t, i) => s + t * g[i], 0); return leqTol((gn - (mutant ? r / 2 : r)) * gn, dot); },
  describe: ({ g, x, r }) => { const gn = normOf(g); return `g=(${g}) x=(${x.map(fmt)}) r=${fmt(r)}: ⟨x,g⟩=${fmt(x.reduce((s, t, i) => s + t * g[i], 0))} vs ${fmt((gn - r) * gn)}`; },
  runs: { quick: 300, full: 3000 },
});

type SinCase = { eta: number; d: number; sigma: number; g: number };
const sinArb = fc.record({ eta: fc.double({ min: 0.1, max: 20, noNaN: true }), d: fc.integer({ min: 1, max: 1000 }), sigma: fc.double({ min: 0, max: 5, noNaN: true }), g: fc.double({ min: 1e-3, max: 1e4, noNaN: true }) });

export const L19c = propertyCheck<SinCase>({
  stepId: 'L1.9.c', name: 'identity', reading: 'as-printed', expected: 'holds',
  statement: '(‖g‖ − η√dσ)‖g‖ = (1 − sin α)‖g‖² with sin α = η√dσ/‖g‖ (relative tolerance 1e-9)', mutantDescription: 'sin α = η√dσ/‖g‖²',
  region: { text: 'η ∈ [0.1, 20], d ∈ [1, 1000], σ ∈ [0, 5], ‖g‖ ∈ [1e-3, 1e4]' },
  arbitrary: () => sinArb,
  predicate: ({ eta, d, sigma, g }, mutant) => { const s = (eta * Math.sqrt(d) * sigma) / (mutant ? g * g : g); return Math.abs((g - eta * Math.sqrt(d) * sigma) * g - (1 - s) * g * g) <= 1e-9 * Math.max(1, g * g, eta * Math.sqrt(d) * sigma * g); },
  describe: (c) => JSON.stringify(c),
  runs: { quick: 300, full: 3000 },
});

type RatioCase = { eta: number; d: number; sigma: number; rho: number };
const ratioArb = fc.record({ eta: fc.double({ min: 0.1, max: 20, noNaN: true }), d: fc.integer({ min: 1, max: 1000 }), sigma: fc.double({ min: 1e-3, max: 5, noNaN: true }), rho: fc.double({ min: 0, max: 1.999, noNaN: true }) });

export const L113 = propertyCheck<RatioCase>({
  stepId: 'L1.13', name: 'alpha-well-defined', reading: 'as-printed', expected: 'holds',
  statement: 'η√dσ < ‖g‖ (σ >= 0) gives sin α = η√dσ/‖g‖ ∈ [0, 1), so 0 <= α < π/2 and (1 − sin α)‖g‖² > 0', mutantDescription: 'hypothesis weakened to η√dσ <= 2‖g‖',
  region: { text: 'η ∈ [0.1, 20], d ∈ [1, 1000], σ ∈ [1e-3, 5], ‖g‖ = η√dσ/ρ with ρ ∈ [0, 2) (cases with the hypothesis ρ < 1 met)' },
  arbitrary: () => ratioArb,
  predicate: ({ eta, d, sigma, rho }, mutant) => { const r = eta * Math.sqrt(d) * sigma; const g = rho === 0 ? r + 1 : r / rho; if (!(r < (mutant ? 2 * g : g))) return true; const s = r / g; return s >= 0 && s < 1 && Math.asin(s) < Math.PI / 2 && (1 - s) * g * g > 0; },
  describe: (c) => `${JSON.stringify(c)}: sin α = ${fmt(c.rho)}`,
  runs: { quick: 300, full: 3000 },
});

export const L1ConditionI = expCheck({
  stepId: 'L1', name: 'condition-i-exact', reading: 'as-printed', expected: 'holds', dists: ['shift2'],
  statement: 'condition (i) with the statement’s η (denominator m): ⟨E MK, g⟩ >= (1 − sin α)‖g‖², sin α = η√dσ/‖g‖', mutantDescription: 'sin α replaced by sin α / 100 (a cone 100 times narrower)',
  violation: (r, mutant) => { const g = r.dist.g, s = (Math.sqrt(Number(eta2(r.n, r.f, r.m, 'as-printed')[0]) / Number(eta2(r.n, r.f, r.m, 'as-printed')[1])) * Math.sqrt(r.dist.sigma2)) / g / (mutant ? 100 : 1); const l = r.EMK * g, rr = (1 - s) * g * g; return leqTol(rr, l) ? null : `⟨E MK, g⟩ = ${show(l, '<', rr)}`; },
});

// ------------------------------------------------------------------ L1.10

export const L110aPointwise = gridCheck({
  stepId: 'L1.10.a', name: 'pointwise', reading: 'both', expected: 'fails',
  statement: '‖MK‖^r = Σ_correct ‖V_i‖^r I(i* = i) + Σ_byz ‖B_k‖^r I(i* = k) = ‖x_{i*}‖^r, r = 2, 3, 4', mutantDescription: 'right side doubled',
  violation: (c, mutant) => { for (const r of [2, 3, 4]) { const l = normOf(c.aggregate) ** r, rr = normOf(c.vectors[c.diag.worstSelected]) ** r * (mutant ? 2 : 1); if (!eqTol(l, rr)) return `r=${r}: ‖MK‖^r = ${show(l, '≠', rr)}`; } return null; },
  repair: { statement: 'for m = 1 (Krum) MK = x_{i*}: the equality holds; for every m, ‖MK‖^r <= (1/m) Σ_selected ‖x_s‖^r (convexity)', reading: 'both', violation: (c) => { for (const r of [2, 3, 4]) { const l = normOf(c.aggregate) ** r; const conv = c.diag.selected.reduce((s, i) => s + normOf(c.vectors[i]) ** r, 0) / c.config.m; if (!leqTol(l, conv) || (c.config.m === 1 && !eqTol(l, normOf(c.vectors[c.diag.worstSelected]) ** r))) return `r=${r}`; } return null; } },
});

export const L110aExpectation = expCheck({
  stepId: 'L1.10.a', name: 'expectation', reading: 'as-printed', expected: 'fails', dists: ALL_DISTS,
  statement: 'E‖MK‖^r = E‖x_{i*}‖^r, r = 2, 3, 4', mutantDescription: 'right side doubled',
  violation: (r, mutant) => { for (const mo of r.moments) if (!eqTol(mo.EMKr, mo.EIstarR * (mutant ? 2 : 1))) return `r=${mo.r}: ${show(mo.EMKr, '≠', mo.EIstarR)}`; return null; },
  repair: { statement: 'for m = 1 the expectations are equal', relevant: (r) => r.m === 1, violation: (r) => { for (const mo of r.moments) if (!eqTol(mo.EMKr, mo.EIstarR)) return `r=${mo.r}`; return null; } },
});

export const L110b = expCheck({
  stepId: 'L1.10.b', name: 'correct-part', reading: 'as-printed', expected: 'holds', dists: ALL_DISTS,
  statement: 'Σ_correct E‖V_i‖^r I(i* = i) <= (n − f) E‖G‖^r, r = 2, 3, 4', mutantDescription: 'bound E‖G‖^r / (2(n − f))',
  violation: (r, mutant) => { for (const mo of r.moments) { const b = mutant ? mo.EGr / (2 * (r.n - r.f)) : (r.n - r.f) * mo.EGr; if (!leqTol(mo.EcorrectInd, b)) return `r=${mo.r}: ${show(mo.EcorrectInd, '>', b)}`; } return null; },
});

// ------------------------------------------------------------------ L1.11, L1.12

/** For i* = k Byzantine with δc(k) >= 1 and correct i: the chain's four expressions. */
function l111(c: GridCase, k: number, i: number) {
  const dck = c.proof.deltaC[k], dbi = c.proof.deltaB[i], z = c.proof.zeta[i];
  const zsq = dbi === 0 ? 0 : z === null ? Infinity : c.dist(i, z);
  const mu = correctNeighbourMean(c, k)!;
  const s0 = normOf(c.vectors[k].map((x, t) => x - mu[t]));
  const s1 = Math.sqrt(sumToCorrectNeighbours(c, i) / dck + (dbi / dck) * zsq);
  const s2 = sumToCorrectNeighbours(c, i, 1) / Math.sqrt(dck) + Math.sqrt(dbi / dck) * Math.sqrt(zsq);
  const total = c.correct.reduce((s, j) => s + normOf(c.vectors[j]), 0);
  return { s0, s1, s2, total, mu };
}

export const L111a = gridCheck({
  stepId: 'L1.11.a', name: 'square-root', reading: 'both', expected: 'holds',
  statement: 'given L1.4 for (k = i*, i): ‖B_k − μ_k‖ <= √((1/δc(k)) Σ_{i→c j}‖V_i − V_j‖² + (δb(i)/δc(k))‖V_i − V_ζ(i)‖²)', mutantDescription: 'the δb(i) term dropped under the root',
  relevant: (c) => premisePairs(c).length > 0,
  violation: (c, mutant) => { for (const [k, i] of premisePairs(c)) { const ch = l111(c, k, i); const rr = mutant ? Math.sqrt(sumToCorrectNeighbours(c, i) / c.proof.deltaC[k]) : ch.s1; if (!leqTol(ch.s0, rr)) return `k=${k}, i=${i}: ${show(ch.s0, '>', rr)}`; } return null; },
});

const byzStarWithCorrectNeighbour = (c: GridCase) => { const k = byzantineIStar(c); return k !== null && c.proof.deltaC[k] >= 1; };

export const L111b = gridCheck({
  stepId: 'L1.11.b', name: 'norm-equivalence-C1', reading: 'both', expected: 'holds',
  statement: '√((1/δc(k)) Σ‖V_i − V_j‖² + (δb(i)/δc(k))‖V_i − V_ζ(i)‖²) <= C(√(1/δc(k)) Σ‖V_i − V_j‖ + √(δb(i)/δc(k))‖V_i − V_ζ(i)‖) with C = 1, i* = k Byzantine, every correct i', mutantDescription: 'C = 1/2',
  relevant: byzStarWithCorrectNeighbour,
  violation: (c, mutant) => { const k = byzantineIStar(c)!; for (const i of c.correct) { const ch = l111(c, k, i); if (!leqTol(ch.s1, ch.s2 * (mutant ? 0.5 : 1))) return `i=${i}: ${show(ch.s1, '>', ch.s2)}`; } return null; },
});

export const L111c = gridCheck({
  stepId: 'L1.11.c', name: 'triangle', reading: 'both', expected: 'holds',
  statement: 'the middle expression <= C Σ_correct ‖V_j‖ with C = k + √f (a constant depending on n, f, m; k neighbours per score), i* = k Byzantine, every correct i', mutantDescription: 'C = 1/4',
  relevant: byzStarWithCorrectNeighbour,
  violation: (c, mutant) => { const k = byzantineIStar(c)!; const C = mutant ? 0.25 : c.config.k + Math.sqrt(c.config.f); for (const i of c.correct) { const ch = l111(c, k, i); if (!leqTol(ch.s2, C * ch.total)) return `i=${i}: ${show(ch.s2, '>', C * ch.total)} (C = ${fmt(C)})`; } return null; },
});

export const L112a = gridCheck({
  stepId: 'L1.12.a', name: 'triangle', reading: 'both', expected: 'holds',
  statement: '‖B_k‖ <= ‖B_k − μ_k‖ + ‖μ_k‖ for i* = k Byzantine with δc(k) >= 1', mutantDescription: '‖B_k‖ <= ‖B_k − μ_k‖',
  relevant: byzStarWithCorrectNeighbour,
  violation: (c, mutant) => { const k = byzantineIStar(c)!; const ch = l111(c, k, c.correct[0]); const l = normOf(c.vectors[k]), rr = ch.s0 + (mutant ? 0 : normOf(ch.mu)); return leqTol(l, rr) ? null : show(l, '>', rr); },
});

export const L112b = gridCheck({
  stepId: 'L1.12.b', name: 'byzantine-norm', reading: 'both', expected: 'holds',
  statement: 'given δc(k) >= 1 (L1.1.b): ‖B_k‖ <= C Σ_correct ‖V_j‖ with C = k + √f + 1, i* = k Byzantine', mutantDescription: 'C = 1/4',
  relevant: byzStarWithCorrectNeighbour,
  violation: (c, mutant) => { const k = byzantineIStar(c)!; const total = c.correct.reduce((s, j) => s + normOf(c.vectors[j]), 0); const C = mutant ? 0.25 : c.config.k + Math.sqrt(c.config.f) + 1; const l = normOf(c.vectors[k]); return leqTol(l, C * total) ? null : `‖B_k‖ = ${show(l, '>', C * total)}`; },
});

/** Compositions of r into `parts` non-negative parts. */
function* compositions(r: number, parts: number): Generator<number[]> {
  if (parts === 1) { yield [r]; return; }
  for (let a = 0; a <= r; a++) for (const rest of compositions(r - a, parts - 1)) yield [a, ...rest];
}

type MultiCase = { a: number[]; r: number };
function* multinomialCases(): Generator<MultiCase> {
  for (let N = 1; N <= 4; N++) for (const t of tuples(4, N)) for (const r of [2, 3, 4]) yield { a: t, r };
}

export const L112c = exhaustiveCheck<MultiCase>({
  stepId: 'L1.12.c', name: 'power', reading: 'C-absorbs-r!', expected: 'holds', method: 'exact',
  statement: '(Σ_j a_j)^r <= C Σ_{r_1+…+r_N = r} Π a_j^{r_j} with C = r! (so ‖B_k‖ <= C Σ‖V_j‖ gives ‖B_k‖^r <= C^r r! Σ Π‖V_j‖^{r_j})', mutantDescription: 'C = 1',
  region: { text: 'N ∈ [1, 4] non-negative integers a_j ∈ [0, 3], r ∈ {2, 3, 4}, exact integers' }, cases: multinomialCases,
  predicate: ({ a, r }, mutant) => { const lhs = BigInt(a.reduce((s, x) => s + x, 0)) ** BigInt(r); let sum = 0n; for (const c of compositions(r, a.length)) sum += c.reduce((p, e, j) => p * BigInt(a[j]) ** BigInt(e), 1n); const C = mutant ? 1n : BigInt([1, 1, 2, 6, 24][r]); return lhs <= C * sum; },
  describe: ({ a, r }) => `a=(${a}) r=${r}`,
});

type IndepCase = { dist: keyof typeof DISTRIBUTIONS; rs: number[] };
function* indepCases(): Generator<IndepCase> {
  for (const dist of ['sym3', 'skew2', 'shift2'] as const) for (const r of [2, 3, 4]) for (const rs of compositions(r, 3)) yield { dist, rs };
}

export const L112d = exhaustiveCheck<IndepCase>({
  stepId: 'L1.12.d', name: 'independence', reading: 'as-printed', expected: 'holds', method: 'exact',
  statement: 'for independent V_1, V_2, V_3 ~ G: E‖V_1‖^{r_1}‖V_2‖^{r_2}‖V_3‖^{r_3} = E‖G‖^{r_1} E‖G‖^{r_2} E‖G‖^{r_3}', mutantDescription: 'the product replaced by E‖G‖^{r_1 + r_2 + r_3}',
  region: { text: 'G ∈ {sym3, skew2, shift2}, every composition of r ∈ {2, 3, 4} into 3 parts, exact enumeration' }, cases: indepCases,
  predicate: ({ dist, rs }, mutant) => {
    const D = DISTRIBUTIONS[dist];
    let lhs = 0;
    for (const t of tuples(D.values.length, 3)) lhs += t.reduce((p, v) => p * D.probs[v], 1) * t.reduce((p, v, j) => p * Math.abs(D.values[v]) ** rs[j], 1);
    const mom = (r: number) => D.values.reduce((s, v, i) => s + Math.abs(v) ** r * D.probs[i], 0);
    const rhs = mutant ? mom(rs[0] + rs[1] + rs[2]) : rs.reduce((p, r) => p * mom(r), 1);
    return eqTol(lhs, rhs);
  },
  describe: ({ dist, rs }) => `${dist} r=(${rs})`,
});

type HolderCase = { vals: number[]; probs: number[]; a: number; b: number };
export const L112e = propertyCheck<HolderCase>({
  stepId: 'L1.12.e', name: 'merge-factors', reading: 'n-f-to-n-1-factors', expected: 'holds',
  statement: 'a product of n − f moments E‖G‖^{r_j} is bounded by one with fewer factors (E X^a E X^b <= E X^{a+b}, X >= 0), so the bound with n − f factors gives D3 (ii)’s form with n − 1 factors', mutantDescription: 'E X^a E X^b >= E X^{a+b}',
  region: { text: 'X >= 0 with 1–4 support points in [0, 10] and random weights; a, b ∈ {1, 2, 3}, a + b <= 4' },
  arbitrary: () => fc.integer({ min: 1, max: 4 }).chain((s) => fc.record({ vals: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: s, maxLength: s }), w: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: s, maxLength: s }), a: fc.integer({ min: 1, max: 3 }), b: fc.integer({ min: 1, max: 3 }) })).filter(({ a, b }) => a + b <= 4).map(({ vals, w, a, b }) => { const W = w.reduce((x, y) => x + y, 0); return { vals, probs: w.map((x) => x / W), a, b }; }),
  predicate: ({ vals, probs, a, b }, mutant) => { const E = (r: number) => vals.reduce((s, v, i) => s + v ** r * probs[i], 0); return mutant ? leqTol(E(a + b), E(a) * E(b)) : leqTol(E(a) * E(b), E(a + b)); },
  describe: (c) => JSON.stringify(c),
  runs: { quick: 300, full: 3000 },
});

// ------------------------------------------------------------------ random tie-free configurations (fast-check)


/** (n, f, m, k) from the claim registry's settingArb (n from 2f + 3 to 2f + 7, f <= 3), d ∈ {1, 2}, integer coordinates in [-30, 30], Byzantine last. */
const randomConfigArb = (reading: NeighbourReading | NeighbourReading[]) => settingArb({ reading, maxF: 3, maxExtra: 4 }).chain((st) => fc.integer({ min: 1, max: 2 }).chain((d) =>
  fc.array(fc.array(fc.integer({ min: -30, max: 30 }), { minLength: d, maxLength: d }), { minLength: st.n, maxLength: st.n }).map((vectors): Configuration => ({ ...st, d, vectors, byzantine: Array.from({ length: st.f }, (_, b) => st.n - st.f + b), strategies: [] }))));

interface RandomSpec {
  stepId: string; name: string; reading: NeighbourReading | NeighbourReading[]; expected: 'holds' | 'fails'; statement: string; mutantDescription: string;
  violation(c: GridCase, mutant: boolean): string | null;
  runs?: { quick: number; full: number };
}

/** A pointwise step on random configurations; only tie-free cases can refute it, so every counterexample (also after shrinking) is tie-free. */
export function randomTieFreeCheck(s: RandomSpec): StepCheck {
  const asCase = (cfg: Configuration): GridCase => { const c = mkCase(cfg) as GridCase; c.tieFree = isTieFree(c); c.neighboursTieFree = isTieFree(c, true); return c; };
  return propertyCheck<Configuration>({
    stepId: s.stepId, name: s.name, reading: Array.isArray(s.reading) ? s.reading.join(' and ') : s.reading, expected: s.expected, statement: s.statement, mutantDescription: s.mutantDescription,
    region: { text: `random tie-free configurations: f ∈ [0, 3], n ∈ [2f + 3, 2f + 7], m ∈ [1, n − f − 2], d ∈ {1, 2}, integer coordinates in [-30, 30], Byzantine last; readings ${Array.isArray(s.reading) ? s.reading.join(', ') : s.reading}` },
    arbitrary: () => randomConfigArb(s.reading),
    predicate: (cfg, mutant) => { const c = asCase(cfg); return !c.tieFree || s.violation(c, mutant) === null; },
    describe: (cfg, mutant) => { const c = asCase(cfg); return `${describeCase(c)} → ${s.violation(c, mutant)}`; },
    tieKind: () => 'tie-free',
    runs: s.runs ?? { quick: 1500, full: 15000 },
  });
}

export const L14Random = randomTieFreeCheck({
  stepId: 'L1.4', name: 'score-comparison-tie-free', reading: ['k=m', 'k=n-f-2'], expected: 'fails',
  statement: 'when i* = k is Byzantine, score(k) <= score(i) for every correct i', mutantDescription: 'score(k) <= score(i) − 1',
  violation: (c, mutant) => scoreComparison(c, false, mutant ? 1 : 0),
});

export const L12cRandom = randomTieFreeCheck({
  stepId: 'L1.2.c', name: 'pointwise-tie-free', reading: ['k=m', 'k=n-f-2'], expected: 'fails',
  statement: '‖MK − μ_{i*}‖² <= ‖x_{i*} − μ_{i*}‖² (pointwise, δc(i*) >= 1)', mutantDescription: 'right side halved',
  violation: (c, mutant) => {
    const s = c.diag.worstSelected;
    if (c.proof.deltaC[s] === 0) return null;
    const mu = meanOfCorrectNeighbours(c, s)!;
    const l = normOf(c.aggregate.map((x, t) => x - mu[t])) ** 2, rr = normOf(c.vectors[s].map((x, t) => x - mu[t])) ** 2 / (mutant ? 2 : 1);
    return leqTol(l, rr) ? null : `‖MK − μ‖² = ${show(l, '>', rr)} = ‖x_i* − μ‖²`;
  },
});

export const L17dRandom = randomTieFreeCheck({
  stepId: 'L1.7.d', name: 'in-multi-krum-tie-free', reading: ['k=m', 'k=n-f-2'], expected: 'fails',
  statement: 'with MULTI-KRUM’s actual counts, i* = k Byzantine, every correct i: δc(i)/δc(k) + (δb(i)/δc(k))(m + 1) <= (m + f(m + 1))/(n − 2f − 2)', mutantDescription: 'right side halved',
  runs: { quick: 2000, full: 20000 },
  violation: (c, mutant) => {
    const k = byzantineIStar(c);
    if (k === null) return null;
    const { n, f, m } = c.config, dck = c.proof.deltaC[k];
    for (const i of c.correct) {
      const l = dck === 0 ? Infinity : (c.proof.deltaC[i] + c.proof.deltaB[i] * (m + 1)) / dck, rr = (m + f * (m + 1)) / (n - 2 * f - 2) / (mutant ? 2 : 1);
      if (!leqTol(l, rr)) return `k=${k}, i=${i}: δc(i)=${c.proof.deltaC[i]}, δb(i)=${c.proof.deltaB[i]}, δc(k)=${dck}: ${show(l, '>', rr)}`;
    }
    return null;
  },
});
