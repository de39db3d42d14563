import { requireThat, requireInteger } from '../errors';
import { checkVectors, type RuleInputs as Vectors } from '../vectors';
import { meanOfRows } from './kernels/meanRows';
import { finishMean, outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions, DISTANCES } from './options';
import type { DistanceKind } from './pairwise';
import { selectSmallest } from './select';
import { selectionDistances } from './selectionDistances';
import type { Aggregation } from './types';

export { finiteFlags } from './selectionDistances';

/** Options of MULTI-KRUM. Defaults follow the AggregaThor paper: k = m = n − f − 2, squared distances. */
export interface MultiKrumOptions {
  /** Number of Byzantine inputs tolerated. */
  f: number;
  /** How many lowest-scoring vectors are averaged (1 gives Krum). Default n − f − 2. */
  m?: number;
  /** How many nearest other vectors enter each score. Default n − f − 2 (Krum, AggregaThor code); the proof of Lemma 1 reads k = m. */
  k?: number;
  /** Squared (default) or plain Euclidean distances in the score. */
  distance?: DistanceKind;
  /** Indices of the Byzantine inputs, to get the quantities of Lemma 1's proof (δc, δb, ζ) in the diagnostics. */
  byzantine?: readonly number[];
}

/** The quantities the proof of Lemma 1 talks about, for a declared set of Byzantine indices. */
export interface ProofQuantities {
  /** The declared Byzantine indices. */
  byzantine: number[];
  /** δc(i): how many of i's neighbours are correct. */
  deltaC: number[];
  /** δb(i): how many of i's neighbours are Byzantine. */
  deltaB: number[];
  /**
   * ζ(i) for a correct i: the nearest correct non-neighbour of i (so farther
   * from i than every neighbour, as the proof requires), or null when i has no
   * correct non-neighbour — the proof's L1.6 step then has nothing to stand on.
   * Null for Byzantine i.
   */
  zeta: (number | null)[];
}

export interface MultiKrumDiagnostics {
  n: number;
  f: number;
  k: number;
  m: number;
  distance: DistanceKind;
  /** score(i) = Σ over i's k nearest other vectors of their distance to i. */
  scores: Float64Array;
  /** Each vector's k nearest other vectors (ascending indices; ties by index). */
  neighbours: number[][];
  /** The m selected indices, lowest score first (ties: finite before non-finite, then by index). */
  selected: number[];
  /** i*: the worst-scoring selected index. */
  worstSelected: number;
  /** Present when `byzantine` was given. */
  proof?: ProofQuantities;
  /**
   * Present when distances overflowed and the selection was made on the
   * inputs scaled by a power of two: `scores` are the true scores times
   * 2^scoreScaleLog2 (see selectionDistances).
   */
  scoreScaleLog2?: number;
  /** Present when more than f inputs are non-finite or an output coordinate is NaN (lib/rules/nonfinite.ts). */
  /** Present when the scaled distances of the selection lost precision to underflow (tiny distances next to overflowing ones; see selectionDistances): the selection may differ from exact arithmetic's. */
  selectionPrecisionLost?: true;
  outsideGuarantee?: OutsideGuarantee;
}

/**
 * After `selectSmallest(idx, len, k, key)`: the last of the k nearest in the
 * order (distance, index). The k nearest are exactly the candidates j with
 * {@link isNearest}(key, j, last), so they can be collected in index order
 * without sorting them.
 */
function lastNearest(idx: Int32Array, k: number, key: Float64Array): number {
  let last = idx[0];
  for (let q = 1; q < k; q++) {
    const j = idx[q];
    if (key[j] > key[last] || (key[j] === key[last] && j > last)) last = j;
  }
  return last;
}

function isNearest(key: Float64Array, j: number, last: number): boolean {
  return key[j] < key[last] || (key[j] === key[last] && j <= last);
}

const MULTI_KRUM_KEYS = ['f', 'm', 'k', 'distance', 'byzantine'];

/** Validates MULTI-KRUM's inputs and resolves k and m (both n − f − 2 by default). */
function resolveOptions(vectors: Vectors, options: Omit<MultiKrumOptions, 'byzantine'>): { rule: string; n: number; f: number; k: number; m: number } {
  const rule = options.m === 1 ? 'KRUM' : 'MULTI-KRUM';
  checkOptions(rule, options, MULTI_KRUM_KEYS, { distance: DISTANCES });
  checkVectors(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 3, rule, 'n >= 2f + 3', { n, f });
  const k = options.k ?? n - f - 2;
  const m = options.m ?? n - f - 2;
  requireInteger(rule, 'k', k, 1, n - 1);
  requireInteger(rule, 'm', m, 1, n);
  return { rule, n, f, k, m };
}

/**
 * The k-nearest-neighbour scores of every input, from a distance matrix.
 * Shared by MULTI-KRUM, BULYAN and AGGREGATHOR so that distances are computed
 * once per call.
 */
export function krumScores(dist: Float64Array, n: number, k: number, among?: readonly number[]): { scores: Float64Array; neighbours: number[][] } {
  const pool = among ?? Array.from({ length: n }, (_, i) => i);
  const scores = new Float64Array(n).fill(NaN);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const idx = new Int32Array(pool.length);
  const key = new Float64Array(n);
  const inPool = new Uint8Array(n);
  for (const j of pool) inPool[j] = 1;
  for (const i of pool) {
    let len = 0;
    for (const j of pool) if (j !== i) { idx[len++] = j; key[j] = dist[i * n + j]; }
    selectSmallest(idx, len, k, key);
    // One ascending pass collects the k nearest in index order and sums in that order, with no sort.
    const last = lastNearest(idx, k, key);
    const nb: number[] = [];
    let s = 0;
    for (let j = 0; j < n; j++) {
      if (j !== i && inPool[j] === 1 && isNearest(key, j, last)) {
        nb.push(j);
        s += key[j];
      }
    }
    if (nb.length !== k) {
      // Only with NaN distances, where (distance, index) is not a total order: the selection as made, sorted.
      nb.length = 0;
      for (let q = 0; q < k; q++) nb.push(idx[q]);
      nb.sort((a, b) => a - b);
      s = 0;
      for (const j of nb) s += key[j];
    }
    scores[i] = s;
    neighbours[i] = nb;
  }
  return { scores, neighbours };
}

/** Indices of `pool` ordered by (score, non-finite last, index). */
export function scoreOrder(pool: readonly number[], scores: Float64Array, finite: readonly boolean[]): number[] {
  return [...pool].sort((a, b) => {
    const sa = scores[a], sb = scores[b];
    if (sa < sb) return -1;
    if (sa > sb) return 1;
    if (finite[a] !== finite[b]) return finite[a] ? -1 : 1;
    return a - b;
  });
}

/**
 * MULTI-KRUM (Blanchard et al., NeurIPS 2017; Damaskinos et al., SysML 2019):
 * each vector's score is the sum of its distances to its k nearest other
 * vectors; the m lowest-scoring vectors are averaged.
 *
 *     score(i) = Σ_{i → j} ‖x_i − x_j‖²,   MK = (1/m) Σ_{i ∈ S_m} x_i
 *
 * Requires n >= 2f + 3 (the paper's 2f + 2 < n), 1 <= k <= n − 1, 1 <= m <= n.
 * A vector with a non-finite coordinate is infinitely far from every other,
 * so its score is +Infinity and it ranks after every finite vector: it is
 * never selected while m finite vectors remain.
 *
 * @example multiKrum([[0], [1], [2], [100], [3]].map(v => Float64Array.from(v)), { f: 1, m: 2 }).diagnostics.selected // [1, 2]
 */
export function multiKrum(vectors: Vectors, options: MultiKrumOptions): Aggregation<MultiKrumDiagnostics> {
  const { rule, n, f, k, m } = resolveOptions(vectors, options);
  const distance = options.distance ?? 'squared';
  const { dist, finite, scoreScaleLog2, precisionLost } = selectionDistances(vectors, distance, 'krum.distances');
  const { scores, neighbours } = krumScores(dist, n, k);
  const all = Array.from({ length: n }, (_, i) => i);
  const selected = scoreOrder(all, scores, finite).slice(0, m);
  const rows = [...selected].sort((a, b) => a - b);
  const aggregate = meanOfRows(vectors, rows);
  const nan = finishMean(aggregate, vectors, rows);
  const diagnostics: MultiKrumDiagnostics = { n, f, k, m, distance, scores, neighbours, selected, worstSelected: selected[m - 1] };
  if (options.byzantine) diagnostics.proof = proofQuantities(options.byzantine, n, dist, neighbours, rule);
  if (scoreScaleLog2 !== 0) diagnostics.scoreScaleLog2 = scoreScaleLog2;
  if (precisionLost) diagnostics.selectionPrecisionLost = true;
  const notice = outsideGuarantee(rule, f, nan, countFalse(finite));
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate, diagnostics };
}

/** How many entries of `flags` are false. */
export function countFalse(flags: readonly boolean[]): number {
  let c = 0;
  for (const x of flags) if (!x) c++;
  return c;
}

/**
 * MULTI-KRUM's output alone, with no diagnostics: the same selection and
 * the same arithmetic as {@link multiKrum} (so the same bits), without the
 * neighbour lists and score order built for the diagnostics. The attacks
 * that search against the rule call it dozens of times per trial, so this is
 * the hot path of the Monte Carlo and SGD checks.
 */
export function multiKrumAggregate(vectors: Vectors, options: Omit<MultiKrumOptions, 'byzantine'>): Float64Array {
  const { n, k, m } = resolveOptions(vectors, options);
  const { dist, finite } = selectionDistances(vectors, options.distance ?? 'squared', 'krum.distances');
  const scores = new Float64Array(n);
  const idx = new Int32Array(n);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let len = 0;
    for (let j = 0; j < n; j++) if (j !== i) { idx[len++] = j; key[j] = dist[i * n + j]; }
    selectSmallest(idx, len, k, key);
    const last = lastNearest(idx, k, key);
    let s = 0, count = 0;
    for (let j = 0; j < n; j++) {
      if (j !== i && isNearest(key, j, last)) { s += key[j]; count++; }
    }
    if (count !== k) return multiKrum(vectors, options).aggregate; // NaN distances: the general path decides
    scores[i] = s;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const selected = scoreOrder(order, scores, finite).slice(0, m).sort((a, b) => a - b);
  const out = meanOfRows(vectors, selected);
  finishMean(out, vectors, selected);
  return out;
}

/** KRUM: MULTI-KRUM with m = 1; its output is one of its inputs. */
export function krum(vectors: Vectors, options: Omit<MultiKrumOptions, 'm'>): Aggregation<MultiKrumDiagnostics> {
  return multiKrum(vectors, { ...options, m: 1 });
}

function proofQuantities(byzantine: readonly number[], n: number, dist: Float64Array, neighbours: number[][], rule: string): ProofQuantities {
  const isByz = new Array<boolean>(n).fill(false);
  for (const b of byzantine) {
    requireInteger(rule, 'Byzantine index', b, 0, n - 1);
    isByz[b] = true;
  }
  const deltaC: number[] = [], deltaB: number[] = [], zeta: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const nb = neighbours[i];
    const b = nb.filter((j) => isByz[j]).length;
    deltaB.push(b);
    deltaC.push(nb.length - b);
    if (isByz[i]) { zeta.push(null); continue; }
    const isNb = new Set(nb);
    let best: number | null = null;
    for (let j = 0; j < n; j++) {
      if (j === i || isByz[j] || isNb.has(j)) continue;
      if (best === null || dist[i * n + j] < dist[i * n + best]) best = j;
    }
    zeta.push(best);
  }
  return { byzantine: [...byzantine].sort((a, b) => a - b), deltaC, deltaB, zeta };
}
