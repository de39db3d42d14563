import { wasmDistanceKernel } from '../../lib/rules/kernels/squaredDistances';
import { time } from './timing';

/**
 * The machine's limits, measured in the same run as the kernels so that every
 * figure reads as a fraction of them:
 *
 * - multiply-add peak of plain JavaScript: eight independent accumulators
 *   s_k += a_c · w over an in-cache array (2 flops per element);
 * - multiply-add peak of WebAssembly SIMD: eight f64x2 accumulators over an
 *   in-cache array (4 flops per double), the ceiling of the distance kernel;
 * - memory-copy bandwidth: `Float64Array.prototype.set` between two 128 MiB
 *   arrays, counted as bytes read + bytes written per second.
 */
export interface MachineLimits {
  jsMultiplyAddGflops: number;
  wasmSimdMultiplyAddGflops: number | null;
  copyBandwidthGBs: number;
}

export function measureLimits(minSeconds: number): MachineLimits {
  return { jsMultiplyAddGflops: jsPeak(minSeconds), wasmSimdMultiplyAddGflops: wasmPeak(minSeconds), copyBandwidthGBs: copyBandwidth(minSeconds) };
}

function jsPeak(minSeconds: number): number {
  const len = 2048; // 16 KiB: in L1
  const a = new Float64Array(len).map((_, i) => 1e-3 + i * 1e-9);
  const w = 1.0000001, v = 0.9999999;
  const reps = 2000;
  let sink = 0;
  const run = () => {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let r = 0; r < reps; r++) {
      for (let c = 0; c < len; c += 8) {
        s0 += a[c] * w; s1 += a[c + 1] * w; s2 += a[c + 2] * w; s3 += a[c + 3] * w;
        s4 += a[c + 4] * v; s5 += a[c + 5] * v; s6 += a[c + 6] * v; s7 += a[c + 7] * v;
      }
    }
    sink += s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
  };
  const t = time(run, { minSeconds });
  if (sink === 42) console.log(''); // keep the sums alive
  return (2 * len * reps) / t.min / 1e9;
}

function wasmPeak(minSeconds: number): number | null {
  const k = wasmDistanceKernel();
  if (!k) return null;
  const len = 2048; // 16 KiB: in L1
  if (k.memory.buffer.byteLength < len * 8) k.memory.grow(1);
  new Float64Array(k.memory.buffer, 0, len).fill(1e-3);
  const reps = 4000;
  const t = time(() => k.peak(0, len, reps), { minSeconds });
  return (4 * len * reps) / t.min / 1e9;
}

function copyBandwidth(minSeconds: number): number {
  const len = 16 * 1024 * 1024; // 128 MiB per array, far beyond the 32 MiB L3
  const src = new Float64Array(len).fill(1), dst = new Float64Array(len);
  const t = time(() => dst.set(src), { minSeconds });
  return (2 * len * 8) / t.min / 1e9;
}
