import { AdmissibilityError, requireThat } from './errors';

/** A list of d-dimensional vectors, one per worker. */
export type Vectors = readonly Float64Array[];

/**
 * What the aggregation rules accept: float64 or float32 vectors (gradients
 * are float32 in practice). Rules read float32 inputs in place and
 * accumulate in float64.
 */
export type RuleInputs = readonly (Float64Array | Float32Array)[];

/**
 * Checks the shape of a rule's input: at least one vector, every vector a
 * Float64Array or a Float32Array, all of the same positive dimension. Values are not checked: NaN and
 * ±Infinity are legitimate Byzantine input.
 *
 * @returns the dimension d
 */
export function checkVectors(rule: string, vectors: RuleInputs): number {
  requireThat(Array.isArray(vectors) && vectors.length > 0, rule, 'at least one input vector', { n: Array.isArray(vectors) ? vectors.length : 'not an array' });
  const d = vectors[0]?.length;
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i];
    if (!(v instanceof Float64Array || v instanceof Float32Array)) throw new AdmissibilityError(rule, 'every input to be a Float64Array or Float32Array', { index: i, type: v === null ? 'null' : typeof v });
    if (v.length !== d) throw new AdmissibilityError(rule, 'all vectors of the same dimension', { index: i, d: v.length, expected: d });
  }
  requireThat(d >= 1, rule, 'dimension d >= 1', { d });
  return d;
}

/** True when every coordinate is finite. */
export function isFiniteVector(v: Float64Array | Float32Array): boolean {
  for (let j = 0; j < v.length; j++) if (!Number.isFinite(v[j])) return false;
  return true;
}

/** ‖x − y‖². */
export function squaredDistance(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) {
    const t = x[j] - y[j];
    s += t * t;
  }
  return s;
}

/** ‖x‖. */
export function norm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

/** ⟨x, y⟩. */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * y[j];
  return s;
}

/**
 * The mean of the vectors at `indices` (all of them when omitted), summed in
 * the order given: each coordinate is ((0 + x_{i1}) + x_{i2}) + … then times
 * 1/m, exactly as adding one vector at a time gives — four vectors per pass,
 * so that the running sums are loaded and stored a quarter as often (about
 * 1.6× faster at n = 51, d = 10⁵; blocking over coordinates measured no
 * better).
 */
export function meanOf(vectors: RuleInputs, indices?: readonly number[], out?: Float64Array): Float64Array {
  const d = vectors[0].length;
  const result = out ?? new Float64Array(d);
  result.fill(0);
  const idx = indices ?? vectors.map((_, i) => i);
  const m = idx.length;
  let p = 0;
  for (; p + 3 < m; p += 4) {
    const v0 = vectors[idx[p]], v1 = vectors[idx[p + 1]], v2 = vectors[idx[p + 2]], v3 = vectors[idx[p + 3]];
    for (let j = 0; j < d; j++) result[j] = (((result[j] + v0[j]) + v1[j]) + v2[j]) + v3[j];
  }
  for (; p < m; p++) {
    const v = vectors[idx[p]];
    for (let j = 0; j < d; j++) result[j] += v[j];
  }
  const inv = 1 / m;
  for (let j = 0; j < d; j++) result[j] *= inv;
  return result;
}

/** x − y, as a new vector. */
export function subtract(x: Float64Array, y: Float64Array): Float64Array {
  const r = new Float64Array(x.length);
  for (let j = 0; j < x.length; j++) r[j] = x[j] - y[j];
  return r;
}
