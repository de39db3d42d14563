/**
 * The non-finite and overflow convention of every rule (issue #12,
 * lib/rules/nonfinite.ts):
 *
 * (a) at most f Byzantine vectors, whatever they hold (NaN, ±Infinity,
 *     ±1e308), give a finite output;
 * (b) more than f NaN vectors give an output whose coordinates are finite or
 *     NaN — never ±Infinity — and a NaN output comes with
 *     diagnostics.outsideGuarantee naming the rule;
 * (c) finite inputs near the largest double give a finite output equal to the
 *     exact answer (computed here with BigInt: every double is an integer
 *     multiple of 2^−1074) within the rounding of a sum, or, for the rules
 *     that select, to the rule on the inputs scaled by 2^−600 and scaled back;
 * (d) with every squared distance overflowing, KRUM, MULTI-KRUM, BULYAN and
 *     AGGREGATHOR select the same indices as on the inputs scaled by 2^−600;
 * (e) an unknown option value or key is rejected with a one-line
 *     AdmissibilityError naming the rule.
 *
 * Fixed fast-check seeds; each property fails on the code before the fix
 * (+Infinity medians of NaN inputs, Infinity averages of 1.7e308, selection by
 * index when distances overflow, options accepted silently).
 *
 * Run: node node_modules/typescript/bin/tsc -p . && node --test dist/property-tests/rules-nonfinite.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AdmissibilityError } from '../lib/errors';
import { aggregathor } from '../lib/rules/aggregathor';
import { average } from '../lib/rules/average';
import { bulyan } from '../lib/rules/bulyan';
import { makeGar, RULE_NAMES } from '../lib/rules/catalogue';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { geometricMedian } from '../lib/rules/geometricMedian';
import { krum, multiKrum } from '../lib/rules/krum';
import type { OutsideGuarantee } from '../lib/rules/nonfinite';
import type { Vectors } from '../lib/vectors';

const SEED = 1212;

interface Rule {
  catalogue: (typeof RULE_NAMES)[number];
  name: string;
  minN: (f: number) => number;
  run: (v: Vectors, f: number) => { aggregate: Float64Array; diagnostics: { outsideGuarantee?: OutsideGuarantee; selected?: number[] } };
  /** The indices the rule selected (Krum family), for (c) and (d). */
  selected?: (v: Vectors, f: number) => number[];
}

const RULES: Rule[] = [
  { catalogue: 'average', name: 'AVERAGE', minN: () => 1, run: (v) => average(v) },
  { catalogue: 'median', name: 'MEDIAN', minN: (f) => 2 * f + 1, run: (v, f) => coordinateMedian(v, f) },
  { catalogue: 'trimmed-mean', name: 'TRIMMED-MEAN', minN: (f) => 2 * f + 1, run: (v, f) => trimmedMean(v, f) },
  { catalogue: 'geometric-median', name: 'GEOMETRIC-MEDIAN', minN: (f) => 2 * f + 1, run: (v, f) => geometricMedian(v, { f }) },
  { catalogue: 'krum', name: 'KRUM', minN: (f) => 2 * f + 3, run: (v, f) => krum(v, { f }), selected: (v, f) => krum(v, { f }).diagnostics.selected },
  { catalogue: 'multi-krum', name: 'MULTI-KRUM', minN: (f) => 2 * f + 3, run: (v, f) => multiKrum(v, { f }), selected: (v, f) => [...multiKrum(v, { f }).diagnostics.selected].sort((a, b) => a - b) },
  { catalogue: 'bulyan', name: 'BULYAN', minN: (f) => 4 * f + 3, run: (v, f) => bulyan(v, { f }), selected: (v, f) => bulyan(v, { f }).diagnostics.selected },
  {
    catalogue: 'aggregathor', name: 'AGGREGATHOR', minN: (f) => 4 * f + 3, run: (v, f) => aggregathor(v, { f }),
    selected: (v, f) => aggregathor(v, { f }).diagnostics.rounds.flatMap((r) => [...r.averaged, -1]),
  },
];

test('every rule of the catalogue is covered', () => {
  assert.deepEqual(RULES.map((r) => r.catalogue), [...RULE_NAMES]);
});

/** A setting (n, f) admissible for the rule; AVERAGE tolerates f = 0. */
function settingArb(rule: Rule, maxF = 2): fc.Arbitrary<{ n: number; f: number; d: number }> {
  const fMax = rule.catalogue === 'average' ? 0 : maxF;
  return fc.record({ f: fc.integer({ min: rule.catalogue === 'average' ? 0 : 1, max: Math.max(fMax, rule.catalogue === 'average' ? 0 : 1) }), extra: fc.integer({ min: 0, max: 4 }), d: fc.integer({ min: 1, max: 4 }) })
    .map(({ f, extra, d }) => ({ n: rule.minN(f) + extra, f, d }));
}

const ordinaryArb = fc.double({ min: -10, max: 10, noNaN: true });
const vectorArb = (d: number, coord: fc.Arbitrary<number>) => fc.array(coord, { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));
const byzantineValueArb = fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, 1.7e308, -1.7e308);

const finite = (v: Float64Array) => v.every(Number.isFinite);
const show = (v: Float64Array) => `[${Array.from(v).join(', ')}]`;

// ------------------------------------------------------------------ (a)

for (const rule of RULES) {
  test(`(a) ${rule.name}: at most f Byzantine vectors of NaN, ±Infinity or ±1e308 give a finite output`, () => {
    fc.assert(
      fc.property(
        settingArb(rule).chain(({ n, f, d }) => fc.tuple(fc.constant(f), fc.array(vectorArb(d, ordinaryArb), { minLength: n - f, maxLength: n - f }), fc.array(vectorArb(d, byzantineValueArb), { minLength: f, maxLength: f }), fc.nat())),
        ([f, correct, byz, at]) => {
          const v = [...correct];
          for (const b of byz) v.splice(at % (v.length + 1), 0, b); // Byzantine vectors anywhere
          const { aggregate, diagnostics } = rule.run(v, f);
          assert.ok(finite(aggregate), `${show(aggregate)}`);
          assert.equal(diagnostics.outsideGuarantee === undefined || diagnostics.outsideGuarantee.nanCoordinates === 0, true);
          assert.ok(finite(makeGar(rule.catalogue).aggregate(v, f)), 'through makeGar');
        },
      ),
      { numRuns: 120, seed: SEED },
    );
  });
}

// ------------------------------------------------------------------ (b)

for (const rule of RULES) {
  test(`(b) ${rule.name}: more than f NaN vectors give finite or NaN coordinates, never ±Infinity; NaN comes with outsideGuarantee`, () => {
    fc.assert(
      fc.property(
        settingArb(rule).chain(({ n, f, d }) => fc.tuple(fc.constant(f), fc.constant(n), fc.integer({ min: f + 1, max: n }), fc.array(vectorArb(d, ordinaryArb), { minLength: n, maxLength: n }), fc.nat())),
        ([f, n, bad, vs, rot]) => {
          const v = vs.map((x, i) => ((i + rot) % n < bad ? x.map(() => NaN) : x));
          const { aggregate, diagnostics } = rule.run(v, f);
          for (const y of aggregate) assert.ok(Number.isFinite(y) || Number.isNaN(y), `±Infinity in ${show(aggregate)}`);
          const nan = aggregate.filter(Number.isNaN).length;
          if (nan > 0) {
            const notice = diagnostics.outsideGuarantee;
            assert.ok(notice, 'a NaN output without outsideGuarantee');
            assert.equal(notice.nanCoordinates, nan);
            assert.ok(notice.reason.startsWith(`${rule.name}: outside its guarantee`), notice.reason);
            assert.ok(!notice.reason.includes('\n'));
          }
        },
      ),
      { numRuns: 120, seed: SEED },
    );
  });
}

test('(b) examples: f + 1 NaN or +Infinity vectors where they must reach the output give NaN, not +Infinity', () => {
  const v = (...xs: number[]) => xs.map((x) => Float64Array.of(x, 1));
  // n = 2f + 1 = 3, f = 1, two NaN: the middle value is a NaN
  const med = coordinateMedian(v(0, NaN, NaN), 1);
  assert.ok(Number.isNaN(med.aggregate[0]));
  assert.equal(med.aggregate[1], 1);
  assert.deepEqual(med.diagnostics.outsideGuarantee, { nanCoordinates: 1, firstNaN: 0, reason: 'MEDIAN: outside its guarantee (more non-finite values than f = 1 reached the output): 1 output coordinate(s) NaN (first: 0)' });
  assert.ok(Number.isNaN(trimmedMean(v(0, NaN, NaN), 1).aggregate[0]));
  assert.ok(Number.isNaN(trimmedMean(v(0, Infinity, Infinity), 1).aggregate[0]), '+Infinity inputs outside the guarantee: NaN too');
  assert.ok(Number.isNaN(average(v(0, Infinity)).aggregate[0]));
  // BULYAN, n = 7, f = 1: θ = 5 selected, of which at least four NaN; their median is NaN
  const bu = bulyan(v(0, NaN, NaN, NaN, NaN, NaN, NaN), { f: 1 });
  assert.ok(Number.isNaN(bu.aggregate[0]) && bu.diagnostics.outsideGuarantee?.nonFiniteInputs === 6);
  assert.equal(bu.aggregate[1], 1);
  const ag = aggregathor(v(0, NaN, NaN, NaN, NaN, NaN, NaN), { f: 1 });
  assert.ok(Number.isNaN(ag.aggregate[0]) && ag.diagnostics.outsideGuarantee !== undefined);
  const mk = multiKrum(v(0, 1, NaN, NaN, NaN), { f: 1, m: 3 });
  assert.ok(Number.isNaN(mk.aggregate[0]) && mk.diagnostics.outsideGuarantee?.nanCoordinates === 1);
  const gm = geometricMedian(v(0, NaN, NaN), { f: 1 });
  assert.deepEqual(Array.from(gm.aggregate), [0, 1], 'the geometric median ignores non-finite inputs');
  assert.equal(gm.diagnostics.outsideGuarantee?.nonFiniteInputs, 2, '… and says it was outside its guarantee');
});

// ------------------------------------------------------------------ (c)

/** x · 2^1074 as a BigInt (exact: every double is an integer multiple of 2^−1074). */
function toBig(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) return sign * frac;
  return sign * ((frac | (1n << 52n)) << BigInt(exp - 1));
}

function mulPow2(x: number, e: number): number {
  while (e > 900) { x *= 2 ** 900; e -= 900; }
  while (e < -900) { x *= 2 ** -900; e += 900; }
  return x * 2 ** e;
}

/** num / den · 2^−1074 as a double (within an ulp). */
function fromBig(num: bigint, den: bigint): number {
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num, b = den < 0n ? -den : den;
  const q = (a << 200n) / b;
  if (q === 0n) return 0;
  const bits = q.toString(2).length;
  const t = Math.max(0, bits - 64);
  const y = mulPow2(Number(q >> BigInt(t)), t - 1274);
  return neg ? -y : y;
}

const HUGE = fc.constantFrom(1.7e308, -1.7e308, 1e308, -1e308, 1.5e308, 2 ** 1023, -(2 ** 1023), Number.MAX_VALUE, -Number.MAX_VALUE);
const mixedArb = fc.oneof(HUGE, ordinaryArb);

/** |got − exact| within the rounding of a left-to-right sum of m terms: (m + 2)·2^−52·mean|x| (plus an ulp of the result). */
function closeToExactMean(got: number, values: readonly number[]): boolean {
  const m = BigInt(values.length);
  const exact = fromBig(values.map(toBig).reduce((a, b) => a + b, 0n), m);
  const meanAbs = fromBig(values.map((x) => toBig(Math.abs(x))).reduce((a, b) => a + b, 0n), m);
  return Number.isFinite(got) && Math.abs(got - exact) <= (values.length + 2) * 2 ** -52 * meanAbs + 2 ** -52 * Math.abs(exact);
}

test('(c) AVERAGE of seven copies of 1.7e308 is 1.7e308; of ±MAX and ordinary values, the exact mean within the rounding of the sum', () => {
  const seven = average(Array.from({ length: 7 }, () => Float64Array.of(1.7e308))).aggregate[0];
  assert.ok(closeToExactMean(seven, Array(7).fill(1.7e308)), `${seven}`);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.array(vectorArb(3, mixedArb), { minLength: n, maxLength: n })), (v) => {
      const { aggregate, diagnostics } = average(v);
      assert.equal(diagnostics.outsideGuarantee, undefined);
      for (let c = 0; c < 3; c++) assert.ok(closeToExactMean(aggregate[c], v.map((x) => x[c])), `coordinate ${c}: ${aggregate[c]}`);
    }),
    { numRuns: 300, seed: SEED },
  );
});

test('(c) MEDIAN and TRIMMED-MEAN of values near the largest double: the exact median, the exact trimmed mean within the rounding of the sum', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3 }).chain((f) => fc.tuple(fc.constant(f), fc.integer({ min: 2 * f + 1, max: 2 * f + 7 }).chain((n) => fc.array(vectorArb(2, mixedArb), { minLength: n, maxLength: n })))), ([f, v]) => {
      const n = v.length;
      const med = coordinateMedian(v, f).aggregate, tm = trimmedMean(v, f).aggregate;
      for (let c = 0; c < 2; c++) {
        const sorted = v.map((x) => x[c]).sort((a, b) => a - b);
        const lo = sorted[(n - 1) >> 1], hi = sorted[n >> 1];
        const exactMedian = fromBig(toBig(lo) + toBig(hi), 2n);
        assert.ok(Number.isFinite(med[c]) && Math.abs(med[c] - exactMedian) <= 2 ** -52 * Math.abs(exactMedian) + 2 ** -1074, `median ${med[c]} vs ${exactMedian}`);
        assert.ok(closeToExactMean(tm[c], sorted.slice(f, n - f)), `trimmed mean ${tm[c]}`);
      }
    }),
    { numRuns: 300, seed: SEED },
  );
});

for (const rule of RULES) {
  test(`(c) ${rule.name}: n copies of 1.7e308 (and of −MAX) give that value (within the rounding of the sum: (n·x)/n)`, () => {
    for (const x of [1.7e308, -Number.MAX_VALUE]) {
      for (const f of rule.catalogue === 'average' ? [0] : [1, 2]) {
        const n = rule.minN(f) + 1;
        const out = rule.run(Array.from({ length: n }, () => Float64Array.of(x, x, 1)), f).aggregate;
        assert.equal(out[2], 1);
        for (const c of [0, 1]) assert.ok(Number.isFinite(out[c]) && Math.abs(out[c] - x) <= 4 * 2 ** -52 * Math.abs(x), `f = ${f}: ${out[c]}`);
      }
    }
  });
}

/** Inputs with every coordinate huge (|x| ≥ 1e250) so that scaling them by 2^−600 underflows nothing that matters. */
const allHugeArb = fc.tuple(fc.double({ min: 1, max: 1.79, noNaN: true }), fc.integer({ min: 250, max: 307 }), fc.boolean()).map(([m, e, neg]) => (neg ? -1 : 1) * m * 10 ** e);
const SCALE = 2 ** -600;

for (const rule of RULES) {
  test(`(c) ${rule.name}: inputs of 1e250…1.79e308 give a finite output equal (few ulps) to the rule on the inputs scaled by 2^−600, scaled back`, () => {
    fc.assert(
      fc.property(settingArb(rule).chain(({ n, f, d }) => fc.tuple(fc.constant(f), fc.array(vectorArb(d, allHugeArb), { minLength: n, maxLength: n }))), ([f, v]) => {
        const got = rule.run(v, f).aggregate;
        const want = rule.run(v.map((x) => x.map((t) => t * SCALE)), f).aggregate.map((t) => t / SCALE);
        assert.ok(finite(got), show(got));
        const mag = Math.max(...v.flatMap((x) => Array.from(x, Math.abs)));
        for (let c = 0; c < got.length; c++) assert.ok(Math.abs(got[c] - want[c]) <= 16 * 2 ** -52 * mag, `coordinate ${c}: ${got[c]} vs ${want[c]}`);
      }),
      { numRuns: 100, seed: SEED },
    );
  });
}

for (const rule of RULES.filter((r) => r.selected && r.catalogue !== 'aggregathor' && r.catalogue !== 'bulyan')) {
  test(`(c) ${rule.name} on ±MAX and ordinary values: the exact mean of the vectors it selected, within the rounding of the sum`, () => {
    fc.assert(
      fc.property(settingArb(rule).chain(({ n, f, d }) => fc.tuple(fc.constant(f), fc.array(vectorArb(d, mixedArb), { minLength: n, maxLength: n }))), ([f, v]) => {
        const out = rule.run(v, f);
        const sel = rule.selected!(v, f);
        for (let c = 0; c < out.aggregate.length; c++) assert.ok(closeToExactMean(out.aggregate[c], sel.map((i) => v[i][c])), `coordinate ${c}: ${out.aggregate[c]}`);
      }),
      { numRuns: 150, seed: SEED },
    );
  });
}

// ------------------------------------------------------------------ (d)

for (const rule of RULES.filter((r) => r.selected)) {
  test(`(d) ${rule.name}: with every squared distance overflowing, the same selection as on the inputs scaled by 2^−600`, () => {
    fc.assert(
      fc.property(settingArb(rule).chain(({ n, f, d }) => fc.tuple(fc.constant(f), fc.array(vectorArb(d, allHugeArb), { minLength: n, maxLength: n }))), ([f, v]) => {
        const scaled = v.map((x) => x.map((t) => t * SCALE));
        assert.deepEqual(rule.selected!(v, f), rule.selected!(scaled, f));
      }),
      { numRuns: 150, seed: SEED },
    );
  });
}

test('(d) example: the distances all overflow and the Byzantine vector has the lowest index; KRUM still picks the centre of the cluster', () => {
  // x0 far from everything, x1…x4 at ±1e300 around 1e307 in one coordinate: ‖x_i − x_j‖² ≥ 1e600 for every pair
  const v = [-1.7e308, 1.0e307 - 3e300, 1.0e307 - 1e300, 1.0e307 + 1e300, 1.0e307 + 3e300].map((x) => Float64Array.of(x));
  const r = krum(v, { f: 1 });
  assert.deepEqual(r.diagnostics.selected, [2]);
  assert.equal(r.diagnostics.scoreScaleLog2! < 0, true, 'diagnostics say the scores are scaled');
});

// ------------------------------------------------------------------ (e)

function throwsOneLine(run: () => unknown, message: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof AdmissibilityError, `expected AdmissibilityError, got ${e}`);
    assert.equal(e.message, message);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
}

test('(e) unknown option values and keys are rejected with one line naming the rule, the option and the admissible values', () => {
  const v = Array.from({ length: 7 }, (_, i) => Float64Array.of(i));
  const bad = 'manhattan' as 'squared';
  throwsOneLine(() => multiKrum(v, { f: 1, distance: bad }), 'MULTI-KRUM needs distance among squared, euclidean; got distance = manhattan');
  throwsOneLine(() => krum(v, { f: 1, distance: bad }), 'KRUM needs distance among squared, euclidean; got distance = manhattan');
  throwsOneLine(() => bulyan(v, { f: 1, distance: bad }), 'BULYAN needs distance among squared, euclidean; got distance = manhattan');
  throwsOneLine(() => aggregathor(v, { f: 1, distance: bad }), 'AGGREGATHOR needs distance among squared, euclidean; got distance = manhattan');
  throwsOneLine(() => aggregathor(v, { f: 1, scoreUpdate: 'lazy' as 'recompute' }), 'AGGREGATHOR needs scoreUpdate among incremental, recompute, frozen; got scoreUpdate = lazy');
  throwsOneLine(() => multiKrum(v, { f: 1, distnce: 'euclidean' } as never), 'MULTI-KRUM needs options among f, m, k, distance, byzantine; got option = distnce');
  throwsOneLine(() => geometricMedian(v, { f: 1, tolerence: 1e-3 } as never), 'GEOMETRIC-MEDIAN needs options among f, smoothing, tolerance, maxIterations; got option = tolerence');
  throwsOneLine(() => bulyan(v, { f: 1, m: 3 } as never), 'BULYAN needs options among f, distance; got option = m');
  const names: Record<string, string> = { average: 'AVERAGE', median: 'MEDIAN', 'trimmed-mean': 'TRIMMED-MEAN', 'geometric-median': 'GEOMETRIC-MEDIAN', krum: 'KRUM', 'multi-krum': 'MULTI-KRUM', bulyan: 'BULYAN', aggregathor: 'AGGREGATHOR' };
  for (const name of RULE_NAMES) {
    throwsOneLine(() => makeGar(name, { distance: bad }), `${names[name]} needs distance among squared, euclidean; got distance = manhattan`);
    throwsOneLine(() => makeGar(name, { scoreUpdate: 'lazy' as 'recompute' }), `${names[name]} needs scoreUpdate among incremental, recompute, frozen; got scoreUpdate = lazy`);
    throwsOneLine(() => makeGar(name, { mm: 3 } as never), `${names[name]} needs options among m, k, distance, scoreUpdate, scores, even, weiszfeld, smoothing, iterations, start, tau, index, s, seed, c, maxSeconds; got option = mm`);
  }
  // a shared bag with parameters of other rules, or unset ones, is accepted
  assert.ok(makeGar('median', { m: 3, distance: undefined }));
});
