/**
 * The workbook's benchmark (issue 8): every figure beside a limit measured in
 * the same run.
 *
 *     npm run bench            # full: n ∈ {11, 25, 51}, d ∈ {10³, 10⁴, 10⁵, 10⁶}
 *     npm run bench -- --quick # d ∈ {10³, 10⁴, 10⁵}, shorter timings
 *     node dist/scripts/bench.js [--quick] [--no-numpy]
 *
 * Prints tables and writes bench/results.json (bench/results-quick.json with
 * --quick):
 * 1. machine limits: JavaScript and WebAssembly-SIMD multiply-add peaks, memory-copy bandwidth;
 * 2. the distance kernel (WebAssembly SIMD and plain JavaScript) per (n, d): ms, GFLOP/s
 *    against the SIMD peak, GB/s against the copy bandwidth;
 * 3. every rule per (n, d): optimised ms, the straightforward reference
 *    (lib/rules/reference.ts, the "before") and the numpy baseline
 *    (bench/numpy_baseline.py, BLAS-backed) timed side by side on the same
 *    inputs, with the outputs compared;
 * 4. fitted exponents of time in n and in d;
 * 5. the issue's targets at n ∈ {25, 51}, d = 10⁵, met or not;
 * 6. Monte Carlo trials/s and SGD steps/s with 1 and 2 worker threads, when those modules exist;
 * 7. the rule catalogue (lib/rules/index.ts: CenteredClipping, MDA, MeaMed, Phocas, MoNNA, CAF,
 *    SMEA, the pre-aggregators composed with a rule, and the paper's rules) per (n, d), on
 *    float64 and on float32 inputs, as n separate arrays and as n rows of one arena
 *    (allocateVectors: numpy's layout), beside the numpy baseline on the same values (float64
 *    and float32; ByzFL-style numpy code, bench/numpy_baseline.py), with the ratios and the
 *    fitted exponents in n and d; a rule that refuses the size (MDA, SMEA: estimated over
 *    their time budget) says so with its estimate.
 *
 *     npm run bench -- --catalogue                       # section 7 only (bench/results-catalogue.json); d = 1e6 at n = 25 only
 *     npm run bench -- --catalogue --ns 11,25 --ds 1e3,1e5 --rules mda,caf,nnm+multi-krum
 *
 * Inputs: n − f correct vectors g + N(0, I) and f Byzantine vectors
 * g − 1.5 + 0.1·N(0, I) (a little-is-enough-like cluster), f = ⌊(n − 3)/4⌋
 * (the largest f BULYAN and AGGREGATHOR admit), all drawn from seeded streams.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamFor } from '../lib/random/stream';
import { aggregathor } from '../lib/rules/aggregathor';
import { average } from '../lib/rules/average';
import { bulyan } from '../lib/rules/bulyan';
import { coordinateMedian, trimmedMean } from '../lib/rules/coordinatewise';
import { geometricMedian } from '../lib/rules/geometricMedian';
import { multiKrum } from '../lib/rules/krum';
import { pairwiseDistances } from '../lib/rules/pairwise';
import { lastGramCall, resolveDistanceKernel } from '../lib/rules/kernels/squaredDistances';
import { aggregathorRef, bulyanRef, distanceRef, meanRef, medianRef, multiKrumRef, trimmedMeanRef } from '../lib/rules/reference';
import { aggregateNamed, CATALOGUE_RULE_NAMES, catalogueGar, type CatalogueParameters } from '../lib/rules/index';
import { allocateVectors } from '../lib/rules/kernels/arena';
import type { Vectors } from '../lib/vectors';
import { measureLimits, type MachineLimits } from './bench/limits';
import { findPython, findTorch, runNumpy, runTorch, writeInputs, type NumpyRun } from './bench/numpy';
import { measureParallel, type ParallelRow } from './bench/parallel';
import { fittedExponent, summarise, time, type Timing } from './bench/timing';

const SEED = 20190331;
const RULES = ['average', 'median', 'trimmed-mean', 'geometric-median', 'multi-krum', 'bulyan', 'aggregathor'] as const;
type Rule = (typeof RULES)[number];
const TARGET_RULES: Rule[] = ['multi-krum', 'bulyan', 'aggregathor'];

const OPTIMISED: Record<Rule, (v: Vectors, f: number) => Float64Array> = {
  average: (v) => average(v).aggregate,
  median: (v, f) => coordinateMedian(v, f).aggregate,
  'trimmed-mean': (v, f) => trimmedMean(v, f).aggregate,
  'geometric-median': (v, f) => geometricMedian(v, { f }).aggregate,
  'multi-krum': (v, f) => multiKrum(v, { f }).aggregate,
  bulyan: (v, f) => bulyan(v, { f }).aggregate,
  aggregathor: (v, f) => aggregathor(v, { f }).aggregate,
};

/** The "before": lib/rules/reference.ts (no reference exists for the geometric median). */
const REFERENCE: Record<Rule, ((v: Vectors, f: number) => Float64Array) | null> = {
  average: (v) => meanRef(v, v.map((_, i) => i)),
  median: (v) => medianRef(v),
  'trimmed-mean': (v, f) => trimmedMeanRef(v, f),
  'geometric-median': null,
  'multi-krum': (v, f) => multiKrumRef(v, f).aggregate,
  bulyan: (v, f) => bulyanRef(v, f).aggregate,
  aggregathor: (v, f) => aggregathorRef(v, f).aggregate,
};

interface RuleRow {
  rule: Rule;
  n: number;
  d: number;
  f: number;
  optimised: Timing;
  reference: Timing | null;
  referenceNote?: string;
  /** Where the reference was skipped: its time extrapolated linearly in d from the last d it ran at (its cost is linear in d), seconds. */
  referenceExtrapolated: number | null;
  /** reference / optimised, fastest calls (extrapolated reference where it was skipped). */
  speedupVsReference: number | null;
  numpy: Timing | null;
  numpyNote?: string;
  /** optimised / numpy, fastest calls: ≤ 1 means at least as fast as numpy. */
  ratioToNumpy: number | null;
  /** optimised / numpy in CPU time (numpy's all threads): the ratio that load from other processes does not distort. */
  ratioToNumpyCpu: number | null;
  /** max_c |ours − theirs| / max(1, max_c |theirs|). */
  maxRelDiffReference: number | null;
  maxRelDiffNumpy: number | null;
}

interface KernelRow {
  n: number;
  d: number;
  kernel: string;
  /** Flops counted per pair and coordinate: 2 for the Gram form (`wasm-simd`: multiply, add; its guard's recomputations not counted), 3 for the difference form (subtract, multiply, add). */
  flopsPerPairCoordinate: number;
  /** For `wasm-simd`: the share of pairs × blocks its guard recomputed in the difference form, and the blocks done in the difference form after giving up. */
  recomputed?: number;
  differenceBlocks?: number;
  /** Fastest call, wall clock. */
  ms: number;
  /** Median CPU time per call. */
  cpuMs: number;
  /** flopsPerPairCoordinate per pair and coordinate, per second of the fastest call. */
  gflops: number;
  /** The same per CPU second (undisturbed by other processes' load). */
  gflopsCpu: number;
  fractionOfPeak: number | null;
  /** n·d·8 bytes read once. */
  gbPerSecond: number;
  fractionOfCopyBandwidth: number;
  /** Per-pair distanceRef loop (reference.ts), ms. */
  referenceMs: number | null;
}

/** The value after `--name` (or in `--name=value`), or undefined. */
function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** A comma-separated list of positive numbers (1e5 accepted), or one line naming the option. */
function numbers(argv: string[], name: string): number[] | undefined {
  const raw = option(argv, name);
  if (raw === undefined) return undefined;
  const xs = raw.split(',').map(Number);
  if (!xs.every((x) => Number.isInteger(x) && x > 0)) throw new Error(`--${name} needs positive integers separated by commas; got "${raw}"`);
  return xs;
}

/** Section 7's rules: every catalogue rule and four compositions. */
const CATALOGUE_BENCH = [...CATALOGUE_RULE_NAMES, 'nnm+multi-krum', 'bucketing+median', 'arc+trimmed-mean', 'clipping+average'];

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const catalogue = argv.includes('--catalogue');
  const rules = option(argv, 'rules')?.split(',') ?? CATALOGUE_BENCH;
  for (const r of rules) catalogueGar(r); // an unknown name: one line, before any measurement
  return {
    quick,
    catalogue,
    catalogueRules: rules,
    numpy: !argv.includes('--no-numpy'),
    ns: numbers(argv, 'ns') ?? [11, 25, 51],
    ds: numbers(argv, 'ds') ?? (quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6]),
    /** d values given explicitly: the catalogue then runs every n at every d (else d = 1e6 at n = 25 only). */
    explicitDs: option(argv, 'ds') !== undefined,
    minSeconds: quick ? 0.15 : 0.4,
    /** A reference call predicted to take longer than this is skipped (and said so). */
    referenceBudget: quick ? 1.5 : 30,
  };
}

/** n − f correct and f Byzantine inputs of dimension d; the correct ones are shared across n (cached per d). */
function makeInputs(n: number, f: number, d: number, correctCache: Float64Array[]): Float64Array[] {
  const g = baseGradient(d);
  while (correctCache.length < n - f) {
    const s = streamFor(SEED, 'bench', d, 'correct', correctCache.length);
    const v = new Float64Array(d);
    for (let c = 0; c < d; c++) v[c] = g[c] + s.normal();
    correctCache.push(v);
  }
  const byz: Float64Array[] = [];
  for (let b = 0; b < f; b++) {
    const s = streamFor(SEED, 'bench', d, 'byzantine', n, b);
    const v = new Float64Array(d);
    for (let c = 0; c < d; c++) v[c] = g[c] - 1.5 + 0.1 * s.normal();
    byz.push(v);
  }
  return [...correctCache.slice(0, n - f), ...byz];
}

const gradients = new Map<number, Float64Array>();
function baseGradient(d: number): Float64Array {
  let g = gradients.get(d);
  if (!g) {
    const s = streamFor(SEED, 'bench', d, 'g');
    g = new Float64Array(d);
    for (let c = 0; c < d; c++) g[c] = s.uniform() - 0.5;
    gradients.set(d, g);
  }
  return g;
}

function maxRelDiff(ours: Float64Array, theirs: Float64Array): number {
  let diff = 0, scale = 1;
  for (let c = 0; c < ours.length; c++) {
    scale = Math.max(scale, Math.abs(theirs[c]));
    const t = Math.abs(ours[c] - theirs[c]);
    if (t > diff || t !== t) diff = t !== t ? Infinity : t;
  }
  return diff / scale;
}

const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(digits));
const ms = (t: Timing | null, which: 'median' | 'min' | 'cpu' = 'median') => (t ? fmt(t[which] * 1e3) : '—');
const pad = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);
const padEnd = (s: string, w: number) => (s.length >= w ? s : s + ' '.repeat(w - s.length));

function printTable(header: string[], rows: string[][], firstWidth = 18): void {
  const widths = header.map((h, i) => Math.max(i === 0 ? firstWidth : 8, h.length, ...rows.map((r) => r[i].length)));
  console.log(header.map((h, i) => (i === 0 ? padEnd(h, widths[i]) : pad(h, widths[i]))).join('  '));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? padEnd(c, widths[i]) : pad(c, widths[i]))).join('  '));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date().toISOString();
  console.log(`AggregaThor workbook benchmark (${args.quick ? 'quick' : 'full'}) — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, distance kernel: ${resolveDistanceKernel()}`);

  if (args.catalogue) {
    const loadStart = loadavg();
    console.log(`load average at start: ${loadStart.map((x) => x.toFixed(2)).join(', ')} (on ${cpus().length} CPUs; figures are wall-clock, cpu columns are this process's CPU time)`);
    const python = args.numpy ? findPython() : null;
    const torch = args.numpy ? findTorch() : null;
    console.log(`   numpy baseline: ${python ? `${python.version} via ${python.python}` : args.numpy ? 'not measured: no python3 with numpy' : 'disabled (--no-numpy)'}; ${torchLine(args.numpy, torch)}`);
    const rows = measureCatalogue(args.catalogueRules, catalogueSizes(args.ns, args.ds, args.explicitDs), args.minSeconds, python?.python ?? null, torch?.python ?? null);
    const loadEnd = loadavg();
    console.log(`load average at end: ${loadEnd.map((x) => x.toFixed(2)).join(', ')}`);
    const path = join(__dirname, '..', '..', 'bench', 'results-catalogue.json');
    writeFileSync(path, JSON.stringify({ benchmark: 'aggregathor-workbook catalogue', started, node: process.version, cpu: { model: cpus()[0]?.model ?? null, count: cpus().length }, seed: SEED, numpy: python?.version ?? null, torch: torch?.version ?? null, loadAverage: { start: loadStart, end: loadEnd }, rules: rows }, null, 2) + '\n');
    console.log(`\nwrote ${path}`);
    return;
  }
  const loadBefore = loadavg();
  console.log(`load average at start: ${loadBefore.map((x) => x.toFixed(2)).join(', ')} (on ${cpus().length} CPUs — other processes compete for them; every figure below is wall-clock)`);
  console.log('\n1. Machine limits (measured now)');
  const limits: MachineLimits = measureLimits(args.minSeconds);
  console.log(`   multiply-add peak, plain JavaScript (8 scalar accumulators): ${fmt(limits.jsMultiplyAddGflops)} GFLOP/s`);
  console.log(`   multiply-add peak, WebAssembly SIMD (8 f64x2 accumulators):  ${fmt(limits.wasmSimdMultiplyAddGflops)} GFLOP/s`);
  console.log(`   memory-copy bandwidth (read + write, 128 MiB arrays):        ${fmt(limits.copyBandwidthGBs)} GB/s`);

  const python = args.numpy ? findPython() : null;
  const numpyNote = !args.numpy ? 'disabled (--no-numpy)' : python ? undefined : 'not measured: no python3 with numpy (apt-get install python3-numpy)';
  if (numpyNote) console.log(`   numpy baseline: ${numpyNote}`);
  else console.log(`   numpy baseline: ${python!.version} via ${python!.python} (BLAS threads: OpenBLAS default; the JavaScript side is single-threaded)`);
  const torch = args.numpy ? findTorch() : null;
  console.log(`   ${torchLine(args.numpy, torch)}`);
  const scratch = mkdtempSync(join(tmpdir(), 'aggregathor-bench-'));

  const kernelRows: KernelRow[] = [];
  const ruleRows: RuleRow[] = [];
  const lastReference = new Map<string, { d: number; seconds: number }>();
  const lastOptimised = new Map<string, { d: number; seconds: number }>();
  try {
    for (const d of args.ds) {
      const correct: Float64Array[] = [];
      for (const n of args.ns) {
        const f = Math.floor((n - 3) / 4);
        const vectors = makeInputs(n, f, d, correct);
        process.stdout.write(`   measuring n = ${n}, d = ${d} …\r`);
        kernelRows.push(...measureKernels(vectors, limits, args.minSeconds, args.referenceBudget));
        let numpy: ReturnType<typeof runNumpy> | null = null;
        let caseNumpyNote = numpyNote;
        if (python) {
          const input = join(scratch, 'input.bin'), output = join(scratch, 'output.bin');
          writeInputs(input, vectors, f);
          try {
            numpy = runNumpy(python.python, input, output, d, args.minSeconds, RULES);
          } catch (e) {
            caseNumpyNote = `failed: ${(e as Error).message.slice(0, 200)}`;
          }
        }
        for (const rule of RULES) {
          const key = `${rule}/${n}`;
          const prev = lastOptimised.get(key);
          const predicted = prev ? (prev.seconds * d) / prev.d : 0;
          const slow = predicted > 4 * args.minSeconds;
          let out: Float64Array = new Float64Array(0);
          const optimised = time(() => (out = OPTIMISED[rule](vectors, f)), slow ? { minSeconds: args.minSeconds, maxReps: 1, minReps: 1, noWarmup: true } : { minSeconds: args.minSeconds });
          lastOptimised.set(key, { d, seconds: optimised.median });
          const row: RuleRow = { rule, n, d, f, optimised, reference: null, referenceExtrapolated: null, speedupVsReference: null, numpy: null, ratioToNumpy: null, ratioToNumpyCpu: null, maxRelDiffReference: null, maxRelDiffNumpy: null };
          const ref = REFERENCE[rule];
          const prevRef = lastReference.get(key);
          const predictedRef = prevRef ? (prevRef.seconds * d) / prevRef.d : 0;
          if (!ref) row.referenceNote = 'no reference implementation';
          else if (predictedRef > args.referenceBudget) {
            row.referenceNote = `skipped: predicted ${fmt(predictedRef, 1)} s per call > budget ${args.referenceBudget} s; extrapolated linearly in d from d = ${prevRef!.d}`;
            row.referenceExtrapolated = predictedRef;
            row.speedupVsReference = predictedRef / optimised.min;
          }
          else {
            let refOut: Float64Array = new Float64Array(0);
            const heavy = predictedRef > args.minSeconds;
            row.reference = time(() => (refOut = ref(vectors, f)), heavy ? { minSeconds: args.minSeconds, maxReps: 1, minReps: 1, noWarmup: true } : { minSeconds: args.minSeconds, maxReps: 10 });
            lastReference.set(key, { d, seconds: row.reference.min });
            row.speedupVsReference = row.reference.min / optimised.min;
            row.maxRelDiffReference = maxRelDiff(out, refOut);
          }
          if (numpy && numpy.seconds[rule]) {
            row.numpy = summarise(numpy.seconds[rule], numpy.cpu[rule]);
            row.ratioToNumpy = optimised.min / row.numpy.min;
            row.ratioToNumpyCpu = row.numpy.cpu > 0 ? optimised.cpu / row.numpy.cpu : null;
            row.maxRelDiffNumpy = maxRelDiff(out, numpy.outputs[rule]);
          } else row.numpyNote = caseNumpyNote ?? 'not measured';
          ruleRows.push(row);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(' '.repeat(60) + '\r');

  console.log(`\n2. Distance kernel: all n(n−1)/2 squared distances (flops per pair and coordinate: 2 in the Gram form of wasm-simd, 3 in the difference form; n·d·8 bytes read once)`);
  printTable(
    ['kernel', 'n', 'd', 'ms', 'cpu ms', 'GFLOP/s', 'of peak', 'GFLOP/cpu-s', 'GB/s', 'of copy', 'per-pair ref ms', 'speedup'],
    kernelRows.map((r) => [r.kernel, String(r.n), r.d.toExponential(0), fmt(r.ms), fmt(r.cpuMs), fmt(r.gflops), r.fractionOfPeak === null ? '—' : `${(100 * r.fractionOfPeak).toFixed(0)}%`, fmt(r.gflopsCpu), fmt(r.gbPerSecond), `${(100 * r.fractionOfCopyBandwidth).toFixed(0)}%`, fmt(r.referenceMs), r.referenceMs ? `${fmt(r.referenceMs / r.ms)}×` : '—']),
    10,
  );
  console.log('   ms: fastest call; GFLOP/s and GB/s from it; GFLOP/cpu-s from the median CPU time.');
  const recomputedShares = kernelRows.filter((r) => r.kernel === 'wasm-simd').map((r) => `n = ${r.n}, d = ${r.d.toExponential(0)}: ${(100 * (r.recomputed ?? 0)).toFixed(1)}%${r.differenceBlocks ? ` (+${r.differenceBlocks} blocks in the difference form)` : ''}`);
  if (recomputedShares.length) console.log(`   wasm-simd: pairs × blocks its exactness guard recomputed in the difference form — ${recomputedShares.join('; ')}.`);
  console.log(`   peak = WebAssembly SIMD multiply-add peak (${fmt(limits.wasmSimdMultiplyAddGflops)} GFLOP/s) for every kernel; copy = memory-copy bandwidth (${fmt(limits.copyBandwidthGBs)} GB/s).`);

  console.log('\n3. Rules: ms per call, optimised ("after") vs the straightforward reference ("before") vs numpy, same inputs');
  printTable(
    ['rule', 'n', 'd', 'f', 'after', 'after cpu', 'before', '×faster', 'numpy', 'numpy cpu', 'ours/numpy', 'cpu ratio', 'Δ ref', 'Δ numpy'],
    ruleRows.map((r) => [
      r.rule, String(r.n), r.d.toExponential(0), String(r.f), ms(r.optimised, 'min'), ms(r.optimised, 'cpu'),
      r.reference ? ms(r.reference, 'min') : r.referenceExtrapolated ? `~${fmt(r.referenceExtrapolated * 1e3)}` : '—',
      r.speedupVsReference === null ? '—' : `${r.reference ? '' : '~'}${fmt(r.speedupVsReference)}`,
      ms(r.numpy, 'min'), ms(r.numpy, 'cpu'), fmt(r.ratioToNumpy), fmt(r.ratioToNumpyCpu),
      r.maxRelDiffReference === null ? '—' : r.maxRelDiffReference.toExponential(0), r.maxRelDiffNumpy === null ? '—' : r.maxRelDiffNumpy.toExponential(0),
    ]),
  );
  console.log('   after/before/numpy: fastest call (wall clock); cpu: median CPU time per call (numpy: all its threads); ours/numpy from the fastest calls;');
  console.log('   ~ = reference skipped (over its time budget), its time extrapolated linearly in d (its cost is linear in d); — = no reference (geometric median).');
  console.log('   Δ = max over coordinates of |ours − theirs| / max(1, max |theirs|).');

  console.log('\n4. Fitted exponents: time ∝ n^a at fixed d, time ∝ d^b at fixed n (least squares on log–log)');
  const exponents = RULES.map((rule) => {
    const byN = Object.fromEntries(args.ds.map((d) => {
      const rows = ruleRows.filter((r) => r.rule === rule && r.d === d);
      return [String(d), fittedExponent(rows.map((r) => r.n), rows.map((r) => r.optimised.median))];
    }));
    const byD = Object.fromEntries(args.ns.map((n) => {
      const rows = ruleRows.filter((r) => r.rule === rule && r.n === n);
      return [String(n), fittedExponent(rows.map((r) => r.d), rows.map((r) => r.optimised.median))];
    }));
    return { rule, exponentInN: byN, exponentInD: byD };
  });
  printTable(
    ['rule', ...args.ds.map((d) => `a (d=${d.toExponential(0)})`), ...args.ns.map((n) => `b (n=${n})`)],
    exponents.map((e) => [e.rule, ...args.ds.map((d) => fmt(e.exponentInN[String(d)])), ...args.ns.map((n) => fmt(e.exponentInD[String(n)]))]),
  );

  console.log('\n5. Targets (issue 8): at n ∈ {25, 51}, d = 1e5, ours/numpy ≤ 1.0 and ≥ 3× faster than the reference');
  const targets = ruleRows.filter((r) => TARGET_RULES.includes(r.rule) && (r.n === 25 || r.n === 51) && r.d === 1e5).map((r) => ({
    rule: r.rule, n: r.n, d: r.d,
    ratioToNumpy: r.ratioToNumpy, ratioToNumpyCpu: r.ratioToNumpyCpu, numpyMet: r.ratioToNumpy === null ? null : r.ratioToNumpy <= 1,
    speedupVsReference: r.speedupVsReference, referenceExtrapolated: r.reference === null && r.referenceExtrapolated !== null,
    referenceMet: r.speedupVsReference === null ? null : r.speedupVsReference >= 3,
  }));
  const verdict = (x: boolean | null, approx = false) => (x === null ? 'not measured' : (x ? 'met' : 'NOT MET') + (approx ? ' (extrapolated)' : ''));
  printTable(
    ['rule', 'n', 'ours/numpy', 'cpu ratio', 'numpy target', '×faster than ref', 'reference target'],
    targets.map((t) => [t.rule, String(t.n), fmt(t.ratioToNumpy), fmt(t.ratioToNumpyCpu), verdict(t.numpyMet), fmt(t.speedupVsReference), verdict(t.referenceMet, t.referenceExtrapolated)]),
  );

  console.log('\n6. Parallel throughput (worker threads)');
  const parallel: ParallelRow[] = await measureParallel(args.quick, SEED);
  for (const p of parallel) {
    if (p.note) console.log(`   ${p.what}: ${p.note}`);
    else console.log(`   ${p.what}: 1 thread ${fmt(p.perSecond1)} ${p.unit}, 2 threads ${fmt(p.perSecond2)} ${p.unit}, speedup ${fmt(p.speedup)}× (target ≥ 1.7), identical results: ${p.identical}`);
  }

  const catalogue = measureCatalogue(args.catalogueRules, catalogueSizes(args.ns, args.ds, args.explicitDs), args.minSeconds, python?.python ?? null, torch?.python ?? null);

  const results = {
    benchmark: 'aggregathor-workbook', mode: args.quick ? 'quick' : 'full', started, node: process.version,
    cpu: { model: cpus()[0]?.model ?? null, count: cpus().length }, seed: SEED,
    distanceKernel: resolveDistanceKernel(), numpy: python ? { version: python.version, python: python.python } : { note: numpyNote }, torch: torch?.version ?? null,
    inputs: 'n − f correct g + N(0, I), f Byzantine g − 1.5 + 0.1·N(0, I); f = floor((n − 3)/4)',
    loadAverage: { start: loadBefore, end: loadavg() },
    limits, kernels: kernelRows, rules: ruleRows, exponents, targets, parallel, catalogue,
    skipped: args.quick ? 'd = 1e6 (quick mode)' : 'none by size: n = 51, d = 1e6 is 408 MB of inputs; reference calls over their time budget are noted per row',
  };
  const path = join(__dirname, '..', '..', 'bench', args.quick ? 'results-quick.json' : 'results.json');
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path}`);
}

interface CatalogueRow {
  rule: string;
  n: number;
  d: number;
  f: number;
  /** Float64Array inputs, one array per vector; null when the rule refused the size (note). */
  float64: Timing | null;
  /** The same inputs rounded to Float32Array. */
  float32: Timing | null;
  /** The float64 / float32 inputs in one arena of allocateVectors (n rows of one WebAssembly memory: numpy's layout). */
  arena64: Timing | null;
  arena32: Timing | null;
  /** The numpy baseline on the (n, d) float64 array, and on it rounded to float32 (numpy computes in float32, as ByzFL does). */
  numpy64: Timing | null;
  numpy32: Timing | null;
  /** average only: numpy's mean of the float32 array accumulated in float64 (the workbook's float32 work). */
  numpy32f64acc?: Timing | null;
  /**
   * The numpy baseline given n separate arrays, stacked by np.array first as ByzFL does with a list of arrays:
   * the same input as the workbook's separate typed arrays (float64, float32).
   */
  numpyList64: Timing | null;
  numpyList32: Timing | null;
  /** Separate typed arrays over numpy on a list of separate arrays: the same inputs on both sides. */
  ratio64list: number | null;
  ratio32list: number | null;
  /** Ours over numpy, fastest calls: ordinary arrays and arena, float64 and float32. */
  ratio64: number | null;
  ratio64arena: number | null;
  ratio32: number | null;
  ratio32arena: number | null;
  /**
   * The rule as ByzFL's numpy path computes it (bench/numpy_baseline.py NAME@byzfl: distances by scipy's cdist),
   * handed n separate float64 arrays as a ByzFL user does; and the workbook's separate arrays over it. Only for
   * the rules of {@link BYZFL_AS_WRITTEN}.
   */
  byzfl64?: Timing | null;
  ratio64byzfl?: number | null;
  /** The workbook with ByzFL's conventions ({@link BYZFL_CONVENTIONS}), separate float64 arrays; its time over ByzFL's; max |difference| of the two outputs relative to max(1, max |ByzFL|). */
  byzflConventions64?: Timing | null;
  ratio64byzflConventions?: number | null;
  maxRelDiffByzfl?: number | null;
  /**
   * ByzantineMomentum's rule on torch, float64, handed n tensors (bench/torch_baseline.py NAME@bm, intra-op threads =
   * the machine's cores); the workbook with that library's conventions ({@link BM_AS_WRITTEN}) over it, and the
   * difference of the two outputs (null where no option of the workbook gives the same output).
   */
  bm64?: Timing | null;
  bmConventions64?: Timing | null;
  ratio64bm?: number | null;
  maxRelDiffBm?: number | null;
  /** max |ours − numpy| / max(1, max |numpy|), float64 inputs (null where conventions differ: bucketing's permutation). */
  maxRelDiffNumpy: number | null;
  note?: string;
}

/** The catalogue names with a numpy baseline in bench/numpy_baseline.py (MDA, SMEA, CAF have none). */
const NUMPY_CATALOGUE = new Set(['average', 'median', 'trimmed-mean', 'geometric-median', 'krum', 'multi-krum', 'bulyan', 'aggregathor', 'centered-clipping', 'meamed', 'phocas', 'monna', 'nnm+multi-krum', 'bucketing+median', 'arc+trimmed-mean', 'clipping+average']);
/**
 * The rules whose distances ByzFL's numpy path computes with scipy.spatial.distance.cdist (a loop over pairs and
 * coordinates) where the baseline above uses one BLAS product: timed as ByzFL computes them too, since that is the
 * float64 implementation a ByzFL user runs (its torch path casts to float32).
 */
const BYZFL_AS_WRITTEN = new Set(['krum', 'multi-krum', 'monna', 'nnm+multi-krum']);
/**
 * The workbook's options that give ByzFL's conventions: its MultiKrum averages n − f vectors scored by the mean of
 * their n − f − 1 nearest distances (its Krum, MoNNA and NNM are the workbook's defaults). With them the two compute
 * the same output (the bench checks it), so their times compare the same work on the same input.
 */
const BYZFL_CONVENTIONS: Record<string, CatalogueParameters> = {
  krum: {},
  monna: {},
  'multi-krum': { m: (n, f) => n - f, k: (n, f) => n - f - 1, scores: 'mean' },
  'nnm+multi-krum': { m: (n, f) => n - f, k: (n, f) => n - f - 1, scores: 'mean' },
};
/**
 * The rules of ByzantineMomentum (torch, bench/torch_baseline.py), each with the workbook rule it is timed against
 * and the options under which the workbook computes the same output: its Krum family scores by the n − f − 1
 * nearest Euclidean distances and averages m = n − f − 2 (Multi-Krum) or 1; its median is the lower one for an even
 * n; its Bulyan over Multi-Krum is the workbook's AGGREGATHOR with Euclidean distances and scores never updated
 * between rounds (`scoreUpdate: 'frozen'`: its update step never runs, see the script) — the same output for an odd
 * θ = n − 2f − 2 (its final median is the lower one) without ties. `conventions: null` would mean that no option gives
 * the same output: only the times are then set side by side. Its brute-force MDA is timed only where C(n, f) ≤ 10⁵
 * (one Python loop per subset).
 */
const BM_AS_WRITTEN: Record<string, { name: string; conventions: CatalogueParameters | null }> = {
  average: { name: 'average@bm', conventions: {} },
  median: { name: 'median@bm', conventions: { even: 'lower' } },
  'trimmed-mean': { name: 'trimmed-mean@bm', conventions: {} },
  phocas: { name: 'phocas@bm', conventions: {} },
  meamed: { name: 'meamed@bm', conventions: { even: 'lower' } },
  krum: { name: 'krum@bm', conventions: { k: (n, f) => n - f - 1, distance: 'euclidean' } },
  'multi-krum': { name: 'multi-krum@bm', conventions: { m: (n, f) => n - f - 2, k: (n, f) => n - f - 1, distance: 'euclidean' } },
  mda: { name: 'mda@bm', conventions: {} },
  aggregathor: { name: 'bulyan@bm', conventions: { distance: 'euclidean', scoreUpdate: 'frozen' } },
};
const binomial = (n: number, k: number) => { let c = 1; for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i; return c; };
/** Their outputs are not comparable to numpy's (a different permutation). */
const NUMPY_NOT_COMPARABLE = new Set(['bucketing+median']);

/** What the bench says of the torch baseline (ByzantineMomentum's rules): its version, or why it is not measured. */
function torchLine(wanted: boolean, torch: { python: string; version: string } | null): string {
  if (!wanted) return 'torch baseline: disabled (--no-numpy)';
  return torch ? `torch baseline (ByzantineMomentum's rules): torch ${torch.version} via ${torch.python}, ${cpus().length} intra-op threads` : 'torch baseline: not measured, no python3 with torch (apt-get install python3-torch)';
}

/** Section 7's (n, d): every n at every d up to 1e5; above, n = 25 only (or the smallest n) unless the d values were given explicitly. */
function catalogueSizes(ns: readonly number[], ds: readonly number[], explicitDs: boolean): { n: number; d: number }[] {
  const big = ns.includes(25) ? 25 : Math.min(...ns);
  return ds.flatMap((d) => ns.filter((n) => explicitDs || d <= 1e5 || n === big).map((n) => ({ n, d })));
}

/** n rows in one arena of allocateVectors, holding `vectors`' values (rounded to float32 for 'float32'). */
function inArenaCopy(vectors: readonly Float64Array[], dtype: 'float64' | 'float32'): Float64Array[] | Float32Array[] {
  const xs = allocateVectors(vectors.length, vectors[0].length, dtype);
  xs.forEach((x, i) => x.set(vectors[i]));
  return xs;
}

/**
 * Section 7: every catalogue rule on the bench inputs, float64 and float32,
 * each as n ordinary typed arrays and as n rows of one arena
 * (allocateVectors), beside the numpy baseline on the same values (float64,
 * and float32). A call slower than the time budget is timed once; a refusal
 * (MDA, SMEA over their estimated time, or an inadmissible n) is a row with
 * its one-line reason. Then the fitted exponents in n and d.
 */
function measureCatalogue(rules: readonly string[], sizes: readonly { n: number; d: number }[], minSeconds: number, python: string | null, torchPython: string | null = null): CatalogueRow[] {
  console.log('\n7. Rule catalogue: ms per call (fastest), float64 and float32 inputs, as separate arrays and as one arena (allocateVectors), beside numpy; f = floor((n − 3)/4)');
  const rows: CatalogueRow[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'aggregathor-catalogue-'));
  const correctByD = new Map<number, Float64Array[]>();
  try {
    for (const { n, d } of sizes) {
      let correct = correctByD.get(d);
      if (!correct) correctByD.set(d, (correct = []));
      const f = Math.floor((n - 3) / 4);
      const vectors = makeInputs(n, f, d, correct);
      const singles = vectors.map((v) => Float32Array.from(v));
      const arena64 = inArenaCopy(vectors, 'float64'), arena32 = inArenaCopy(vectors, 'float32');
      if (process.stdout.isTTY) process.stdout.write(`   measuring n = ${n}, d = ${d} …\r`);
      const withNumpy = rules.filter((r) => NUMPY_CATALOGUE.has(r));
      let np64: NumpyRun | null = null, np32: NumpyRun | null = null, npList64: NumpyRun | null = null, npList32: NumpyRun | null = null, numpyNote: string | undefined;
      let byzfl64: NumpyRun | null = null, byzflNote: string | undefined;
      if (python && withNumpy.length) {
        const input = join(scratch, 'input.bin'), output = join(scratch, 'output.bin');
        writeInputs(input, vectors, f);
        try {
          np64 = runNumpy(python, input, output, d, minSeconds, withNumpy, 'float64');
          np32 = runNumpy(python, input, output, d, minSeconds, withNumpy.includes('average') ? [...withNumpy, 'average-f64acc'] : withNumpy, 'float32');
          npList64 = runNumpy(python, input, output, d, minSeconds, withNumpy, 'float64', 'list');
          npList32 = runNumpy(python, input, output, d, minSeconds, withNumpy, 'float32', 'list');
        } catch (e) {
          numpyNote = `numpy failed: ${(e as Error).message.slice(0, 120)}`;
        }
        const asWritten = withNumpy.filter((r) => BYZFL_AS_WRITTEN.has(r)).map((r) => `${r}@byzfl`);
        if (asWritten.length) {
          try {
            byzfl64 = runNumpy(python, input, output, d, minSeconds, asWritten, 'float64', 'list');
          } catch (e) {
            byzflNote = `ByzFL as written not measured (python3-scipy?): ${(e as Error).message.split('\n').filter(Boolean).pop()?.slice(0, 100)}`;
          }
        }
      } else if (!python) numpyNote = 'numpy not measured';
      let bm64: NumpyRun | null = null, bmNote: string | undefined;
      const withTorch = rules.filter((r) => BM_AS_WRITTEN[r] && (r !== 'mda' || binomial(n, f) <= 1e5));
      if (torchPython && withTorch.length) {
        const input = join(scratch, 'input.bin'), output = join(scratch, 'output-torch.bin');
        writeInputs(input, vectors, f);
        try {
          bm64 = runTorch(torchPython, input, output, d, minSeconds, withTorch.map((r) => BM_AS_WRITTEN[r].name), cpus().length);
        } catch (e) {
          bmNote = `ByzantineMomentum not measured: ${(e as Error).message.split('\n').filter(Boolean).pop()?.slice(0, 100)}`;
        }
      }
      for (const rule of rules) {
        const row: CatalogueRow = { rule, n, d, f, float64: null, float32: null, arena64: null, arena32: null, numpy64: null, numpy32: null, numpyList64: null, numpyList32: null, ratio64: null, ratio64arena: null, ratio32: null, ratio32arena: null, ratio64list: null, ratio32list: null, maxRelDiffNumpy: null };
        if (!catalogueGar(rule).admissible(n, f)) row.note = `not admissible at n = ${n}, f = ${f} (${catalogueGar(rule).requirement})`;
        else {
          try {
            const t0 = process.hrtime.bigint();
            let out = aggregateNamed(rule, vectors, f).aggregate;
            const once = Number(process.hrtime.bigint() - t0) / 1e9;
            const opts = once > minSeconds ? { minSeconds, maxReps: 1, minReps: 1, noWarmup: true } : { minSeconds };
            row.float64 = time(() => (out = aggregateNamed(rule, vectors, f).aggregate), opts);
            row.arena64 = time(() => aggregateNamed(rule, arena64, f), opts);
            row.float32 = time(() => aggregateNamed(rule, singles, f), opts);
            row.arena32 = time(() => aggregateNamed(rule, arena32, f), opts);
            const at = (run: NumpyRun | null, name: string) => (run?.seconds[name] ? summarise(run.seconds[name], run.cpu[name]) : null);
            row.numpy64 = at(np64, rule);
            row.numpy32 = at(np32, rule);
            if (rule === 'average') row.numpy32f64acc = at(np32, 'average-f64acc');
            const ratio = (ours: Timing | null, theirs: Timing | null) => (ours && theirs ? ours.min / theirs.min : null);
            row.ratio64 = ratio(row.float64, row.numpy64);
            row.ratio64arena = ratio(row.arena64, row.numpy64);
            row.ratio32 = ratio(row.float32, row.numpy32);
            row.ratio32arena = ratio(row.arena32, row.numpy32);
            row.numpyList64 = at(npList64, rule);
            row.numpyList32 = at(npList32, rule);
            row.ratio64list = ratio(row.float64, row.numpyList64);
            row.ratio32list = ratio(row.float32, row.numpyList32);
            if (BYZFL_AS_WRITTEN.has(rule)) {
              row.byzfl64 = at(byzfl64, `${rule}@byzfl`);
              row.ratio64byzfl = ratio(row.float64, row.byzfl64);
              const params = BYZFL_CONVENTIONS[rule];
              let same = aggregateNamed(rule, vectors, f, params).aggregate;
              row.byzflConventions64 = time(() => (same = aggregateNamed(rule, vectors, f, params).aggregate), opts);
              row.ratio64byzflConventions = ratio(row.byzflConventions64, row.byzfl64);
              const theirs = byzfl64?.outputs[`${rule}@byzfl`];
              row.maxRelDiffByzfl = theirs ? maxRelDiff(same, theirs) : null;
              if (byzflNote) row.note = byzflNote;
            }
            const bm = BM_AS_WRITTEN[rule];
            if (bm && (bm64 || bmNote)) {
              row.bm64 = at(bm64, bm.name);
              let same = out;
              if (bm.conventions) {
                same = aggregateNamed(rule, vectors, f, bm.conventions).aggregate;
                row.bmConventions64 = time(() => (same = aggregateNamed(rule, vectors, f, bm.conventions!).aggregate), opts);
              } else row.bmConventions64 = row.float64;
              row.ratio64bm = ratio(row.bmConventions64, row.bm64);
              const theirs = bm64?.outputs[bm.name];
              row.maxRelDiffBm = theirs && bm.conventions ? maxRelDiff(same, theirs) : null;
              if (bmNote) row.note = bmNote;
            }
            if (np64?.outputs[rule] && !NUMPY_NOT_COMPARABLE.has(rule)) row.maxRelDiffNumpy = maxRelDiff(out, np64.outputs[rule]);
            if (!NUMPY_CATALOGUE.has(rule)) row.note = 'no numpy baseline';
            else if (numpyNote) row.note = numpyNote;
            if ((row.maxRelDiffBm ?? 0) > 1e-12) row.note = `${row.note ? `${row.note}; ` : ''}the output under ByzantineMomentum's conventions differs from its (${row.maxRelDiffBm!.toExponential(1)})`;
            if ((row.maxRelDiffByzfl ?? 0) > 1e-12) row.note = `${row.note ? `${row.note}; ` : ''}the output under ByzFL's conventions differs from ByzFL's (${row.maxRelDiffByzfl!.toExponential(1)})`;
          } catch (e) {
            row.note = (e as Error).message;
          }
        }
        rows.push(row);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (process.stdout.isTTY) process.stdout.write(' '.repeat(60) + '\r');
  printTable(
    ['rule', 'n', 'd', 'f', 'f64', 'f64 arena', 'numpy f64', 'np list f64', 'ratio', 'arena ratio', 'list ratio', 'f32', 'f32 arena', 'numpy f32', 'np list f32', 'ratio', 'arena ratio', 'list ratio', 'Δ numpy', 'note'],
    rows.map((r) => [r.rule, String(r.n), r.d.toExponential(0), String(r.f),
      ms(r.float64, 'min'), ms(r.arena64, 'min'), ms(r.numpy64, 'min'), ms(r.numpyList64, 'min'), fmt(r.ratio64), fmt(r.ratio64arena), fmt(r.ratio64list),
      ms(r.float32, 'min'), ms(r.arena32, 'min'), ms(r.numpy32, 'min'), ms(r.numpyList32, 'min'), fmt(r.ratio32), fmt(r.ratio32arena), fmt(r.ratio32list),
      r.maxRelDiffNumpy === null ? '—' : r.maxRelDiffNumpy.toExponential(0), r.note ?? '']),
    22,
  );
  console.log('   ms: fastest call (wall clock). f64/f32: n separate Float64Array/Float32Array; arena: the same values as n rows of one allocateVectors memory (numpy\'s (n, d) layout).');
  console.log('   numpy f64: bench/numpy_baseline.py on the (n, d) float64 array; numpy f32: on it rounded to float32 (numpy computes in float32, as ByzFL on float32 tensors; the workbook accumulates in float64).');
  console.log('   np list: the same baseline handed n separate arrays, stacked by np.array first as ByzFL does with a list of numpy arrays: the same input as f64/f32.');
  console.log('   ratio: f64 or f32 (separate arrays) / numpy on the (n, d) array; arena ratio: arena / numpy on the (n, d) array (the same layout); list ratio: separate arrays / numpy on separate arrays (the same input). ≤ 1 is at least as fast.');
  console.log('   Δ numpy: max |ours − numpy| / max(1, max |numpy|) on float64 inputs (— for bucketing: another permutation).');
  const asWritten = rows.filter((r) => r.byzfl64 !== undefined);
  if (asWritten.length) {
    console.log('\n   The distance rules as ByzFL computes them in numpy (scipy.spatial.distance.cdist over every ordered pair, then its sorts), float64, handed n separate arrays:');
    printTable(['rule', 'n', 'd', 'ours', 'ours, ByzFL conventions', 'ByzFL numpy', 'ratio', 'Δ ByzFL'],
      asWritten.map((r) => [r.rule, String(r.n), r.d.toExponential(0), ms(r.float64, 'min'), ms(r.byzflConventions64 ?? null, 'min'), ms(r.byzfl64 ?? null, 'min'), fmt(r.ratio64byzflConventions ?? null),
        r.maxRelDiffByzfl === null || r.maxRelDiffByzfl === undefined ? '—' : r.maxRelDiffByzfl.toExponential(0)]), 22);
    console.log('   ours: the workbook\'s conventions (MULTI-KRUM m = k = n − f − 2, sums); ours, ByzFL conventions: m = n − f, k = n − f − 1, mean of the distances (Krum, MoNNA, NNM as the workbook\'s);');
    console.log('   ratio: ours with ByzFL\'s conventions / ByzFL (the same output: Δ ByzFL = max |ours − ByzFL| / max(1, max |ByzFL|)). ≤ 1 is at least as fast.');
  }
  const bmRows = rows.filter((r) => r.bm64 !== undefined);
  if (bmRows.length) {
    console.log(`\n   ByzantineMomentum's rules on torch (bench/torch_baseline.py, float64, n tensors, ${cpus().length} intra-op threads):`);
    printTable(['rule', 'n', 'd', 'ours', 'ours, its conventions', 'ByzantineMomentum', 'ratio', 'Δ', 'note'],
      bmRows.map((r) => [r.rule === 'aggregathor' ? 'aggregathor / its bulyan' : r.rule, String(r.n), r.d.toExponential(0), ms(r.float64, 'min'), ms(r.bmConventions64 ?? null, 'min'), ms(r.bm64 ?? null, 'min'), fmt(r.ratio64bm ?? null),
        r.maxRelDiffBm === null || r.maxRelDiffBm === undefined ? '—' : r.maxRelDiffBm.toExponential(0), r.note ?? '']), 22);
    console.log('   ours, its conventions: KRUM and MULTI-KRUM with k = n − f − 1 and Euclidean distances (MULTI-KRUM m = n − f − 2), MEDIAN and MEAMED with even: \'lower\', AGGREGATHOR (its bulyan) with Euclidean distances and scoreUpdate: \'frozen\'; the others as the workbook\'s defaults.');
    console.log('   ratio: ours with its conventions / ByzantineMomentum (Δ = max |ours − its| / max(1, max |its|)). ≤ 1 is at least as fast.');
  }
  for (const r of rows.filter((x) => x.rule === 'average' && x.numpy32f64acc)) {
    console.log(`   average, n = ${r.n}, d = ${r.d.toExponential(0)}: numpy's float32 mean accumulated in float64 (X32.mean(axis=0, dtype=float64), the workbook's work) ${ms(r.numpy32f64acc!, 'min')} ms: ratio ${fmt(r.float32!.min / r.numpy32f64acc!.min)} (arrays), ${fmt(r.arena32!.min / r.numpy32f64acc!.min)} (arena).`);
  }
  const ns = [...new Set(sizes.map((s) => s.n))], ds = [...new Set(sizes.map((s) => s.d))];
  console.log('\n   Fitted exponents of the float64 time (separate arrays): time ∝ n^a at fixed d, time ∝ d^b at fixed n');
  printTable(
    ['rule', ...ds.map((d) => `a (d=${d.toExponential(0)})`), ...ns.map((n) => `b (n=${n})`)],
    rules.map((rule) => {
      const fit = (xs: CatalogueRow[], by: 'n' | 'd') => {
        const ok = xs.filter((r) => r.float64);
        return fmt(fittedExponent(ok.map((r) => r[by]), ok.map((r) => r.float64!.min)));
      };
      return [rule, ...ds.map((d) => fit(rows.filter((r) => r.rule === rule && r.d === d), 'n')), ...ns.map((n) => fit(rows.filter((r) => r.rule === rule && r.n === n), 'd'))];
    }),
    22,
  );
  return rows;
}

function measureKernels(vectors: Vectors, limits: MachineLimits, minSeconds: number, referenceBudget: number): KernelRow[] {
  const n = vectors.length, d = vectors[0].length;
  const flopsAt = (perPairCoordinate: number) => (perPairCoordinate * d * n * (n - 1)) / 2;
  const bytes = n * d * 8;
  // the per-pair loop of reference.ts: the "before" of the distance kernel
  let referenceMs: number | null = null;
  const predictedRef = (flopsAt(3) / 1e9) / Math.max(0.5, limits.jsMultiplyAddGflops / 4);
  if (predictedRef < referenceBudget / 4) {
    const t = time(() => {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) distanceRef(vectors[i], vectors[j]);
    }, { minSeconds, maxReps: 10 });
    referenceMs = t.min * 1e3;
  }
  const rows: KernelRow[] = [];
  for (const kernel of ['wasm-simd', 'wasm-simd-difference', 'js'] as const) {
    if (kernel !== 'js' && resolveDistanceKernel() !== 'wasm-simd') continue;
    const out = new Float64Array(n * n);
    const t = time(() => pairwiseDistances(vectors, 'squared', out, kernel), { minSeconds });
    const perPairCoordinate = kernel === 'wasm-simd' ? 2 : 3;
    const flops = flopsAt(perPairCoordinate);
    const row: KernelRow = {
      n, d, kernel, flopsPerPairCoordinate: perPairCoordinate, ms: t.min * 1e3, cpuMs: t.cpu * 1e3,
      gflops: flops / t.min / 1e9, gflopsCpu: flops / t.cpu / 1e9,
      fractionOfPeak: limits.wasmSimdMultiplyAddGflops ? flops / t.min / 1e9 / limits.wasmSimdMultiplyAddGflops : null,
      gbPerSecond: bytes / t.min / 1e9,
      fractionOfCopyBandwidth: bytes / t.min / 1e9 / limits.copyBandwidthGBs,
      referenceMs,
    };
    if (kernel === 'wasm-simd') {
      row.recomputed = lastGramCall.pairBlocks ? lastGramCall.recomputed / lastGramCall.pairBlocks : 0;
      row.differenceBlocks = lastGramCall.differenceBlocks;
    }
    rows.push(row);
  }
  return rows;
}

if (require.main === module) main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
