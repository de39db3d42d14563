/**
 * Properties for the deterministic steps of Lemma 1's proof (L1.1, L1.3–L1.7,
 * L1.10–L1.12), evaluated on adversarial MULTI-KRUM inputs with the rule's own
 * diagnostics. Each neighbour-count reading (k = m as in the proof,
 * k = n − f − 2 as in Krum and the code, k = n − f − 1, k = n − f) is checked
 * where the step depends on it.
 *
 * The printed chain compares the Byzantine i* = k with "every correct i"
 * (L1.4). That is true only for correct i ranked after i*: for m >= 2 a
 * correct vector selected before i* has a smaller score. The repaired steps
 * quantify over correct i ranked after i* (there are at least n − f − m + 1 >= 3
 * of them, so the proof's bounds, which only need one, survive).
 */
import fc from 'fast-check';
import { configurationArb, selectedByzantineArb, smallIntegerVector, type Configuration, type ConfigurationOptions, type NeighbourReading } from '../../arbitraries';
import { norm, subtract } from '../../../vectors';
import { multiKrumCase, sumToCorrectNeighbours, sumToByzantineNeighbours, meanOfCorrectNeighbours, describeConfiguration, type MultiKrumCase } from './multiKrumCase';
import { fmt, leq, type DeterministicCheckSpec, type PropertySpec } from './propertyCheck';
import { configurationRegion, selectedRegion } from '../region';

const RUNS = { quick: 300, full: 3000 };
const configs = (o: ConfigurationOptions) => ({ arbitrary: () => configurationArb(o), region: configurationRegion(o) });
/** For the steps about a Byzantine i*: inputs in which Byzantine vectors get selected often. */
const selectedConfigs = (o: ConfigurationOptions) => ({ arbitrary: () => selectedByzantineArb(o), region: selectedRegion(o) });
const STAR_RUNS = { quick: 1000, full: 10000 };

/** i*, when it is Byzantine; otherwise null (the step under test concerns the case i* = k Byzantine). */
function byzantineIStar(c: MultiKrumCase): number | null {
  const k = c.diag.worstSelected;
  return c.isByzantine[k] ? k : null;
}

/** Correct indices the step is claimed for: all of them (as printed) or those ranked after i* (repaired). */
function comparedCorrect(c: MultiKrumCase, kStar: number, repaired: boolean): number[] {
  return repaired ? c.correct.filter((i) => c.rank[i] > c.rank[kStar]) : c.correct;
}

/** The condition of the steps about the case i* = k Byzantine. */
const BYZANTINE_I_STAR = { label: 'had a Byzantine i*', test: (cfg: Configuration) => byzantineIStar(multiKrumCase(cfg)) !== null };
/** L1.6's bound is about correct i with a Byzantine neighbour. */
const BYZANTINE_NEIGHBOUR = { label: 'had a correct i with a Byzantine neighbour', test: (cfg: Configuration) => { const c = multiKrumCase(cfg); return c.correct.some((i) => c.proof.deltaB[i] > 0); } };

// ------------------------------------------------------------------ L1.1

interface L11Violation { i: number; deltaC: number; deltaB: number; part: string }

/** The printed L1.1 at every index: δc + δb = m, n − 2f − 2 <= δc <= m, δb <= f. */
export function l11PrintedViolation(c: MultiKrumCase): L11Violation | null {
  const { n, f, m } = c.config;
  for (let i = 0; i < n; i++) {
    const dc = c.proof.deltaC[i], db = c.proof.deltaB[i];
    const part = dc + db !== m ? `δc+δb = ${dc + db} ≠ m = ${m}` : dc < n - 2 * f - 2 ? `δc = ${dc} < n−2f−2 = ${n - 2 * f - 2}` : dc > m ? `δc = ${dc} > m = ${m}` : db > f ? `δb = ${db} > f` : '';
    if (part) return { i, deltaC: dc, deltaB: db, part };
  }
  return null;
}

/** The repaired L1.1 with k neighbours per score: δc + δb = k, k − f <= δc <= k, δb <= f. */
export function l11RepairedViolation(c: MultiKrumCase): L11Violation | null {
  const { n, f, k } = c.config;
  for (let i = 0; i < n; i++) {
    const dc = c.proof.deltaC[i], db = c.proof.deltaB[i];
    const part = dc + db !== k ? `δc+δb ≠ k` : dc < k - f ? `δc < k − f` : dc > k ? `δc > k` : db > f ? `δb > f` : '';
    if (part) return { i, deltaC: dc, deltaB: db, part };
  }
  return null;
}

const describeL11 = (violation: (c: MultiKrumCase) => L11Violation | null) => (cfg: Configuration) => {
  const v = violation(multiKrumCase(cfg));
  return `${describeConfiguration(cfg)} → ${v ? `index ${v.i}: ${v.part}` : 'no violation'}`;
};

const L11_REPAIR: PropertySpec<Configuration> = {
  statement: 'With k neighbours per score: δc(i) + δb(i) = k, k − f <= δc(i) <= k, δb(i) <= f for every index i (the printed bounds are this with k = m = n − f − 2)',
  ...configs({}),
  predicate: (cfg) => l11RepairedViolation(multiKrumCase(cfg)) === null,
  describe: describeL11(l11RepairedViolation),
  numRuns: RUNS,
};

function l11Check(reading: NeighbourReading): DeterministicCheckSpec<Configuration> {
  return {
    claimId: 'L1.1', name: 'neighbour-counts', reading, method: 'property', expected: 'fails',
    statement: `L1.1 as printed (δc + δb = m, n − 2f − 2 <= δc <= m, δb <= f) under ${reading}`,
    ...configs({ reading }),
    predicate: (cfg) => l11PrintedViolation(multiKrumCase(cfg)) === null,
    describe: describeL11(l11PrintedViolation),
    numRuns: RUNS,
    repair: L11_REPAIR,
  };
}

const L11_AT_M_TILDE: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.1', name: 'neighbour-counts-at-m-tilde', reading: 'k=m', method: 'property', expected: 'holds',
  statement: 'L1.1 as printed with k = m = n − f − 2 (the only m for which the printed lower bound follows)',
  ...configs({ reading: 'k=m', m: 'tilde' }),
  predicate: (cfg) => l11PrintedViolation(multiKrumCase(cfg)) === null,
  describe: describeL11(l11PrintedViolation),
  numRuns: RUNS,
};

// ------------------------------------------------------------------ L1.3

/** The two sides of L1.3 in exact integer arithmetic (BigInt), scaled by δ² so nothing is divided. */
export function l13Sides(vi: number[], vjs: number[][]): { identityLeft: bigint; identityRight: bigint; lhs: bigint; rhs: bigint } {
  const d = vi.length, delta = BigInt(vjs.length);
  let identityLeft = 0n, identityRight = 0n, lhs = 0n, rhsSum = 0n;
  for (let t = 0; t < d; t++) {
    // δ·(V_i − mean V_j) and Σ (V_i − V_j): the identity's two sides, times δ
    const a = delta * BigInt(vi[t]) - vjs.reduce((s, v) => s + BigInt(v[t]), 0n);
    const b = vjs.reduce((s, v) => s + (BigInt(vi[t]) - BigInt(v[t])), 0n);
    identityLeft += a * a;
    identityRight += b * b;
    lhs += b * b;
  }
  for (const v of vjs) for (let t = 0; t < d; t++) { const w = BigInt(vi[t]) - BigInt(v[t]); rhsSum += w * w; }
  // ‖(1/δ) Σ w_j‖² <= (1/δ) Σ ‖w_j‖²  ⇔  ‖Σ w_j‖² <= δ Σ ‖w_j‖²
  return { identityLeft, identityRight, lhs, rhs: delta * rhsSum };
}

const l13Arb = () => fc.integer({ min: 1, max: 4 }).chain((d) => fc.record({
  vi: smallIntegerVector(d),
  vjs: fc.oneof(
    fc.array(smallIntegerVector(d), { minLength: 1, maxLength: 10 }),
    smallIntegerVector(d).chain((v) => fc.integer({ min: 1, max: 10 }).map((len) => Array.from({ length: len }, () => [...v]))), // all equal: equality case
  ),
}));

const L13_JENSEN: DeterministicCheckSpec<{ vi: number[]; vjs: number[][] }> = {
  claimId: 'L1.3', name: 'jensen-exact', reading: 'as-printed', method: 'exact', expected: 'holds',
  statement: 'L1.3 pointwise: ‖V_i − (1/δ)ΣV_j‖² = ‖(1/δ)Σ(V_i − V_j)‖² <= (1/δ)Σ‖V_i − V_j‖² for δ >= 1 vectors V_j (exact integer arithmetic)',
  arbitrary: l13Arb,
  region: 'd ∈ [1, 4], integer V_i and 1 to 10 vectors V_j in [−8, 8]^d (or all V_j equal); δ = their count stands for δc(i) at any n, f, m, k',
  predicate: ({ vi, vjs }) => { const s = l13Sides(vi, vjs); return s.identityLeft === s.identityRight && s.lhs <= s.rhs; },
  describe: ({ vi, vjs }) => { const s = l13Sides(vi, vjs); return `V_i=(${vi}) V_j=${JSON.stringify(vjs)}: δ²·lhs=${s.lhs} δ²·rhs=${s.rhs}`; },
  numRuns: { quick: 500, full: 5000 },
};

/** Every correct i has δc(i) >= 1, so L1.3 (which divides by δc(i)) is defined. */
function l13DefinedViolation(c: MultiKrumCase): number | null {
  for (const i of c.correct) if (c.proof.deltaC[i] < 1) return i;
  return null;
}

function l13Defined(reading: NeighbourReading, expected: 'holds' | 'fails'): DeterministicCheckSpec<Configuration> {
  return {
    claimId: 'L1.3', name: 'well-defined', reading, method: 'property', expected,
    statement: `L1.3 divides by δc(i): every correct i has a correct neighbour (δc(i) >= 1) under ${reading}`,
    ...configs({ reading }),
    predicate: (cfg) => l13DefinedViolation(multiKrumCase(cfg)) === null,
    describe: (cfg) => `${describeConfiguration(cfg)} → correct index ${l13DefinedViolation(multiKrumCase(cfg))} has δc = 0`,
    numRuns: RUNS,
    repair: expected === 'fails' ? {
      statement: 'Under k = m, δc(i) >= k − f >= 1 for every correct i once m >= f + 1',
      arbitrary: () => configurationArb({ reading: 'k=m', m: 'at-least-f' }).filter((c) => c.m >= c.f + 1),
      predicate: (cfg) => l13DefinedViolation(multiKrumCase(cfg)) === null,
      describe: (cfg) => describeConfiguration(cfg),
      numRuns: RUNS,
    } : undefined,
  };
}

// ------------------------------------------------------------------ L1.4, L1.5

/** L1.4's two sides for a Byzantine k and a correct i, from the printed sums. */
export function l14Sides(c: MultiKrumCase, k: number, i: number): { lhs: number; rhs: number } {
  return {
    lhs: sumToCorrectNeighbours(c, k) + sumToByzantineNeighbours(c, k),
    rhs: sumToCorrectNeighbours(c, i) + sumToByzantineNeighbours(c, i),
  };
}

function l14Violation(c: MultiKrumCase, repaired: boolean): { k: number; i: number; lhs: number; rhs: number } | null {
  const k = byzantineIStar(c);
  if (k === null) return null;
  for (const i of comparedCorrect(c, k, repaired)) {
    const s = l14Sides(c, k, i);
    if (!leq(s.lhs, s.rhs, 1e-12)) return { k, i, ...s };
  }
  return null;
}

const describeL14 = (repaired: boolean) => (cfg: Configuration) => {
  const c = multiKrumCase(cfg), v = l14Violation(c, repaired);
  return `${describeConfiguration(cfg)} → i*=${c.diag.worstSelected}, selected [${c.diag.selected}]${v ? `; correct i=${v.i}: score(i*)=${fmt(v.lhs)} > score(i)=${fmt(v.rhs)}` : ''}`;
};

const L14_REPAIR: PropertySpec<Configuration> = {
  statement: 'If a Byzantine k is i*, score(k) <= score(i) for every correct i ranked after i* (at least n − f − m + 1 of them)',
  ...selectedConfigs({}),
  predicate: (cfg) => {
    const c = multiKrumCase(cfg), k = byzantineIStar(c);
    if (k === null) return true;
    return comparedCorrect(c, k, true).length >= c.config.n - c.config.f - c.config.m + 1 && l14Violation(c, true) === null;
  },
  describe: describeL14(true),
  relevant: BYZANTINE_I_STAR,
  numRuns: STAR_RUNS,
};

const L14_PRINTED: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.4', name: 'score-comparison', reading: 'as-printed', method: 'property', expected: 'fails',
  statement: 'L1.4 as printed: when a Byzantine k is i* (the worst selected), score(k) <= score(i) for every correct i (every neighbour reading drawn)',
  ...selectedConfigs({ m: 'at-least-2', strategies: 'finite' }),
  predicate: (cfg) => l14Violation(multiKrumCase(cfg), false) === null,
  describe: describeL14(false),
  relevant: BYZANTINE_I_STAR,
  numRuns: STAR_RUNS,
  repair: L14_REPAIR,
  notes: 'For m = 1 (Krum) i* minimises the score and the printed statement holds (check `score-comparison-m1`).',
};

const L14_M1: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.4', name: 'score-comparison-m1', reading: 'as-printed', method: 'property', expected: 'holds',
  statement: 'L1.4 with m = 1 (Krum): a Byzantine i* has score <= that of every correct i',
  ...selectedConfigs({ m: 'one' }),
  predicate: (cfg) => l14Violation(multiKrumCase(cfg), false) === null,
  describe: describeL14(false),
  relevant: BYZANTINE_I_STAR,
  numRuns: STAR_RUNS,
};

function l15JensenViolation(c: MultiKrumCase): { k: number; lhs: number; rhs: number } | null {
  for (const k of c.byzantine) {
    const mu = meanOfCorrectNeighbours(c, k);
    if (mu === null || !c.vectors[k].every(Number.isFinite)) continue;
    const lhs = norm(subtract(c.vectors[k], mu)) ** 2;
    const rhs = sumToCorrectNeighbours(c, k) / c.proof.deltaC[k];
    if (!leq(lhs, rhs)) return { k, lhs, rhs };
  }
  return null;
}

const L15_JENSEN: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.5', name: 'jensen', reading: 'as-printed', method: 'property', expected: 'holds',
  statement: 'L1.5 first step: ‖B_k − (1/δc(k))Σ_{k→correct j}V_j‖² <= (1/δc(k))Σ_{k→correct j}‖B_k − V_j‖² for every finite Byzantine k with δc(k) >= 1 (relative tolerance 1e-9)',
  ...configs({}),
  predicate: (cfg) => l15JensenViolation(multiKrumCase(cfg)) === null,
  describe: (cfg) => { const v = l15JensenViolation(multiKrumCase(cfg)); return `${describeConfiguration(cfg)} → ${v ? `k=${v.k}: ${fmt(v.lhs)} > ${fmt(v.rhs)}` : 'none'}`; },
  numRuns: RUNS,
};

function l15BoundViolation(c: MultiKrumCase, repaired: boolean): { k: number; i: number; lhs: number; rhs: number } | null {
  const k = byzantineIStar(c);
  if (k === null) return null;
  const dck = c.proof.deltaC[k];
  for (const i of comparedCorrect(c, k, repaired)) {
    const lhs = sumToCorrectNeighbours(c, k) / dck;
    const rhs = sumToCorrectNeighbours(c, i) / dck + sumToByzantineNeighbours(c, i) / dck;
    if (!leq(lhs, rhs, 1e-12)) return { k, i, lhs, rhs };
  }
  return null;
}

const L15_BOUND: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.5', name: 'bound-by-correct-i', reading: 'as-printed', method: 'property', expected: 'fails',
  statement: 'L1.5 second step: (1/δc(k))Σ_{k→c}‖B_k − V_j‖² <= (1/δc(k))Σ_{i→c}‖V_i − V_j‖² + D²(i) for every correct i, when i* = k is Byzantine (every neighbour reading drawn)',
  ...selectedConfigs({ m: 'at-least-2', strategies: 'finite' }),
  predicate: (cfg) => l15BoundViolation(multiKrumCase(cfg), false) === null,
  describe: (cfg) => { const c = multiKrumCase(cfg), v = l15BoundViolation(c, false); return `${describeConfiguration(cfg)} → selected [${c.diag.selected}]${v ? `; k=${v.k}, correct i=${v.i}: ${fmt(v.lhs)} > ${fmt(v.rhs)}` : ''}`; },
  relevant: BYZANTINE_I_STAR,
  numRuns: STAR_RUNS,
  repair: {
    statement: 'The same bound for every correct i ranked after i*, whenever δc(k) >= 1 (guaranteed when k >= f; it follows from the repaired L1.4)',
    ...selectedConfigs({ m: 'at-least-f' }),
    predicate: (cfg) => l15BoundViolation(multiKrumCase(cfg), true) === null,
    describe: (cfg) => describeConfiguration(cfg),
    relevant: BYZANTINE_I_STAR,
    numRuns: STAR_RUNS,
  },
};

// ------------------------------------------------------------------ L1.6

/** For correct i: ζ(i) exists (when required) and ‖V_i − x_l‖² <= ‖V_i − V_ζ(i)‖² for every neighbour l. `onlyWithByzantineNeighbour`: require ζ only when δb(i) >= 1 (all the proof uses). */
function l16Violation(c: MultiKrumCase, onlyWithByzantineNeighbour: boolean): { i: number; why: string } | null {
  for (const i of c.correct) {
    if (onlyWithByzantineNeighbour && c.proof.deltaB[i] === 0) continue;
    const z = c.proof.zeta[i];
    if (z === null) return { i, why: `correct i=${i} has no correct non-neighbour (δb(i)=${c.proof.deltaB[i]})` };
    for (const l of c.diag.neighbours[i]) if (!(c.dist(i, l) <= c.dist(i, z))) return { i, why: `neighbour ${l} of i=${i} is farther than ζ(i)=${z}` };
  }
  return null;
}

const describeL16 = (only: boolean) => (cfg: Configuration) => `${describeConfiguration(cfg)} → ${l16Violation(multiKrumCase(cfg), only)?.why ?? 'none'}`;

const L16_CONSEQUENCE: PropertySpec<Configuration> = {
  statement: 'For every correct i with a Byzantine neighbour, a correct non-neighbour ζ(i) exists and ‖V_i − B_l‖² <= ‖V_i − V_ζ(i)‖² for every Byzantine l with i → l; this holds iff k <= n − f − 1 (ζ(i) exists for every correct i iff k <= n − f − 2)',
  ...configs({ reading: ['k=m', 'k=n-f-2', 'k=n-f-1'] }),
  predicate: (cfg) => l16Violation(multiKrumCase(cfg), true) === null,
  describe: describeL16(true),
  relevant: BYZANTINE_NEIGHBOUR,
  numRuns: RUNS,
};

function l16Check(reading: NeighbourReading, expected: 'holds' | 'fails'): DeterministicCheckSpec<Configuration> {
  return {
    claimId: 'L1.6', name: 'zeta', reading, method: 'property', expected,
    statement: `L1.6 as printed under ${reading}: every correct i has a correct non-neighbour ζ(i) at least as far as each of its neighbours`,
    ...configs({ reading }),
    predicate: (cfg) => l16Violation(multiKrumCase(cfg), false) === null,
    describe: describeL16(false),
    relevant: BYZANTINE_NEIGHBOUR,
    numRuns: RUNS,
    repair: expected === 'fails' ? L16_CONSEQUENCE : undefined,
    notes: reading === 'k=n-f' ? 'Under k = n − f a correct i whose single Byzantine neighbour is its farthest has no correct vector farther away: the bound itself fails, not only ζ’s existence. The repair quantifies over k <= n − f − 1.' : undefined,
  };
}

// ------------------------------------------------------------------ L1.7 (algebra)

/** Exact integer comparison of (δc(i) + δb(i)(m + 1)) / δc(k) <= num / den. */
function l17Violation(c: MultiKrumCase, bound: (n: number, f: number, m: number, k: number) => [number, number]): { i: number; k: number; lhs: string; rhs: string } | null {
  const kStar = byzantineIStar(c);
  if (kStar === null) return null;
  const { n, f, m, k } = c.config;
  const [num, den] = bound(n, f, m, k);
  const dck = c.proof.deltaC[kStar];
  for (const i of c.correct) {
    const top = c.proof.deltaC[i] + c.proof.deltaB[i] * (m + 1);
    if (dck === 0 || top * den > num * dck) return { i, k: kStar, lhs: `${top}/${dck}`, rhs: `${num}/${den}` };
  }
  return null;
}

const PRINTED_L17 = (n: number, f: number, m: number): [number, number] => [m + f * (m + 1), n - 2 * f - 2];
const REPAIRED_L17 = (_n: number, f: number, m: number, k: number): [number, number] => [k + f * (m + 1), k - f + 1];
const describeL17 = (b: typeof REPAIRED_L17) => (cfg: Configuration) => { const v = l17Violation(multiKrumCase(cfg), b); return `${describeConfiguration(cfg)} → ${v ? `i=${v.i}, k=i*=${v.k}: (δc(i)+δb(i)(m+1))/δc(k) = ${v.lhs} > ${v.rhs}` : 'none'}`; };

function l17Check(reading: NeighbourReading): DeterministicCheckSpec<Configuration> {
  return {
    claimId: 'L1.7', name: 'coefficient-algebra', reading, method: 'property', expected: 'fails',
    statement: `L1.7 last step under ${reading}: δc(i)/δc(k) + (δb(i)/δc(k))(m + 1) <= (m + f(m + 1))/(n − 2f − 2) when i* = k is Byzantine, for every correct i`,
    ...selectedConfigs({ reading, strategies: 'finite' }),
    predicate: (cfg) => l17Violation(multiKrumCase(cfg), PRINTED_L17) === null,
    describe: describeL17(PRINTED_L17),
    relevant: BYZANTINE_I_STAR,
    numRuns: { quick: 600, full: 6000 },
    repair: {
      statement: 'With k neighbours per score and k >= f: δc(i)/δc(k) + (δb(i)/δc(k))(m + 1) <= (k + f(m + 1))/(k − f + 1) (δc(i) <= k, δb(i) <= f, δc(k) >= k − f + 1 for Byzantine k); it implies the printed bound when k = m = n − f − 2',
      ...selectedConfigs({ m: 'at-least-f' }),
      predicate: (cfg) => l17Violation(multiKrumCase(cfg), REPAIRED_L17) === null,
      describe: describeL17(REPAIRED_L17),
      relevant: BYZANTINE_I_STAR,
      numRuns: STAR_RUNS,
    },
  };
}

const L17_AT_M_TILDE: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.7', name: 'coefficient-algebra-at-m-tilde', reading: 'k=m', method: 'property', expected: 'holds',
  statement: 'L1.7 last step as printed with k = m = n − f − 2',
  ...selectedConfigs({ reading: 'k=m', m: 'tilde' }),
  predicate: (cfg) => l17Violation(multiKrumCase(cfg), PRINTED_L17) === null,
  describe: describeL17(PRINTED_L17),
  relevant: BYZANTINE_I_STAR,
  numRuns: STAR_RUNS,
};

// ------------------------------------------------------------------ L1.10 (pointwise)

function l10Violation(c: MultiKrumCase, repaired: boolean): { r: number; lhs: number; rhs: number } | null {
  const mk = norm(c.aggregate);
  for (const r of [2, 3, 4]) {
    const lhs = mk ** r;
    if (!repaired) {
      const rhs = norm(c.vectors[c.diag.worstSelected]) ** r; // Σ_i ‖x_i‖^r I(i* = i)
      if (!(lhs === rhs || Math.abs(lhs - rhs) <= 1e-9 * Math.max(lhs, rhs))) return { r, lhs, rhs };
    } else {
      const jensen = c.diag.selected.reduce((s, i) => s + norm(c.vectors[i]) ** r, 0) / c.config.m;
      const total = c.correct.reduce((s, i) => s + norm(c.vectors[i]) ** r, 0) + c.byzantine.filter((k) => c.rank[k] < c.config.m).reduce((s, k) => s + norm(c.vectors[k]) ** r, 0);
      if (!leq(lhs, jensen) || !leq(jensen, total)) return { r, lhs, rhs: Math.min(jensen, total) };
    }
  }
  return null;
}

const describeL10 = (repaired: boolean) => (cfg: Configuration) => { const c = multiKrumCase(cfg), v = l10Violation(c, repaired); return `${describeConfiguration(cfg)} → MK=(${Array.from(c.aggregate).map(fmt)}), i*=${c.diag.worstSelected}${v ? `; r=${v.r}: ‖MK‖^r=${fmt(v.lhs)} vs ${fmt(v.rhs)}` : ''}`; };

const L110_POINTWISE: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.10', name: 'pointwise', reading: 'as-printed', method: 'property', expected: 'fails',
  statement: 'L1.10 read pointwise: ‖MK‖^r = Σ_correct ‖V_i‖^r I(i* = i) + Σ_byz ‖B_k‖^r I(i* = k) = ‖x_{i*}‖^r, r = 2, 3, 4, m >= 2 (every neighbour reading drawn)',
  ...configs({ m: 'at-least-2' }),
  predicate: (cfg) => l10Violation(multiKrumCase(cfg), false) === null,
  describe: describeL10(false),
  numRuns: RUNS,
  repair: {
    statement: '‖MK‖^r <= (1/m)Σ_{selected s}‖x_s‖^r <= Σ_correct ‖V_i‖^r + Σ_byz ‖B_k‖^r I(k selected), r = 2, 3, 4 (convexity of ‖·‖^r; relative tolerance 1e-9)',
    ...configs({}),
    predicate: (cfg) => l10Violation(multiKrumCase(cfg), true) === null,
    describe: describeL10(true),
    numRuns: RUNS,
  },
  notes: 'The identity is that of Krum (m = 1), where the output is x_{i*}; MULTI-KRUM averages m vectors. The expectation bound of L1.10 still follows from the repaired pointwise bound (with (n − f) replaced by the same sum over all correct workers).',
};

const L110_M1: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.10', name: 'pointwise-m1', reading: 'as-printed', method: 'property', expected: 'holds',
  statement: 'L1.10 read pointwise with m = 1: ‖MK‖^r = ‖x_{i*}‖^r',
  ...configs({ m: 'one' }),
  predicate: (cfg) => l10Violation(multiKrumCase(cfg), false) === null,
  describe: describeL10(false),
  numRuns: RUNS,
};

// ------------------------------------------------------------------ L1.11, L1.12

/** C of the last step of L1.11 that holds for every configuration with k neighbours (k >= f): k / √(k − f + 1). */
export const l111Constant = (k: number, f: number) => k / Math.sqrt(k - f + 1);
/** C of L1.12: ‖B_k‖ <= (k/√(k − f + 1) + 1/(k − f + 1)) Σ_correct ‖V_j‖. */
export const l112Constant = (k: number, f: number) => l111Constant(k, f) + 1 / (k - f + 1);

/** The three sides of L1.11's chain for i* = k and a correct i. */
export function l111Chain(c: MultiKrumCase, k: number, i: number): { s0: number; s1: number; s2: number; s3: number; C3: number } {
  const dck = c.proof.deltaC[k], db = c.proof.deltaB[i], z = c.proof.zeta[i];
  const mu = meanOfCorrectNeighbours(c, k)!;
  const zetaSq = db === 0 ? 0 : z === null ? Infinity : c.dist(i, z);
  const s0 = norm(subtract(c.vectors[k], mu));
  const s1 = Math.sqrt(sumToCorrectNeighbours(c, i) / dck + (db / dck) * zetaSq);
  const s2 = Math.sqrt(1 / dck) * sumToCorrectNeighbours(c, i, 1) + Math.sqrt(db / dck) * Math.sqrt(zetaSq);
  const total = c.correct.reduce((s, j) => s + norm(c.vectors[j]), 0);
  const C3 = l111Constant(c.config.k, c.config.f);
  return { s0, s1, s2, s3: C3 * total, C3 };
}

function l111Violation(c: MultiKrumCase, repaired: boolean): { i: number; step: string; chain: ReturnType<typeof l111Chain> } | null {
  const k = byzantineIStar(c);
  if (k === null || c.proof.deltaC[k] === 0) return null;
  for (const i of comparedCorrect(c, k, repaired)) {
    const ch = l111Chain(c, k, i);
    const step = !leq(ch.s0, ch.s1) ? 'first' : !leq(ch.s1, ch.s2) ? 'second (C = 1)' : !leq(ch.s2, ch.s3) ? 'third (C = k/√(k−f+1))' : '';
    if (step) return { i, step, chain: ch };
  }
  return null;
}

const describeL111 = (repaired: boolean) => (cfg: Configuration) => { const c = multiKrumCase(cfg), v = l111Violation(c, repaired); return `${describeConfiguration(cfg)} → selected [${c.diag.selected}]${v ? `; i=${v.i}, ${v.step} inequality fails: ${[v.chain.s0, v.chain.s1, v.chain.s2, v.chain.s3].map(fmt).join(' ≤? ')}` : ''}`; };

const L111_CHAIN: DeterministicCheckSpec<Configuration> = {
  claimId: 'L1.11', name: 'norm-chain', reading: 'as-printed', method: 'property', expected: 'fails',
  statement: 'L1.11 as printed (i* = k Byzantine, every correct i, k = n − f − 2): ‖B_k − μ_k‖ <= √(Σ_{i→c}‖V_i−V_j‖²/δc(k) + (δb(i)/δc(k))‖V_i−V_ζ(i)‖²) <= C(Σ_{i→c}‖V_i−V_j‖/√δc(k) + √(δb(i)/δc(k))‖V_i−V_ζ(i)‖) <= C Σ_correct‖V_j‖',
  // general adversarial inputs, and (3 in 4) copies of a correct vector placed first so that ties make them i*:
  // the failure needs a Byzantine i* with a correct vector selected before it, which random inputs rarely give
  arbitrary: () => fc.oneof(
    { weight: 1, arbitrary: configurationArb({ reading: 'k=n-f-2', m: 'at-least-2', strategies: 'finite' }) },
    { weight: 3, arbitrary: configurationArb({ reading: 'k=n-f-2', m: 'at-least-2', strategies: ['copy'], minF: 1, maxF: 2, maxD: 2, placement: 'first' }) },
  ),
  region: `${configurationRegion({ reading: 'k=n-f-2', m: 'at-least-2', strategies: 'finite' })}; 3 cases in 4: ${configurationRegion({ reading: 'k=n-f-2', m: 'at-least-2', strategies: ['copy'], minF: 1, maxF: 2, maxD: 2, placement: 'first' })}`,
  predicate: (cfg) => l111Violation(multiKrumCase(cfg), false) === null,
  describe: describeL111(false),
  relevant: BYZANTINE_I_STAR,
  numRuns: { quick: 4000, full: 40000 },
  repair: {
    statement: 'The chain for every correct i ranked after i*, with C = 1 in the "equivalence of norms" step (√(Σa²) <= Σa) and C = k/√(k − f + 1) in the triangle step (k neighbours, k = n − f − 2 or n − f − 1)',
    ...selectedConfigs({ reading: ['k=n-f-2', 'k=n-f-1'] }),
    predicate: (cfg) => l111Violation(multiKrumCase(cfg), true) === null,
    describe: describeL111(true),
    relevant: BYZANTINE_I_STAR,
    numRuns: STAR_RUNS,
  },
  notes: 'The first inequality inherits L1.4’s quantifier (it holds for correct i ranked after i*). The constant of the last step cannot be universal: with V_i = e₁ and every other correct vector 0, the middle expression is δc(i)/√δc(k) times Σ‖V_j‖ = 1, which grows like √n; C = k/√(k − f + 1) suffices for all configurations.',
};

function l112Violation(c: MultiKrumCase): { k: number; lhs: number; rhs: number; C: number; total: number } | null {
  const k = byzantineIStar(c);
  if (k === null) return null;
  const { f } = c.config, kk = c.config.k;
  const total = c.correct.reduce((s, j) => s + norm(c.vectors[j]), 0);
  const lhs = norm(c.vectors[k]);
  // for k < f the proof's constant is undefined (δc(k) may be 0); any finite C is refuted by a case with Σ‖V_j‖ = 0
  const C = kk >= f ? l112Constant(kk, f) : kk + 1;
  const rhs = C * total;
  return leq(lhs, rhs) ? null : { k, lhs, rhs, C, total };
}

const describeL112 = (cfg: Configuration) => { const c = multiKrumCase(cfg), v = l112Violation(c); return `${describeConfiguration(cfg)} → selected [${c.diag.selected}]${v ? `; ‖B_${v.k}‖ = ${fmt(v.lhs)} > C·Σ‖V_j‖ = ${fmt(v.C)}·${fmt(v.total)}${v.total === 0 ? ' (Σ‖V_j‖ = 0: no constant C works)' : ''}` : ''}`; };

/**
 * Why each reading's expected verdict is what it is. k = m: no constant once m < f (Byzantine twins
 * score 0). k = n − f − 2 and k = n − f − 1: the proof's chain goes through, for correct i ranked after
 * i*, because a correct i with a Byzantine neighbour has a correct non-neighbour ζ(i) (registry L1.6:
 * ζ exists for every i iff k <= n − f − 2; for the i with δb(i) >= 1 iff k <= n − f − 1). k = n − f:
 * the chain has no footing (a correct i may have its nearest Byzantine as a neighbour and no correct
 * non-neighbour, L1.6/zeta k=n-f), so the expectation is measured, not derived: B = i* still scores
 * at most a correct i ranked after it, and its own score sums its distances to at least n − 2f + 1
 * correct neighbours, which keeps it near the correct vectors.
 */
const L112_READING_NOTES: Record<NeighbourReading, string> = {
  'k=m': 'Under k = m the bound needs m >= f (the repair).',
  'k=n-f-2': 'Under k = n − f − 2 the proof’s chain goes through for correct i ranked after i* (ζ(i) exists for every i).',
  'k=n-f-1': 'Under k = n − f − 1 the chain goes through for correct i ranked after i*: a correct i with a Byzantine neighbour has a correct non-neighbour ζ(i) (of the f vectors it leaves out, at most f − 1 are Byzantine).',
  'k=n-f': 'Under k = n − f the chain has no footing (ζ(i) may not exist, L1.6/zeta k=n-f fails), so the expected verdict is measured rather than derived: no counterexample at seeds 1, 2, 3 and 20190331 (1000 runs each, adversarial strategies included); B = i* scores at most a correct i ranked after it, and its own score sums its distances to at least n − 2f + 1 correct neighbours.',
};

function l112Check(reading: NeighbourReading, expected: 'holds' | 'fails'): DeterministicCheckSpec<Configuration> {
  return {
    claimId: 'L1.12', name: 'byzantine-norm', reading, method: 'property', expected,
    statement: `L1.12 pointwise under ${reading}: when i* = k is Byzantine, ‖B_k‖ <= C Σ_correct ‖V_j‖ with C = k/√(k − f + 1) + 1/(k − f + 1) (C = k + 1 when k < f, where the proof gives none)`,
    // under k = m the failure needs m < f: draw f >= 2
    ...selectedConfigs({ reading, minF: reading === 'k=m' ? 2 : 0 }),
    predicate: (cfg) => l112Violation(multiKrumCase(cfg)) === null,
    describe: describeL112,
    relevant: BYZANTINE_I_STAR,
    numRuns: { quick: 1000, full: 10000 },
    repair: expected === 'fails' ? {
      statement: 'Under k = m the bound holds once m >= f (every Byzantine then has a correct neighbour); with m < f, f Byzantine twins score 0 and are selected whatever their norm, so no constant C exists',
      ...selectedConfigs({ reading: 'k=m', m: 'at-least-f' }),
      predicate: (cfg) => l112Violation(multiKrumCase(cfg)) === null,
      describe: describeL112,
      relevant: BYZANTINE_I_STAR,
      numRuns: STAR_RUNS,
    } : undefined,
    notes: L112_READING_NOTES[reading] + ' The constant the proof’s chain yields, k/√(k − f + 1) + 1/(k − f + 1), grows like √n (see L1.11: the chain’s third step needs C >= (k − f)/√k); whether a smaller C independent of n bounds ‖B_k‖ itself is not checked here. Raising to the power r: ‖B_k‖^r <= C^r (Σ‖V_j‖)^r = C^r Σ multinomial(r; r_1..r_{n−f}) Π‖V_j‖^{r_j}, so the printed "C Σ_{r_1+…=r} Π" holds with C^r·r!.',
  };
}

export const LEMMA1_STEP_CHECKS: DeterministicCheckSpec[] = [
  l11Check('k=m'), l11Check('k=n-f-2'), l11Check('k=n-f-1'), l11Check('k=n-f'), L11_AT_M_TILDE,
  // every neighbour-count reading, the proof's (k = m) first: δc(i) >= k − f, which is >= 1 unless k = m <= f
  L13_JENSEN, l13Defined('k=m', 'fails'), l13Defined('k=n-f-2', 'holds'), l13Defined('k=n-f-1', 'holds'), l13Defined('k=n-f', 'holds'),
  L14_PRINTED, L14_M1,
  L15_JENSEN, L15_BOUND,
  l16Check('k=m', 'holds'), l16Check('k=n-f-2', 'holds'), l16Check('k=n-f-1', 'fails'), l16Check('k=n-f', 'fails'),
  l17Check('k=m'), l17Check('k=n-f-2'), L17_AT_M_TILDE,
  L110_POINTWISE, L110_M1,
  L111_CHAIN,
  l112Check('k=m', 'fails'), l112Check('k=n-f-2', 'holds'), l112Check('k=n-f-1', 'holds'), l112Check('k=n-f', 'holds'),
];
