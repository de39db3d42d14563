import type { Vectors } from '../../vectors';
import { ensureMemory, instantiateSimd, type SimdKernels } from './wasm';

/**
 * Which implementation computes the pairwise squared distances:
 * - `wasm-simd`: WebAssembly f64x2 kernels (simd.wat), 2×4 pairs
 *   per pass over a block — about 3× the JavaScript version on this machine
 *   (see `npm run bench`);
 * - `js`: the same blocking and 2×4 register tiling in plain JavaScript, the
 *   fallback where WebAssembly SIMD is unavailable;
 * - `auto`: `wasm-simd` when it instantiates, else `js`.
 */
export type DistanceKernel = 'auto' | 'wasm-simd' | 'js';

/** Doubles per row block of the WebAssembly kernel: n rows of one block fill about 1 MiB, half this machine's L2 (measured best of 512…4096). */
function blockLength(n: number): number {
  const fit = Math.floor((1 << 20) / (8 * n));
  return Math.max(64, Math.min(4096, fit)) & ~1; // even, so f64x2 loads never straddle rows
}

let wasmKernel: SimdKernels | null | undefined;

/** The instantiated WebAssembly kernel of this thread, or null when WebAssembly SIMD is unavailable. */
export function wasmDistanceKernel(): SimdKernels | null {
  if (wasmKernel === undefined) wasmKernel = instantiateSimd();
  return wasmKernel;
}

/** The kernel `auto` resolves to on this thread. */
export function resolveDistanceKernel(kernel: DistanceKernel = 'auto'): 'wasm-simd' | 'js' {
  if (kernel === 'js') return 'js';
  if (wasmDistanceKernel()) return 'wasm-simd';
  if (kernel === 'wasm-simd') throw new Error('WebAssembly SIMD is not available in this runtime');
  return 'js';
}

/**
 * Adds Σ_c (x_ic − x_jc)² over all coordinates to `dist[i·n + j]` for every
 * pair i < j (upper triangle only; the caller symmetrises and maps non-finite
 * sums to +Infinity). The coordinates are processed in blocks that keep a
 * block of every vector in cache while all pairs consume it, so the data is
 * read from memory once; within a block, two rows are compared with four
 * others per pass (8 pairs from 6 loads instead of 16).
 *
 * Summation order: within a block each pair has its own accumulator (two,
 * even and odd coordinates, in the WebAssembly kernel); blocks are added in
 * order. The result differs from a single left-to-right sum by rounding only
 * (relative error below d·2⁻⁵³, checked against lib/rules/reference.ts).
 *
 * @example
 *   const dist = new Float64Array(4);
 *   accumulateSquaredDistances([Float64Array.of(0, 0), Float64Array.of(3, 4)], dist, 'js');
 *   dist[1] // 25
 */
export function accumulateSquaredDistances(vectors: Vectors, dist: Float64Array, kernel: DistanceKernel = 'auto'): void {
  if (resolveDistanceKernel(kernel) === 'wasm-simd') accumulateWasm(vectors, dist, wasmDistanceKernel()!);
  else accumulateJs(vectors, dist);
}

function accumulateWasm(vectors: Vectors, dist: Float64Array, k: SimdKernels): void {
  const n = vectors.length;
  const d = vectors[0].length;
  const L = blockLength(n);
  const outAt = n * L; // in doubles; the 8 results of tile24 land here
  const need = (outAt + 8) * 8;
  ensureMemory(k, need);
  const mem = new Float64Array(k.memory.buffer, 0, outAt + 8);
  const row = L * 8; // bytes per row
  const out = outAt * 8;
  for (let b0 = 0; b0 < d; b0 += L) {
    const len = Math.min(L, d - b0);
    const even = len & ~1;
    for (let i = 0; i < n; i++) mem.set(vectors[i].subarray(b0, b0 + len), i * L);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const a = i * row, b = a + row;
      dist[i * n + i + 1] += k.tile11(a, b, even);
      let j = i + 2;
      for (; j + 3 < n; j += 4) {
        k.tile24(a, b, j * row, (j + 1) * row, (j + 2) * row, (j + 3) * row, even, out);
        const r = i * n + j, r2 = r + n;
        dist[r] += mem[outAt]; dist[r + 1] += mem[outAt + 1]; dist[r + 2] += mem[outAt + 2]; dist[r + 3] += mem[outAt + 3];
        dist[r2] += mem[outAt + 4]; dist[r2 + 1] += mem[outAt + 5]; dist[r2 + 2] += mem[outAt + 6]; dist[r2 + 3] += mem[outAt + 7];
      }
      for (; j < n; j++) {
        dist[i * n + j] += k.tile11(a, j * row, even);
        dist[(i + 1) * n + j] += k.tile11(b, j * row, even);
      }
    }
    for (; i < n; i++) for (let j = i + 1; j < n; j++) dist[i * n + j] += k.tile11(i * row, j * row, even);
    if (even < len) {
      // odd last coordinate of the input
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const t = mem[i * L + even] - mem[j * L + even];
          dist[i * n + j] += t * t;
        }
      }
    }
  }
}

/** Doubles per block of the JavaScript kernel: the six rows of a tile (24 KiB) stay in L1 (measured best of 512…4096). */
const JS_BLOCK = 512;

function accumulateJs(vectors: Vectors, dist: Float64Array): void {
  const n = vectors.length;
  const d = vectors[0].length;
  const L = JS_BLOCK;
  for (let b0 = 0; b0 < d; b0 += L) {
    const b1 = Math.min(d, b0 + L);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const xa = vectors[i], xb = vectors[i + 1];
      dist[i * n + i + 1] += blockDistance(xa, xb, b0, b1);
      let j = i + 2;
      for (; j + 3 < n; j += 4) {
        const y0 = vectors[j], y1 = vectors[j + 1], y2 = vectors[j + 2], y3 = vectors[j + 3];
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (let c = b0; c < b1; c++) {
          const p = xa[c], q = xb[c], u0 = y0[c], u1 = y1[c], u2 = y2[c], u3 = y3[c];
          let t = p - u0; a0 += t * t;
          t = p - u1; a1 += t * t;
          t = p - u2; a2 += t * t;
          t = p - u3; a3 += t * t;
          t = q - u0; c0 += t * t;
          t = q - u1; c1 += t * t;
          t = q - u2; c2 += t * t;
          t = q - u3; c3 += t * t;
        }
        const r = i * n + j, r2 = r + n;
        dist[r] += a0; dist[r + 1] += a1; dist[r + 2] += a2; dist[r + 3] += a3;
        dist[r2] += c0; dist[r2 + 1] += c1; dist[r2 + 2] += c2; dist[r2 + 3] += c3;
      }
      for (; j < n; j++) {
        dist[i * n + j] += blockDistance(xa, vectors[j], b0, b1);
        dist[(i + 1) * n + j] += blockDistance(xb, vectors[j], b0, b1);
      }
    }
    for (; i < n; i++) for (let j = i + 1; j < n; j++) dist[i * n + j] += blockDistance(vectors[i], vectors[j], b0, b1);
  }
}

/** Σ_{c ∈ [b0, b1)} (x_c − y_c)². */
function blockDistance(x: Float64Array, y: Float64Array, b0: number, b1: number): number {
  let s = 0;
  for (let c = b0; c < b1; c++) {
    const t = x[c] - y[c];
    s += t * t;
  }
  return s;
}
