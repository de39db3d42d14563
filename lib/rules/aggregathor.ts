import { requireThat, requireInteger } from '../errors';
import { checkVectors, type RuleInputs as Vectors } from '../vectors';
import { aroundMedianOfBlock, columnArena, COLUMN_BLOCK } from './kernels/columnBlocks';
import { countFalse, krumScores, scoreOrder } from './krum';
import { nanForNonFinite, outsideGuarantee, scaledMeanAt, type OutsideGuarantee } from './nonfinite';
import { checkOptions, DISTANCES, SCORE_UPDATES } from './options';
import type { DistanceKind } from './pairwise';
import { selectionDistances } from './selectionDistances';
import type { Aggregation } from './types';
import { sharedWorkspace, type Workspace } from './workspace';

/**
 * How scores evolve between AGGREGATHOR's selection rounds.
 * - `incremental` (the original AggregaThor code): scores over the n − f − 2
 *   nearest neighbours are computed once; when a vector is removed, each
 *   remaining vector that had it among its *original* neighbours loses its
 *   distance to it. Neighbour sets are never refreshed.
 * - `recompute`: each round scores the remaining set R from scratch, over
 *   max(1, |R| − f − 2) nearest neighbours within R.
 * - `frozen` (ByzantineMomentum's `bulyan`, as printed): the initial scores
 *   are never updated; a removed vector only leaves the candidates, its
 *   distances stay in the others' scores. That library's update step looks
 *   for the removed id among the entries that remain, so it never runs.
 */
export type ScoreUpdate = 'incremental' | 'recompute' | 'frozen';

export interface AggregathorOptions {
  f: number;
  /** Vectors averaged in the first round (m − r in round r, at least 1). Default n − f − 2, as in the original code. */
  m?: number;
  scoreUpdate?: ScoreUpdate;
  distance?: DistanceKind;
}

export interface AggregathorDiagnostics {
  n: number;
  f: number;
  m: number;
  /** Neighbour count of the initial scores: n − f − 2. */
  k: number;
  /** θ = n − 2f − 2 MULTI-KRUM rounds. */
  theta: number;
  /** β = θ − 2f values averaged per coordinate. */
  beta: number;
  scoreUpdate: ScoreUpdate;
  /** Per round: the indices averaged (score order) and the one removed. */
  rounds: { averaged: number[]; removed: number }[];
  /** The scores of the remaining vectors at the start of each round (NaN for removed ones). */
  scoresByRound: Float64Array[];
  /** Each vector's original neighbour set. */
  neighbours: number[][];
  /** Present when distances overflowed and the selection was made on the inputs scaled by a power of two: scores are the true ones times 2^scoreScaleLog2. */
  scoreScaleLog2?: number;
  /** Present when more than f inputs are non-finite or an output coordinate is NaN (lib/rules/nonfinite.ts). */
  /** Present when the scaled distances of the selection lost precision to underflow (tiny distances next to overflowing ones; see selectionDistances): the selection may differ from exact arithmetic's. */
  selectionPrecisionLost?: true;
  outsideGuarantee?: OutsideGuarantee;
}

/**
 * AGGREGATHOR — BULYAN over MULTI-KRUM (Damaskinos et al., SysML 2019), as the
 * original code runs it: θ = n − 2f − 2 rounds; round r outputs the average of
 * the max(1, m − r) lowest-scoring remaining vectors and removes the lowest
 * scoring one; then, per coordinate, the β = θ − 2f round outputs closest to
 * their median are averaged.
 *
 * Requires n >= 4f + 3 (the paper's f <= (n − 3)/4) and 1 <= m <= n − f − 2.
 */
export function aggregathor(vectors: Vectors, options: AggregathorOptions): Aggregation<AggregathorDiagnostics> {
  const rule = 'AGGREGATHOR';
  checkOptions(rule, options, ['f', 'm', 'scoreUpdate', 'distance'], { distance: DISTANCES, scoreUpdate: SCORE_UPDATES });
  const d = checkVectors(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 4 * f + 3, rule, 'n >= 4f + 3', { n, f });
  const m = options.m ?? n - f - 2;
  requireInteger(rule, 'm', m, 1, n - f - 2);
  const scoreUpdate = options.scoreUpdate ?? 'incremental';
  const k = n - f - 2;
  const theta = n - 2 * f - 2;
  const beta = theta - 2 * f;
  const { dist, finite, scoreScaleLog2, precisionLost } = selectionDistances(vectors, options.distance ?? 'squared', 'aggregathor.distances');
  const initial = krumScores(dist, n, k);
  const scores = Float64Array.from(initial.scores);
  const neighbours = initial.neighbours;
  const isNeighbour = neighbours.map((nb) => new Set(nb));
  let remaining = Array.from({ length: n }, (_, i) => i);
  const rounds: AggregathorDiagnostics['rounds'] = [];
  const scoresByRound: Float64Array[] = [];
  const averagedSets: number[][] = [];
  for (let r = 0; r < theta; r++) {
    if (scoreUpdate === 'recompute' && r > 0) {
      const kr = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
      const fresh = krumScores(dist, n, kr, remaining).scores;
      for (const i of remaining) scores[i] = fresh[i];
    }
    const snapshot = new Float64Array(n).fill(NaN);
    for (const i of remaining) snapshot[i] = scores[i];
    scoresByRound.push(snapshot);
    const order = scoreOrder(remaining, scores, finite);
    const averaged = order.slice(0, Math.max(1, m - r));
    averagedSets.push([...averaged].sort((a, b) => a - b));
    const removed = order[0];
    rounds.push({ averaged, removed });
    remaining = remaining.filter((i) => i !== removed);
    if (scoreUpdate === 'incremental') {
      for (const i of remaining) {
        if (!isNeighbour[i].has(removed)) continue;
        const dr = dist[i * n + removed];
        // Inf − x stays Inf: when the removed distance or the running sum itself
        // is +Infinity (a sum of finite distances may overflow), evaluate directly.
        if (dr === Infinity || scores[i] === Infinity) scores[i] = directScore(i, remaining, neighbours, dist, n);
        else scores[i] -= dr;
      }
    }
  }
  const aggregate = roundMeansAroundMedian(vectors, averagedSets, beta, new Float64Array(d), sharedWorkspace);
  const diagnostics: AggregathorDiagnostics = { n, f, m, k, theta, beta, scoreUpdate, rounds, scoresByRound, neighbours };
  if (scoreScaleLog2 !== 0) diagnostics.scoreScaleLog2 = scoreScaleLog2;
  if (precisionLost) diagnostics.selectionPrecisionLost = true;
  const notice = outsideGuarantee(rule, f, nanForNonFinite(aggregate), countFalse(finite));
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate, diagnostics };
}

/**
 * AGGREGATHOR's output from its rounds' selections: per coordinate, the θ
 * round outputs (the mean of each round's averaged set, summed in ascending
 * index order and divided by its size) and then the average of the β of them
 * closest to their median. Computed a block of coordinates at a time, so the
 * θ round outputs never exist as θ full vectors: the block of every input
 * stays in cache while all rounds read it.
 *
 *     y_r = (1/|A_r|) Σ_{i ∈ A_r} x_i,   out_c = (1/β) Σ_{r ∈ β closest to median_r y_rc} y_rc
 */
export function roundMeansAroundMedian(vectors: Vectors, sets: readonly (readonly number[])[], beta: number, out: Float64Array, ws: Workspace, kernel: 'auto' | 'js' = 'auto'): Float64Array {
  const theta = sets.length, d = out.length, n = vectors.length;
  const B = COLUMN_BLOCK;
  const arena = columnArena(theta, ws, kernel, n);
  const { T, X, simd } = arena;
  for (let c0 = 0; c0 < d; c0 += B) {
    const width = Math.min(B, d - c0);
    if (simd) {
      // stage the block of every input in WebAssembly memory, then add rows four at a time with f64x2
      for (let i = 0; i < n; i++) copyBlock(vectors[i], c0, width, X, i * B);
      const even = (width + 1) & ~1, rowBytes = B * 8, k = simd.kernels;
      for (let r = 0; r < theta; r++) {
        const set = sets[r], dst = simd.tAt + r * rowBytes;
        T.fill(0, r * B, r * B + even);
        let j = 0;
        for (; j + 3 < set.length; j += 4) k.addRows4(dst, simd.xAt + set[j] * rowBytes, simd.xAt + set[j + 1] * rowBytes, simd.xAt + set[j + 2] * rowBytes, simd.xAt + set[j + 3] * rowBytes, even);
        for (; j < set.length; j++) k.addRow1(dst, simd.xAt + set[j] * rowBytes, even);
        if (scaleAndKey(T, r * B, width, set.length)) fixOverflow(vectors, set, c0, width, T, r * B);
      }
    } else {
      for (let r = 0; r < theta; r++) if (roundMean(vectors, sets[r], c0, width, T, r * B)) fixOverflow(vectors, sets[r], c0, width, T, r * B);
    }
    aroundMedianOfBlock(arena, theta, width, beta, out, c0);
  }
  return out;
}

/** X[at + c] = v[c0 + c] for c < width. */
function copyBlock(v: Float64Array | Float32Array, c0: number, width: number, X: Float64Array, at: number): void {
  for (let c = 0; c < width; c++) X[at + c] = v[c0 + c];
}

/**
 * T[row + c] = key(T[row + c] / size): the mean, with NaN read as +Infinity
 * (extreme, as everywhere). Returns true when a mean is non-finite (a cheap
 * probe: y·0 is NaN exactly for non-finite y), so that the caller can redo
 * the means whose finite sums overflowed.
 */
function scaleAndKey(T: Float64Array, row: number, width: number, size: number): boolean {
  let probe = 0;
  for (let c = 0; c < width; c++) {
    const y = T[row + c] / size;
    probe += y * 0;
    T[row + c] = y !== y ? Infinity : y;
  }
  return probe !== probe;
}

/**
 * The slow path of a round mean: each non-finite mean of the block whose
 * inputs are all finite (the sum overflowed) is recomputed by scaled
 * summation (lib/rules/nonfinite.ts), in the same order; means of non-finite
 * inputs keep their key.
 */
function fixOverflow(vectors: Vectors, set: readonly number[], c0: number, width: number, T: Float64Array, row: number): void {
  for (let c = 0; c < width; c++) {
    const y = T[row + c];
    if (y - y === 0) continue;
    const z = scaledMeanAt(vectors, set, c0 + c);
    if (z === z) T[row + c] = z;
  }
}

/** T[row + c] = key((1/|set|) Σ_{i ∈ set} x_i[c0 + c]), summed in the set's order (ascending), four rows per pass. */
function roundMean(vectors: Vectors, set: readonly number[], c0: number, width: number, T: Float64Array, row: number): boolean {
  T.fill(0, row, row + width);
  let k = 0;
  for (; k + 3 < set.length; k += 4) addBlock4(vectors[set[k]], vectors[set[k + 1]], vectors[set[k + 2]], vectors[set[k + 3]], c0, width, T, row);
  for (; k < set.length; k++) addBlock4(vectors[set[k]], null, null, null, c0, width, T, row);
  return scaleAndKey(T, row, width, set.length);
}

/** T[row + c] = (((T[row + c] + a) + b) + e) + g at coordinate c0 + c: the left-to-right order, one load and store of T per four rows. */
function addBlock4(a: Float64Array | Float32Array, b: Float64Array | Float32Array | null, e: Float64Array | Float32Array | null, g: Float64Array | Float32Array | null, c0: number, width: number, T: Float64Array, row: number): void {
  if (!b || !e || !g) {
    for (let c = 0; c < width; c++) T[row + c] += a[c0 + c];
    return;
  }
  for (let c = 0; c < width; c++) {
    let t = T[row + c];
    t += a[c0 + c];
    t += b[c0 + c];
    t += e[c0 + c];
    t += g[c0 + c];
    T[row + c] = t;
  }
}

/**
 * The incremental score of i by definition: the sum of its distances to the
 * original neighbours that are still present. The incremental update must
 * agree with this (a property test checks it).
 */
export function directScore(i: number, remaining: readonly number[], neighbours: number[][], dist: Float64Array, n: number): number {
  const present = new Set(remaining);
  let s = 0;
  for (const j of neighbours[i]) if (present.has(j)) s += dist[i * n + j];
  return s;
}
