/**
 * The shared unit folder (lib/cluster/unitCache) that notebook kernels use
 * to compute the trials several notebooks run once. What must hold:
 *
 * - a unit found in the folder is not computed again, and comes back as the
 *   very value that was computed (Float64Array, NaN, ±Infinity, −0 included);
 * - what is not there, or does not decode (truncated, another unit's file),
 *   is computed, and the file rewritten;
 * - another build of the library never reads this build's values;
 * - a folder that cannot be written costs the sharing, never the value;
 * - end to end: a process started with AGGREGATHOR_UNIT_CACHE reads back
 *   every unit another process computed for the same claim, and its results
 *   are the same bytes as a process that computed everything itself.
 *
 * Run: npm run build && node --test dist/property-tests/unit-cache.test.js
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { unitCacheFolder } from '../lib/cluster/unitCache';
import { decodeUnitFile, unitFileName } from '../lib/cluster/unitFile';
import { clearUnits, defineUnit, unitKey, useUnitStore } from '../lib/parallel/units';

const SEED = 20190331;
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-unit-cache-'));
const LIB = path.resolve(__dirname, '..', 'lib', 'index.js');

/** A unit whose every computation is counted: a store that works means fewer computations. */
let computed = 0;
const probe = defineUnit<{ values: number[] }, { array: Float64Array; list: number[] }>('test-unit-cache-probe', ({ values }) => {
  computed++;
  return { array: Float64Array.from(values), list: values.slice() };
}, () => 0);

/** Runs `get` with an empty memory (as a fresh process would) and the given store. */
function freshGet(store: ReturnType<typeof unitCacheFolder> | undefined, values: number[]) {
  clearUnits();
  useUnitStore(store);
  try {
    return probe.get({ values });
  } finally {
    useUnitStore(undefined);
    clearUnits();
  }
}

/** Doubles as JSON cannot carry them: NaN, ±Infinity and −0 must survive the folder bit for bit. */
const anyDoubles = fc.array(fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0)), { maxLength: 12 });

test('a unit found in the folder is not computed again, and is the value that was computed', () => {
  let n = 0;
  fc.assert(fc.property(anyDoubles, (values) => {
    const store = unitCacheFolder(path.join(WORK, `same-${n++}`), 'a'.repeat(64));
    const before = computed;
    const first = freshGet(store, values);
    const second = freshGet(store, values);
    assert.equal(computed - before, 1, 'computed once, read back once');
    assert.deepEqual(store.counts, { hits: 1, misses: 1, saved: 1 });
    assert.ok(second.array instanceof Float64Array);
    assert.deepEqual([...second.array].map((x) => Object.is(x, -0) ? '-0' : String(x)), values.map((x) => Object.is(x, -0) ? '-0' : String(x)));
    assert.deepEqual(second, first);
  }), { seed: SEED, numRuns: 60 });
});

test('a file that does not decode is a miss: the unit is computed and the file rewritten', () => {
  const store = unitCacheFolder(path.join(WORK, 'corrupt'), 'b'.repeat(64));
  const values = [1, 2, 3];
  freshGet(store, values);
  const file = path.join(store.folder, unitFileName(unitKey(probe.call({ values }))));
  const whole = fs.readFileSync(file);
  for (const broken of [whole.subarray(0, whole.length - 3), Buffer.from('not a unit file'), Buffer.alloc(0)]) {
    fs.writeFileSync(file, broken);
    const before = computed;
    assert.deepEqual(freshGet(store, values).list, values);
    assert.equal(computed - before, 1, 'a broken file is never taken for the value');
    const rewritten = decodeUnitFile(fs.readFileSync(file), unitKey(probe.call({ values })));
    assert.ok(rewritten.ok && rewritten.value && (rewritten.value as { list: number[] }).list.join() === values.join(), 'rewritten whole');
  }
  // Another unit's file filed under this key (a copied folder, a hash clash) is refused by its header.
  const other = path.join(store.folder, unitFileName(unitKey(probe.call({ values: [4] }))));
  freshGet(store, [4]);
  fs.copyFileSync(other, file);
  const before = computed;
  assert.deepEqual(freshGet(store, values).list, values);
  assert.equal(computed - before, 1);
});

test('another build of the library does not read this build\'s values', () => {
  const dir = path.join(WORK, 'builds');
  const values = [7, 8];
  freshGet(unitCacheFolder(dir, 'c'.repeat(64)), values);
  const other = unitCacheFolder(dir, 'd'.repeat(64));
  const before = computed;
  freshGet(other, values);
  assert.equal(computed - before, 1);
  assert.deepEqual(other.counts, { hits: 0, misses: 1, saved: 1 });
});

test('a folder that cannot be written costs the sharing, not the value', () => {
  const blocked = path.join(WORK, 'blocked');
  fs.writeFileSync(blocked, 'a file where the folder would be');
  const store = unitCacheFolder(blocked, 'e'.repeat(64));
  const writes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    assert.deepEqual(freshGet(store, [1]).list, [1]);
    assert.deepEqual(freshGet(store, [2]).list, [2]);
  } finally {
    process.stderr.write = write;
  }
  assert.equal(store.counts.saved, 0);
  assert.equal(writes.length, 1, 'one warning, not one per unit');
  assert.match(writes[0], /unit cache .*cannot write/);
});

test('end to end: a second process with AGGREGATHOR_UNIT_CACHE reads every unit of a claim back, and gives the same results as one without', () => {
  const dir = path.join(WORK, 'claim');
  // L1.10 in quick mode with 4 Monte Carlo trials: the Lemma 1 grid's units, a few seconds.
  const script = (countHits: boolean) => `
    const lib = require(${JSON.stringify(LIB)});
    ${countHits ? 'const store = lib.useUnitCacheFromEnvironment();' : ''}
    lib.runClaim('L1.10', { mode: 'quick', seed: 3, sampleTrials: 4 }).then((results) => {
      process.stdout.write(JSON.stringify({ results${countHits ? ', counts: store && store.counts' : ''} }));
    });`;
  const node = (code: string, env: NodeJS.ProcessEnv) => {
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', env, timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { results: unknown[]; counts?: { hits: number; misses: number; saved: number } };
  };
  const plain = { ...process.env };
  delete plain.AGGREGATHOR_UNIT_CACHE;
  const withCache = { ...plain, AGGREGATHOR_UNIT_CACHE: dir };
  const alone = node(script(false), plain);
  const first = node(script(true), withCache);
  const second = node(script(true), withCache);
  assert.ok(first.counts && first.counts.saved > 10, `the first process files the units it computes: ${JSON.stringify(first.counts)}`);
  assert.deepEqual(second.counts, { hits: first.counts.saved, misses: 0, saved: 0 }, 'the second computes none');
  assert.deepEqual(second.results, alone.results, 'results read back from the folder are those computed in place');
  assert.deepEqual(first.results, alone.results);
});
