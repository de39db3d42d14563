import { SIMD_WASM_BASE64 } from './simdWasm';

// The compiler's ES2022 library has no WebAssembly types (they come with the
// DOM library); the little used here, declared locally.
declare namespace WebAssembly {
  class Memory { readonly buffer: ArrayBuffer; grow(pages: number): number }
  class Module { constructor(bytes: Uint8Array) }
  class Instance { constructor(module: Module, imports: object); readonly exports: Record<string, unknown> }
}

/** The exports of simd.wat (see there for each kernel's contract). */
export interface SimdKernels {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  tile24(a: number, b: number, y0: number, y1: number, y2: number, y3: number, len: number, out: number): void;
  tile11(a: number, y: number, len: number): number;
  gram24(x: number, y: number, len: number, out: number, stride: number): void;
  diff4(a0: number, y0: number, a1: number, y1: number, a2: number, y2: number, a3: number, y3: number, len: number, out: number): void;
  sortColumns(block: number, stride: number, width: number, net: number, netEnd: number): void;
  addRows4(dst: number, s1: number, s2: number, s3: number, s4: number, width: number): void;
  addRow1(dst: number, s1: number, width: number): void;
  /** Per column of a block: the sum in row order of the rows within the threshold of the center, and whether those are exactly β rows (i64 −1, else 0). */
  closestSum(t: number, stride: number, len: number, width: number, center: number, thr: number, sum: number, ok: number, beta: number): void;
  /** Column means of `count` rows (byte offsets in the i32 table), float64 / float32 rows, × scale or (divide ≠ 0) ÷ scale; nonzero when an output coordinate is not finite. */
  meanRows64(table: number, count: number, width: number, dst: number, scale: number, block: number, divide: number): number;
  meanRows32(table: number, count: number, width: number, dst: number, scale: number, block: number, divide: number): number;
  /** out[p] += Σ_c (x_p[c] − y[c])² over width (even) coordinates, two partial sums per row. */
  dist2Rows64(table: number, count: number, width: number, point: number, out: number): void;
  dist2Rows32(table: number, count: number, width: number, point: number, out: number): void;
  /** dst[c] = Σ_p w_p·x_p[c] in row order from 0 (weightedSum's order), rows with w_p = 0 skipped. */
  weightedRows64(table: number, weights: number, count: number, width: number, dst: number): void;
  weightedRows32(table: number, weights: number, count: number, width: number, dst: number): void;
  /** Row p of dst (stride bytes apart) = x_p · s_p, NaN where not finite, over width (even) coordinates. */
  scaleRows64(table: number, factors: number, count: number, width: number, dst: number, stride: number): void;
  scaleRows32(table: number, factors: number, count: number, width: number, dst: number, stride: number): void;
  /** The benchmark's multiply-add ceiling: 4·len·reps flops over len in-cache doubles at byte offset p. */
  peak(p: number, len: number, reps: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * A fresh instance of the WebAssembly SIMD kernels, with its own linear
 * memory (each user keeps one per thread, so that one kernel growing its
 * memory never invalidates another's views), or null when the runtime has no
 * WebAssembly SIMD — the callers then use their JavaScript versions.
 */
export function instantiateSimd(): SimdKernels | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(SIMD_WASM_BASE64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  return new WebAssembly.Instance(compiled, {}).exports as unknown as SimdKernels;
}

/** Makes `memory` at least `bytes` long; views created before a growth are stale afterwards. */
export function ensureMemory(k: SimdKernels, bytes: number): void {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
}
