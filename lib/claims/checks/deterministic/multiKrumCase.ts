/**
 * A {@link Configuration} run through MULTI-KRUM with its Byzantine inputs
 * declared, and the quantities of Lemma 1's proof read from the rule's own
 * diagnostics (lib/rules/krum.ts): scores, neighbours, selection, i*, δc, δb, ζ.
 */
import { multiKrum, type MultiKrumDiagnostics, type ProofQuantities } from '../../../rules/krum';
import { squaredDistance } from '../../../vectors';
import type { Configuration } from '../../arbitraries';

export interface MultiKrumCase {
  config: Configuration;
  vectors: Float64Array[];
  diag: MultiKrumDiagnostics;
  proof: ProofQuantities;
  aggregate: Float64Array;
  isByzantine: boolean[];
  correct: number[];
  byzantine: number[];
  /** rank[i]: position of i in the score order (0 = lowest score); selected iff rank < m. */
  rank: number[];
  /** ‖x_i − x_j‖² (+Infinity when non-finite). */
  dist(i: number, j: number): number;
}

export function multiKrumCase(config: Configuration): MultiKrumCase {
  const vectors = config.vectors.map((v) => Float64Array.from(v));
  const { aggregate, diagnostics } = multiKrum(vectors, { f: config.f, m: config.m, k: config.k, byzantine: config.byzantine });
  const n = config.n;
  const isByzantine = new Array<boolean>(n).fill(false);
  for (const b of config.byzantine) isByzantine[b] = true;
  const all = Array.from({ length: n }, (_, i) => i);
  // the full score order, with the rule's own tie-breaking: the m selected first, in order
  const sel = new Set(diagnostics.selected);
  const rest = all.filter((i) => !sel.has(i));
  const rank = new Array<number>(n);
  diagnostics.selected.forEach((i, r) => (rank[i] = r));
  rest.forEach((i, r) => (rank[i] = diagnostics.m + r));
  return {
    config, vectors, diag: diagnostics, proof: diagnostics.proof!, aggregate, isByzantine,
    correct: all.filter((i) => !isByzantine[i]),
    byzantine: all.filter((i) => isByzantine[i]),
    rank,
    dist: (i, j) => { const s = squaredDistance(vectors[i], vectors[j]); return s < Infinity ? s : Infinity; },
  };
}

/** Sum over i's correct neighbours of ‖x_i − x_j‖^p (p = 2: squared, p = 1: plain). */
export function sumToCorrectNeighbours(c: MultiKrumCase, i: number, p: 1 | 2 = 2): number {
  let s = 0;
  for (const j of c.diag.neighbours[i]) if (!c.isByzantine[j]) s += p === 2 ? c.dist(i, j) : Math.sqrt(c.dist(i, j));
  return s;
}

/** Sum over i's Byzantine neighbours of ‖x_i − x_l‖². */
export function sumToByzantineNeighbours(c: MultiKrumCase, i: number): number {
  let s = 0;
  for (const l of c.diag.neighbours[i]) if (c.isByzantine[l]) s += c.dist(i, l);
  return s;
}

/** The mean of i's correct neighbours (null when δc(i) = 0). */
export function meanOfCorrectNeighbours(c: MultiKrumCase, i: number): Float64Array | null {
  const nb = c.diag.neighbours[i].filter((j) => !c.isByzantine[j]);
  if (nb.length === 0) return null;
  const mu = new Float64Array(c.config.d);
  for (const j of nb) for (let t = 0; t < mu.length; t++) mu[t] += c.vectors[j][t];
  for (let t = 0; t < mu.length; t++) mu[t] /= nb.length;
  return mu;
}

/** A compact one-line rendering of a configuration. */
export function describeConfiguration(c: Configuration): string {
  const v = c.vectors.map((x, i) => `${c.byzantine.includes(i) ? 'B' : 'V'}${i}=(${x.join(',')})`).join(' ');
  return `n=${c.n} f=${c.f} m=${c.m} k=${c.k} [${c.reading}]: ${v}`;
}
