import type { RuleInputs as Vectors } from '../../vectors';
import { ensureMemory, instantiateSimd, type SimdKernels } from './wasm';

/**
 * Which implementation computes the pairwise squared distances:
 * - `wasm-simd`: WebAssembly f64x2 kernels (simd.wat) in the Gram form
 *   ‖x‖² + ‖y‖² − 2⟨x, y⟩ (2 flops per pair and coordinate, 2×4 pairs per
 *   pass over a block) with an exactness guard that recomputes in the
 *   difference form every pair the Gram form could get wrong (see
 *   {@link GRAM_TAU}); it falls back to the difference form for the rest of a
 *   call when the guard rejects too many pairs. About 1.35× the speed of
 *   `wasm-simd-difference` at n = 25…51, d = 10⁵ (`npm run bench`);
 * - `wasm-simd-difference`: the same blocking, Σ (x_c − y_c)² only (3 flops
 *   per pair and coordinate), 2×4 pairs per pass;
 * - `js`: the difference form with the same blocking and 2×4 register tiling
 *   in plain JavaScript, the fallback where WebAssembly SIMD is unavailable;
 * - `auto`: where WebAssembly SIMD instantiates, `wasm-simd` from d =
 *   {@link GRAM_MIN_D} on and `wasm-simd-difference` below (where the Gram
 *   form's per-block work does not pay: 1.5–2× slower at d = 16, even at
 *   d ≈ 256, 0.65–0.7× from d = 1024; and small problems keep the difference
 *   form's rounding); else `js`.
 */
export type DistanceKernel = 'auto' | 'wasm-simd' | 'wasm-simd-difference' | 'js';

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
export function resolveDistanceKernel(kernel: DistanceKernel = 'auto'): 'wasm-simd' | 'wasm-simd-difference' | 'js' {
  if (kernel === 'js') return 'js';
  if (wasmDistanceKernel()) return kernel === 'wasm-simd-difference' ? kernel : 'wasm-simd';
  if (kernel !== 'auto') throw new Error('WebAssembly SIMD is not available in this runtime');
  return 'js';
}

/**
 * The Gram form's guard: within a block of ℓ coordinates, the Gram value
 * D̂ = N̂_x + N̂_y − 2Ĝ_xy (N̂ = computed ‖·‖², Ĝ = computed ⟨x, y⟩, any
 * summation order) is within (2ℓ + 4)·2⁻⁵³·Ŝ of the true block distance D,
 * Ŝ = N̂_x + N̂_y: N̂_x and N̂_y err by at most γ_ℓ·N each and Ĝ by
 * γ_ℓ·Σ|x_c·y_c| ≤ γ_ℓ·(N_x + N_y)/2 (Cauchy–Schwarz), γ_ℓ ≈ ℓ·2⁻⁵³, plus
 * the two roundings of N̂_x + N̂_y − 2Ĝ (D ≤ 2(N_x + N_y)); the underflow of
 * products is negligible for Ŝ ≥ 2⁻⁹⁰⁰. It is kept only when D̂ > τ·Ŝ with τ = 2⁻⁶ (and Ŝ finite,
 * Ŝ ≥ 2⁻⁹⁰⁰); then D > (τ − (2ℓ + 4)·2⁻⁵³)·Ŝ and its relative error is at
 * most (2ℓ + 4)·2⁻⁵³/(τ − (2ℓ + 4)·2⁻⁵³) ≈ 64·(2ℓ + 4)·2⁻⁵³. Every other pair
 * — cancellation (near-duplicates, Byzantine copies, vectors clustered far
 * from the origin), a zero, an overflow or underflow — is recomputed in that
 * block in the difference form Σ (x_c − y_c)², from the same in-cache rows.
 * A row whose block holds a non-finite coordinate makes its pairs non-finite
 * in that block (+Infinity after {@link pairwiseDistances}), as the difference
 * form would.
 *
 * A recomputed block is within (ℓ + 2)·2⁻⁵³ relative. Summed over the
 * ⌈d/ℓ⌉ blocks (non-negative terms, ℓ ≤ 2048 doubles), the distance of a
 * pair is within
 *
 *     ε(ℓ, d) = (64·(2ℓ + 4)·(1 + 2⁻⁸) + ⌈d/ℓ⌉ + 2)·2⁻⁵³
 *
 * relative of the exact ‖x − y‖² (ℓ = min(d, block length), see
 * {@link gramBlockLength}): ≈ 2.9·10⁻¹¹ at ℓ = 2048, ≈ 1.6·10⁻¹³ at d = 9 —
 * larger than the difference form's d·2⁻⁵³, but independent of the vectors'
 * norms. Exact on integer grids (every product and partial sum an integer
 * below 2⁵³) and for identical vectors (recomputed: D̂ = 0 is never kept).
 */
export const GRAM_TAU = 2 ** -6;
const TAU = GRAM_TAU;
const GRAM_TINY = 2 ** -900;
/** Above this fraction of rejected pairs in a block, the rest of the call uses the difference form (Gram + recomputation would cost more). */
const GRAM_GIVE_UP = 0.25;

/** What the last `wasm-simd` call on this thread did: blocks in the Gram form, pairs × blocks judged by the guard, how many of those it recomputed, blocks in the difference form after giving up. */
export const lastGramCall = { gramBlocks: 0, pairBlocks: 0, recomputed: 0, differenceBlocks: 0 };

/** Coordinates per block of the `wasm-simd` kernel for n vectors (the ℓ of {@link GRAM_TAU}'s bound, when d is larger): at most 2048, the fixed row stride of gram24, and n rows within about 1 MiB. */
export function gramBlockLength(n: number): number {
  return Math.min(GRAM_ROW, blockLength(n));
}

/** The relative error bound ε(ℓ, d) of the `wasm-simd` (Gram-form) distances of n vectors of dimension d; see {@link GRAM_TAU}. */
export function gramRelativeErrorBound(n: number, d: number): number {
  const l = Math.min(d, gramBlockLength(n));
  return (64 * (2 * l + 4) * (1 + 2 ** -8) + Math.ceil(d / l) + 2) * 2 ** -53;
}

/**
 * Adds Σ_c (x_ic − x_jc)² over all coordinates to `dist[i·n + j]` for every
 * pair i < j (upper triangle only; the caller symmetrises and maps non-finite
 * sums to +Infinity). The coordinates are processed in blocks that keep a
 * block of every vector in cache while all pairs consume it, so the data is
 * read from memory once; within a block, two rows are compared with four
 * others per pass (8 pairs from 6 loads instead of 16).
 *
 * Accuracy: `js` and `wasm-simd-difference` sum differences squared — each
 * pair has its own accumulator within a block (two, even and odd
 * coordinates, in WebAssembly), blocks are added in order; the result
 * differs from a single left-to-right sum by rounding only (relative error
 * below d·2⁻⁵³ of the distance, checked against lib/rules/reference.ts).
 * `wasm-simd` (the default where available, from d = {@link GRAM_MIN_D}) uses the guarded Gram form:
 * relative error below {@link gramRelativeErrorBound} (see
 * {@link GRAM_TAU}). Both are exact on integer grids and give 0 for
 * identical vectors and a non-finite sum wherever a coordinate is non-finite.
 *
 * @example
 *   const dist = new Float64Array(4);
 *   accumulateSquaredDistances([Float64Array.of(0, 0), Float64Array.of(3, 4)], dist, 'js');
 *   dist[1] // 25
 */
export function accumulateSquaredDistances(vectors: Vectors, dist: Float64Array, kernel: DistanceKernel = 'auto'): void {
  const resolved = resolveDistanceKernel(kernel);
  if (resolved === 'js') accumulateJs(vectors, dist);
  else accumulateWasm(vectors, dist, wasmDistanceKernel()!, resolved === 'wasm-simd' && (kernel !== 'auto' || vectors[0].length >= GRAM_MIN_D));
}

/** The smallest dimension at which `auto` takes the Gram form (measured break-even at n = 11…51, `npm run bench`). */
export const GRAM_MIN_D = 256;

/** Row stride of the Gram kernel, in doubles: gram24 addresses rows a fixed 2048 doubles (16 KiB) apart (simd.wat). */
const GRAM_ROW = 2048;

function accumulateWasm(vectors: Vectors, dist: Float64Array, k: SimdKernels, gram: boolean): void {
  const n = vectors.length;
  const d = vectors[0].length;
  if (!gram) {
    const L = blockLength(n);
    const outAt = n * L;
    ensureMemory(k, (outAt + 8) * 8);
    const mem = new Float64Array(k.memory.buffer, 0, outAt + 8);
    for (let b0 = 0; b0 < d; b0 += L) {
      const len = Math.min(L, d - b0);
      for (let i = 0; i < n; i++) mem.set(vectors[i].subarray(b0, b0 + len), i * L);
      differenceBlock(k, mem, n, L, len, outAt, dist);
    }
    return;
  }
  const L = gramBlockLength(n);
  // rows 0…n−1 of a block, then three rows of zeros (so that every 2×4 tile is whole), GRAM_ROW doubles apart
  const gAt = (n + 3) * GRAM_ROW; // the Gram matrix of a block: n + 1 rows of n + 4
  const gw = n + 4;
  const outAt = gAt + (n + 1) * gw; // the 8 results of tile24, the 4 of diff4
  const valuesAt = outAt + 8; // n×n: results of the pairs queued for diff4
  const queueAt = valuesAt + n * n; // n×n int32: those pairs, as i·n + j; then 4 int32 (a tile's columns)
  const flagsAt = queueAt + Math.ceil((n * n + 4) / 2); // n×n bytes: pairs the guard rejected; then n: per row, 1 = a non-finite coordinate, 2 = ‖·‖² overflows
  ensureMemory(k, flagsAt * 8 + n * n + n);
  const buffer = k.memory.buffer;
  const mem = new Float64Array(buffer, 0, queueAt);
  mem.fill(0, n * GRAM_ROW, gAt);
  const values = mem.subarray(valuesAt, valuesAt + n * n);
  const queue = new Int32Array(buffer, queueAt * 8, n * n);
  const columns = new Int32Array(buffer, queueAt * 8 + n * n * 4, 4);
  const reject = new Uint8Array(buffer, flagsAt * 8, n * n);
  const bad = new Uint8Array(buffer, flagsAt * 8 + n * n, n);
  const pairs = (n * (n - 1)) / 2;
  let useGram = true;
  let gramBlocks = 0, recomputed = 0, differenceBlocks = 0;
  for (let b0 = 0; b0 < d; b0 += L) {
    const len = Math.min(L, d - b0);
    for (let i = 0; i < n; i++) mem.set(vectors[i].subarray(b0, b0 + len), i * GRAM_ROW);
    if (useGram) {
      const rejected = gramBlock(k, mem, n, len, gAt, gw, outAt, dist, bad, reject, columns, queue, values);
      gramBlocks++;
      recomputed += rejected;
      if (rejected > GRAM_GIVE_UP * pairs) useGram = false;
    } else {
      differenceBlock(k, mem, n, GRAM_ROW, len, outAt, dist);
      differenceBlocks++;
    }
  }
  lastGramCall.gramBlocks = gramBlocks;
  lastGramCall.pairBlocks = gramBlocks * pairs;
  lastGramCall.recomputed = recomputed;
  lastGramCall.differenceBlocks = differenceBlocks;
}

/** One block in the difference form: dist[i·n + j] += Σ_{c in block} (x_ic − x_jc)², rows i·L…, 2×4 tiles. */
function differenceBlock(k: SimdKernels, mem: Float64Array, n: number, L: number, len: number, outAt: number, dist: Float64Array): void {
  const row = L * 8;
  const out = outAt * 8;
  const even = len & ~1;
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

/**
 * One block in the guarded Gram form (see {@link GRAM_TAU}): the Gram matrix
 * of the block's rows (upper triangle and diagonal) in 2×4 tiles that start
 * on the diagonal, so that the norms come with the first tile of each row
 * pair, and run into the zero rows past the last one rather than leave a
 * remainder; then per pair either the Gram value or, where the guard rejects
 * it, the difference form recomputed from the same rows — rows i, i + 1
 * against four columns that both need it in one difference tile (a clique of
 * Byzantine copies), the rest four pairs at a time. Every dot product and
 * every recomputed distance is summed in one order whatever its position
 * (one f64x2 accumulator, lanes added at the end, then the odd last
 * coordinate), so equal vectors get bit-identical distances and exact ties
 * stay exact. Returns how many pairs were recomputed.
 */
function gramBlock(k: SimdKernels, mem: Float64Array, n: number, len: number, gAt: number, gw: number, outAt: number, dist: Float64Array, bad: Uint8Array, reject: Uint8Array, columns: Int32Array, queue: Int32Array, values: Float64Array): number {
  const row = GRAM_ROW * 8;
  const even = len & ~1;
  const g = gAt * 8, stride = gw * 8;
  for (let i = 0; i < n; i += 2) {
    for (let j = i; j < n; j += 4) k.gram24(i * row, j * row, even, g + (i * gw + j) * 8, stride);
  }
  if (even < len) {
    // odd last coordinate of the input
    for (let i = 0; i < n; i++) {
      const x = mem[i * GRAM_ROW + even];
      for (let j = i; j < n; j++) mem[gAt + i * gw + j] += x * mem[j * GRAM_ROW + even];
    }
  }
  for (let i = 0; i < n; i++) {
    const norm = mem[gAt + i * gw + i];
    bad[i] = norm < Infinity ? 0 : hasNonFinite(mem, i * GRAM_ROW, len) ? 1 : 2;
  }
  let rejected = 0;
  for (let i = 0; i < n; i++) {
    const ni = mem[gAt + i * gw + i], badI = bad[i], gi = gAt + i * gw;
    for (let j = i + 1; j < n; j++) {
      reject[i * n + j] = 0;
      if (badI === 1 || bad[j] === 1) {
        dist[i * n + j] += Infinity; // what the difference form gives: a non-finite coordinate on either side
        continue;
      }
      const s = ni + mem[gAt + j * gw + j];
      const dg = s - 2 * mem[gi + j];
      if (dg > TAU * s && dg < Infinity && s > GRAM_TINY) dist[i * n + j] += dg;
      else {
        reject[i * n + j] = 1;
        rejected++;
      }
    }
  }
  if (rejected === 0) return 0;
  // recomputation: rows i, i + 1 against four columns both rejected (tile24: a clique of Byzantine copies), the rest four pairs at a time
  const out = outAt * 8;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 1) === 0 && i + 1 < n) {
      let c = 0;
      for (let j = i + 2; j < n; j++) {
        if (reject[i * n + j] && reject[(i + 1) * n + j]) columns[c++] = j;
        if (c === 4) {
          k.tile24(i * row, (i + 1) * row, columns[0] * row, columns[1] * row, columns[2] * row, columns[3] * row, even, out);
          for (let t = 0; t < 4; t++) {
            const jj = columns[t];
            dist[i * n + jj] += withTail(mem[outAt + t], mem, i, jj, even, len);
            dist[(i + 1) * n + jj] += withTail(mem[outAt + 4 + t], mem, i + 1, jj, even, len);
            reject[i * n + jj] = reject[(i + 1) * n + jj] = 0;
          }
          c = 0;
        }
      }
    }
    for (let j = i + 1; j < n; j++) if (reject[i * n + j]) queue[q++] = i * n + j;
  }
  fourAtATime(k.diff4, queue, q, n, row, even, outAt, mem, values);
  for (let p = 0; p < q; p++) {
    const pos = queue[p];
    const i = (pos / n) | 0, j = pos % n;
    dist[pos] += withTail(values[p], mem, i, j, even, len);
  }
  return rejected;
}

/** A difference-form block sum of rows i and j plus the odd last coordinate, if any (the order of differenceBlock). */
function withTail(sum: number, mem: Float64Array, i: number, j: number, even: number, len: number): number {
  if (even === len) return sum;
  const u = mem[i * GRAM_ROW + even] - mem[j * GRAM_ROW + even];
  return sum + u * u;
}

/** Runs diff4 over the pairs queue[0…count) (as i·n + j, rows `row` bytes apart), results into values[0…count). */
function fourAtATime(kernel: SimdKernels['diff4'], queue: Int32Array, count: number, n: number, row: number, even: number, outAt: number, mem: Float64Array, values: Float64Array): void {
  const out = outAt * 8;
  for (let p = 0; p < count; p += 4) {
    const p0 = queue[p], p1 = queue[Math.min(p + 1, count - 1)], p2 = queue[Math.min(p + 2, count - 1)], p3 = queue[Math.min(p + 3, count - 1)];
    kernel(((p0 / n) | 0) * row, (p0 % n) * row, ((p1 / n) | 0) * row, (p1 % n) * row, ((p2 / n) | 0) * row, (p2 % n) * row, ((p3 / n) | 0) * row, (p3 % n) * row, even, out);
    values[p] = mem[outAt];
    if (p + 1 < count) values[p + 1] = mem[outAt + 1];
    if (p + 2 < count) values[p + 2] = mem[outAt + 2];
    if (p + 3 < count) values[p + 3] = mem[outAt + 3];
  }
}

function hasNonFinite(mem: Float64Array, at: number, len: number): boolean {
  for (let c = at; c < at + len; c++) if (!Number.isFinite(mem[c])) return true;
  return false;
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
function blockDistance(x: Float64Array | Float32Array, y: Float64Array | Float32Array, b0: number, b1: number): number {
  let s = 0;
  for (let c = b0; c < b1; c++) {
    const t = x[c] - y[c];
    s += t * t;
  }
  return s;
}
