/**
 * The exhaustive grid of small MULTI-KRUM inputs on which the pointwise steps
 * of Lemma 1's proof are checked: every multiset of n − f correct vectors and
 * of f Byzantine vectors (Byzantine last, the proof's WLOG) with coordinates
 * in {-2..2} (d = 1) or {-1, 0, 1}² (d = 2), for each (n, f, m) below and
 * the neighbour readings k = m (the proof) and k = n − f − 2 (Krum, the code).
 *
 * quick: d = 1: f = 0, n ∈ {3, 4, 5}; f = 1, n ∈ {5, 6}; f = 2, n = 7.
 *        d = 2: f = 0, n ∈ {3, 4}.
 * full adds d = 2: f = 1, n ∈ {5, 6}; d = 1: f = 0, n = 6; f = 2, n = 8.
 * Every m in [1, n − f − 2]. Cases are built once per mode and shared.
 *
 * A case is *tie-free* when nothing MULTI-KRUM decides depends on its
 * tie-breaking by index: for each i, the k-th and (k+1)-th nearest distances
 * differ (so the neighbour set is unique), and the m-th score differs from
 * the (m − 1)-th and (m + 1)-th (so the selected set and i* are unique).
 */
import type { Configuration, NeighbourReading } from '../../claims/arbitraries';
import { neighbourCount } from '../../claims/arbitraries';
import { multiKrumCase, describeConfiguration, type MultiKrumCase } from '../../claims/checks/deterministic/multiKrumCase';
import type { Mode } from './frontKit';

export interface GridCase extends MultiKrumCase {
  tieFree: boolean;
  /** Only the neighbour sets are unique (what the counts δc, δb depend on). */
  neighboursTieFree: boolean;
}

export interface GridSpec { d: number; f: number; n: number }

export const QUICK_GRID: GridSpec[] = [
  { d: 1, f: 0, n: 3 }, { d: 1, f: 0, n: 4 }, { d: 1, f: 0, n: 5 }, { d: 1, f: 1, n: 5 }, { d: 1, f: 1, n: 6 }, { d: 1, f: 2, n: 7 },
  { d: 2, f: 0, n: 3 }, { d: 2, f: 0, n: 4 },
];
export const FULL_GRID: GridSpec[] = [...QUICK_GRID, { d: 2, f: 1, n: 5 }, { d: 1, f: 0, n: 6 }, { d: 1, f: 2, n: 8 }, { d: 2, f: 1, n: 6 }];

export const gridRegionText = (mode: Mode, readings: string) =>
  `exhaustive: every multiset of correct and of Byzantine vectors (Byzantine last), coordinates in {-2..2} (d = 1) or {-1,0,1}² (d = 2); ` +
  `(d, f, n) ∈ {${(mode === 'quick' ? QUICK_GRID : FULL_GRID).map((g) => `(${g.d},${g.f},${g.n})`).join(' ')}}, every m ∈ [1, n − f − 2]; readings ${readings}`;

function points(d: number): number[][] {
  const vals = d === 1 ? [-2, -1, 0, 1, 2] : [-1, 0, 1];
  if (d === 1) return vals.map((v) => [v]);
  const out: number[][] = [];
  for (const a of vals) for (const b of vals) out.push([a, b]);
  return out;
}

/** Non-decreasing index sequences of length `size` over [0, count). */
export function* multisets(count: number, size: number): Generator<number[]> {
  if (size === 0) { yield []; return; }
  const idx = new Array<number>(size).fill(0);
  while (true) {
    yield [...idx];
    let p = size - 1;
    while (p >= 0 && idx[p] === count - 1) p--;
    if (p < 0) return;
    idx[p]++;
    for (let q = p + 1; q < size; q++) idx[q] = idx[p];
  }
}

/** Whether MULTI-KRUM's neighbour sets, selected set and i* are unique (no tie broken by index decides them). */
export function isTieFree(c: MultiKrumCase, neighboursOnly = false): boolean {
  const { n, k, m } = c.diag;
  for (let i = 0; i < n; i++) {
    if (k >= n - 1) continue;
    const ds: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i) ds.push(c.dist(i, j));
    ds.sort((a, b) => a - b);
    if (ds[k - 1] === ds[k]) return false;
  }
  if (neighboursOnly) return true;
  const s = Array.from(c.diag.scores).sort((a, b) => a - b);
  if (m < n && s[m - 1] === s[m]) return false;
  if (m > 1 && s[m - 2] === s[m - 1]) return false;
  return true;
}

const gridCache = new Map<string, GridCase[]>();

/** All grid cases of a mode under the given readings (built once, shared by every check). */
export function gridCases(mode: Mode, reading: NeighbourReading): GridCase[] {
  const key = `${mode}|${reading}`;
  const hit = gridCache.get(key);
  if (hit) return hit;
  const out: GridCase[] = [];
  for (const { d, f, n } of mode === 'quick' ? QUICK_GRID : FULL_GRID) {
    const pts = points(d);
    const byzSets = [...multisets(pts.length, f)];
    for (const cs of multisets(pts.length, n - f)) {
      for (const bs of byzSets) {
        const vectors = [...cs.map((i) => [...pts[i]]), ...bs.map((i) => [...pts[i]])];
        for (let m = 1; m <= n - f - 2; m++) {
          const k = neighbourCount(reading, n, f, m);
          const config: Configuration = { n, f, m, k, reading, d, vectors, byzantine: Array.from({ length: f }, (_, b) => n - f + b), strategies: [] };
          const c = multiKrumCase(config) as GridCase;
          c.tieFree = isTieFree(c);
          c.neighboursTieFree = isTieFree(c, true);
          out.push(c);
        }
      }
    }
  }
  gridCache.set(key, out);
  return out;
}

/** Both readings' cases, k = m first. */
export function* gridBoth(mode: Mode): Generator<GridCase> {
  yield* gridCases(mode, 'k=m');
  yield* gridCases(mode, 'k=n-f-2');
}

export const describeCase = (c: MultiKrumCase) => `${describeConfiguration(c.config)} (d=${c.config.d}) selected [${c.diag.selected}] i*=${c.diag.worstSelected}`;

/** i* when Byzantine, else null. */
export const byzantineIStar = (c: MultiKrumCase): number | null => (c.isByzantine[c.diag.worstSelected] ? c.diag.worstSelected : null);

/** ‖x‖ of a plain vector. */
export const normOf = (v: ArrayLike<number>) => { let s = 0; for (let t = 0; t < v.length; t++) s += v[t] * v[t]; return Math.sqrt(s); };
