/**
 * Every invalid input of issue 2 throws AdmissibilityError with the documented
 * message `<RULE> needs <condition>; got <name> = <value>, …` (lib/errors.ts).
 * The expected strings are written out in full here, from that format, so a
 * change of wording is caught.
 *
 * n is the number of input vectors (an array length), so it cannot be
 * non-integer or negative; "n out of range" is n below each rule's requirement.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/rules-errors.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AdmissibilityError } from '../lib/errors';
import { average } from '../lib/rules/average';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { geometricMedian } from '../lib/rules/geometricMedian';
import { krum, multiKrum } from '../lib/rules/krum';
import { bulyan } from '../lib/rules/bulyan';
import { aggregathor } from '../lib/rules/aggregathor';
import { makeGar } from '../lib/rules/catalogue';
import { type Vectors } from '../lib/vectors';

const vecs = (...rows: number[][]) => rows.map((r) => Float64Array.from(r));
/** n one-dimensional vectors 0, 1, …, n − 1. */
const line = (n: number) => Array.from({ length: n }, (_, i) => Float64Array.of(i));

/** Asserts that `run` throws an AdmissibilityError whose message is exactly `message`. */
function throwsExactly(run: () => unknown, message: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof AdmissibilityError, `expected AdmissibilityError, got ${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

/** Every rule, called with f (and its defaults), under the name its messages use. */
const RULES: { name: string; run: (v: Vectors, f: number) => unknown }[] = [
  { name: 'AVERAGE', run: (v) => average(v) },
  { name: 'MEDIAN', run: (v, f) => coordinateMedian(v, f) },
  { name: 'TRIMMED-MEAN', run: (v, f) => trimmedMean(v, f) },
  { name: 'GEOMETRIC-MEDIAN', run: (v, f) => geometricMedian(v, { f }) },
  { name: 'KRUM', run: (v, f) => krum(v, { f }) },
  { name: 'MULTI-KRUM', run: (v, f) => multiKrum(v, { f }) },
  { name: 'BULYAN', run: (v, f) => bulyan(v, { f }) },
  { name: 'AGGREGATHOR', run: (v, f) => aggregathor(v, { f }) },
];

// ------------------------------------------------------------------ malformed vectors (every rule)

for (const { name, run } of RULES) {
  test(`${name}: empty input`, () => {
    throwsExactly(() => run([], 0), `${name} needs at least one input vector; got n = 0`);
  });

  test(`${name}: input that is not an array`, () => {
    throwsExactly(() => run('vectors' as unknown as Vectors, 0), `${name} needs at least one input vector; got n = not an array`);
  });

  test(`${name}: mismatched dimensions`, () => {
    const v = [...line(6), Float64Array.of(1, 2)];
    throwsExactly(() => run(v, 0), `${name} needs all vectors of the same dimension; got index = 6, d = 2, expected = 1`);
  });

  test(`${name}: a plain array, an Int32Array or null instead of a Float64Array or Float32Array`, () => {
    const plain = [...line(6), [7] as unknown as Float64Array];
    throwsExactly(() => run(plain, 0), `${name} needs every input to be a Float64Array or Float32Array; got index = 6, type = object`);
    const ints = [Float64Array.of(0), new Int32Array([1]) as unknown as Float64Array, ...line(5)];
    throwsExactly(() => run(ints, 0), `${name} needs every input to be a Float64Array or Float32Array; got index = 1, type = object`);
    const nothing = [Float64Array.of(0), null as unknown as Float64Array];
    throwsExactly(() => run(nothing, 0), `${name} needs every input to be a Float64Array or Float32Array; got index = 1, type = null`);
  });

  test(`${name}: zero-dimensional vectors`, () => {
    throwsExactly(() => run([new Float64Array(0), new Float64Array(0), new Float64Array(0)], 0), `${name} needs dimension d >= 1; got d = 0`);
  });
}

// ------------------------------------------------------------------ f

for (const { name, run } of RULES.filter((r) => r.name !== 'AVERAGE')) {
  test(`${name}: f non-integer, negative, NaN or infinite`, () => {
    const v = line(11);
    throwsExactly(() => run(v, 1.5), `${name} needs an integer f >= 0; got f = 1.5`);
    throwsExactly(() => run(v, -1), `${name} needs an integer f >= 0; got f = -1`);
    throwsExactly(() => run(v, NaN), `${name} needs an integer f >= 0; got f = NaN`);
    throwsExactly(() => run(v, Infinity), `${name} needs an integer f >= 0; got f = Infinity`);
  });
}

// ------------------------------------------------------------------ n below each rule's requirement

test('MEDIAN, TRIMMED-MEAN, GEOMETRIC-MEDIAN need n >= 2f + 1', () => {
  throwsExactly(() => coordinateMedian(line(4), 2), 'MEDIAN needs n >= 2f + 1; got n = 4, f = 2');
  throwsExactly(() => trimmedMean(line(4), 2), 'TRIMMED-MEAN needs n >= 2f + 1; got n = 4, f = 2');
  throwsExactly(() => geometricMedian(line(4), { f: 2 }), 'GEOMETRIC-MEDIAN needs n >= 2f + 1; got n = 4, f = 2');
  // the boundary n = 2f + 1 is admissible
  assert.doesNotThrow(() => coordinateMedian(line(5), 2));
  assert.doesNotThrow(() => trimmedMean(line(5), 2));
  assert.doesNotThrow(() => geometricMedian(line(5), { f: 2 }));
});

test('MULTI-KRUM and KRUM need n >= 2f + 3 (the issue\'s example message)', () => {
  throwsExactly(() => multiKrum(line(6), { f: 2 }), 'MULTI-KRUM needs n >= 2f + 3; got n = 6, f = 2');
  throwsExactly(() => krum(line(6), { f: 2 }), 'KRUM needs n >= 2f + 3; got n = 6, f = 2');
  throwsExactly(() => multiKrum(line(2), { f: 0 }), 'MULTI-KRUM needs n >= 2f + 3; got n = 2, f = 0');
  assert.doesNotThrow(() => multiKrum(line(7), { f: 2 }));
});

test('BULYAN and AGGREGATHOR need n >= 4f + 3', () => {
  throwsExactly(() => bulyan(line(10), { f: 2 }), 'BULYAN needs n >= 4f + 3; got n = 10, f = 2');
  throwsExactly(() => aggregathor(line(10), { f: 2 }), 'AGGREGATHOR needs n >= 4f + 3; got n = 10, f = 2');
  throwsExactly(() => bulyan(line(2), { f: 0 }), 'BULYAN needs n >= 4f + 3; got n = 2, f = 0');
  assert.doesNotThrow(() => bulyan(line(11), { f: 2 }));
  assert.doesNotThrow(() => aggregathor(line(11), { f: 2 }));
});

test('property: every rule refuses every n below its requirement and accepts its boundary', () => {
  const requirement: Record<string, [string, (f: number) => number]> = {
    MEDIAN: ['n >= 2f + 1', (f) => 2 * f + 1],
    'TRIMMED-MEAN': ['n >= 2f + 1', (f) => 2 * f + 1],
    'GEOMETRIC-MEDIAN': ['n >= 2f + 1', (f) => 2 * f + 1],
    KRUM: ['n >= 2f + 3', (f) => 2 * f + 3],
    'MULTI-KRUM': ['n >= 2f + 3', (f) => 2 * f + 3],
    BULYAN: ['n >= 4f + 3', (f) => 4 * f + 3],
    AGGREGATHOR: ['n >= 4f + 3', (f) => 4 * f + 3],
  };
  const ruleArb = fc.constantFrom(...RULES.filter((r) => r.name !== 'AVERAGE'));
  fc.assert(
    fc.property(ruleArb, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 30 }), ({ name, run }, f, below) => {
      const [condition, minN] = requirement[name];
      const n = minN(f) - below;
      if (n >= 1) throwsExactly(() => run(line(n), f), `${name} needs ${condition}; got n = ${n}, f = ${f}`);
      run(line(minN(f)), f); // the boundary must not throw
    }),
    { numRuns: 200, seed: 20260201 },
  );
});

// ------------------------------------------------------------------ k, m and other parameters

test('MULTI-KRUM: k must be an integer in [1, n − 1]', () => {
  const v = line(7);
  throwsExactly(() => multiKrum(v, { f: 1, k: 0 }), 'MULTI-KRUM needs an integer k in [1, 6]; got k = 0');
  throwsExactly(() => multiKrum(v, { f: 1, k: 7 }), 'MULTI-KRUM needs an integer k in [1, 6]; got k = 7');
  throwsExactly(() => multiKrum(v, { f: 1, k: 2.5 }), 'MULTI-KRUM needs an integer k in [1, 6]; got k = 2.5');
  throwsExactly(() => multiKrum(v, { f: 1, k: -3 }), 'MULTI-KRUM needs an integer k in [1, 6]; got k = -3');
  throwsExactly(() => krum(v, { f: 1, k: NaN }), 'KRUM needs an integer k in [1, 6]; got k = NaN');
  assert.doesNotThrow(() => multiKrum(v, { f: 1, k: 6 }));
});

test('MULTI-KRUM: m must be an integer in [1, n]', () => {
  const v = line(7);
  throwsExactly(() => multiKrum(v, { f: 1, m: 0 }), 'MULTI-KRUM needs an integer m in [1, 7]; got m = 0');
  throwsExactly(() => multiKrum(v, { f: 1, m: 8 }), 'MULTI-KRUM needs an integer m in [1, 7]; got m = 8');
  throwsExactly(() => multiKrum(v, { f: 1, m: 1.5 }), 'MULTI-KRUM needs an integer m in [1, 7]; got m = 1.5');
  assert.doesNotThrow(() => multiKrum(v, { f: 1, m: 7 }));
});

test('MULTI-KRUM: declared Byzantine indices must be integers in [0, n − 1]', () => {
  const v = line(5);
  throwsExactly(() => multiKrum(v, { f: 1, byzantine: [5] }), 'MULTI-KRUM needs an integer Byzantine index in [0, 4]; got Byzantine index = 5');
  throwsExactly(() => multiKrum(v, { f: 1, byzantine: [-1] }), 'MULTI-KRUM needs an integer Byzantine index in [0, 4]; got Byzantine index = -1');
  throwsExactly(() => multiKrum(v, { f: 1, byzantine: [0.5] }), 'MULTI-KRUM needs an integer Byzantine index in [0, 4]; got Byzantine index = 0.5');
});

test('AGGREGATHOR: m must be an integer in [1, n − f − 2]', () => {
  const v = line(7); // f = 1: n − f − 2 = 4
  throwsExactly(() => aggregathor(v, { f: 1, m: 0 }), 'AGGREGATHOR needs an integer m in [1, 4]; got m = 0');
  throwsExactly(() => aggregathor(v, { f: 1, m: 5 }), 'AGGREGATHOR needs an integer m in [1, 4]; got m = 5');
  throwsExactly(() => aggregathor(v, { f: 1, m: 2.5 }), 'AGGREGATHOR needs an integer m in [1, 4]; got m = 2.5');
  assert.doesNotThrow(() => aggregathor(v, { f: 1, m: 4 }));
});

test('GEOMETRIC-MEDIAN: smoothing and tolerance must be positive, maxIterations a positive integer', () => {
  const v = vecs([0, 0], [1, 0], [0, 1]);
  throwsExactly(() => geometricMedian(v, { smoothing: 0 }), 'GEOMETRIC-MEDIAN needs smoothing > 0 and tolerance > 0; got smoothing = 0, tolerance = 1e-10');
  throwsExactly(() => geometricMedian(v, { tolerance: -1 }), 'GEOMETRIC-MEDIAN needs smoothing > 0 and tolerance > 0; got smoothing = 1e-8, tolerance = -1');
  throwsExactly(() => geometricMedian(v, { smoothing: NaN }), 'GEOMETRIC-MEDIAN needs smoothing > 0 and tolerance > 0; got smoothing = NaN, tolerance = 1e-10');
  throwsExactly(() => geometricMedian(v, { maxIterations: 0 }), 'GEOMETRIC-MEDIAN needs an integer maxIterations >= 1; got maxIterations = 0');
  throwsExactly(() => geometricMedian(v, { maxIterations: 2.5 }), 'GEOMETRIC-MEDIAN needs an integer maxIterations >= 1; got maxIterations = 2.5');
});

// ------------------------------------------------------------------ the Gar catalogue

test('makeGar: an unknown rule name', () => {
  throwsExactly(
    () => makeGar('krumm'),
    'makeGar needs a rule name among average, median, trimmed-mean, geometric-median, krum, multi-krum, bulyan, aggregathor, centered-clipping, mda, meamed, phocas, monna, caf, smea, optionally after pre-aggregators (nnm, arc, bucketing, clipping) joined by +; got name = krumm',
  );
});

test('makeGar rules throw the same errors as the functions behind them', () => {
  throwsExactly(() => makeGar('multi-krum').aggregate(line(6), 2), 'MULTI-KRUM needs n >= 2f + 3; got n = 6, f = 2');
  throwsExactly(() => makeGar('krum').aggregate(line(6), 2), 'KRUM needs n >= 2f + 3; got n = 6, f = 2');
  throwsExactly(() => makeGar('multi-krum', { m: (n) => n + 1 }).aggregate(line(7), 1), 'MULTI-KRUM needs an integer m in [1, 7]; got m = 8');
  throwsExactly(() => makeGar('aggregathor', { m: (n) => n }).aggregate(line(7), 1), 'AGGREGATHOR needs an integer m in [1, 4]; got m = 7');
  throwsExactly(() => makeGar('bulyan').aggregate([], 0), 'BULYAN needs at least one input vector; got n = 0');
  assert.equal(makeGar('median').admissible(4, 2), false);
  assert.equal(makeGar('median').admissible(5, 2), true);
});

// ------------------------------------------------------------------ not errors

test('NaN, ±Infinity and huge values in the vectors are input, not errors', () => {
  const v = vecs([NaN, 0], [Infinity, 1], [1e300, -Infinity], [0, 0], [1, 1], [2, 2], [3, 3]);
  for (const { run } of RULES) assert.doesNotThrow(() => run(v, 1));
});
