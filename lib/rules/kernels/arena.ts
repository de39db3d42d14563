import { ensureMemory, instantiateSimd, type SimdKernels } from './wasm';

/**
 * Input vectors that live in WebAssembly memory, so that the kernels read
 * them in place.
 *
 * A rule's inputs are usually n separate typed arrays, each in its own
 * JavaScript buffer, which WebAssembly cannot address: a kernel must first
 * copy them into its memory (MULTI-KRUM's distances and mean do), and the
 * plain average, which reads every value once, gains nothing from SIMD after
 * paying for that copy — its JavaScript loop runs at about a third of the
 * memory bandwidth (scalar loads), while numpy's `X.mean(axis=0)` over an
 * (n, d) array already in memory runs at it.
 *
 * {@link allocateVectors} gives the layout numpy has: n rows of one buffer,
 * here the memory of a private instance of the SIMD kernels (simd.wat), so
 * that the average and every mean of rows ({@link arenaMean}) read the rows
 * where they are, two coordinates per instruction, float64 or float32
 * (promoted exactly, summed in float64). The vectors are ordinary
 * Float64Array / Float32Array views of length d: every rule accepts them,
 * and the ones that do not know the layout read them like any other input.
 * The memory never grows after allocation (growth would detach the views).
 * Allocate once and refill: each call makes a WebAssembly instance and
 * memory, which reserves address space that the collector frees late.
 *
 * Without WebAssembly SIMD, or when the memory cannot be had, the vectors are
 * plain typed arrays and everything works as for any other input.
 *
 * @example
 *   const xs = allocateVectors(25, 1e5, 'float32');
 *   xs[3].set(gradient); // fill in place
 *   average(xs).aggregate // read in place by meanRows32
 */
export function allocateVectors(n: number, d: number, dtype: 'float64'): Float64Array[];
export function allocateVectors(n: number, d: number, dtype: 'float32'): Float32Array[];
export function allocateVectors(n: number, d: number, dtype: 'float64' | 'float32'): Float64Array[] | Float32Array[];
export function allocateVectors(n: number, d: number, dtype: 'float64' | 'float32' = 'float64'): Float64Array[] | Float32Array[] {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(d) && d >= 1)) throw new RangeError(`allocateVectors: n and d must be positive integers; got n = ${n}, d = ${d}`);
  if (dtype !== 'float64' && dtype !== 'float32') throw new RangeError(`allocateVectors: dtype must be 'float64' or 'float32'; got ${String(dtype)}`);
  const bytes = dtype === 'float64' ? 8 : 4;
  const plain = () => (dtype === 'float64' ? Array.from({ length: n }, () => new Float64Array(d)) : Array.from({ length: n }, () => new Float32Array(d)));
  const kernels = instantiateSimd();
  if (!kernels) return plain();
  const tableCapacity = n;
  const table = 0;
  const dst = align16(4 * tableCapacity);
  const rowsStart = dst + align16(8 * (d + 1));
  const rowBytes = align16(d * bytes);
  const rowsEnd = rowsStart + n * rowBytes;
  const total = rowsEnd + 16; // a row may be read one coordinate past its end
  if (total > 2 ** 32 - 65536) return plain();
  try {
    ensureMemory(kernels, total);
  } catch {
    return plain(); // RangeError: the engine would not give that much memory
  }
  const buffer = kernels.memory.buffer;
  ARENAS.set(buffer, { kernels, buffer, table, tableCapacity, dst, d, rowsStart, rowsEnd });
  if (dtype === 'float64') return Array.from({ length: n }, (_, i) => new Float64Array(buffer, rowsStart + i * rowBytes, d));
  return Array.from({ length: n }, (_, i) => new Float32Array(buffer, rowsStart + i * rowBytes, d));
}

interface Arena {
  kernels: SimdKernels;
  buffer: ArrayBuffer;
  /** Byte offset of the row table (i32 byte offsets), and how many entries it holds. */
  table: number;
  tableCapacity: number;
  /** Byte offset of the d (+1) output doubles. */
  dst: number;
  d: number;
  rowsStart: number;
  rowsEnd: number;
}

const ARENAS = new WeakMap<ArrayBuffer, Arena>();

/** Coordinates per block of meanRows: 8192 sums (64 KiB) stay in L2 while four rows stream through them. */
const MEAN_BLOCK = 8192;

const align16 = (x: number) => Math.ceil(x / 16) * 16;

/** True when every vector is a view into one arena made by {@link allocateVectors} (same element type). */
export function inArena(vectors: readonly (Float64Array | Float32Array)[]): boolean {
  return arenaFor(vectors) !== null;
}

function arenaFor(vectors: readonly (Float64Array | Float32Array)[]): Arena | null {
  const first = vectors[0];
  if (!first) return null;
  const arena = ARENAS.get(first.buffer as ArrayBuffer);
  if (!arena || arena.kernels.memory.buffer !== arena.buffer) return null;
  const per = first.BYTES_PER_ELEMENT, d = first.length;
  if (d > arena.d) return null;
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i];
    if (v.buffer !== arena.buffer || v.BYTES_PER_ELEMENT !== per || v.length !== d) return null;
    if (v.byteOffset < arena.rowsStart || v.byteOffset + v.byteLength > arena.rowsEnd) return null;
  }
  return arena;
}

/**
 * The mean of vectors[indices] (all of them when null), in that order, when
 * every vector lives in one arena of {@link allocateVectors}: bit for bit
 * meanOf's result — each coordinate ((0 + x_{i1}) + x_{i2}) + … then × 1/m,
 * float32 values promoted exactly; with `finish = 'divide'`, ÷ m instead,
 * as meanOfIndices (lib/rules/inputs.ts) does — computed in place by meanRows64 /
 * meanRows32 (simd.wat). `finite` is true when every output coordinate is
 * finite (else the caller's slow path, lib/rules/nonfinite.ts's finishMean,
 * handles the others exactly as for any input). Null when the vectors are
 * not in one arena (the caller then uses meanOf).
 */
export function arenaMean(vectors: readonly (Float64Array | Float32Array)[], indices: readonly number[] | null, out?: Float64Array, finish: 'multiply' | 'divide' = 'multiply'): { out: Float64Array; finite: boolean } | null {
  const arena = arenaFor(vectors);
  if (!arena) return null;
  const m = indices ? indices.length : vectors.length;
  if (m === 0 || m > arena.tableCapacity) return null;
  const d = vectors[0].length;
  const table = new Int32Array(arena.buffer, arena.table, m);
  for (let p = 0; p < m; p++) table[p] = vectors[indices ? indices[p] : p].byteOffset;
  const width = d + (d & 1); // an odd d: one coordinate past the end is summed into dst[d], never read back
  const k = arena.kernels;
  const divide = finish === 'divide' ? 1 : 0;
  const scale = divide ? m : 1 / m;
  const bad = vectors[0].BYTES_PER_ELEMENT === 8
    ? k.meanRows64(arena.table, m, width, arena.dst, scale, MEAN_BLOCK, divide)
    : k.meanRows32(arena.table, m, width, arena.dst, scale, MEAN_BLOCK, divide);
  const result = out ?? new Float64Array(d);
  result.set(new Float64Array(arena.buffer, arena.dst, d));
  // With an odd d, the extra coordinate may have been the only non-finite one.
  return { out: result, finite: bad === 0 };
}

/** This thread's staging instance of the kernels (its own memory, so growth never detaches another kernel's views). */
let staging: SimdKernels | null | undefined;
/** Bytes of input staged per block: n rows × a block of coordinates, kept within L2. */
const STAGE_BYTES = 1 << 19;
/** Below this dimension the JavaScript loop is as fast (the staging calls cost more than they save). */
export const STAGED_MIN_D = 256;

/**
 * The same mean as {@link arenaMean} — bit for bit meanOf's (or, with
 * `finish = 'divide'`, meanOfIndices's) sums — for inputs that are ordinary
 * typed arrays: a block of coordinates of every row is copied into this
 * thread's WebAssembly memory (a memory copy of the same element type, no
 * conversion; n rows × the block fit in L2) and summed there by
 * meanRows64/meanRows32, then the next block. The copy costs less than the
 * JavaScript loop's scalar loads save (float32 above all, where the loop
 * converts every value). Null without WebAssembly SIMD, for mixed
 * float64/float32 inputs, or below {@link STAGED_MIN_D} coordinates.
 */
export function stagedMean(vectors: readonly (Float64Array | Float32Array)[], indices: readonly number[] | null, out?: Float64Array, finish: 'multiply' | 'divide' = 'multiply'): { out: Float64Array; finite: boolean } | null {
  const m = indices ? indices.length : vectors.length;
  const d = vectors[0].length;
  if (m === 0 || d < STAGED_MIN_D) return null;
  const per = vectors[0].BYTES_PER_ELEMENT;
  for (let i = 0; i < vectors.length; i++) if (vectors[i].BYTES_PER_ELEMENT !== per) return null;
  if (staging === undefined) staging = instantiateSimd();
  const k = staging;
  if (!k) return null;
  let block = Math.floor(STAGE_BYTES / (m * per)) & ~15;
  if (block < 256) block = 256;
  if (block > d) block = d + (d & 1);
  const table = 0, dst = align16(4 * m), rows = dst + align16(8 * block);
  const rowBytes = align16(block * per);
  ensureMemory(k, rows + m * rowBytes + 16);
  const buffer = k.memory.buffer;
  const offsets = new Int32Array(buffer, table, m);
  for (let p = 0; p < m; p++) offsets[p] = rows + p * rowBytes;
  const stage = per === 8 ? new Float64Array(buffer, rows, (m * rowBytes) / 8) : new Float32Array(buffer, rows, (m * rowBytes) / 4);
  const stride = rowBytes / per;
  const sums = new Float64Array(buffer, dst, block);
  const result = out ?? new Float64Array(d);
  const divide = finish === 'divide' ? 1 : 0;
  const scale = divide ? m : 1 / m;
  let bad = 0;
  for (let c0 = 0; c0 < d; c0 += block) {
    const width = Math.min(block, d - c0);
    for (let p = 0; p < m; p++) {
      const v = vectors[indices ? indices[p] : p];
      (stage as Float64Array).set(v.subarray(c0, c0 + width) as Float64Array, p * stride);
      if (width & 1) stage[p * stride + width] = 0; // the coordinate read past an odd block
    }
    const even = width + (width & 1);
    bad |= per === 8 ? k.meanRows64(table, m, even, dst, scale, block, divide) : k.meanRows32(table, m, even, dst, scale, block, divide);
    result.set(width === block ? sums : sums.subarray(0, width), c0);
  }
  return { out: result, finite: bad === 0 };
}

/** Where a staged pass keeps things in the staging memory (byte offsets). */
interface StageLayout { k: SimdKernels; buffer: ArrayBuffer; per: number; m: number; block: number; table: number; small: number; point: number; dst: number }

/**
 * Runs `body` once per block of coordinates with the first `m` vectors'
 * values of that block staged (a memory copy of the same element type) as
 * rows of this thread's WebAssembly memory, their byte offsets in the table
 * at `table`; `small` holds m doubles, `point` a block of doubles and `dst`
 * `dstRows` blocks of doubles (block·8 bytes apart). False (nothing run) without WebAssembly SIMD, below
 * {@link STAGED_MIN_D} coordinates, or when the m vectors are not all of one
 * element type.
 */
function staged(vectors: readonly (Float64Array | Float32Array)[], m: number, body: (L: StageLayout, c0: number, width: number, even: number) => void, prepare?: (L: StageLayout) => void, dstRows = 1): boolean {
  const d = vectors[0].length;
  if (m === 0 || d < STAGED_MIN_D) return false;
  const per = vectors[0].BYTES_PER_ELEMENT;
  for (let i = 0; i < m; i++) if (vectors[i].BYTES_PER_ELEMENT !== per) return false;
  if (staging === undefined) staging = instantiateSimd();
  const k = staging;
  if (!k) return false;
  // The block does not depend on the element type, so that float32 inputs and their float64
  // copies are summed in the same blocks (the distances' partial sums, bit for bit).
  let block = Math.floor(STAGE_BYTES / (m * 8)) & ~15;
  if (block < 256) block = 256;
  if (block > d) block = d + (d & 1);
  const table = 0, small = align16(4 * m), point = small + align16(8 * m), dst = point + 8 * block, rows = dst + 8 * block * dstRows;
  const rowBytes = align16(block * per);
  ensureMemory(k, rows + m * rowBytes + 16);
  const buffer = k.memory.buffer;
  const offsets = new Int32Array(buffer, table, m);
  for (let p = 0; p < m; p++) offsets[p] = rows + p * rowBytes;
  const stage = per === 8 ? new Float64Array(buffer, rows, (m * rowBytes) / 8) : new Float32Array(buffer, rows, (m * rowBytes) / 4);
  const stride = rowBytes / per;
  const L: StageLayout = { k, buffer, per, m, block, table, small, point, dst };
  prepare?.(L);
  for (let c0 = 0; c0 < d; c0 += block) {
    const width = Math.min(block, d - c0);
    for (let p = 0; p < m; p++) {
      (stage as Float64Array).set(vectors[p].subarray(c0, c0 + width) as Float64Array, p * stride);
      if (width & 1) stage[p * stride + width] = 0;
    }
    body(L, c0, width, width + (width & 1));
  }
  return true;
}

/**
 * Σ_c (x_c − y_c)² for each of the vectors, y = `point` (the origin when
 * null), in WebAssembly SIMD over staged blocks: two partial sums per block
 * (even and odd coordinates), the blocks' sums added in order — a different
 * summation order from a sequential loop, so within d·2⁻⁵³ relative of it,
 * not bit for bit. A non-finite entry (an overflow, or a non-finite
 * coordinate) is the caller's to redo exactly (lib/rules/inputs.ts's
 * distanceOf). Null where {@link stagedMean} would be.
 */
export function stagedSquaredDistances(vectors: readonly (Float64Array | Float32Array)[], point: Float64Array | null): Float64Array | null {
  const m = vectors.length;
  let layout: StageLayout | null = null;
  const ok = staged(vectors, m, (L, c0, width, even) => {
    if (point) {
      const y = new Float64Array(L.buffer, L.point, even);
      y.set(point.subarray(c0, c0 + width));
      if (width & 1) y[width] = 0;
    }
    (L.per === 8 ? L.k.dist2Rows64 : L.k.dist2Rows32)(L.table, m, even, L.point, L.small);
  }, (L) => {
    layout = L;
    new Float64Array(L.buffer, L.small, m).fill(0);
    if (!point) new Float64Array(L.buffer, L.point, L.block).fill(0);
  });
  if (!ok || !layout) return null;
  const L = layout as StageLayout;
  return new Float64Array(L.buffer, L.small, m).slice();
}

/**
 * out[c] = Σ_i w_i·x_i[c] over the first `m` vectors, in index order from 0,
 * rows with w_i = 0 skipped — weightedSum's additions, bit for bit — in
 * WebAssembly SIMD over staged blocks. False (out untouched) where
 * {@link stagedMean} would give null.
 */
export function stagedWeightedSum(vectors: readonly (Float64Array | Float32Array)[], m: number, weights: ArrayLike<number>, out: Float64Array): boolean {
  return staged(vectors, m, (L, c0, width, even) => {
    (L.per === 8 ? L.k.weightedRows64 : L.k.weightedRows32)(L.table, L.small, m, even, L.dst);
    out.set(new Float64Array(L.buffer, L.dst, width), c0);
  }, (L) => {
    const w = new Float64Array(L.buffer, L.small, m);
    for (let i = 0; i < m; i++) w[i] = weights[i];
  });
}

/**
 * x_i · factors[i] for every input, as new Float64Arrays, NaN where a
 * product is not finite — lib/rules/preaggregator.ts's `scaled`, bit for bit
 * — in WebAssembly SIMD over staged blocks (scaleRows64/32). Null where
 * {@link stagedMean} would be.
 */
export function stagedScaled(vectors: readonly (Float64Array | Float32Array)[], factors: ArrayLike<number>): Float64Array[] | null {
  const m = vectors.length, d = vectors[0].length;
  const outs: Float64Array[] = [];
  const ok = staged(vectors, m, (L, c0, width, even) => {
    (L.per === 8 ? L.k.scaleRows64 : L.k.scaleRows32)(L.table, L.small, m, even, L.dst, 8 * L.block);
    for (let p = 0; p < m; p++) outs[p].set(new Float64Array(L.buffer, L.dst + 8 * L.block * p, width), c0);
  }, (L) => {
    const f = new Float64Array(L.buffer, L.small, m);
    for (let i = 0; i < m; i++) { f[i] = factors[i]; outs.push(new Float64Array(d)); }
  }, m);
  return ok ? outs : null;
}
