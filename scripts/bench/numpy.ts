import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Vectors } from '../../lib/vectors';

/** The baseline script, in the source tree (it is not compiled). */
export const NUMPY_SCRIPT = join(__dirname, '..', '..', '..', 'bench', 'numpy_baseline.py');

/** What one run of bench/numpy_baseline.py gives: per rule the timed seconds and the output. */
export interface NumpyRun {
  version: string;
  seconds: Record<string, number[]>;
  /** CPU seconds per call, all of Python's threads (OpenBLAS runs several). */
  cpu: Record<string, number[]>;
  outputs: Record<string, Float64Array>;
}

/**
 * Writes the inputs in the baseline's binary format: int32 n, d, f, 0, then
 * the n·d doubles row-major, little-endian (the machine's order, checked).
 */
export function writeInputs(path: string, vectors: Vectors, f: number): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new Error('the numpy baseline exchange assumes a little-endian machine');
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, new Uint8Array(Int32Array.of(vectors.length, vectors[0].length, f, 0).buffer));
    for (const v of vectors) writeSync(fd, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  } finally {
    closeSync(fd);
  }
}

/** The Python interpreter with numpy: Debian's /usr/bin/python3 first. Null when there is none. */
export function findPython(): { python: string; version: string } | null {
  return findPythonWith('numpy');
}

/** The first of Debian's /usr/bin/python3 and python3 that imports `module`, with the module's version. */
function findPythonWith(module: 'numpy' | 'torch'): { python: string; version: string } | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (python.startsWith('/') && !existsSync(python)) continue;
    const r = spawnSync(python, ['-c', `import ${module}; print(${module}.__version__)`], { encoding: 'utf8' });
    if (r.status === 0) return { python, version: r.stdout.trim() };
  }
  return null;
}

/** The aggregates the baseline wrote to `outputPath`, d doubles per rule in `rules` order. */
function readOutputs(outputPath: string, rules: readonly string[], d: number): Record<string, Float64Array> {
  const bytes = readFileSync(outputPath);
  const all = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)); // copied: a Buffer's offset need not be 8-aligned
  const outputs: Record<string, Float64Array> = {};
  rules.forEach((rule, i) => (outputs[rule] = Float64Array.from(all.subarray(i * d, (i + 1) * d))));
  return outputs;
}

/**
 * Runs the baseline on the inputs at `inputPath` (rounded to float32 by numpy with dtype float32); outputs are read
 * back from `outputPath`. Layout 'list': each rule gets n separate arrays and stacks them first, as ByzFL does with a
 * list of numpy arrays (the workbook's separate typed arrays); 'array': the (n, d) array (the workbook's arena).
 */
export function runNumpy(python: string, inputPath: string, outputPath: string, d: number, minSeconds: number, rules: readonly string[], dtype: 'float64' | 'float32' = 'float64', layout: 'array' | 'list' = 'array'): NumpyRun {
  const r = spawnSync(python, [NUMPY_SCRIPT, inputPath, outputPath, String(minSeconds), rules.join(','), dtype, layout], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`numpy baseline failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { numpy: string; seconds: Record<string, number[]>; cpu: Record<string, number[]> };
  return { version: report.numpy, seconds: report.seconds, cpu: report.cpu, outputs: readOutputs(outputPath, rules, d) };
}

/** ByzantineMomentum's rules on torch (bench/torch_baseline.py), not compiled either. */
export const TORCH_SCRIPT = join(__dirname, '..', '..', '..', 'bench', 'torch_baseline.py');

/** Debian's /usr/bin/python3 when it has torch (python3-torch), with torch's version; null otherwise. */
export function findTorch(): { python: string; version: string } | null {
  return findPythonWith('torch');
}

/**
 * Runs bench/torch_baseline.py on the inputs at `inputPath` (n float64 tensors, as ByzantineMomentum's training loop
 * hands them to its rules) with `threads` intra-op threads; same exchange format as {@link runNumpy}.
 */
export function runTorch(python: string, inputPath: string, outputPath: string, d: number, minSeconds: number, rules: readonly string[], threads: number): NumpyRun & { threads: number } {
  const r = spawnSync(python, [TORCH_SCRIPT, inputPath, outputPath, String(minSeconds), rules.join(','), String(threads)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`torch baseline failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { torch: string; threads: number; seconds: Record<string, number[]>; cpu: Record<string, number[]> };
  return { version: report.torch, threads: report.threads, seconds: report.seconds, cpu: report.cpu, outputs: readOutputs(outputPath, rules, d) };
}
